/**
 * Investigating pages: post search, an account's page, the actor registry and an actor's page, the
 * coordinated groups and one group's network. Filters live in the URL, so a view can be shared.
 */
import { api, enc, type Schemas } from './client.js';
import { KIND_COLOURS, KIND_ORDER } from './charts.js';
import { fmtScore, fmtTime, h, mount, navigate, queryParams, setQueryParams, type Child } from './dom.js';
import { accountLink, actorLink, caveat, incidentLink, kindBadges, kindLabel, link, networkLink, postItem, raceName } from './links.js';
import { networkView } from './network.js';
import { bucketTime, timelineView, toBucket, waveChart, type Bucket, type TimeData } from './timeline.js';

const roleLabel = (r: string) => r.replace(/_/g, ' ');

/** A list of posts paged by the API's cursor ("More" loads the next page). */
function pagedPosts(query: URLSearchParams, empty: string): { list: HTMLElement; more: HTMLElement; load: (reset: boolean) => Promise<void> } {
  const list = h('ol', { class: 'posts' });
  const more = h('button', { type: 'button', class: 'more', hidden: true }, 'More posts');
  let next: string | undefined;
  const load = async (reset: boolean) => {
    const q = new URLSearchParams(query);
    q.set('limit', '50');
    if (!reset && next) q.set('cursor', next);
    const page = await api<Schemas['PostPage']>(`/api/v1/posts?${q}`);
    if (reset) list.replaceChildren();
    for (const p of page.items) list.appendChild(postItem(p));
    if (!list.children.length) list.appendChild(h('li', { class: 'muted' }, empty));
    next = page.next;
    (more as HTMLButtonElement).hidden = !next;
  };
  more.addEventListener('click', () => void load(false));
  return { list, more, load };
}

// ---------------------------------------------------------------- search

const SEARCH_FIELDS = ['q', 'author', 'race', 'kind', 'since', 'until'] as const;

export async function searchPage(app: HTMLElement): Promise<void> {
  const params = queryParams();
  const overview = await api('/api/v1/overview');
  const input = (name: string, label: string, attrs: Record<string, string> = {}) => h('label', {}, label, h('input', { name, value: params.get(name) ?? '', ...attrs }));
  const dateValue = (name: string) => (params.get(name) ?? '').slice(0, 10);
  const form = h(
    'form',
    { class: 'search', role: 'search' },
    input('q', 'Words', { type: 'search', placeholder: 'e.g. do not vote', maxlength: '200' }),
    input('author', 'Author', { placeholder: '@handle', maxlength: '200' }),
    h('label', {}, 'Race', h('select', { name: 'race' }, h('option', { value: '' }, 'Any race'), overview.races.map((r: any) => h('option', { value: r.id, selected: params.get('race') === r.id }, raceName(r))))),
    h('label', {}, 'Finding kind', h('select', { name: 'kind' }, h('option', { value: '' }, 'Any post'), KIND_ORDER.map((k) => h('option', { value: k, selected: params.get('kind') === k }, `evidence of ${kindLabel(k)}`)))),
    h('label', {}, 'From', h('input', { type: 'date', name: 'since', value: dateValue('since') })),
    h('label', {}, 'Before', h('input', { type: 'date', name: 'until', value: dateValue('until') })),
    h('button', { type: 'submit' }, 'Search'),
  );
  const summary = h('p', { class: 'muted', role: 'status' });
  const query = new URLSearchParams();
  for (const f of SEARCH_FIELDS) if (params.get(f)) query.set(f, params.get(f)!);
  const results = pagedPosts(query, 'No posts match.');
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const data = new FormData(form as HTMLFormElement);
    const values: Record<string, string | undefined> = {};
    for (const f of SEARCH_FIELDS) values[f] = String(data.get(f) ?? '').trim() || undefined;
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(values)) if (v) q.set(k, v);
    navigate(`/search?${q}`); // a new search is a step back can return from
  });
  const any = [...query.keys()].length > 0;
  mount(
    app,
    h('h1', {}, 'Search posts'),
    h('p', { class: 'muted' }, 'Words match together and in order, case and accents ignored. Newest first.'),
    form,
    summary,
    any ? [results.list, results.more] : h('p', { class: 'muted' }, 'Enter words, an author, a race or a time range.'),
  );
  if (any) {
    await results.load(true);
    mount(summary, describeQuery(query));
  }
}

