import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteStore, openSqliteStore } from './sqlite.js';
import { binaryCompare } from './sqlite-search.js';
import type { PostSearch } from './store.js';
import { seededRandom } from '../util/random.js';
import { storeSuite } from './store.case.js';
import { makeFinding, makeIncident, makePost } from '../../test/builders/records.js';
import { GENESIS_HASH, entryHash } from '../cases/ledger.js';
import { verifyStoreLedger } from '../cases/ledger-verify.js';

storeSuite(
  'sqlite',
  () => openSqliteStore(':memory:'),
  async (store, seq) => {
    (store as SqliteStore).database.prepare("UPDATE evidence SET sha256 = 'f00d' WHERE seq = ?").run(seq);
  },
  async (store, sql) => {
    (store as SqliteStore).database.exec(sql);
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

describe('SqliteStore.searchPosts streamed plan', () => {
  // Stored in five orders, from the archive-then-live order it is fast on to one it must give up on.
  const orders: Record<string, (i: number, n: number, rng: () => number) => number> = {
    'in time order, with ties and jitter': (i, _n, rng) => Math.floor(i + rng() * 40) * 3,
    'an archive stored after the live posts': (i, n) => (i < n / 2 ? i + n : i - n / 2) * 3,
    'a few posts dated far ahead': (i) => (i % 500 === 7 ? 50_000_000 + i : i * 3),
    'newest first': (i, n) => (n - i) * 3,
    shuffled: (_i, n, rng) => Math.floor(rng() * n) * 3,
    // Ties across blocks: the page is ordered by platform and id, which rowids do not follow.
    'at one time': () => 0,
  };
  for (const [order, minute] of Object.entries(orders)) {
    it(`gives the same pages as the other plans for posts stored ${order}`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'vigil-stream-'));
      const path = join(dir, 'v.db');
      const rng = seededRandom(7);
      const n = 1500;
      const posts = Array.from({ length: n }, (_, i) =>
        makePost({
          id: `p${i}`,
          platform: i % 3 ? 'x' : 'bluesky',
          createdAt: new Date(Date.UTC(2022, 0, 1) + minute(i, n, rng) * 60_000).toISOString(),
          text: [`all`, i % 2 ? 'half' : '', i % 10 === 3 ? 'tenth red blue' : 'blue red', i % 300 === 5 ? 'rare' : '', i % 97 === 1 ? 'Rufus Firefly' : ''].join(' '),
        }),
      );
      const streamed = new SqliteStore(path);
      await streamed.putPosts(posts.slice(0, n / 2));
      await streamed.putPosts(posts.slice(n / 2));
      const other = new SqliteStore(path, { stream: false });
      const pages = async (store: SqliteStore, filter: Omit<PostSearch, 'limit' | 'after'>, limit: number) => {
        const out: string[][] = [];
        let after: string | undefined;
        do {
          const r = await store.searchPosts({ ...filter, after, limit });
          out.push(r.posts.map((p) => p.id));
          after = r.next;
        } while (after && out.length < 20);
        return out;
      };
      const mid = (k: number) => new Date(Date.UTC(2022, 0, 1) + k * 60_000).toISOString();
      const filters: Omit<PostSearch, 'limit' | 'after'>[] = [
        { q: 'all' },
        { q: 'half' },
        { q: 'red blue' },
        { q: 'rare' },
        { raceTerms: ['Rufus Firefly', 'no such name'] },
        { q: 'all', raceTerms: ['rufus firefly'] },
        { q: 'half', since: mid(750), until: mid(2250) },
        { q: 'tenth', until: mid(1000) },
        { q: 'all', since: mid(4200) },
      ];
      for (const filter of filters) {
        for (const limit of [7, 50]) {
          const got = await pages(streamed, filter, limit);
          expect(got, JSON.stringify({ filter, limit })).toEqual(await pages(other, filter, limit));
        }
      }
      expect((await pages(streamed, { q: 'all' }, 200)).flat()).toHaveLength(n);
      await streamed.close();
      await other.close();
      rmSync(dir, { recursive: true, force: true });
    });
  }

  it('finds posts stored after the last search, also in a block it has mapped', async () => {
    const store = new SqliteStore(':memory:');
    await store.putPosts([makePost({ id: '1', text: 'harbour', createdAt: '2022-10-01T00:00:00.000Z' })]);
    expect((await store.searchPosts({ q: 'harbour', limit: 5 })).posts.map((p) => p.id)).toEqual(['1']);
    await store.putPosts([makePost({ id: '2', text: 'harbour', createdAt: '2022-09-01T00:00:00.000Z' }), makePost({ id: '3', text: 'harbour', createdAt: '2023-01-01T00:00:00.000Z' })]);
    expect((await store.searchPosts({ q: 'harbour', limit: 5 })).posts.map((p) => p.id)).toEqual(['3', '1', '2']);
    expect((await store.searchPosts({ q: 'harbour', limit: 1 })).posts.map((p) => p.id)).toEqual(['3']);
    await store.close();
  });
});

