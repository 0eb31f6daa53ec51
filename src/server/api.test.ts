import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIncidents } from '../cases/incidents.js';
import { LivePipeline } from '../live/pipeline.js';
import { parseJetstreamFrame } from '../live/bluesky.js';
import { syntheticJetstreamPost } from '../live/synthetic.js';
import { standInDetect, TEST_WATCHLIST } from '../live/testing.js';
import { openSqliteStore } from '../store/sqlite.js';
import type { Store } from '../store/store.js';
import { VigilApi } from './api.js';
import { parseTokens } from './auth.js';
import { OPENAPI_PATH } from './openapi.js';

const VIEWER = 'viewer-token-0123456789';
const ANALYST = 'analyst-token-0123456789';
export const XSS = '<img src=x onerror="alert(1)"><script>alert(2)</script> DO NOT VOTE for Firefly!';

let store: Store;
let api: VigilApi;
const logs: string[] = [];

/** Text of seeded post i: the consulate (i < 40) posts 14 directives, one of them an XSS payload. */
export function textOf(i: number): string {
  const consul = i < 40;
  return i === 0 ? XSS : consul && i % 3 === 0 ? `DO NOT VOTE for Firefly${'!'.repeat(i % 5)}` : i % 2 ? `Firefly rally at the harbour ${i}` : `weather report ${i}`;
}
const SEEDED = Array.from({ length: 80 }, (_, i) => textOf(i));

/** 40 posts by the consulate and 40 by others, an hour apart. */
export async function seedStore(s: Store): Promise<LivePipeline> {
  const pipeline = new LivePipeline({ store: s, detect: standInDetect, buildIncidents: (f) => buildIncidents(f, TEST_WATCHLIST), flushMs: 1 });
  const handles = new Map([['did:plc:consul', 'consul.example']]);
  for (let i = 0; i < 80; i++) {
    const frame = syntheticJetstreamPost(i, { did: i < 40 ? 'did:plc:consul' : undefined, text: textOf(i), spacingUs: 3_600_000_000 });
    pipeline.push('test', parseJetstreamFrame(frame, 'jetstream:test', handles));
  }
  await pipeline.flush();
  return pipeline;
}

beforeAll(async () => {
  store = await openSqliteStore(':memory:');
  await seedStore(store);
  api = new VigilApi({ store, watchlist: TEST_WATCHLIST, tokens: parseTokens(`viewer:${VIEWER},analyst:${ANALYST}`), log: (l) => logs.push(l) });
});
afterAll(() => store.close());

const get = async (url: string, token = VIEWER) => {
  const res = await api.request('GET', url, { token });
  return { status: res.status, json: JSON.parse(res.body), res };
};

describe('auth', () => {
  it('answers 401 without or with a wrong token, 403 for a viewer writing, and never logs tokens', async () => {
    const none = await api.request('GET', '/api/v1/races');
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body).error.code).toBe('unauthorized');
    expect(none.headers['www-authenticate']).toMatch(/Bearer/);
    expect((await api.request('GET', '/api/v1/races', { token: 'wrong-token-0123456789' })).status).toBe(401);
    const patch = await api.request('PATCH', '/api/v1/incidents/inc:fd-01:gov-sy', { token: VIEWER, body: { status: 'reviewing' } });
    expect(patch.status).toBe(403);
    expect(JSON.parse(patch.body).error.code).toBe('forbidden');
    expect((await api.request('GET', '/api/v1/me', { token: ANALYST })).body).toBe('{"role":"analyst","name":"analyst"}');
    expect(logs.some((l) => l.includes(' 401 '))).toBe(true);
    expect(logs.join('\n')).not.toMatch(/token-0123456789/);
  });

  it('accepts the session cookie and sets it HttpOnly and SameSite=Strict', async () => {
    const res = await api.request('POST', '/api/v1/session', { body: { token: VIEWER } });
    expect(res.status).toBe(200);
    expect(res.headers['set-cookie']).toMatch(/^vigil_token=.+; HttpOnly; SameSite=Strict; Path=\/$/);
    const me = await api.request('GET', '/api/v1/me', { headers: { cookie: `other=1; vigil_token=${VIEWER}` } });
    expect(JSON.parse(me.body)).toEqual({ role: 'viewer', name: 'viewer' });
    expect((await api.request('POST', '/api/v1/session', { body: { token: 'nope-nope-nope-nope' } })).status).toBe(401);
  });

  it('refuses short or unlabelled tokens', () => {
    expect(() => parseTokens('viewer:short')).toThrow(/16/);
    expect(() => parseTokens('admin:0123456789abcdefgh')).toThrow(/viewer:TOKEN/);
  });
});

