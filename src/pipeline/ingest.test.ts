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
    expect(totals).toEqual({ read: 122, stored: 120, duplicates: 0, quarantined: 2 });
    expect(await store.countPosts()).toBe(120);
    expect((await store.getPost('x', '9007199254740993'))?.text).toBe('post 0');
    const again = await ingestFiles(store, [file], { worker });
    expect(again.totals).toEqual({ read: 122, stored: 0, duplicates: 120, quarantined: 2 });
    expect(await store.countQuarantine()).toBe(2);
    await store.close();
  });

  it('carries a parse error out of the worker with its class', async () => {
    const store = new SqliteStore(':memory:');
    await expect(ingestFiles(store, [file], { worker: true, format: 'no-such-format' })).rejects.toMatchObject({ code: 'usage' });
    await store.close();
  });

  it('names a missing file before reading anything', async () => {
    const store = new SqliteStore(':memory:');
    await expect(ingestFiles(store, [file, join(dir, 'missing.jsonl')])).rejects.toThrow(/missing\.jsonl: ENOENT/);
    expect(await store.countPosts()).toBe(0);
    await store.close();
  });

  it('summarises counts in the documented words', () => {
    expect(ingestSummary({ read: 1200, stored: 1000, duplicates: 150, quarantined: 50 })).toBe('1,200 read, 1,000 stored, 150 duplicates, 50 quarantined');
  });
});
