/**
 * Leads from news reports (issue 12): the list and one lead, with Confirm/Dismiss for analysts.
 * Everything in a lead comes from an article (hostile text): it reaches the page only through h(),
 * as text nodes. Links are made only to this dashboard's own pages.
 */
import { api, ApiFailure, enc } from './client.js';
import { fmtTime, h, mount, type Child } from './dom.js';

const link = (path: string, ...text: Child[]) => h('a', { href: path, 'data-link': true }, ...text);
const words = (s: string) => s.replace(/_/g, ' ');
const badges = (kinds: string[]) => h('span', { class: 'badges' }, kinds.map((k) => h('span', { class: `badge a-${k}` }, words(k))));
const statusBadge = (s: string) => h('span', { class: `badge lead-${s}`, 'data-status': s }, s);
const caveat = () => h('p', { class: 'caveat' }, 'A lead is what a news report alleges, not a finding: an analyst confirms or dismisses it. The grade is a suggestion.');

interface Names {
  races: Map<string, string>;
  candidates: Map<string, string>;
}

/** Race offices and candidate names for the ids a lead holds (ids shown when the watchlist lacks them). */
async function names(): Promise<Names> {
  const out: Names = { races: new Map(), candidates: new Map() };
  const data = await api('/api/v1/races?limit=500').catch(() => ({ items: [] }));
  for (const r of data.items ?? []) {
    out.races.set(r.id, r.jurisdiction ? `${r.office} (${r.jurisdiction})` : r.office);
    for (const c of r.candidates ?? []) out.candidates.set(c.id, c.name);
  }
  return out;
}

const raceLinks = (ids: string[], n: Names) => (ids.length ? ids.map((id, i) => [i ? ', ' : '', link(`/race/${enc(id)}`, n.races.get(id) ?? id)]) : '—');

/** The accused: a registry match links to its actor; an unmatched one is marked "proposed". */
function accusedList(lead: any): Child {
  if (!lead.accused.length) return '—';
  return lead.accused.map((a: any, i: number) => {
    const proposed = a.actor_id ? undefined : lead.proposed_actors.find((p: any) => p.mention === a.name || p.name === a.name);
    return [
      i ? ', ' : '',
      h(
        'span',
        { class: a.actor_id ? 'accused registry' : 'accused proposed' },
        a.actor_id ? link(`/actor/${enc(a.actor_id)}`, a.name) : a.name,
        ' ',
        a.actor_id ? h('span', { class: 'muted' }, `(registry: ${a.actor_id})`) : h('span', { class: 'badge proposed' }, proposed ? proposed.id : 'proposed'),
      ),
    ];
  });
}

const gradeText = (g: any) => `${g.level} (${g.total}/12)`;

// ---------------------------------------------------------------- list

export async function leadsPage(app: HTMLElement): Promise<void> {
  const raceId = new URLSearchParams(location.search).get('race') ?? '';
  const [data, n] = await Promise.all([api(`/api/v1/leads${raceId ? `?race=${enc(raceId)}` : ''}`), names()]);
  mount(
    app,
    h('p', {}, raceId ? link(`/race/${enc(raceId)}`, `← ${n.races.get(raceId) ?? raceId}`) : link('/', '← All races')),
    h('h1', {}, raceId ? `Leads: ${n.races.get(raceId) ?? raceId}` : 'Leads from news reports'),
    caveat(),
    data.items.length
      ? h(
          'table',
          { class: 'leads' },
          h('thead', {}, h('tr', {}, ['Lead', 'Accusers', 'Accused', 'Race', 'Allegations', 'Grade', 'Status'].map((t) => h('th', {}, t)))),
          h(
            'tbody',
            {},
            data.items.map((l: any) =>
              h(
                'tr',
                { class: 'lead-row', 'data-lead': l.id },
                h('td', {}, link(`/lead/${enc(l.id)}`, l.title || l.article)),
                h('td', {}, l.accusers.join(', ') || '—'),
                h('td', {}, accusedList(l)),
                h('td', {}, raceLinks(l.race_ids, n)),
                h('td', {}, badges(l.allegations)),
                h('td', { class: 'grade' }, `suggested: ${gradeText(l.grade)}`),
                h('td', {}, statusBadge(l.status)),
              ),
            ),
          ),
        )
      : h('p', { class: 'muted' }, raceId ? 'No leads for this race.' : 'No leads yet: run `vigil leads` on news reports.'),
  );
}