describe('OpenAPI', () => {
  it('is public at a fixed path and every documented operation is routed', async () => {
    const doc = JSON.parse((await api.request('GET', OPENAPI_PATH)).body);
    expect(doc.openapi).toBe('3.1.0');
    const paths = Object.entries(doc.paths as Record<string, Record<string, unknown>>);
    expect(paths.length).toBeGreaterThan(15);
    for (const [path, ops] of paths) {
      if (path === '/api/v1/events') continue; // served by the HTTP layer (see http.test.ts)
      for (const method of Object.keys(ops)) {
        const res = await api.request(method.toUpperCase(), path.replace(/\{id\}/g, 'x'), { token: ANALYST, body: method === 'get' ? undefined : {} });
        const body = JSON.parse(res.body);
        expect(`${method} ${path} ${res.status} ${body?.error?.message ?? ''}`).not.toMatch(/route .* not found|405/);
      }
    }
  });

  it('answers unknown routes and methods with stable JSON codes', async () => {
    expect((await get('/api/v1/nothing')).json.error.code).toBe('not_found');
    const del = await api.request('DELETE', '/api/v1/races', { token: ANALYST });
    expect(del.status).toBe(405);
    expect(del.headers.allow).toBe('GET');
  });
});

describe('races and incidents', () => {
  it('overview counts incidents by kind per race', async () => {
    const { json } = await get('/api/v1/overview');
    expect(json.races).toHaveLength(1);
    expect(json.races[0]).toMatchObject({ id: 'fd-01', incidents: 1, incidentsByKind: { directive: 1 } });
    expect(json.posts).toBe(80);
    expect(json.alerts).toEqual([]);
  });

  it('returns the incident with a page of findings, and their evidence (hashes, post text as data) paged apart', async () => {
    const id = encodeURIComponent('inc:fd-01:gov-sy');
    const { json } = await get(`/api/v1/incidents/${id}?limit=5`);
    expect(json.incident.findingIds).toHaveLength(14); // i = 0 (XSS) and i % 3 === 0 for i < 40
    expect(json.findings).toMatchObject({ total: 14, offset: 0, limit: 5, byKind: { directive: 14 } });
    expect(json.findings.items).toHaveLength(5);
    expect(json.findings.items[0]).toMatchObject({ evidenceCount: 1, decision: null });
    expect(json.findings.items[0].evidence).toBeUndefined();
    const last = (await get(`/api/v1/incidents/${id}?limit=5&offset=10`)).json.findings.items;
    expect(last).toHaveLength(4);
    const all = [...json.findings.items, ...(await get(`/api/v1/incidents/${id}?limit=5&offset=5`)).json.findings.items, ...last];
    expect(new Set(all.map((f: { id: string }) => f.id)).size).toBe(14);
    const texts: string[] = [];
    for (const f of all) {
      const ev = (await get(`/api/v1/incidents/${id}/evidence?finding=${encodeURIComponent(f.id)}`)).json;
      expect(ev).toMatchObject({ total: 1, offset: 0 });
      expect(ev.items[0].sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(ev.items[0].post.raw).toBeUndefined();
      texts.push(ev.items[0].post.text);
    }
    expect(texts).toContain(XSS);
    expect(json.actors.map((a: { id: string }) => a.id)).toEqual(['gov-sy']);
    expect((await get('/api/v1/incidents/nope')).status).toBe(404);
    expect((await get(`/api/v1/incidents/${id}/evidence?finding=other`)).status).toBe(404);
    expect((await get(`/api/v1/incidents/${id}?offset=-1`)).status).toBe(400);
  });

  it('filters incidents by country and kind', async () => {
    expect((await get('/api/v1/races/fd-01/incidents?country=sy')).json.items).toHaveLength(1);
    expect((await get('/api/v1/races/fd-01/incidents?country=XX')).json.items).toHaveLength(0);
    expect((await get('/api/v1/races/fd-01/incidents?kind=threat')).json.items).toHaveLength(0);
    expect((await get('/api/v1/races/fd-01/incidents?kind=bogus')).json.error.code).toBe('bad_request');
    const { json } = await get('/api/v1/races/fd-01/incidents');
    expect(json.facets).toEqual({ countries: ['SY'], kinds: ['directive'] });
  });

  it('timeline buckets findings by day and hour', async () => {
    const day = (await get('/api/v1/races/fd-01/timeline')).json;
    const total = day.buckets.reduce((n: number, b: { counts: { directive?: number } }) => n + (b.counts.directive ?? 0), 0);
    expect(total).toBe(14);
    const hour = (await get('/api/v1/races/fd-01/timeline?bucket=hour')).json;
    expect(hour.buckets.length).toBe(14); // posts are an hour apart
    expect((await get('/api/v1/races/fd-01/timeline?bucket=week')).status).toBe(400);
  });

  it('lets an analyst set status and notes, with validation', async () => {
    const id = encodeURIComponent('inc:fd-01:gov-sy');
    const ok = await api.request('PATCH', `/api/v1/incidents/${id}`, { token: ANALYST, body: { status: 'reviewing', note: 'checked the consulate handle' } });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body).incident).toMatchObject({ status: 'reviewing', notes: ['checked the consulate handle'] });
    expect((await get('/api/v1/races/fd-01/incidents?status=reviewing')).json.items).toHaveLength(1);
    const bad = async (body: unknown, headers?: Record<string, string>) => {
      const r = await api.request('PATCH', `/api/v1/incidents/${id}`, { token: ANALYST, body, headers });
      return [r.status, JSON.parse(r.body).error.code];
    };
    expect(await bad({ status: 'guilty' })).toEqual([400, 'bad_request']);
    expect(await bad({ status: 'open', owner: 'x' })).toEqual([400, 'bad_request']);
    expect(await bad({ note: '' })).toEqual([400, 'bad_request']);
    expect(await bad('{"status":')).toEqual([400, 'bad_request']);
    expect(await bad('status=open', { 'content-type': 'application/x-www-form-urlencoded' })).toEqual([415, 'unsupported_media_type']);
  });

  it('exports an incident as an attachment named after the incident; CSV as a zip of its files', async () => {
    const res = await api.request('GET', `/api/v1/incidents/${encodeURIComponent('inc:fd-01:gov-sy')}/export?format=csv`, { token: VIEWER });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="vigil-csv-inc_fd-01_gov-sy-[0-9a-f]{8}\.zip"$/);
    const names = [...res.binary!.toString('latin1').matchAll(/inc_fd-01_gov-sy-[0-9a-f]{8}-[a-z]+\.(?:csv|json)/g)].map((m) => m[0].replace(/^.*-/, ''));
    expect(new Set(names)).toEqual(new Set(['incidents.csv', 'findings.csv', 'evidence.csv', 'manifest.json']));
    const html = await api.request('GET', `/api/v1/incidents/${encodeURIComponent('inc:fd-01:gov-sy')}/export?format=html`, { token: VIEWER });
    expect(html.headers['content-disposition']).toMatch(/filename="vigil-report-inc_fd-01_gov-sy-[0-9a-f]{8}\.html"/);
    const json = await api.request('GET', `/api/v1/incidents/${encodeURIComponent('inc:fd-01:gov-sy')}/export?format=json`, { token: VIEWER });
    expect(JSON.parse(json.body).incidents.map((i: { id: string }) => i.id)).toEqual(['inc:fd-01:gov-sy']);
    expect((await get(`/api/v1/incidents/x/export?format=pdf`)).json.error.code).toBe('bad_request');
  });
});

