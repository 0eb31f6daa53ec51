import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFinding, makePost } from '../../test/builders/records.js';
import { buildIncidents } from '../cases/incidents.js';
import { TEST_WATCHLIST } from '../live/testing.js';
import type { Post } from '../model/types.js';
import { openSqliteStore } from '../store/sqlite.js';
import type { Store } from '../store/store.js';
import { VigilApi } from './api.js';

// A head of state's directive (the consulate's handle stands in for it) reposted by three accounts
// 20, 45 and 90 seconds later; the four form one coordinated group with a hostile handle among them.
const T0 = Date.parse('2026-10-02T14:00:00Z');
const at = (s: number) => new Date(T0 + s * 1000).toISOString();
const HOSTILE = 'evil<img src=x>';
const original = makePost({ platform: 'bluesky', id: 'orig', authorId: 'did:plc:consul', authorHandle: 'consul.example', createdAt: at(0), text: 'DO NOT VOTE for Firefly' });
const reposts: Post[] = [
  ['r1', 'amp.one', 20],
  ['r2', 'amp.two', 45],
  ['r3', HOSTILE, 90],
].map(([id, handle, s]) => makePost({ platform: 'bluesky', id: id as string, authorId: `did:${handle}`, authorHandle: handle as string, createdAt: at(s as number), text: '', repostOf: 'orig', hashtags: ['firefly'] }));
const later = makePost({ platform: 'bluesky', id: 'own', authorId: 'did:amp.one', authorHandle: 'amp.one', createdAt: at(7200), text: 'harbour festival' });

let store: Store;
let api: VigilApi;
const get = async (url: string) => {
  const res = await api.request('GET', url);
  return { status: res.status, headers: res.headers, body: res.body, json: res.headers['content-type']?.startsWith('application/json') ? JSON.parse(res.body) : undefined };
};

beforeAll(async () => {
  store = await openSqliteStore(':memory:');
  await store.putPosts([original, ...reposts, later]);
  const findings = [
    makeFinding({
      id: 'coordination:group:wave',
      kind: 'coordination',
      subjects: { accounts: reposts.map((p) => `bluesky:${p.authorHandle}`), actorIds: [] },
      targets: { candidateIds: ['cand-rufus'], raceIds: ['fd-01'] },
      observedAt: at(20),
      detail: { groupId: 'group:wave', amplifiedPosts: ['orig'], medianDelaySeconds: 45, members: [{ account: 'amp.one', rows: 9 }] },
      evidence: reposts.map((p) => ({ kind: 'post' as const, ref: `bluesky:${p.id}`, source: p.source, sha256: p.contentHash })),
    }),
    makeFinding({ id: 'directive:bluesky:orig', subjects: { accounts: ['bluesky:consul.example'], actorIds: ['consul-sy'] }, targets: { candidateIds: ['cand-rufus'], raceIds: ['fd-01'] }, observedAt: at(0), evidence: [{ kind: 'post', ref: 'bluesky:orig', source: original.source, sha256: original.contentHash }] }),
  ];
  await store.putFindings(findings);
  await store.putIncidents(buildIncidents(findings, TEST_WATCHLIST));
  api = new VigilApi({ store, watchlist: TEST_WATCHLIST, tokens: [] });
});
afterAll(() => store.close());