function describeQuery(q: URLSearchParams): string {
  const parts = [];
  if (q.get('q')) parts.push(`“${q.get('q')}”`);
  if (q.get('author')) parts.push(`by @${q.get('author')!.replace(/^@/, '')}`);
  if (q.get('race')) parts.push(`race ${q.get('race')}`);
  if (q.get('kind')) parts.push(`evidence of ${kindLabel(q.get('kind')!)}`);
  if (q.get('since')) parts.push(`from ${q.get('since')}`);
  if (q.get('until')) parts.push(`before ${q.get('until')}`);
  return `Posts ${parts.join(', ')}.`;
}

// ---------------------------------------------------------------- account

function activitySeries(rows: { t: string; n: number }[], bucket: Bucket): TimeData {
  const b = toBucket(rows, bucket, (into, r, t) => ({ t, n: (into?.n ?? 0) + r.n }));
  return { t: b.map((r) => bucketTime(r.t)), series: [{ label: 'posts', colour: '#1b5fad', values: b.map((r) => r.n) }] };
}

function findingSeries(rows: { t: string; counts: Record<string, number> }[], bucket: Bucket): TimeData {
  const b = toBucket(rows, bucket, (into, r, t) => {
    const counts: Record<string, number> = { ...(into?.counts ?? {}) };
    for (const [k, n] of Object.entries(r.counts)) counts[k] = (counts[k] ?? 0) + n;
    return { t, counts };
  });
  const kinds = [...new Set(b.flatMap((r) => Object.keys(r.counts)))].sort((x, y) => KIND_ORDER.indexOf(x) - KIND_ORDER.indexOf(y));
  return { t: b.map((r) => bucketTime(r.t)), series: kinds.map((k) => ({ label: kindLabel(k), colour: KIND_COLOURS[k] ?? '#8a96a3', values: b.map((r) => r.counts[k] ?? 0) })) };
}

const bucketParam = (): Bucket => (queryParams().get('bucket') === 'day' ? 'day' : 'hour');

