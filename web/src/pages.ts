import { api, ApiFailure, enc } from './client.js';
import { KIND_ORDER, networkChart, timelineChart } from './charts.js';
import { fmtScore, fmtTime, h, mount, type Child } from './dom.js';

const link = (path: string, ...text: Child[]) => h('a', { href: path, 'data-link': true }, ...text);
const kindBadges = (kinds: string[] | Record<string, number>) =>
  h(
    'span',
    { class: 'badges' },
    Array.isArray(kinds)
      ? kinds.map((k) => h('span', { class: `badge k-${k}` }, k.replace(/_/g, ' ')))
      : KIND_ORDER.filter((k) => kinds[k]).map((k) => h('span', { class: `badge k-${k}` }, `${k.replace(/_/g, ' ')} ${kinds[k]}`)),
  );
const caveat = () => h('p', { class: 'caveat' }, 'Indicators for review, with caveats. Nothing here states that anyone broke a law.');

// ---------------------------------------------------------------- overview

export async function overviewPage(app: HTMLElement): Promise<void> {
  const data = await api('/api/v1/overview');
  const networks = await api('/api/v1/networks?limit=20').catch(() => ({ items: [] }));
  const leads = await api('/api/v1/leads').catch(() => ({ items: [] }));
  mount(
    app,
    h('h1', {}, 'Watched races'),
    caveat(),
    h(
      'table',
      { class: 'races' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Race'), h('th', {}, 'Jurisdiction'), h('th', {}, 'Election'), h('th', {}, 'Incidents'), h('th', {}, 'By kind'), h('th', {}, 'Top score'))),
      h(
        'tbody',
        {},
        data.races.map((r: any) =>
          h('tr', { 'data-race': r.id }, h('td', {}, link(`/race/${enc(r.id)}`, r.office)), h('td', {}, r.jurisdiction), h('td', {}, r.electionDate), h('td', { class: 'num' }, r.incidents), h('td', {}, kindBadges(r.incidentsByKind)), h('td', { class: 'num' }, fmtScore(r.topScore))),
        ),
      ),
    ),
    h('p', { class: 'muted' }, `${data.posts.toLocaleString('en-US')} posts in the store.`),
    leads.items.length ? h('p', { class: 'leads-link' }, link('/leads', `Leads from news reports (${leads.items.length})`), ` — ${leads.items.filter((l: any) => l.status === 'suggested').length} awaiting review`) : null,
    h('h2', {}, 'Newest alerts'),
    alertList(data.alerts),
    networks.items.length ? [h('h2', {}, 'Coordinated groups'), h('ul', {}, networks.items.map((g: any) => h('li', {}, link(`/network/${enc(g.id)}`, g.id), ` — ${g.accounts} accounts, score ${fmtScore(g.score)}`)))] : null,
  );
}

export function alertList(alerts: any[]): HTMLElement {
  if (!alerts.length) return h('p', { id: 'alerts', class: 'muted' }, 'No alerts since the server started.');
  return h(
    'ul',
    { id: 'alerts', class: 'alerts' },
    alerts.map((a) => h('li', {}, h('span', { class: 'time' }, fmtTime(a.at)), ' ', h('span', { class: `badge ${a.type}` }, a.type === 'new' ? 'new' : 'score up'), ' ', link(`/incident/${enc(a.incidentId)}`, a.title), ` (${fmtScore(a.score)})`)),
  );
}

// ---------------------------------------------------------------- race

export async function racePage(app: HTMLElement, raceId: string): Promise<void> {
  const [race, tl, leads] = await Promise.all([api(`/api/v1/races/${enc(raceId)}`), api(`/api/v1/races/${enc(raceId)}/timeline?bucket=day`), api(`/api/v1/leads?race=${enc(raceId)}`).catch(() => ({ items: [] }))]);
  const list = h('tbody', {});
  const more = h('button', { type: 'button', class: 'more' }, 'More');
  const country = h('select', { name: 'country', 'aria-label': 'Actor country' }, h('option', { value: '' }, 'All countries'));
  const kind = h('select', { name: 'kind', 'aria-label': 'Kind' }, h('option', { value: '' }, 'All kinds'), KIND_ORDER.map((k) => h('option', { value: k }, k.replace(/_/g, ' '))));
  let next: string | undefined;
  let facetsLoaded = false;
  async function load(reset: boolean) {
    const q = new URLSearchParams({ limit: '50' });
    const c = (country as HTMLSelectElement).value;
    const k = (kind as HTMLSelectElement).value;
    if (c) q.set('country', c);
    if (k) q.set('kind', k);
    if (!reset && next) q.set('cursor', next);
    const page = await api(`/api/v1/races/${enc(raceId)}/incidents?${q}`);
    if (!facetsLoaded) {
      for (const cc of page.facets.countries) country.appendChild(h('option', { value: cc }, cc));
      facetsLoaded = true;
    }
    if (reset) list.replaceChildren();
    for (const i of page.items) {
      list.appendChild(
        h('tr', { class: 'incident-row' }, h('td', {}, link(`/incident/${enc(i.id)}`, i.title)), h('td', { class: 'num' }, fmtScore(i.score)), h('td', {}, kindBadges(i.kinds)), h('td', {}, i.countries.join(', ')), h('td', {}, i.status), h('td', {}, fmtTime(i.firstSeen)), h('td', {}, fmtTime(i.lastSeen))),
      );
    }
    next = page.next;
    (more as HTMLButtonElement).hidden = !next;
    if (!list.children.length) list.appendChild(h('tr', {}, h('td', { colspan: 7, class: 'muted' }, 'No incidents match.')));
  }
  country.addEventListener('change', () => void load(true));
  kind.addEventListener('change', () => void load(true));
  more.addEventListener('click', () => void load(false));
  mount(
    app,
    h('p', {}, link('/', '← All races')),
    h('h1', {}, race.office),
    h('p', { class: 'muted' }, `${race.jurisdiction} · election ${race.electionDate} · candidates: ${race.candidates.map((c: any) => c.name).join(', ')}`),
    leads.items.length ? h('p', { class: 'leads-link' }, link(`/leads?race=${enc(raceId)}`, `Leads from news reports for this race (${leads.items.length})`)) : null,
    h('h2', {}, `Findings over time (${tl.findings})`),
    timelineChart(tl.buckets),
    h('p', { class: 'legend' }, KIND_ORDER.map((k) => h('span', { class: `badge k-${k}` }, k.replace(/_/g, ' '))), h('span', { class: 'badge mentions' }, 'candidate mentions'), tl.mentionsReady ? null : h('span', { class: 'muted' }, ' (mention counts still being computed)')),
    h('h2', {}, `Incidents (${race.incidents})`),
    h('div', { class: 'filters' }, country, ' ', kind),
    h('table', { class: 'incidents' }, h('thead', {}, h('tr', {}, ['Incident', 'Score', 'Kinds', 'Countries', 'Status', 'First seen', 'Last seen'].map((t) => h('th', {}, t)))), list),
    more,
  );
  await load(true);
}

// ---------------------------------------------------------------- incident

export async function incidentPage(app: HTMLElement, id: string): Promise<void> {
  const data = await api(`/api/v1/incidents/${enc(id)}`);
  const i = data.incident;
  const postsByRef = new Map<string, any>(data.posts.map((p: any) => [`${p.platform}:${p.id}`, p]));
  const status = h('select', { name: 'status', 'aria-label': 'Status' }, ['open', 'reviewing', 'confirmed', 'dismissed'].map((s) => h('option', { value: s, selected: s === i.status }, s)));
  const note = h('textarea', { name: 'note', rows: 3, maxlength: 4000, placeholder: 'Add a note (analysts)' });
  const saveMsg = h('span', { class: 'muted', role: 'status' });
  const notes = h('ul', { class: 'notes' }, i.notes.map((n: string) => h('li', {}, n)));
  const save = h('button', { type: 'button' }, 'Save');
  save.addEventListener('click', async () => {
    try {
      const text = (note as HTMLTextAreaElement).value.trim();
      const updated = await api(`/api/v1/incidents/${enc(id)}`, { method: 'PATCH', body: text ? { status: (status as HTMLSelectElement).value, note: text } : { status: (status as HTMLSelectElement).value } });
      mount(notes, updated.notes.map((n: string) => h('li', {}, n)));
      (note as HTMLTextAreaElement).value = '';
      mount(saveMsg, 'Saved.');
    } catch (err) {
      mount(saveMsg, err instanceof ApiFailure && err.status === 403 ? 'Only analysts can change incidents.' : `Not saved: ${(err as Error).message}`);
    }
  });
  mount(
    app,
    h('p', {}, data.race ? link(`/race/${enc(data.race.id)}`, `← ${data.race.office}`) : link('/', '← All races')),
    h('h1', {}, i.title),
    h('p', { class: 'summary' }, `Score ${fmtScore(i.score)} · status ${i.status} · ${i.findingIds.length} findings · ${fmtTime(i.firstSeen)} – ${fmtTime(i.lastSeen)}`),
    data.actors.length ? h('p', {}, 'Actor: ', data.actors.map((a: any, n: number) => [n ? ' → ' : '', link(`/actor/${enc(a.id)}`, `${a.name} (${a.country})`)])) : h('p', {}, `Subject: ${i.subject}`),
    caveat(),
    h('h2', {}, 'Findings'),
    h(
      'ol',
      { class: 'findings' },
      data.findings.map((f: any) =>
        h(
          'li',
          { class: 'finding' },
          h('div', {}, h('span', { class: `badge k-${f.kind}` }, f.kind), ` score ${fmtScore(f.score)} · ${fmtTime(f.observedAt)}`),
          h('p', { class: 'explanation' }, f.explanation),
          h(
            'table',
            { class: 'evidence' },
            h('thead', {}, h('tr', {}, h('th', {}, 'Evidence'), h('th', {}, 'Source'), h('th', {}, 'SHA-256'))),
            h(
              'tbody',
              {},
              f.evidence.map((e: any) => {
                const post = postsByRef.get(e.ref);
                const where = [e.source.file, e.source.line !== undefined ? `line ${e.source.line}` : '', e.source.cursor !== undefined ? `cursor ${e.source.cursor}` : ''].filter(Boolean).join(' · ');
                return h(
                  'tr',
                  {},
                  h('td', {}, h('div', { class: 'ref' }, e.ref), post ? h('blockquote', { class: 'post-text' }, h('div', { class: 'who' }, `@${post.authorHandle} · ${fmtTime(post.createdAt)}`), h('div', { class: 'text' }, post.text)) : null),
                  h('td', { class: 'src' }, where),
                  h('td', { class: 'hash' }, h('code', {}, e.sha256)),
                );
              }),
            ),
          ),
        ),
      ),
    ),
    h('h2', {}, 'DISARM techniques'),
    i.techniques.length ? h('ul', {}, i.techniques.map((t: any) => h('li', {}, h('strong', {}, `${t.id} ${t.name}`), ` — ${t.rationale}`))) : h('p', { class: 'muted' }, 'None mapped.'),
    h('h2', {}, 'Legal indicators'),
    i.legal.length
      ? h('ul', { class: 'legal' }, i.legal.map((l: any) => h('li', {}, h('strong', {}, `${l.jurisdiction} ${l.provision}`), ` ${l.title} — ${l.rationale}`, h('ul', { class: 'caveats' }, l.caveats.map((c: string) => h('li', {}, c))))))
      : h('p', { class: 'muted' }, 'None.'),
    h('h2', {}, 'Analyst review'),
    h('div', { class: 'review' }, h('label', {}, 'Status ', status), h('label', { class: 'note' }, 'Note', note), save, ' ', saveMsg),
    notes,
    h('h2', {}, 'Export'),
    h('p', { class: 'exports' }, ['html', 'csv', 'json', 'stix'].map((f) => [h('a', { class: 'button', href: `/api/v1/incidents/${enc(id)}/export?format=${f}`, download: true }, f.toUpperCase()), ' '])),
  );
}

// ---------------------------------------------------------------- actor

export async function actorPage(app: HTMLElement, id: string): Promise<void> {
  const d = await api(`/api/v1/actors/${enc(id)}`);
  const a = d.actor;
  mount(
    app,
    h('p', {}, link('/', '← All races')),
    h('h1', {}, a.name),
    h('dl', { class: 'registry' },
      h('dt', {}, 'Kind'), h('dd', {}, `${a.kind} · ${a.role.replace(/_/g, ' ')}`),
      h('dt', {}, 'Country'), h('dd', {}, a.country),
      h('dt', {}, 'Aliases'), h('dd', {}, a.aliases.join(', ') || '—'),
      h('dt', {}, 'Handles'), h('dd', {}, Object.entries(a.handles).map(([p, hs]) => `${p}: ${(hs as string[]).join(', ')}`).join(' · ') || '—'),
      h('dt', {}, 'Valid'), h('dd', {}, `${a.validFrom ?? '…'} – ${a.validTo ?? '…'}`),
      h('dt', {}, 'Sources'), h('dd', {}, h('ul', {}, a.sources.map((s: string) => h('li', {}, s)))),
    ),
    h('h2', {}, 'Affiliation chain'),
    h('p', {}, d.chain.map((c: any, n: number) => [n ? ' → ' : '', link(`/actor/${enc(c.id)}`, `${c.name} (${c.role.replace(/_/g, ' ')})`)])),
    d.members.length ? [h('h2', {}, 'Answering to this actor'), h('ul', {}, d.members.map((m: any) => h('li', {}, link(`/actor/${enc(m.id)}`, m.name))))] : null,
    h('h2', {}, 'Incidents'),
    d.incidents.length ? h('ul', {}, d.incidents.map((i: any) => h('li', {}, link(`/incident/${enc(i.id)}`, i.title), ` (${fmtScore(i.score)})`))) : h('p', { class: 'muted' }, 'None.'),
    h('h2', {}, 'Posts about watched races'),
    d.posts.length ? h('ul', { class: 'posts' }, d.posts.map((p: any) => h('li', {}, h('div', { class: 'who' }, `@${p.authorHandle} · ${fmtTime(p.createdAt)}`), h('div', { class: 'text' }, p.text)))) : h('p', { class: 'muted' }, 'None.'),
  );
}

// ---------------------------------------------------------------- network

export async function networkPage(app: HTMLElement, id: string): Promise<void> {
  const g = await api(`/api/v1/networks/${enc(id)}`);
  mount(
    app,
    h('p', {}, link('/', '← All races')),
    h('h1', {}, `Coordinated group ${g.id}`),
    h('p', { class: 'muted' }, `${g.nodes.length} accounts · ${g.edges.length} links · score ${fmtScore(g.score)} · larger dots are registry accounts`),
    networkChart(g.nodes, g.edges),
    h('ul', {}, g.nodes.map((n: any) => h('li', {}, n.id, n.actorId ? [' — ', link(`/actor/${enc(n.actorId)}`, `${n.actorId} (${n.country})`)] : ''))),
  );
}

// ---------------------------------------------------------------- sign-in

export function signInPage(app: HTMLElement, retry: () => void): void {
  const input = h('input', { type: 'password', name: 'token', autocomplete: 'off', 'aria-label': 'Access token' });
  const msg = h('p', { class: 'muted', role: 'status' });
  const form = h('form', {}, h('label', {}, 'Access token ', input), ' ', h('button', { type: 'submit' }, 'Sign in'), msg);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      await api('/api/v1/session', { method: 'POST', body: { token: (input as HTMLInputElement).value } });
      retry();
    } catch {
      mount(msg, 'That token was not accepted.');
    }
  });
  mount(app, h('h1', {}, 'Sign in'), h('p', {}, 'This server needs a viewer or analyst token.'), form);
}