describe('networks for the dashboard', () => {
  it('names a group by its lead account, shows the amplified source and co-action kinds', async () => {
    const list = (await get('/api/v1/networks')).json;
    expect(list.items).toEqual([{ id: 'group:wave', label: 'amp.one + 2 accounts', accounts: 3, score: 0.8, raceIds: ['fd-01'] }]);
    const g = (await get('/api/v1/networks/group%3Awave')).json;
    const source = g.nodes.find((n: { id: string }) => n.id === 'bluesky:consul.example');
    expect(source).toMatchObject({ source: true, actorId: 'consul-sy', country: 'SY' });
    expect(g.amplified).toEqual([{ ref: 'bluesky:orig', author: 'bluesky:consul.example', createdAt: at(0), text: 'DO NOT VOTE for Firefly' }]);
    const kinds = g.edges.map((e: { kind: string }) => e.kind).sort();
    // Three co-reposts and three co-hashtags between the members, three members amplifying the source.
    expect(kinds).toEqual(['amplifies', 'amplifies', 'amplifies', 'hashtag', 'hashtag', 'hashtag', 'repost', 'repost', 'repost']);
    expect(g.nodes.find((n: { id: string }) => n.id === 'bluesky:amp.one').activity).toBe(9);
    expect(g.incidents.map((i: { id: string }) => i.id)).toEqual(['inc:fd-01:group:wave']);
  });

  it('gives the repost wave in seconds after the original', async () => {
    const w = (await get('/api/v1/networks/group%3Awave/wave')).json;
    expect(w.items).toHaveLength(1);
    expect(w.items[0].reposts.map((r: { account: string; seconds: number }) => [r.account, r.seconds])).toEqual([
      ['bluesky:amp.one', 20],
      ['bluesky:amp.two', 45],
      [`bluesky:${HOSTILE}`, 90],
    ]);
  });

  it('downloads the group as GEXF and GraphML with escaped labels', async () => {
    const gexf = await get('/api/v1/networks/group%3Awave/export?format=gexf');
    expect(gexf.status).toBe(200);
    expect(gexf.headers['content-type']).toBe('application/gexf+xml');
    expect(gexf.headers['content-disposition']).toBe('attachment; filename="vigil-network-group_wave.gexf"');
    expect(gexf.body).toContain('label="evil&lt;img src=x&gt;"');
    expect(gexf.body).not.toContain('<img');
    expect(gexf.body.match(/<edge /g)).toHaveLength(9);
    const graphml = await get('/api/v1/networks/group%3Awave/export?format=graphml');
    expect(graphml.body).toContain('<graphml');
    expect(graphml.body.match(/<node /g)).toHaveLength(4);
    expect((await get('/api/v1/networks/group%3Awave/export?format=svg')).status).toBe(400);
    expect((await get('/api/v1/networks/nope/export')).status).toBe(404);
  });
});

describe('accounts', () => {
  it('shows an account: activity, first and last seen, findings, networks', async () => {
    const a = (await get('/api/v1/accounts/bluesky%3Aamp.one')).json;
    expect(a.account).toEqual({ id: 'bluesky:amp.one', platform: 'bluesky', handle: 'amp.one' });
    expect(a.posts).toBe(2);
    expect(a.firstSeen).toBe(at(20));
    expect(a.lastSeen).toBe(at(7200));
    expect(a.activity).toEqual([
      { t: '2026-10-02T14:00:00Z', n: 1 },
      { t: '2026-10-02T16:00:00Z', n: 1 },
    ]);
    expect(a.findings.map((f: { id: string }) => f.id)).toEqual(['coordination:group:wave']);
    expect(a.networks).toEqual([{ id: 'group:wave', label: 'amp.one + 2 accounts', accounts: 3, score: 0.8, source: false }]);
    expect(a.registry).toBeNull();
    expect(a.coActors).toEqual([
      { account: 'bluesky:amp.two', weight: 2, kinds: ['hashtag', 'repost'] },
      { account: `bluesky:${HOSTILE}`, weight: 2, kinds: ['hashtag', 'repost'] },
      { account: 'bluesky:consul.example', weight: 1, kinds: ['amplifies'] },
    ]);
  });

  it('links a registry account to its actor, and the actor to its incidents and findings timeline', async () => {
    const a = (await get('/api/v1/accounts/bluesky%3Aconsul.example')).json;
    expect(a.registry).toMatchObject({ id: 'consul-sy', country: 'SY' });
    expect(a.networks[0]).toMatchObject({ id: 'group:wave', source: true });
    const actor = (await get('/api/v1/actors/consul-sy')).json;
    expect(actor.activity).toEqual([{ t: '2026-10-02T14:00:00Z', counts: { directive: 1 } }]);
    expect(actor.incidents.length).toBeGreaterThan(0);
    expect((await get('/api/v1/accounts/nohandle')).status).toBe(400);
  });
});

describe('post search by finding kind', () => {
  it('returns the evidence posts of findings of a kind, filtered and paged newest first', async () => {
    expect((await get('/api/v1/posts?kind=directive')).json.items.map((p: { id: string }) => p.id)).toEqual(['orig']);
    expect((await get('/api/v1/posts?kind=coordination&author=amp.two')).json.items.map((p: { id: string }) => p.id)).toEqual(['r2']);
    expect((await get('/api/v1/posts?kind=directive&q=not%20vote')).json.items).toHaveLength(1);
    expect((await get('/api/v1/posts?kind=directive&q=vote%20not')).json.items).toHaveLength(0);
    const seen: string[] = [];
    let cursor = '';
    for (let i = 0; i < 5; i++) {
      const page = (await get(`/api/v1/posts?kind=coordination&limit=1${cursor}`)).json;
      seen.push(...page.items.map((p: { id: string }) => p.id));
      if (!page.next) break;
      cursor = `&cursor=${page.next}`;
    }
    expect(seen).toEqual(['r3', 'r2', 'r1']);
    expect((await get('/api/v1/posts?kind=nonsense')).status).toBe(400);
  });
});
