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
  it('defers the search indexes past the load, even a failed one, until search needs them', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'vigil-bulk-')), 'v.db');
    const store = new SqliteStore(path);
    const indexes = (s: SqliteStore) => s.database.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'posts_%'").pluck().all();
    expect(indexes(store)).toHaveLength(3);
    await expect(
      store.bulkLoad(async () => {
        expect(indexes(store)).toHaveLength(0);
        await store.putPosts([makePost({ id: '1', text: 'deferred words' })]);
        throw new Error('interrupted');
      }),
    ).rejects.toThrow('interrupted');
    expect(indexes(store)).toHaveLength(0);
    expect(await store.countPosts()).toBe(1);
    await store.close();
    // Reopening (as analyze does) does not build them either; the first search does.
    const again = new SqliteStore(path);
    expect(indexes(again)).toHaveLength(0);
    await again.putPosts([makePost({ id: '2', text: 'deferred too' })]);
    expect((await again.searchPosts({ q: 'deferred', limit: 10 })).posts.map((p) => p.id).sort()).toEqual(['1', '2']);
    expect(indexes(again)).toHaveLength(3);
    await again.putPosts([makePost({ id: '3', text: 'deferred live' })]);
    expect((await again.searchPosts({ q: 'deferred', limit: 10 })).posts).toHaveLength(3);
    await again.close();
  });
});

describe('SqliteStore.searchPosts plans', () => {
  it('gives the same pages whether it sorts the hits, walks with a hit set, or probes the index per post', async () => {
    // 42,000 posts: "gamma" in 42 (sorted), "alpha" in 2,100 (hit set), "beta" in all (probed).
    const store = new SqliteStore(':memory:');
    const posts = Array.from({ length: 42_000 }, (_, i) =>
      makePost({
        id: String(i),
        platform: i % 3 ? 'x' : 'bluesky',
        createdAt: new Date(Date.UTC(2022, 0, 1) + ((i * 7919) % 10_007) * 60_000).toISOString(),
        text: `beta ${i % 20 === 0 ? 'alpha' : ''} ${i % 1000 === 0 ? 'gamma' : ''}`,
      }),
    );
    await store.bulkLoad(() => store.putPosts(posts));
    const desc = (a: string, b: string) => (a < b ? 1 : a > b ? -1 : 0);
    const newestFirst = [...posts].sort((a, b) => desc(a.createdAt, b.createdAt) || desc(a.platform, b.platform) || desc(a.id, b.id));
    for (const [word, pages] of [['gamma', 10], ['alpha', 50], ['beta', 4]] as const) {
      const expected = newestFirst.filter((p) => p.text.split(' ').includes(word)).map((p) => p.id);
      const got: string[] = [];
      let after: string | undefined;
      for (let page = 0; page < pages; page++) {
        const r = await store.searchPosts({ q: word, limit: 50, after });
        got.push(...r.posts.map((p) => p.id));
        after = r.next;
        if (!after) break;
      }
      expect(got, word).toEqual(expected.slice(0, got.length));
      expect(got.length, word).toBe(Math.min(expected.length, pages * 50));
    }
    await store.close();
  });
});

describe('SqliteStore on disk', () => {
  it('builds the search index when it upgrades a database written before search (schema 1)', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'vigil-store-')), 'v.db');
    const a = new SqliteStore(path);
    a.database.exec('DROP TRIGGER posts_fts_insert; DROP TABLE posts_fts; PRAGMA user_version = 1');
    await a.putPosts([makePost({ id: '1', text: 'Vieille élection' }), makePost({ id: '2', text: 'other' })]);
    await a.close();
    const b = await openSqliteStore(path);
    expect((await b.searchPosts({ q: 'ELECTION', limit: 10 })).posts.map((p) => p.id)).toEqual(['1']);
    await b.close();
  });

  it('indexes for search the posts of a bulk load that was killed, at the next search', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'vigil-store-')), 'v.db');
    const a = new SqliteStore(path);
    await a.putPosts([makePost({ id: '1', text: 'harbour before' })]);
    // What a bulkLoad killed after its first batch leaves: the pending mark (last rowid before the
    // load), no trigger, and posts missing from the FTS index.
    a.database.exec("INSERT INTO state VALUES ('store:posts_fts_pending_from', '1'); DROP TRIGGER posts_fts_insert");
    await a.putPosts([makePost({ id: '2', text: 'harbour during' }), makePost({ id: '3', text: 'harbour later' })]);
    expect((await a.searchPosts({ q: 'harbour', limit: 10 })).posts).toHaveLength(3);
    await a.close();
    const b = await openSqliteStore(path);
    expect((await b.searchPosts({ q: 'harbour', limit: 10 })).posts.map((p) => p.id).sort()).toEqual(['1', '2', '3']);
    await b.putPosts([makePost({ id: '4', text: 'harbour reopened' })]);
    expect((await b.searchPosts({ q: 'harbour', limit: 10 })).posts).toHaveLength(4);
    await b.close();
  });

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
