/**
 * The incident page (issue 10 part 4): the case at the top — summary, who holds it, the review form
 * (disabled for viewers), the audit trail — then the findings one page at a time, each collapsed,
 * its evidence loaded and paged when opened, with Confirm / Dismiss per finding. Post text is shown
 * as text (dom.ts); filters and the page are in the URL so a view can be shared. Findings ticked
 * on the page can be split off into a new incident of the race (docs/cases.md).
 */
import { api, ApiFailure, enc, type Schemas } from './client.js';
import { fmtScore, fmtTime, h, mount, queryParams, setQueryParams, type Child } from './dom.js';
import { accountLink, actorLink, caveat, kindBadges, kindLabel, link, postItem, raceName } from './links.js';
import './incident.css';

const STATUSES = ['open', 'reviewing', 'confirmed', 'dismissed'];
const PAGE = 50;
const EVIDENCE_PAGE = 20;

/** "Showing 51–100 of 812", with Previous / Next buttons calling `go(offset)`. */
function pager(total: number, offset: number, limit: number, what: string, go: (offset: number) => void): HTMLElement {
  const first = total ? offset + 1 : 0;
  const last = Math.min(total, offset + limit);
  const prev = h('button', { type: 'button', class: 'prev', disabled: offset <= 0 }, '← Previous');
  const next = h('button', { type: 'button', class: 'next', disabled: last >= total }, 'Next →');
  prev.addEventListener('click', () => go(Math.max(0, offset - limit)));
  next.addEventListener('click', () => go(offset + limit));
  return h('div', { class: 'pager' }, h('span', { class: 'count' }, `Showing ${first}–${last} of ${total} ${what}`), ' ', prev, ' ', next);
}

/** One audit-trail entry in words: "Ana Ruiz · 2026-… · status open → reviewing · note …". */
function historyItem(a: Schemas['CaseAction']): HTMLElement {
  const what: Child[] = [];
  if (a.status !== undefined) what.push(h('span', { class: 'change' }, `status ${a.previousStatus ?? '?'} → ${a.status}`));
  if (a.assignee !== undefined) what.push(h('span', { class: 'change' }, a.assignee === null ? 'handed back' : `assigned to ${a.assignee}`));
  if (a.finding) what.push(h('span', { class: 'change' }, `${a.finding.decision === 'open' ? 'reopened' : a.finding.decision} finding ${a.finding.id}`));
  if (a.mergeInto !== undefined) what.push(h('span', { class: 'change' }, a.mergeInto === null ? 'merge undone' : ['merged into ', link(`/incident/${enc(a.mergeInto)}`, a.mergeInto)]));
  if (a.split) what.push(h('span', { class: 'change' }, `split ${a.split.findings.length} finding(s) into `, a.split.into ? link(`/incident/${enc(a.split.into)}`, a.split.into) : 'a new incident'));
  if (a.splitFrom !== undefined) what.push(h('span', { class: 'change' }, a.splitFrom === null ? 'split undone' : [`${a.splitFrom.findings.length} finding(s) split off `, link(`/incident/${enc(a.splitFrom.incident)}`, a.splitFrom.incident)]));
  if (a.unsplit !== undefined) what.push(h('span', { class: 'change' }, 'split ', link(`/incident/${enc(a.unsplit)}`, a.unsplit), ' undone: its findings are back here'));
  return h(
    'li',
    { class: 'action' },
    h('div', { class: 'who' }, h('strong', { class: 'by' }, a.by), ` · ${fmtTime(a.at)} · `, what.flatMap((w, n) => (n ? [' · ', w] : [w]))),
    a.note !== undefined ? h('blockquote', { class: 'note' }, a.note) : null,
  );
}