export async function accountPage(app: HTMLElement, id: string): Promise<void> {
  const d = await api<Schemas['Account']>(`/api/v1/accounts/${enc(id)}`);
  const a = d.account;
  const posts = pagedPosts(new URLSearchParams({ author: a.handle }), 'No posts stored for this account.');
  const who: Child[] = [];
  if (d.registry) who.push(h('p', { class: 'registry-entry' }, 'Registry: ', actorLink(d.registry.id, `${d.registry.name} (${d.registry.country}, ${roleLabel(d.registry.role)})`)));
  if (d.candidate) who.push(h('p', {}, 'Candidate: ', d.candidate.name, ' in ', link(`/race/${enc(d.candidate.raceId)}`, d.candidate.raceId)));
  mount(
    app,
    h('h1', {}, `@${a.handle}`),
    h('p', { class: 'muted' }, `${a.platform} · ${d.postsCapped ? `at least ${d.posts}` : d.posts} posts stored · first seen ${d.firstSeen ? fmtTime(d.firstSeen) : 'before the newest posts read'} · last seen ${fmtTime(d.lastSeen ?? undefined)}`),
    who.length ? who : h('p', { class: 'muted' }, 'Not in the actor registry.'),
    h('h2', {}, 'Activity'),
    timelineView({ label: `Posts by @${a.handle} over time`, bucket: bucketParam(), onBucket: (b) => setQueryParams({ bucket: b === 'hour' ? undefined : b }), load: async (b) => activitySeries(d.activity, b), empty: 'No posts.' }),
    h('h2', {}, `Coordinated groups (${d.networks.length})`),
    d.networks.length
      ? h('ul', { class: 'account-networks' }, d.networks.map((n) => h('li', {}, networkLink(n.id, n.label), ` — ${n.accounts} accounts, score ${fmtScore(n.score)}${n.source ? ' · this account was amplified by the group' : ''}`)))
      : h('p', { class: 'muted' }, 'None.'),
    h('h2', {}, `Co-acted with (${d.coActors.length})`),
    d.coActors.length
      ? h('ol', { class: 'co-actors' }, d.coActors.map((c) => h('li', {}, accountLink(c.account), ` — weight ${c.weight} · ${c.kinds.map((k) => (k === 'amplifies' ? 'amplification' : `co-${k}`)).join(', ')}`)))
      : h('p', { class: 'muted' }, 'No co-action recorded.'),
    h('h2', {}, `Findings (${d.findings.length})`),
    d.findings.length
      ? h('ul', { class: 'account-findings' }, d.findings.map((f) => h('li', {}, h('span', { class: `badge k-${f.kind}` }, kindLabel(f.kind)), ` ${fmtTime(f.observedAt)} · score ${fmtScore(f.score)} — `, h('span', { class: 'explanation' }, f.explanation))))
      : h('p', { class: 'muted' }, 'None.'),
    h('h2', {}, `Incidents (${d.incidents.length})`),
    d.incidents.length ? h('ul', {}, d.incidents.map((i) => h('li', {}, incidentLink(i.id, i.title), ` (${fmtScore(i.score)}, ${i.status})`))) : h('p', { class: 'muted' }, 'None.'),
    h('h2', {}, 'Posts'),
    h('p', {}, link(`/search?author=${enc(a.handle)}`, 'Search within these posts')),
    posts.list,
    posts.more,
  );
  await posts.load(true);
}

// ---------------------------------------------------------------- actors

export async function actorsPage(app: HTMLElement): Promise<void> {
  const params = queryParams();
  const country = params.get('country') ?? '';
  const items: any[] = [];
  let cursor = '';
  // The registry is small (a watchlist); read it whole so it can be grouped by country.
  for (let i = 0; i < 20; i++) {
    const page = await api(`/api/v1/actors?limit=500${country ? `&country=${enc(country)}` : ''}${cursor}`);
    items.push(...page.items);
    if (!page.next) break;
    cursor = `&cursor=${page.next}`;
  }
  const countries = [...new Set(items.map((a) => a.country))].sort();
  mount(
    app,
    h('h1', {}, 'Foreign state actors'),
    h('p', { class: 'muted' }, `${items.length} registry actors${country ? ` in ${country}` : ''}. `, country ? link('/actors', 'All countries') : countries.map((c, n) => [n ? ' · ' : '', link(`/actors?country=${enc(c)}`, c)])),
    h(
      'div',
      { class: 'scroll' },
      h(
        'table',
        { class: 'actors' },
        h('thead', {}, h('tr', {}, ['Actor', 'Country', 'Role', 'Handles'].map((t) => h('th', {}, t)))),
        h(
          'tbody',
          {},
          items.map((a) =>
            h(
              'tr',
              {},
              h('td', {}, actorLink(a.id, a.name)),
              h('td', {}, a.country),
              h('td', {}, `${a.kind} · ${roleLabel(a.role)}`),
              h('td', {}, Object.entries(a.handles as Record<string, string[]>).flatMap(([p, hs]) => hs.map((x) => [accountLink(`${p}:${x}`), ' ']))),
            ),
          ),
        ),
      ),
    ),
  );
}