// ---------------------------------------------------------------- one lead

export async function leadPage(app: HTMLElement, id: string): Promise<void> {
  const [lead, n, me] = await Promise.all([api(`/api/v1/leads/${enc(id)}`), names(), api('/api/v1/me').catch(() => ({ role: 'viewer' }))]);
  const analyst = me.role === 'analyst';
  const note = h('textarea', { name: 'lead-note', rows: 3, maxlength: 4000, placeholder: analyst ? 'Note (optional)' : 'Only analysts can review leads', disabled: !analyst });
  const msg = h('span', { class: 'muted', role: 'status' });
  const act = (action: 'confirm' | 'dismiss', label: string) => {
    const b = h('button', { type: 'button', name: action, disabled: !analyst, title: analyst ? undefined : 'Only analysts can review leads' }, label);
    b.addEventListener('click', async () => {
      const text = (note as HTMLTextAreaElement).value.trim();
      try {
        const updated = await api(`/api/v1/leads/${enc(id)}`, { method: 'PATCH', body: text ? { action, note: text } : { action } });
        await leadPage(app, id);
        const status = document.querySelector('[role=status].lead-msg');
        if (status) mount(status, updated.status === 'confirmed' ? (updated.incident_id ? 'Confirmed: filed into the incident.' : 'Confirmed.') : 'Dismissed.');
      } catch (err) {
        mount(msg, err instanceof ApiFailure && err.status === 403 ? 'Only analysts can review leads.' : `Not saved: ${(err as Error).message}`);
      }
    });
    return b;
  };
  msg.classList.add('lead-msg');
  const g = lead.grade;
  const archived: Record<string, any> = lead.archived_posts ?? {};
  mount(
    app,
    h('p', {}, link('/leads', '← All leads')),
    h('h1', { class: 'lead-title' }, lead.title || lead.article),
    h('p', { class: 'summary' }, 'Status ', statusBadge(lead.status), ` · suggested grade ${gradeText(g)} · language ${lead.lang}`, lead.dateline ? ` · dateline ${lead.dateline.place}` : '', lead.published_at ? ` · published ${fmtTime(lead.published_at)}` : ''),
    caveat(),
    h('dl', { class: 'registry lead-fields' },
      h('dt', {}, 'Article'), h('dd', {}, h('code', { class: 'article' }, lead.article), h('div', { class: 'muted' }, 'stored as ', h('code', {}, lead.article_ref), ' · SHA-256 ', h('code', { class: 'hash' }, lead.article_sha256))),
      h('dt', {}, 'Accusers'), h('dd', {}, lead.accusers.join(', ') || '—'),
      h('dt', {}, 'Accused'), h('dd', { class: 'accused-list' }, accusedList(lead)),
      h('dt', {}, 'Races'), h('dd', {}, raceLinks(lead.race_ids, n)),
      h('dt', {}, 'Candidates'), h('dd', {}, lead.candidate_ids.map((c: string) => n.candidates.get(c) ?? c).join(', ') || '—'),
      h('dt', {}, 'Allegations'), h('dd', {}, badges(lead.allegations)),
      h('dt', {}, 'Incidents'), h('dd', {}, lead.incident_id ? ['filed into ', link(`/incident/${enc(lead.incident_id)}`, lead.incident_id)] : lead.incident_ids.length ? lead.incident_ids.map((i: string, k: number) => [k ? ', ' : '', link(`/incident/${enc(i)}`, i)]) : 'none of the accused in these races yet'),
    ),
    h('h2', {}, 'What the article alleges'),
    lead.allegation_text.length ? h('ul', { class: 'allegation-text' }, lead.allegation_text.map((t: string) => h('li', {}, h('q', {}, t)))) : h('p', { class: 'muted' }, '—'),
    h('h2', {}, `Quoted posts (${lead.quoted_posts.length})`),
    lead.quoted_posts.length
      ? h(
          'ul',
          { class: 'quoted' },
          lead.quoted_posts.map((q: any) => {
            const post = q.stored_ref ? archived[q.stored_ref] : undefined;
            const where = post ? [post.source?.file, post.source?.line !== undefined ? `line ${post.source.line}` : ''].filter(Boolean).join(' · ') : '';
            return h(
              'li',
              { class: 'quoted-post' },
              h('div', { class: 'who' }, `${q.author_handle ? `@${q.author_handle}` : 'unknown author'} on ${q.platform} · ${q.date ?? 'undated'}`),
              h('blockquote', { class: 'post-text' }, h('div', { class: 'text quote' }, q.text)),
              q.stored_ref
                ? h(
                    'div',
                    { class: 'archive' },
                    'In the archive as ',
                    h('code', { class: 'ref' }, q.stored_ref),
                    q.similarity !== undefined ? ` (similarity ${q.similarity})` : '',
                    post
                      ? h('blockquote', { class: 'post-text archived' }, h('div', { class: 'who' }, `@${post.authorHandle} · ${fmtTime(post.createdAt)}${where ? ` · ${where}` : ''}`), h('div', { class: 'text' }, post.text), h('div', { class: 'hash' }, 'SHA-256 ', h('code', {}, post.contentHash)))
                      : null,
                  )
                : h('div', { class: 'archive missing' }, h('strong', {}, 'Not in the store'), ' (see what to collect next)'),
            );
          }),
        )
      : h('p', { class: 'muted' }, 'The article quotes no post.'),
    h('h2', {}, `Responses (${lead.responses.length})`),
    lead.responses.length ? h('ul', { class: 'responses' }, lead.responses.map((r: any) => h('li', {}, h('strong', {}, r.speaker), ' ', h('span', { class: `badge r-${r.kind}` }, words(r.kind)), ' — ', h('q', {}, r.text)))) : h('p', { class: 'muted' }, 'None reported.'),
    h('h2', {}, 'Collect next'),
    lead.collect_next.length ? h('ul', { class: 'collect' }, lead.collect_next.map((c: string) => h('li', {}, c))) : h('p', { class: 'muted' }, 'Nothing missing.'),
    lead.proposed_actors.length
      ? [h('h3', {}, 'Proposed registry entries'), h('ul', { class: 'proposed-actors' }, lead.proposed_actors.map((p: any) => h('li', {}, h('code', {}, p.id), ` — ${p.name} · ${p.kind} · ${words(p.role)}${p.country ? ` · ${p.country}` : ''}${p.affiliation ? ` · answers to ${p.affiliation}` : ''}`)))]
      : null,
    h('h2', {}, 'Suggested grade (FIAT terms)'),
    h(
      'table',
      { class: 'grade-table' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Criterion'), h('th', {}, 'Score'), h('th', {}, 'Reasons'))),
      h('tbody', {}, ['credibility', 'objectivity', 'evidence', 'transparency'].map((k) => h('tr', {}, h('td', {}, k), h('td', { class: 'num' }, `${g[k].score}/3`), h('td', {}, g[k].reasons.join('; ') || '—')))),
    ),
    h('p', { class: 'muted' }, `Total ${g.total}/12 (${g.level}) — a suggestion: the author's history and the claim's spread are not in the article.`),
    h('h2', {}, 'Analyst review'),
    h('div', { class: 'review' }, h('label', { class: 'note' }, 'Note', note), act('confirm', 'Confirm'), ' ', act('dismiss', 'Dismiss'), ' ', msg, analyst ? null : h('p', { class: 'muted' }, 'Only analysts can confirm or dismiss leads.')),
    lead.notes.length ? h('ul', { class: 'notes' }, lead.notes.map((t: string) => h('li', {}, t))) : null,
  );
}