export async function incidentPage(app: HTMLElement, id: string): Promise<void> {
  const me = await api<Schemas['Me']>('/api/v1/me');
  const canEdit = me.role === 'analyst';
  const params = queryParams();
  const offset = Math.max(0, Number(params.get('offset') ?? 0) || 0);
  const kind = params.get('kind') ?? '';
  const decision = params.get('decision') ?? '';
  const q = new URLSearchParams({ offset: String(offset), limit: String(PAGE) });
  if (kind) q.set('kind', kind);
  if (decision) q.set('decision', decision);
  const data = await api<Schemas['IncidentView']>(`/api/v1/incidents/${enc(id)}?${q}`);
  const i = data.incident;
  const reload = (changes: Record<string, string | undefined> = {}) => {
    setQueryParams(changes);
    return incidentPage(app, id);
  };
  /** One action from a button (a decision, a merge): saved, then the page reloads its data. */
  const act = async (body: Record<string, unknown>, msg: HTMLElement) => {
    try {
      await api(`/api/v1/incidents/${enc(id)}`, { method: 'PATCH', body });
      await reload();
    } catch (err) {
      mount(msg, `Not saved: ${(err as Error).message}`);
    }
  };

  // ---- the review form: status, who holds it, a note; one action per save.
  const status = h('select', { name: 'status', 'aria-label': 'Status' }, STATUSES.map((s) => h('option', { value: s, selected: s === i.status }, s)));
  const assignee = h('input', { name: 'assignee', type: 'text', maxlength: 80, value: i.assignee ?? '', placeholder: 'nobody', 'aria-label': 'Held by' });
  const take = h('button', { type: 'button', class: 'take' }, 'Take it');
  take.addEventListener('click', () => ((assignee as HTMLInputElement).value = me.name));
  const note = h('textarea', { name: 'note', rows: 3, maxlength: 4000, placeholder: 'Add a note' });
  const saveMsg = h('span', { class: 'muted', role: 'status' });
  const save = h('button', { type: 'submit' }, 'Save');
  const form = h(
    'form',
    { class: 'review' },
    h(
      'fieldset',
      { disabled: !canEdit },
      h('legend', {}, 'Review'),
      h('label', {}, 'Status ', status),
      ' ',
      h('label', {}, 'Held by ', assignee),
      ' ',
      take,
      h('label', { class: 'note' }, 'Note', note),
      save,
    ),
    ' ',
    saveMsg,
    canEdit ? null : h('p', { class: 'muted viewer-note' }, 'You are signed in as a viewer: an analyst token is needed to change this case.'),
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body: Record<string, unknown> = {};
    const s = (status as HTMLSelectElement).value;
    const who = (assignee as HTMLInputElement).value.trim();
    const text = (note as HTMLTextAreaElement).value.trim();
    if (s !== i.status) body.status = s;
    if (who !== (i.assignee ?? '')) body.assignee = who || null;
    if (text) body.note = text;
    if (!Object.keys(body).length) return mount(saveMsg, 'Nothing changed.');
    try {
      await api(`/api/v1/incidents/${enc(id)}`, { method: 'PATCH', body });
      await reload();
      const msg = app.querySelector('form.review [role=status]');
      if (msg) mount(msg, 'Saved.');
    } catch (err) {
      mount(saveMsg, err instanceof ApiFailure && err.status === 403 ? 'Only analysts can change incidents.' : `Not saved: ${(err as Error).message}`);
    }
  });

  // ---- merging: this incident into another of its race (or undoing it).
  const mergeMsg = h('span', { class: 'muted', role: 'status' });
  let mergeBlock: HTMLElement;
  if (i.mergedInto) {
    const undo = h('button', { type: 'button', class: 'unmerge', disabled: !canEdit }, 'Undo merge');
    undo.addEventListener('click', () => void act({ mergeInto: null }, mergeMsg));
    mergeBlock = h('p', { class: 'merged notice' }, 'Merged into ', link(`/incident/${enc(i.mergedInto)}`, i.mergedInto), ': its findings are shown and counted there. ', undo, ' ', mergeMsg);
  } else {
    const others = canEdit && !i.mergedFrom?.length ? (await api<Schemas['IncidentList']>(`/api/v1/incidents?race=${enc(i.raceId)}&limit=500`)).items.filter((x) => x.id !== id) : [];
    const target = h('select', { name: 'merge-into', 'aria-label': 'Merge into' }, others.map((x) => h('option', { value: x.id }, x.title)));
    const merge = h('button', { type: 'button', class: 'merge', disabled: !canEdit || !others.length }, 'Merge into');
    merge.addEventListener('click', () => void act({ mergeInto: (target as HTMLSelectElement).value }, mergeMsg));
    mergeBlock = h(
      'div',
      { class: 'merge-form' },
      i.mergedFrom?.length ? h('p', { class: 'merged-from' }, 'Merged into this incident: ', i.mergedFrom.map((m, n) => [n ? ', ' : '', link(`/incident/${enc(m)}`, m)])) : null,
      others.length ? [merge, ' ', target, ' ', mergeMsg] : null,
    );
  }

  // ---- splitting: chosen findings into a new incident of the race, or undoing a split.
  const splitMsg = h('span', { class: 'muted', role: 'status' });
  let splitBlock: Child = null;
  if (i.splitFrom) {
    const undo = h('button', { type: 'button', class: 'unsplit', disabled: !canEdit }, 'Undo split');
    undo.addEventListener('click', () => void act({ splitFrom: null }, splitMsg));
    splitBlock = h('p', { class: 'split-origin notice' }, `Split off `, link(`/incident/${enc(i.splitFrom.incident)}`, i.splitFrom.incident), `: ${i.splitFrom.findings.length} finding(s) moved here. `, undo, ' ', splitMsg);
  } else if (i.splitUndone) {
    splitBlock = h('p', { class: 'split-origin notice' }, 'Split undone: its findings are back in ', link(`/incident/${enc(i.splitUndone)}`, i.splitUndone), '.');
  } else if (i.splitInto?.length) {
    splitBlock = h('p', { class: 'split-into' }, 'Split off this incident: ', i.splitInto.map((m, n) => [n ? ', ' : '', link(`/incident/${enc(m)}`, m)]));
  }
  // One level, as the server enforces: neither a merged incident, one merged into, nor a split is split.
  const splittable = !i.mergedInto && !i.mergedFrom?.length && !i.splitFrom && !i.splitUndone && i.findingIds.length > 1;
  const picked = new Set<string>();
  const splitButton = h('button', { type: 'button', class: 'split', disabled: true }, 'Split into new incident');
  const moveTarget = i.splitInto?.length ? h('select', { name: 'split-into', 'aria-label': 'Move to split' }, i.splitInto.map((m) => h('option', { value: m }, m))) : null;
  const moveButton = moveTarget ? h('button', { type: 'button', class: 'split-move', disabled: true }, 'Move to') : null;
  const pickedCount = h('span', { class: 'muted picked' }, 'No finding selected.');
  const onPick = (fid: string, on: boolean) => {
    if (on) picked.add(fid);
    else picked.delete(fid);
    // A split leaves at least one finding behind.
    const ok = canEdit && picked.size > 0 && picked.size < i.findingIds.length;
    for (const b of [splitButton, moveButton]) if (b) (b as HTMLButtonElement).disabled = !ok;
    mount(pickedCount, picked.size ? `${picked.size} finding(s) selected.` : 'No finding selected.');
  };
  splitButton.addEventListener('click', () => void act({ split: { findings: [...picked] } }, splitMsg));
  moveButton?.addEventListener('click', () => void act({ split: { findings: [...picked], into: (moveTarget as HTMLSelectElement).value } }, splitMsg));
  const splitBar = splittable ? h('div', { class: 'split-form' }, splitButton, ' ', moveButton ? [moveButton, ' ', moveTarget, ' '] : null, pickedCount, ' ', splitMsg) : null;

  // ---- findings: one page, each collapsed; evidence loads when a finding is opened.
  const decide = (fid: string, d: string, msg: HTMLElement) => act({ finding: { id: fid, decision: d } }, msg);
  const f = data.findings;
  const kindSel = h('select', { name: 'kind', 'aria-label': 'Kind' }, h('option', { value: '' }, 'All kinds'), Object.keys(f.byKind).map((k) => h('option', { value: k, selected: k === kind }, `${kindLabel(k)} (${f.byKind[k]})`)));
  const decisionSel = h(
    'select',
    { name: 'decision', 'aria-label': 'Decision' },
    h('option', { value: '' }, 'Any decision'),
    ['open', 'confirmed', 'dismissed'].map((d) => h('option', { value: d, selected: d === decision }, `${d} (${f.byDecision[d] ?? 0})`)),
  );
  for (const sel of [kindSel, decisionSel]) sel.addEventListener('change', () => void reload({ kind: (kindSel as HTMLSelectElement).value, decision: (decisionSel as HTMLSelectElement).value, offset: undefined }));
  const findingItems = f.items.map((x) => findingItem(id, x, canEdit, decide, splittable ? onPick : undefined));

  mount(
    app,
    h('p', {}, data.race ? link(`/race/${enc(data.race.id)}`, `← ${raceName(data.race)}`) : link('/incidents', '← All incidents')),
    h('h1', {}, i.title),
    h(
      'p',
      { class: 'summary' },
      `Score ${fmtScore(i.score)} · `,
      h('span', { class: `status s-${i.status}` }, `status ${i.status}`),
      ' · ',
      h('span', { class: 'held' }, i.assignee ? `held by ${i.assignee}` : 'held by nobody'),
      ` · ${i.findingIds.length} findings · ${fmtTime(i.firstSeen)} – ${fmtTime(i.lastSeen)}`,
    ),
    data.actors.length ? h('p', { class: 'actors' }, 'Actor: ', data.actors.map((a, n) => [n ? ' → ' : '', actorLink(a.id, `${a.name} (${a.country})`)])) : h('p', {}, `Subject: ${i.subject}`),
    data.members.length ? h('p', { class: 'members' }, 'Acting through: ', data.members.map((a, n) => [n ? ', ' : '', actorLink(a.id, `${a.name} (${a.role.replace(/_/g, ' ')})`)])) : null,
    caveat(),
    form,
    mergeBlock,
    splitBlock,
    h('h2', {}, 'History'),
    data.history.length ? h('ol', { class: 'history' }, data.history.map(historyItem)) : h('p', { class: 'muted history-empty' }, 'No analyst action yet.'),
    h('h2', {}, 'Findings'),
    h('div', { class: 'filters' }, kindSel, ' ', decisionSel),
    pager(f.total, f.offset, f.limit, 'findings', (o) => void reload({ offset: o ? String(o) : undefined })),
    splitBar,
    h('ol', { class: 'findings', start: f.offset + 1 }, findingItems),
    f.total > f.limit ? pager(f.total, f.offset, f.limit, 'findings', (o) => void reload({ offset: o ? String(o) : undefined })) : null,
    h('details', { class: 'techniques' }, h('summary', {}, `DISARM techniques (${i.techniques.length})`), i.techniques.length ? h('ul', {}, i.techniques.map((t) => h('li', {}, h('strong', {}, `${t.id} ${t.name}`), ` — ${t.rationale}`))) : h('p', { class: 'muted' }, 'None mapped.')),
    h(
      'details',
      { class: 'legal', open: true },
      h('summary', {}, `Legal indicators (${i.legal.length})`),
      i.legal.length
        ? h('ul', { class: 'legal' }, i.legal.map((l) => h('li', {}, h('strong', {}, `${l.jurisdiction} ${l.provision}`), ` ${l.title} — ${l.rationale}`, h('ul', { class: 'caveats' }, l.caveats.map((c) => h('li', {}, c))))))
        : h('p', { class: 'muted' }, 'None.'),
    ),
    h('h2', {}, 'Export'),
    h(
      'p',
      { class: 'exports' },
      [
        ['html', 'HTML report'],
        ['csv', 'CSV (zip)'],
        ['json', 'JSON'],
        ['stix', 'STIX 2.1'],
      ].map(([fmt, label]) => [h('a', { class: 'button', href: `/api/v1/incidents/${enc(id)}/export?format=${fmt}`, download: true }, label), ' ']),
    ),
  );
}

