import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../store/sqlite.js';
import { ingestFiles, ingestSummary } from './ingest.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-ingest-'));
const lines = Array.from({ length: 120 }, (_, i) =>
  JSON.stringify({ id: String(9007199254740993n + BigInt(i)), platform: 'x', author_handle: `acct${i % 7}`, created_at: '2026-10-02T14:00:00Z', text: `post ${i}` }),
);
lines.splice(50, 0, '{"id": broken');
lines.splice(80, 0, JSON.stringify({ id: 'no-time', platform: 'x', author_handle: 'a', created_at: 'yesterday', text: 't' }));
const file = join(dir, 'posts.jsonl');
writeFileSync(file, lines.join('\n') + '\n');

describe('ingestFiles', () => {
  it.each([false, true])('stores or quarantines every record (worker: %s)', async (worker) => {
    const store = new SqliteStore(':memory:');
    const { totals } = await ingestFiles(store, [file], { worker, batchSize: 16 });
    expect(totals).toEqual({ read: 122, stored: 120, duplicates: 0, quarantined: 2, skipped: 0, warned: 0 });
    expect(await store.countPosts()).toBe(120);
    expect((await store.getPost('x', '9007199254740993'))?.text).toBe('post 0');
    const again = await ingestFiles(store, [file], { worker });
    expect(again.totals).toEqual({ read: 122, stored: 0, duplicates: 120, quarantined: 2, skipped: 0, warned: 0 });
    expect(await store.countQuarantine()).toBe(2);
    await store.close();
  });

  it('refuses an unknown format before reading any file', async () => {
    const store = new SqliteStore(':memory:');
    await expect(ingestFiles(store, [file], { worker: true, format: 'no-such-format' })).rejects.toMatchObject({ code: 'usage' });
    await store.close();
  });

  it.each([false, true])('reports each unreadable file and goes on with the others (issue 11; worker: %s)', async (worker) => {
    const store = new SqliteStore(':memory:');
    const unknown = join(dir, 'unknown.txt');
    writeFileSync(unknown, 'not a post format at all\n');
    const missing = join(dir, 'missing.jsonl');
    const { totals, perFile, failed } = await ingestFiles(store, [unknown, missing, file, dir], { worker });
    // The error keeps its class across the worker boundary (ingest_format).
    expect(failed.map((f) => [f.file, f.code])).toEqual([[missing, 'ENOENT'], [dir, 'usage'], [unknown, 'ingest_format']]);
    expect(failed[2]!.message).toMatch(/cannot tell the format of unknown\.txt/);
    expect(perFile.get(file)).toMatchObject({ read: 122, stored: 120 });
    expect(totals.stored).toBe(120);
    expect(await store.countPosts()).toBe(120);
    await store.close();
  });

  it('counts expected non-posts as skipped, so read = stored + duplicates + quarantined + skipped', async () => {
    const store = new SqliteStore(':memory:');
    const jetstream = join(dir, 'jetstream.jsonl');
    const did = 'did:plc:exampleaaaaaaaaaaaaaaaa';
    const commit = (collection: string, record: object) => JSON.stringify({ did, time_us: 1, kind: 'commit', commit: { rev: 'r', operation: 'create', collection, rkey: collection.slice(-4), record } });
    writeFileSync(jetstream, [
      commit('app.bsky.feed.post', { $type: 'app.bsky.feed.post', text: 'hola', createdAt: '2026-10-02T14:00:00Z' }),
      commit('app.bsky.feed.like', { $type: 'app.bsky.feed.like', subject: { uri: 'at://x/y/z' }, createdAt: '2026-10-02T14:00:00Z' }),
      commit('app.bsky.graph.follow', { $type: 'app.bsky.graph.follow', subject: did, createdAt: '2026-10-02T14:00:00Z' }),
      JSON.stringify({ did, time_us: 2, kind: 'identity', identity: { did, handle: 'a.example' } }),
      JSON.stringify({ did, time_us: 3, kind: 'account', account: { active: true, did } }),
      commit('app.bsky.feed.post', { $type: 'app.bsky.feed.post', text: 'no time' }),
    ].join('\n'));
    const { totals } = await ingestFiles(store, [jetstream]);
    expect(totals).toEqual({ read: 6, stored: 1, duplicates: 0, quarantined: 1, skipped: 4, warned: 0 });
    expect(await store.countQuarantine()).toBe(1);
    await store.close();
  });

  it('summarises counts in the documented words', () => {
    expect(ingestSummary({ read: 1200, stored: 1000, duplicates: 150, quarantined: 40, skipped: 10, warned: 0 })).toBe('1,200 read, 1,000 stored, 150 duplicates, 40 quarantined, 10 skipped (not posts)');
    expect(ingestSummary({ read: 1, stored: 1, duplicates: 0, quarantined: 0, skipped: 0, warned: 1 })).toMatch(/; 1 stored with a warning$/);
  });
});