export async function actorPage(app: HTMLElement, id: string): Promise<void> {
  const d = await api(`/api/v1/actors/${enc(id)}`);
  const a = d.actor;
  const handles = Object.entries(a.handles as Record<string, string[]>).flatMap(([p, hs]) => hs.map((x) => `${p}:${x}`));
  const valid = a.validFrom || a.validTo ? `${a.validFrom ?? 'open'} – ${a.validTo ?? 'present'}` : 'No dates given';
  mount(
    app,
    h('p', {}, link('/actors', '← All actors')),
    h('h1', {}, a.name),
    h(
      'dl',
      { class: 'registry' },
      h('dt', {}, 'Kind'),
      h('dd', {}, `${a.kind} · ${roleLabel(a.role)}`),
      h('dt', {}, 'Country'),
      h('dd', {}, a.country),
      h('dt', {}, 'Aliases'),
      h('dd', {}, a.aliases.join(', ') || '—'),
      h('dt', {}, 'Accounts'),
      h('dd', {}, handles.length ? handles.map((x) => [accountLink(x), ' ']) : '—'),
      h('dt', {}, 'Valid'),
      h('dd', {}, valid),
      h('dt', {}, 'Sources'),
      h('dd', {}, a.sources.length ? h('ul', {}, a.sources.map((s: string) => h('li', {}, s))) : 'None recorded in the watchlist'),
    ),
    h('h2', {}, 'Affiliation chain'),
    h('p', {}, d.chain.map((c: any, n: number) => [n ? ' → ' : '', actorLink(c.id, `${c.name} (${roleLabel(c.role)})`)])),
    d.members.length ? [h('h2', {}, 'Answering to this actor'), h('ul', {}, d.members.map((m: any) => h('li', {}, actorLink(m.id, m.name))))] : null,
    h('h2', {}, 'Findings over time'),
    timelineView({ label: `Findings naming ${a.name} or actors answering to it`, bucket: bucketParam(), onBucket: (b) => setQueryParams({ bucket: b === 'hour' ? undefined : b }), load: async (b) => findingSeries(d.activity ?? [], b), empty: 'No findings.' }),
    h('h2', {}, `Incidents (${d.incidents.length})`),
    d.incidents.length ? h('ul', {}, d.incidents.map((i: any) => h('li', {}, incidentLink(i.id, i.title), ` (${fmtScore(i.score)}, ${i.status})`, ' ', kindBadges(i.kinds ?? [])))) : h('p', { class: 'muted' }, 'None.'),
    h('h2', {}, 'Posts about watched races'),
    d.posts.length ? h('ol', { class: 'posts' }, d.posts.map(postItem)) : h('p', { class: 'muted' }, 'None.'),
    handles.length ? h('p', {}, 'All posts: ', handles.map((x) => [link(`/account/${enc(x)}`, `@${x.slice(x.indexOf(':') + 1)}`), ' '])) : null,
  );
}

// ---------------------------------------------------------------- networks

export async function networksPage(app: HTMLElement): Promise<void> {
  const items: Schemas['NetworkSummary'][] = [];
  let cursor = '';
  for (let i = 0; i < 20; i++) {
    const page = await api<Schemas['NetworkPage']>(`/api/v1/networks?limit=500${cursor}`);
    items.push(...page.items);
    if (!page.next) break;
    cursor = `&cursor=${page.next}`;
  }
  items.sort((a, b) => b.score - a.score);
  mount(
    app,
    h('h1', {}, 'Coordinated groups'),
    caveat(),
    items.length
      ? h(
          'div',
          { class: 'scroll' },
          h(
            'table',
            { class: 'networks' },
            h('thead', {}, h('tr', {}, ['Group', 'Accounts', 'Score', 'Races'].map((t) => h('th', {}, t)))),
            h('tbody', {}, items.map((g) => h('tr', {}, h('td', {}, networkLink(g.id, g.label ?? g.id)), h('td', { class: 'num' }, g.accounts), h('td', { class: 'num' }, fmtScore(g.score)), h('td', {}, g.raceIds.map((r, n) => [n ? ', ' : '', link(`/race/${enc(r)}`, r)]))))),
          ),
        )
      : h('p', { class: 'muted' }, 'No coordinated groups found yet.'),
  );
}

