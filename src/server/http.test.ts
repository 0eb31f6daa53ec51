import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { get, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIncidents } from '../cases/incidents.js';
import { parseJetstreamFrame } from '../live/bluesky.js';
import { LivePipeline } from '../live/pipeline.js';
import { syntheticJetstreamPost } from '../live/synthetic.js';
import { standInDetect, TEST_WATCHLIST } from '../live/testing.js';
import { SseParser } from '../live/mastodon.js';
import { openSqliteStore } from '../store/sqlite.js';
import type { Store } from '../store/store.js';
import { VigilApi } from './api.js';
import { parseTokens } from './auth.js';
import { createVigilServer, DASHBOARD_CSP } from './http.js';

const TOKEN = 'viewer-token-0123456789';
let store: Store;
let server: Server;
let base: string;
let pipeline: LivePipeline;

beforeAll(async () => {
  store = await openSqliteStore(':memory:');
  pipeline = new LivePipeline({ store, detect: standInDetect, buildIncidents: (f) => buildIncidents(f, TEST_WATCHLIST), flushMs: 1 });
  const api = new VigilApi({ store, watchlist: TEST_WATCHLIST, tokens: parseTokens(`viewer:${TOKEN}`), live: pipeline });
  const web = mkdtempSync(join(tmpdir(), 'vigil-web-'));
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>Vigil</title>');
  writeFileSync(join(web, 'app.js'), 'console.log(1)');
  server = createVigilServer({ api, webRoot: web, live: pipeline, maxBodyBytes: 1024 });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await store.close();
});

describe('HTTP layer', () => {
  it('refuses a body over the limit with 413 and a JSON code, before reading it all', async () => {
    const res = await fetch(`${base}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: 'x'.repeat(5000) }) });
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('payload_too_large');
  });

  it('serves the dashboard with a strict CSP and the app shell for client routes, and no files outside it', async () => {
    const page = await fetch(`${base}/race/fd-01`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(DASHBOARD_CSP);
    expect(DASHBOARD_CSP).toContain("script-src 'self'");
    expect(DASHBOARD_CSP).not.toContain('unsafe-inline');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>Vigil</title>');
    expect((await fetch(`${base}/app.js`)).headers.get('content-type')).toMatch(/javascript/);
    // Raw paths, as a hostile client sends them (fetch would normalise the dots away).
    for (const path of ['/../../../etc/hostname.txt', '/%2e%2e/%2e%2e/etc/hostname.txt']) {
      const status = await new Promise<number>((resolve) => get({ host: '127.0.0.1', port: new URL(base).port, path }, (r) => resolve(r.statusCode ?? 0)).end());
      expect(status).toBe(404);
    }
    expect((await fetch(`${base}/..%2f..%2fetc%2fpasswd.txt`)).status).toBe(404);
  });

  it('needs a token for the event stream and pushes new incidents without a reload', async () => {
    expect((await fetch(`${base}/api/v1/events`)).status).toBe(401);
    const ac = new AbortController();
    const res = await fetch(`${base}/api/v1/events`, { headers: { authorization: `Bearer ${TOKEN}` }, signal: ac.signal });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    pipeline.push('t', parseJetstreamFrame(syntheticJetstreamPost(1, { text: 'DO NOT VOTE for Firefly' }), 'jetstream:t', new Map()));
    const parser = new SseParser();
    const reader = res.body!.getReader();
    let event;
    while (!event) {
      const { value } = await reader.read();
      event = parser.feed(new TextDecoder().decode(value)).find((e) => e.event === 'incident');
    }
    ac.abort();
    expect(JSON.parse(event.data)).toMatchObject({ type: 'new', incident: { id: 'inc:fd-01:gov-sy', raceId: 'fd-01' } });
  });

  it('caps the number of open event streams', async () => {
    const api = new VigilApi({ store, watchlist: TEST_WATCHLIST, tokens: [] });
    const small = createVigilServer({ api, maxStreams: 1 });
    await new Promise<void>((r) => small.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(small.address() as AddressInfo).port}/api/v1/events`;
    const ac = new AbortController();
    const first = await fetch(url, { signal: ac.signal });
    expect(first.status).toBe(200);
    const second = await fetch(url);
    expect(second.status).toBe(503);
    expect((await second.json()).error.code).toBe('unavailable');
    ac.abort();
    small.closeAllConnections();
    await new Promise((r) => small.close(r));
  });
});

describe('HTTP layer without tokens (loopback mode)', () => {
  /** GET with an explicit Host header, as a browser sends after DNS rebinding. */
  const getWithHost = (port: number, path: string, host: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      get({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      }).on('error', reject);
    });

  it('serves loopback host names and refuses any other (DNS rebinding)', async () => {
    const open = createVigilServer({ api: new VigilApi({ store, watchlist: TEST_WATCHLIST, tokens: [] }) });
    await new Promise<void>((r) => open.listen(0, '127.0.0.1', r));
    const { port } = open.address() as AddressInfo;
    try {
      for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST`, `[::1]:${port}`]) {
        expect((await getWithHost(port, '/api/v1/races', host)).status, host).toBe(200);
      }
      for (const host of [`evil.test:${port}`, 'evil.test', `127.0.0.1.evil.test:${port}`]) {
        const r = await getWithHost(port, '/api/v1/races', host);
        expect(r.status, host).toBe(403);
        expect(JSON.parse(r.body).error.code).toBe('forbidden_host');
      }
    } finally {
      open.closeAllConnections();
      await new Promise((r) => open.close(r));
    }
  });

  it('does not check Host when tokens guard the server', async () => {
    const r = await getWithHost(Number(new URL(base).port), '/api/v1/races', 'vigil.example.test');
    expect(r.status).toBe(401);
  });
});