/** A finding, collapsed: kind, score, time, decision; opened: explanation, decisions, evidence pages. */
function findingItem(
  incidentId: string,
  f: Schemas['FindingRow'],
  canEdit: boolean,
  decide: (fid: string, d: string, msg: HTMLElement) => Promise<void>,
  /** Given where the incident can be split: a checkbox chooses the finding for a split. */
  onPick?: (fid: string, on: boolean) => void,
): HTMLElement {
  const d = f.decision?.decision ?? 'open';
  const msg = h('span', { class: 'muted', role: 'status' });
  const buttons = (['confirmed', 'dismissed', 'open'] as const)
    .filter((x) => x !== d)
    .map((x) => {
      const b = h('button', { type: 'button', class: `decide d-${x}`, disabled: !canEdit }, x === 'confirmed' ? 'Confirm' : x === 'dismissed' ? 'Dismiss' : 'Reopen');
      b.addEventListener('click', () => void decide(f.id, x, msg));
      return b;
    });
  const evidence = h('div', { class: 'evidence' });
  const details = h(
    'details',
    { class: `finding d-${d}`, 'data-id': f.id },
    h(
      'summary',
      {},
      kindBadges([f.kind]),
      ` score ${fmtScore(f.score)} · ${fmtTime(f.observedAt)} · ${f.evidenceCount} evidence`,
      d !== 'open' ? [' · ', h('span', { class: `badge decision d-${d}` }, d)] : null,
      h('div', { class: 'explanation-line' }, f.explanation.split('\n')[0]),
    ),
    h('p', { class: 'explanation' }, f.explanation),
    f.subjects.accounts.length ? h('p', { class: 'accounts' }, 'Accounts: ', f.subjects.accounts.slice(0, 50).map((a, n) => [n ? ', ' : '', accountLink(a)]), f.subjects.accounts.length > 50 ? ` and ${f.subjects.accounts.length - 50} more` : '') : null,
    f.decision ? h('p', { class: 'decided' }, `${d} by ${f.decision.by} · ${fmtTime(f.decision.at)}`, f.decision.note ? [': ', h('q', {}, f.decision.note)] : null) : null,
    h('div', { class: 'decisions' }, buttons, ' ', msg),
    evidence,
  );
  let loaded = false;
  const load = async (offset: number) => {
    const page = await api<Schemas['EvidencePage']>(`/api/v1/incidents/${enc(incidentId)}/evidence?finding=${enc(f.id)}&offset=${offset}&limit=${EVIDENCE_PAGE}`);
    mount(
      evidence,
      h('ul', { class: 'posts' }, page.items.map((e) => (e.post ? postItem(e.post) : h('li', { class: 'ref' }, h('code', {}, e.ref), ` · ${e.source.file}`)))),
      h('details', { class: 'hashes' }, h('summary', {}, 'Sources and SHA-256'), h('table', { class: 'evidence' }, h('tbody', {}, page.items.map((e) => h('tr', {}, h('td', { class: 'ref' }, e.ref), h('td', { class: 'src' }, [e.source.file, e.source.line !== undefined ? `line ${e.source.line}` : ''].filter(Boolean).join(' · ')), h('td', { class: 'hash' }, h('code', {}, e.sha256))))))),
      page.total > page.limit ? pager(page.total, page.offset, page.limit, 'evidence items', (o) => void load(o)) : null,
    );
  };
  details.addEventListener('toggle', () => {
    if ((details as HTMLDetailsElement).open && !loaded) {
      loaded = true;
      void load(0).catch((err) => mount(evidence, h('p', { class: 'muted' }, `Evidence could not be loaded: ${(err as Error).message}`)));
    }
  });
  if (!onPick) return h('li', {}, details);
  const pick = h('input', { type: 'checkbox', class: 'pick', disabled: !canEdit, 'aria-label': `Select finding ${f.id} for a split` });
  pick.addEventListener('change', () => onPick(f.id, (pick as HTMLInputElement).checked));
  return h('li', { class: 'pickable' }, pick, details);
}