describe('pagination', () => {
  it('walks every actor once with cursors', async () => {
    const seen: string[] = [];
    let url = '/api/v1/actors?limit=1';
    for (let i = 0; i < 10; i++) {
      const { json } = await get(url);
      seen.push(...json.items.map((a: { id: string }) => a.id));
      if (!json.next) break;
      url = `/api/v1/actors?limit=1&cursor=${json.next}`;
    }
    expect(seen).toEqual(['consul-sy', 'gov-sy', 'media-ov']);
    expect((await get('/api/v1/actors?limit=0')).status).toBe(400);
    expect((await get('/api/v1/actors?cursor=%%%')).status).toBe(400);
  });
});

describe('posts search', () => {
  it('searches by text, author, race and time through the store, page by page', async () => {
    const all = async (query: string) => {
      const out: { id: string; text: string; authorHandle: string }[] = [];
      let cursor = '';
      let pages = 0;
      for (; pages < 50; pages++) {
        const { json } = await get(`/api/v1/posts?${query}&limit=7${cursor}`);
        out.push(...json.items);
        if (!json.next) break;
        cursor = `&cursor=${json.next}`;
      }
      return { out, pages };
    };
    const rally = await all('q=RALLY');
    expect(rally.out.map((p) => p.text).sort()).toEqual(SEEDED.filter((t) => t.includes('rally')).sort());
    expect(rally.pages).toBeGreaterThan(1); // limit=7 forced more than one page
    expect(new Set(rally.out.map((p) => p.id)).size).toBe(rally.out.length);
    expect((await all('author=consul.example')).out).toHaveLength(40);
    // Race: posts naming a candidate ("Firefly" is Rufus Firefly's alias).
    expect((await all('race=fd-01')).out).toHaveLength(SEEDED.filter((t) => /Firefly/.test(t)).length);
    const first = (await all('author=@consul.example')).out.map((p) => p.id);
    expect(first).toHaveLength(40);
    const since = new Date(1_790_000_000_000 + 70 * 3_600_000).toISOString();
    expect((await all(`since=${since}`)).out).toHaveLength(10);
    expect((await get('/api/v1/posts?since=yesterday')).status).toBe(400);
    expect((await get(`/api/v1/posts?cursor=${Buffer.from('junk').toString('base64url')}`)).status).toBe(400);
  });
});

