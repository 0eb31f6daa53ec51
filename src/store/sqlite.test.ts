import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteStore, openSqliteStore } from './sqlite.js';
import { storeSuite } from './store.case.js';
import { makePost } from '../../test/builders/records.js';

storeSuite(
  'sqlite',
  () => openSqliteStore(':memory:'),
  async (store, seq) => {
    (store as SqliteStore).database.prepare("UPDATE evidence SET sha256 = 'f00d' WHERE seq = ?").run(seq);
  },
);

describe('SqliteStore.bulkLoad', () => {
  it('drops the secondary indexes during the load and rebuilds them after, even on failure', async () => {
    const store = new SqliteStore(':memory:');
    const indexes = () => store.database.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'posts_%'").pluck().all();
    expect(indexes()).toHaveLength(2);
    await expect(
      store.bulkLoad(async () => {
        expect(indexes()).toHaveLength(0);
        await store.putPosts([makePost({ id: '1' })]);
        throw new Error('interrupted');
      }),
    ).rejects.toThrow('interrupted');
    expect(indexes()).toHaveLength(2);
    expect(await store.countPosts()).toBe(1);
    await store.close();
  });
});

describe('SqliteStore on disk', () => {
  it('keeps data across reopen (an interrupted ingest can be re-run)', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'vigil-store-')), 'sub', 'v.db');
    const a = await openSqliteStore(path);
    await a.putPosts([makePost({ id: '1' })]);
    await a.close();
    const b = await openSqliteStore(path);
    expect(await b.putPosts([makePost({ id: '1' }), makePost({ id: '2' })])).toEqual({ stored: 1, duplicates: 1 });
    await b.close();
  });
});
