import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifySignature } from '../alerts/webhook.js';
import { parseJetstreamFrame } from '../live/bluesky.js';
import { syntheticJetstreamPost } from '../live/synthetic.js';
import { standInDetect, TEST_WATCHLIST, waitFor } from '../live/testing.js';
import { openSqliteStore } from '../store/sqlite.js';
import type { Store } from '../store/store.js';
import { parseTokens } from './auth.js';
import { startServer, type RunningServer } from './start.js';

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const f of cleanup.reverse()) await f();
  cleanup = [];
});

async function start(extra: Partial<Parameters<typeof startServer>[0]> = {}): Promise<{ server: RunningServer; store: Store; logs: string[] }> {
  const store = await openSqliteStore(':memory:');
  const logs: string[] = [];
  const server = await startServer({ store, watchlist: TEST_WATCHLIST, host: '127.0.0.1', port: 0, tokens: [], detect: standInDetect, log: (l) => logs.push(l), ...extra });
  cleanup.push(async () => {
    await server.close();
    await store.close();
  });
  return { server, store, logs };
}

describe('startServer', () => {
  it('refuses a non-loopback bind without tokens, before binding anything', async () => {
    const store = await openSqliteStore(':memory:');
    cleanup.push(() => store.close());
    await expect(startServer({ store, watchlist: TEST_WATCHLIST, host: '0.0.0.0', port: 0, tokens: [], detect: standInDetect, log: () => {} })).rejects.toMatchObject({ code: 'usage' });
    await expect(startServer({ store, watchlist: TEST_WATCHLIST, host: '192.0.2.10', port: 0, tokens: [], detect: standInDetect, log: () => {} })).rejects.toThrow(/refusing to listen/);
  });

  it('requires a token on every API call once tokens are configured, even on loopback', async () => {
    const token = 'analyst-token-abcdefgh';
    const { server, logs } = await start({ tokens: parseTokens(`analyst:${token}`) });
    expect((await fetch(`${server.url}/api/v1/overview`)).status).toBe(401);
    expect((await fetch(`${server.url}/api/v1/overview`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    expect(logs.join('\n')).not.toContain(token);
  });

  it('sends a signed webhook when a live post raises a new incident', async () => {
    const received: { body: string; signature?: string }[] = [];
    const hook: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ body, signature: req.headers['x-vigil-signature'] as string });
        res.end();
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    cleanup.push(() => new Promise((r) => hook.close(() => r())));
    const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/alerts`;
    const { server } = await start({ watchlist: { ...TEST_WATCHLIST, webhooks: [{ url, secret: 'hook-secret', minScore: 0.6 }] } });
    // Score 0.5: below the target's minScore, no alert; then 0.7 crosses it.
    server.pipeline.push('t', parseJetstreamFrame(syntheticJetstreamPost(1, { text: 'DO NOT VOTE for Firefly' }), 'jetstream:t', new Map()));
    await server.pipeline.flush();
    server.pipeline.push('t', parseJetstreamFrame(syntheticJetstreamPost(2, { text: 'DO NOT VOTE for Firefly!!' }), 'jetstream:t', new Map()));
    await server.pipeline.flush();
    await waitFor(() => received.length > 0, 'the webhook');
    expect(received).toHaveLength(1);
    expect(verifySignature(received[0].body, 'hook-secret', received[0].signature)).toBe(true);
    expect(JSON.parse(received[0].body)).toMatchObject({ event: 'incident.score_crossed', incident: { id: 'inc:fd-01:gov-sy', previousScore: expect.any(Number) } });
    const alerts = await (await fetch(`${server.url}/api/v1/alerts`)).json();
    expect(alerts.targets[0]).toMatchObject({ delivered: 1, target: url });
    expect(alerts.items.map((a: { type: string }) => a.type)).toEqual(['updated', 'new']);
    // A restarted server still lists them.
    const again = await startServer({ store: server.api.options.store, watchlist: TEST_WATCHLIST, host: '127.0.0.1', port: 0, tokens: [], detect: standInDetect, log: () => {} });
    cleanup.push(() => again.close());
    expect((await (await fetch(`${again.url}/api/v1/overview`)).json()).alerts.map((a: { incidentId: string }) => a.incidentId)).toEqual(['inc:fd-01:gov-sy', 'inc:fd-01:gov-sy']);
  });

  it('imports only files inside the import folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-import-'));
    mkdirSync(join(dir, 'in'));
    writeFileSync(join(dir, 'in', 'posts.jsonl'), '{}\n');
    writeFileSync(join(dir, 'secret.txt'), 'no');
    symlinkSync(join(dir, 'secret.txt'), join(dir, 'in', 'link.txt'));
    const ingested: string[] = [];
    const { server } = await start({ importDir: join(dir, 'in'), ingest: async (_s, file) => ingested.push(file) });
    const post = (file: string) => fetch(`${server.url}/api/v1/imports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ file }) });
    expect((await post('../secret.txt')).status).toBe(400);
    expect((await post('link.txt')).status).toBe(400); // a link out of the folder
    expect((await post('missing.jsonl')).status).toBe(404);
    // Outside the folder, a missing file answers like an existing one: no probing of other folders.
    expect((await post('../no-such-file.txt')).status).toBe(400);
    expect((await post(join(dir, 'no-such-file.txt'))).status).toBe(400);
    writeFileSync(join(dir, 'in', '..notes.jsonl'), '{}\n'); // a name starting with '..' is still inside
    expect((await post('..notes.jsonl')).status).toBe(202);
    const ok = await post('posts.jsonl');
    expect(ok.status).toBe(202);
    const { id } = await ok.json();
    await waitFor(async () => (await (await fetch(`${server.url}/api/v1/imports/${id}`)).json()).state === 'done', 'the import');
    expect(ingested).toContain(join(dir, 'in', 'posts.jsonl'));
  });
});