describe('networks', () => {
  it('lists coordinated groups and rebuilds co-action edges from their evidence, marking registry accounts', async () => {
    const handles = new Map([['did:plc:consul', 'consul.example']]);
    const repost = (n: number, did: string) =>
      parseJetstreamFrame(
        JSON.stringify({ did, time_us: 1_800_000_000_000_000 + n, kind: 'commit', commit: { operation: 'create', collection: 'app.bsky.feed.repost', rkey: `rp${n}`, record: { subject: { uri: 'at://did:plc:origin/app.bsky.feed.post/1', cid: 'c' }, createdAt: '2026-10-01T00:00:00Z' } } }),
        'jetstream:t',
        handles,
      ).post!;
    const posts = [repost(1, 'did:plc:consul'), repost(2, 'did:plc:b'), repost(3, 'did:plc:c')];
    await store.putPosts(posts);
    await store.putFindings([
      {
        id: 'coordination:group:abc',
        kind: 'coordination',
        subjects: { accounts: posts.map((p) => `bluesky:${p.authorHandle}`), actorIds: ['consul-sy'] },
        targets: { candidateIds: [], raceIds: ['fd-01'] },
        score: 0.9,
        observedAt: '2026-10-01T00:00:00.000Z',
        explanation: '3 accounts reposted the same post within 60 s',
        detail: { groupId: 'group:abc' },
        evidence: posts.map((p) => ({ kind: 'post' as const, ref: `bluesky:${p.id}`, source: p.source, sha256: p.contentHash })),
      },
    ]);
    const list = (await get('/api/v1/networks')).json;
    expect(list.items).toEqual([{ id: 'group:abc', label: 'consul.example + 2 accounts', accounts: 3, score: 0.9, raceIds: ['fd-01'] }]);
    const g = (await get(`/api/v1/networks/${encodeURIComponent('group:abc')}`)).json;
    expect(g.nodes.find((n: { id: string }) => n.id === 'bluesky:consul.example')).toMatchObject({ actorId: 'consul-sy', country: 'SY' });
    expect(g.nodes.filter((n: { actorId?: string }) => !n.actorId)).toHaveLength(2);
    expect(g.edges).toHaveLength(3); // every pair of the three co-reposters
    const linked = new Set(g.edges.flatMap((e: { source: string; target: string }) => [e.source, e.target]));
    expect(linked).toEqual(new Set(posts.map((p) => `bluesky:${p.authorHandle}`)));
  });
});
