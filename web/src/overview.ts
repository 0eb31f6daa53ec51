/** The overview (watched races, newest alerts, coordinated groups) and a race's page. */
import { api, enc } from './client.js';
import { KIND_COLOURS, KIND_ORDER } from './charts.js';
import { fmtScore, fmtTime, h, mount, queryParams, setQueryParams } from './dom.js';
import { caveat, incidentLink, kindBadges, kindLabel, link, networkLink, raceLink, raceName } from './links.js';
import { alertList } from './pages.js';
import { bucketTime, timelineView, type Bucket, type Series, type TimeData } from './timeline.js';

export async function overviewPage(app: HTMLElement): Promise<void> {
  const [data, networks, leads] = await Promise.all([api('/api/v1/overview'), api('/api/v1/networks?limit=20').catch(() => ({ items: [] })), api('/api/v1/leads').catch(() => ({ items: [] }))]);
  const incidents = data.races.reduce((a: number, r: any) => a + r.incidents, 0);
  mount(
    app,
    h('h1', {}, 'Watched races'),
    caveat(),
    h(
      'div',
      { class: 'scroll' },
      h(
        'table',
        { class: 'races' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Race'), h('th', {}, 'Jurisdiction'), h('th', {}, 'Election'), h('th', {}, 'Incidents'), h('th', {}, 'Findings by kind'), h('th', {}, 'Top score'))),
        h(
          'tbody',
          {},
          data.races.map((r: any) =>
            h('tr', { 'data-race': r.id }, h('td', {}, raceLink(r)), h('td', {}, r.jurisdiction), h('td', {}, r.electionDate), h('td', { class: 'num' }, r.incidents), h('td', {}, kindBadges(r.findingsByKind ?? {})), h('td', { class: 'num' }, fmtScore(r.topScore))),
          ),
        ),
      ),
    ),
    h('p', { class: 'muted' }, `${data.posts.toLocaleString('en-US')} posts in the store. `, link('/search', 'Search them')),
    leads.items.length ? h('p', { class: 'leads-link' }, link('/leads', `Leads from news reports (${leads.items.length})`), ` — ${leads.items.filter((l: any) => l.status === 'suggested').length} awaiting review`) : null,
    h('h2', {}, 'Newest alerts'),
    alertList(data.alerts, incidents),
    networks.items.length
      ? [
          h('h2', {}, 'Coordinated groups'),
          h('ul', { class: 'groups' }, networks.items.map((g: any) => h('li', {}, networkLink(g.id, g.label ?? g.id), ` — ${g.accounts} accounts, score ${fmtScore(g.score)}`))),
          h('p', {}, link('/networks', 'All coordinated groups')),
        ]
      : null,
  );
}

// ---------------------------------------------------------------- race

/** Findings per bucket and kind, with candidate mentions behind, as chart series. */
export function raceSeries(buckets: { t: string; counts: Record<string, number>; mentions?: Record<string, number> }[]): TimeData {
  const t = buckets.map((b) => bucketTime(b.t));
  const kinds = [...KIND_ORDER, ...new Set(buckets.flatMap((b) => Object.keys(b.counts)).filter((k) => !KIND_ORDER.includes(k)))].filter((k) => buckets.some((b) => b.counts[k]));
  const series: Series[] = kinds.map((k) => ({ label: kindLabel(k), colour: KIND_COLOURS[k] ?? '#8a96a3', values: buckets.map((b) => b.counts[k] ?? 0) }));
  if (buckets.some((b) => b.mentions && Object.keys(b.mentions).length)) {
    series.unshift({ label: 'candidate mentions', colour: '#dfe4e9', values: buckets.map((b) => Object.values(b.mentions ?? {}).reduce((a, c) => a + c, 0)), backdrop: true });
  }
  return { t, series };
}

export async function racePage(app: HTMLElement, raceId: string): Promise<void> {
  const params = queryParams();
  const [race, leads] = await Promise.all([api(`/api/v1/races/${enc(raceId)}`), api(`/api/v1/leads?race=${enc(raceId)}`).catch(() => ({ items: [] }))]);
  const list = h('tbody', {});
  const more = h('button', { type: 'button', class: 'more' }, 'More');
  const country = h('select', { name: 'country', 'aria-label': 'Actor country' }, h('option', { value: '' }, 'All countries'));
  const kind = h('select', { name: 'kind', 'aria-label': 'Kind' }, h('option', { value: '' }, 'All kinds'), KIND_ORDER.map((k) => h('option', { value: k, selected: params.get('kind') === k }, kindLabel(k))));
  const status = h('select', { name: 'status', 'aria-label': 'Status' }, h('option', { value: '' }, 'Any status'), ['open', 'reviewing', 'confirmed', 'dismissed'].map((s) => h('option', { value: s, selected: params.get('status') === s }, s)));
  let next: string | undefined;
  let facetsLoaded = false;
  const sel = (e: HTMLElement) => (e as HTMLSelectElement).value;
  async function load(reset: boolean) {
    const q = new URLSearchParams({ limit: '50' });
    if (!facetsLoaded) {
      // The country list arrives with the first page; a shared URL may already name one.
      if (params.get('country')) q.set('country', params.get('country')!);
    } else if (sel(country)) q.set('country', sel(country));
    if (sel(kind)) q.set('kind', sel(kind));
    if (sel(status)) q.set('status', sel(status));
    if (!reset && next) q.set('cursor', next);
    const page = await api(`/api/v1/races/${enc(raceId)}/incidents?${q}`);
    if (!facetsLoaded) {
      for (const cc of page.facets.countries) country.appendChild(h('option', { value: cc, selected: params.get('country') === cc }, cc));
      facetsLoaded = true;
    }
    if (reset) list.replaceChildren();
    for (const i of page.items) {
      list.appendChild(
        h('tr', { class: 'incident-row' }, h('td', {}, incidentLink(i.id, i.title)), h('td', { class: 'num' }, fmtScore(i.score)), h('td', {}, kindBadges(i.kinds)), h('td', {}, i.countries.join(', ')), h('td', {}, i.status), h('td', {}, fmtTime(i.firstSeen)), h('td', {}, fmtTime(i.lastSeen))),
      );
    }
    next = page.next;
    (more as HTMLButtonElement).hidden = !next;
    if (!list.children.length) list.appendChild(h('tr', {}, h('td', { colspan: 7, class: 'muted' }, 'No incidents match.')));
  }
  const onFilter = () => {
    setQueryParams({ country: sel(country), kind: sel(kind), status: sel(status) });
    void load(true);
  };
  for (const s of [country, kind, status]) s.addEventListener('change', onFilter);
  more.addEventListener('click', () => void load(false));
  let mentionsReady = true;
  const timeline = timelineView({
    label: `Findings per ${params.get('bucket') === 'hour' ? 'hour' : 'day'} by kind, over candidate mentions`,
    bucket: params.get('bucket') === 'hour' ? 'hour' : 'day',
    onBucket: (b: Bucket) => setQueryParams({ bucket: b === 'day' ? undefined : b }),
    empty: 'No findings yet.',
    load: async (b) => {
      const tl = await api(`/api/v1/races/${enc(raceId)}/timeline?bucket=${b}`);
      mentionsReady = tl.mentionsReady;
      return raceSeries(tl.buckets);
    },
  });
  mount(
    app,
    h('p', {}, link('/', '← All races')),
    h('h1', {}, raceName(race)),
    h('p', { class: 'muted' }, `${race.office} · ${race.jurisdiction} · election ${race.electionDate} · candidates: ${race.candidates.map((c: any) => c.name).join(', ')} · `, link(`/search?race=${enc(raceId)}`, 'posts about this race')),
    leads.items.length ? h('p', { class: 'leads-link' }, link(`/leads?race=${enc(raceId)}`, `Leads from news reports for this race (${leads.items.length})`)) : null,
    h('h2', {}, `Findings over time (${race.findings ?? ''})`),
    timeline,
    mentionsReady ? null : h('p', { class: 'muted' }, 'Mention counts are still being computed.'),
    h('h2', {}, `Incidents (${race.incidents})`),
    h('div', { class: 'filters' }, country, ' ', kind, ' ', status),
    h('div', { class: 'scroll' }, h('table', { class: 'incidents' }, h('thead', {}, h('tr', {}, ['Incident', 'Score', 'Kinds', 'Countries', 'Status', 'First seen', 'Last seen'].map((t) => h('th', {}, t)))), list)),
    more,
  );
  await load(true);
}

// ---------------------------------------------------------------- incidents

/** Incidents of every race, highest score first, filtered by status, holder and race (kept in the URL), paged. */
export async function incidentsPage(app: HTMLElement): Promise<void> {
  const params = queryParams();
  const overview = await api('/api/v1/overview');
  const races = new Map<string, any>(overview.races.map((r: any) => [r.id, r]));
  const filter = new URLSearchParams({ limit: '100' });
  for (const k of ['status', 'assignee', 'race']) if (params.get(k)) filter.set(k, params.get(k)!);
  const first = await api(`/api/v1/incidents?${filter}`);
  const select = (name: string, label: string, any: string, options: [string, string][]) =>
    h('select', { name, 'aria-label': label }, h('option', { value: '' }, any), options.map(([v, t]) => h('option', { value: v, selected: params.get(name) === v }, t)));
  const status = select('status', 'Status', 'Any status', ['open', 'reviewing', 'confirmed', 'dismissed'].map((s) => [s, s]));
  const assignee = select('assignee', 'Held by', 'Held by anyone or no one', [['none', 'nobody'], ...first.assignees.map((a: string) => [a, a] as [string, string])]);
  const race = select('race', 'Race', 'Every race', overview.races.map((r: any) => [r.id, raceName(r)]));
  for (const s of [status, assignee, race]) {
    s.addEventListener('change', () => {
      const v = (e: HTMLElement) => (e as HTMLSelectElement).value;
      setQueryParams({ status: v(status), assignee: v(assignee), race: v(race) });
      void incidentsPage(app);
    });
  }
  const body = h('tbody', {});
  const more = h('button', { type: 'button', class: 'more' }, 'More');
  const add = (page: any) => {
    for (const i of page.items) {
      const r = races.get(i.raceId);
      body.appendChild(
        h('tr', { class: 'incident-row' }, h('td', {}, incidentLink(i.id, i.title)), h('td', {}, r ? raceLink(r) : i.raceId), h('td', { class: 'num' }, fmtScore(i.score)), h('td', { class: 'num' }, i.findingCount), h('td', {}, i.status), h('td', { class: 'assignee' }, i.assignee ?? '—'), h('td', {}, fmtTime(i.lastSeen))),
      );
    }
    (more as HTMLButtonElement).hidden = !page.next;
    more.dataset.next = page.next ?? '';
  };
  more.addEventListener('click', async () => add(await api(`/api/v1/incidents?${filter}&cursor=${enc(more.dataset.next ?? '')}`)));
  add(first);
  mount(
    app,
    h('h1', {}, 'Incidents'),
    caveat(),
    h('div', { class: 'filters' }, status, ' ', assignee, ' ', race),
    h('p', { class: 'muted' }, `${first.total} incidents.`),
    h(
      'div',
      { class: 'scroll' },
      h('table', { class: 'incidents all-incidents' }, h('thead', {}, h('tr', {}, ['Incident', 'Race', 'Score', 'Findings', 'Status', 'Held by', 'Last seen'].map((t) => h('th', {}, t)))), body),
    ),
    more,
  );
}