export async function networkPage(app: HTMLElement, id: string): Promise<void> {
  const g = await api<Schemas['Network']>(`/api/v1/networks/${enc(id)}`);
  const members = g.nodes.filter((n) => !n.source);
  const top = [...g.nodes].sort((a, b) => b.activity - a.activity).slice(0, 200);
  const wave = h('div', { class: 'waves' }, g.amplified.length ? h('p', { class: 'muted' }, 'Loading the repost wave…') : h('p', { class: 'muted' }, 'This group amplified no stored post.'));
  mount(
    app,
    h('p', {}, link('/networks', '← All coordinated groups'), g.raceIds.map((r) => [' · ', link(`/race/${enc(r)}`, r)])),
    h('h1', {}, `Coordinated group: ${g.label}`),
    h('p', { class: 'muted' }, `${members.length} accounts · ${g.edges.length} links · score ${fmtScore(g.score)} · seen ${fmtTime(g.observedAt)}${g.medianDelaySeconds !== undefined ? ` · median repost ${g.medianDelaySeconds} s after the original` : ''} · id ${g.id}`),
    h('p', { class: 'explanation' }, g.explanation),
    g.incidents.length ? h('p', { class: 'group-incidents' }, 'Filed in: ', g.incidents.map((i, n) => [n ? ' · ' : '', incidentLink(i.id, i.title)])) : null,
    caveat(),
    networkView(g.nodes, g.edges),
    h(
      'p',
      { class: 'exports' },
      'Download for Gephi: ',
      ['gexf', 'graphml'].map((f) => [h('a', { class: 'button', href: `/api/v1/networks/${enc(id)}/export?format=${f}`, download: true }, f === 'gexf' ? 'GEXF' : 'GraphML'), ' ']),
    ),
    h('h2', {}, 'Amplified posts and the repost wave'),
    wave,
    h('h2', {}, `Accounts${g.nodes.length > top.length ? ` (the ${top.length} most active of ${g.nodes.length})` : ''}`),
    h(
      'div',
      { class: 'scroll' },
      h(
        'table',
        { class: 'members' },
        h('thead', {}, h('tr', {}, ['Account', 'Activity', 'Registry'].map((t) => h('th', {}, t)))),
        h('tbody', {}, top.map((n) => h('tr', {}, h('td', {}, accountLink(n.id), n.source ? ' (amplified author)' : ''), h('td', { class: 'num' }, n.activity), h('td', {}, n.actorId ? actorLink(n.actorId, `${n.actorId} (${n.country})`) : '—')))),
      ),
    ),
  );
  if (!g.amplified.length) return;
  const w = await api<Schemas['Wave']>(`/api/v1/networks/${enc(id)}/wave`);
  mount(
    wave,
    w.items.map((o) =>
      h(
        'section',
        { class: 'wave-post' },
        h('h3', {}, 'Original by ', o.author ? accountLink(o.author) : 'an unknown author', ` · ${fmtTime(o.createdAt)}`),
        o.text ? h('blockquote', { class: 'post-text' }, h('div', { class: 'text' }, o.text)) : null,
        o.reposts.length
          ? [
              h('p', {}, `${o.reposts.length} reposts by the group: first after ${fmtSeconds(o.reposts[0].seconds)}, median ${fmtSeconds(o.reposts[Math.floor(o.reposts.length / 2)].seconds)}.`),
              waveChart(o.reposts.map((r) => r.seconds), `Reposts of the post by ${o.author ?? 'unknown'} against seconds after it`),
              h('ol', { class: 'wave-list' }, o.reposts.map((r) => h('li', {}, accountLink(r.account), ` +${fmtSeconds(r.seconds)} · ${fmtTime(r.createdAt)}`))),
            ]
          : h('p', { class: 'muted' }, 'No stored reposts by the group members.'),
      ),
    ),
  );
}

const fmtSeconds = (s: number) => (s < 120 ? `${Math.round(s)} s` : s < 7200 ? `${Math.round(s / 60)} min` : `${(s / 3600).toFixed(1)} h`);