describe('binaryCompare', () => {
  it('orders as SQLite orders TEXT (UTF-8 bytes), also past U+FFFF', () => {
    const db = new SqliteStore(':memory:').database;
    const words = ['a', 'B', 'é', '\uffff', '\u{1f600}', 'a\u{1f600}', 'a\uffff', '2022-10-01T00:00:00.000Z', ''];
    const sqlite = db.prepare('SELECT value FROM json_each(?) ORDER BY value').pluck().all(JSON.stringify(words));
    expect([...words].sort(binaryCompare)).toEqual(sqlite);
    expect([...words].sort()).not.toEqual(sqlite);
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

describe('SqliteStore.changeMark (issue 10)', () => {
  it('moves when another connection commits, and only then', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'vigil-mark-')), 'v.db');
    const server = await openSqliteStore(path);
    const analyze = await openSqliteStore(path);
    const before = await server.changeMark();
    expect(await server.changeMark()).toBe(before);
    await analyze.putFindings([makeFinding({ id: 'f1' })]);
    const after = await server.changeMark();
    expect(after).not.toBe(before);
    expect(await server.changeMark()).toBe(after);
    await Promise.all([server.close(), analyze.close()]);
    rmSync(dirname(path), { recursive: true, force: true });
  });
});

describe('SqliteStore ledger upgrade (issue 11)', () => {
  it('upgrades a store written before ledger v2 and logs what it holds, so later edits are named', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'vigil-store-')), 'v.db');
    const a = new SqliteStore(path);
    const posts = [makePost({ id: '1', text: 'first fictional post' }), makePost({ id: '2', text: 'second fictional post' })];
    await a.putPosts(posts);
    await a.putFindings([makeFinding({ id: 'f1' })]);
    await a.putIncidents([makeIncident()]);
    await a.setIncidentStatus('inc:race-a:actor-a', 'reviewing', 'an older note');
    // What schema 3 held: the evidence table without field hashes, one entry per (ref, sha256), no checkpoints.
    a.database.exec(`DROP TABLE evidence; DROP TABLE checkpoints; DROP TABLE case_actions;
      CREATE TABLE evidence (seq INTEGER PRIMARY KEY, ref TEXT NOT NULL, kind TEXT NOT NULL, source TEXT NOT NULL,
        captured_at TEXT NOT NULL, sha256 TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL, UNIQUE (ref, sha256));
      PRAGMA user_version = 3`);
    let prevHash = GENESIS_HASH;
    posts.forEach((p, i) => {
      const body = { seq: i + 1, ref: `x:${p.id}`, kind: 'post' as const, source: p.source, capturedAt: '2022-11-01T00:00:00.000Z', sha256: p.contentHash, prevHash };
      const hash = entryHash(body);
      a.database.prepare('INSERT INTO evidence VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(body.seq, body.ref, 'post', JSON.stringify(p.source), body.capturedAt, body.sha256, prevHash, hash);
      prevHash = hash;
    });
    await a.close();

    const b = await openSqliteStore(path);
    const kinds: string[] = [];
    for await (const batch of b.iterateEvidence()) kinds.push(...batch.map((e) => `${e.kind}:${e.fields ? 'fields' : 'legacy'}`));
    expect(kinds).toEqual(['post:legacy', 'post:legacy', 'post:fields', 'post:fields', 'finding:fields', 'action:fields']);
    const clean = await verifyStoreLedger(b);
    expect(clean.problems).toEqual([]);
    expect(clean.legacyEntries).toBe(2);
    // Re-running analyze does not log the posts a third time.
    await b.appendEvidence(posts.map((p) => ({ kind: 'post', ref: `x:${p.id}`, source: p.source, sha256: p.contentHash })));
    expect((await verifyStoreLedger(b)).entries).toBe(6);
    b.database.exec("UPDATE posts SET author_handle = 'forged' WHERE id = '2'");
    expect((await verifyStoreLedger(b)).problems).toMatchObject([{ code: 'post_changed', seq: 4, ref: 'x:2', fields: ['authorHandle'] }]);
    await b.close();
  });
});
