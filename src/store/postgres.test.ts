import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { makeIncident, makePost } from '../../test/builders/records.js';
import { GENESIS_HASH, entryHash } from '../cases/ledger.js';
import { verifyStoreLedger } from '../cases/ledger-verify.js';
import { PostgresStore } from './postgres.js';
import { storeSuite } from './store.case.js';

/**
 * The shared store suite against PostgreSQL, when VIGIL_TEST_POSTGRES_URL names a database
 * (CI starts one). Each test gets its own schema.
 */
const url = process.env.VIGIL_TEST_POSTGRES_URL;

if (url) {
  storeSuite(
    'postgres',
    () => PostgresStore.open(url, { schema: `vigil_test_${randomBytes(6).toString('hex')}` }),
    async (store, seq) => {
      await (store as PostgresStore).query("UPDATE evidence SET sha256 = 'f00d' WHERE seq = $1", [seq]);
    },
    async (store, sql) => {
      await (store as PostgresStore).query(sql);
    },
  );
  describe('PostgresStore ledger upgrade (issue 11)', () => {
    it('upgrades a schema-2 ledger in place: the unique (ref, sha256) dropped, posts and analyst state logged', async () => {
      const schema = `vigil_test_${randomBytes(6).toString('hex')}`;
      const a = await PostgresStore.open(url, { schema });
      const post = makePost({ id: '1', text: 'fictional' });
      await a.putPosts([post]);
      await a.putIncidents([makeIncident()]);
      await a.setIncidentStatus('inc:race-a:actor-a', 'reviewing', 'older note');
      // What schema 2 held: no field hashes, a unique (ref, sha256), no checkpoints, one legacy entry.
      const body = { seq: 1, ref: 'x:1', kind: 'post' as const, source: post.source, capturedAt: '2022-11-01T00:00:00.000Z', sha256: post.contentHash, prevHash: GENESIS_HASH };
      await a.query(`DELETE FROM evidence; DELETE FROM case_actions; ALTER TABLE evidence DROP COLUMN fields; DROP INDEX evidence_ref; DROP TABLE checkpoints;
        ALTER TABLE evidence ADD CONSTRAINT evidence_ref_sha256_key UNIQUE (ref, sha256); ALTER TABLE posts DROP COLUMN notes;
        UPDATE vigil_meta SET schema_version = 2`);
      await a.query('INSERT INTO evidence VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [1, 'x:1', 'post', JSON.stringify(post.source), body.capturedAt, body.sha256, GENESIS_HASH, entryHash(body)]);
      await a.close();
      const b = await PostgresStore.open(url, { schema });
      const kinds: string[] = [];
      for await (const batch of b.iterateEvidence()) kinds.push(...batch.map((e) => `${e.kind}:${e.fields ? 'fields' : 'legacy'}`));
      expect(kinds).toEqual(['post:legacy', 'post:fields', 'action:fields']);
      expect((await verifyStoreLedger(b)).problems).toEqual([]);
      await b.query("UPDATE posts SET text = 'forged' WHERE id = '1'");
      expect((await verifyStoreLedger(b)).problems).toMatchObject([{ code: 'post_changed', ref: 'x:1', fields: ['text'] }]);
      await b.close();
    });
  });
  describe('PostgresStore.changeMark (issue 10)', () => {
    it('moves when another connection commits findings, incidents or case actions, not posts alone', async () => {
      const schema = `vigil_test_${randomBytes(6).toString('hex')}`;
      const server = await PostgresStore.open(url, { schema });
      const analyze = await PostgresStore.open(url, { schema });
      const marks = [await server.changeMark()];
      await analyze.putIncidents([makeIncident()]);
      marks.push(await server.changeMark());
      await analyze.recordCaseAction('inc:race-a:actor-a', { note: 'seen' }, 'Ana Ruiz');
      marks.push(await server.changeMark());
      await analyze.putPosts([makePost({ id: '9' })]);
      marks.push(await server.changeMark());
      expect(new Set(marks).size).toBe(3);
      expect(marks[3]).toBe(marks[2]);
      await Promise.all([server.close(), analyze.close()]);
    });
  });
  describe('PostgresStore bulk load by COPY (issue 13)', () => {
    it('stores what plain inserts store: hostile text, NULLs, notes, duplicates counted', async () => {
      const hostile = 'tab\there, new\nline, cr\r, back\\slash \\N \\t, "quotes", ␀ é 😀';
      const posts = [
        makePost({ id: '1', text: hostile, lang: undefined, urls: ['https://a.example/x\ty'], hashtags: ['h\\1'], notes: ['a\nnote'] }),
        makePost({ id: '2', text: '\\N', replyTo: '1', repostOf: undefined }),
        makePost({ id: '3', text: '' }),
      ];
      const plain = await PostgresStore.open(url, { schema: `vigil_test_${randomBytes(6).toString('hex')}` });
      const bulk = await PostgresStore.open(url, { schema: `vigil_test_${randomBytes(6).toString('hex')}` });
      expect(await plain.putPosts(posts)).toEqual({ stored: 3, duplicates: 0 });
      const counts = await bulk.bulkLoad(async () => [await bulk.putPosts(posts.slice(0, 2)), await bulk.putPosts([posts[1]!, posts[2]!, posts[2]!])]);
      expect(counts).toEqual([
        { stored: 2, duplicates: 0 },
        { stored: 1, duplicates: 2 },
      ]);
      const all = async (s: PostgresStore) => {
        const out = [];
        for await (const batch of s.iteratePosts()) out.push(...batch);
        return out;
      };
      const got = await all(bulk);
      expect(got).toEqual(await all(plain));
      expect(got[0]!.text).toBe(hostile);
      expect((await bulk.searchPosts({ q: 'back', limit: 10 })).posts.map((p) => p.id)).toEqual(['1']);
      await Promise.all([plain.close(), bulk.close()]);
    });
  });
  describe('PostgresStore search upgrade', () => {
    it('folds the text of posts stored before the search migration, on open', async () => {
      const schema = `vigil_test_${randomBytes(6).toString('hex')}`;
      const a = await PostgresStore.open(url, { schema });
      await a.putPosts([makePost({ id: '1', text: 'Vieille élection' }), makePost({ id: '2', text: 'other' })]);
      // What schema 1 left: no folded text, and the backfill mark the migration sets.
      await a.query('UPDATE posts SET search_text = NULL');
      await a.setState('store:search_text_backfill', 'pending');
      expect((await a.searchPosts({ q: 'election', limit: 10 })).posts).toEqual([]);
      await a.close();
      const b = await PostgresStore.open(url, { schema });
      expect((await b.searchPosts({ q: 'ELECTION', limit: 10 })).posts.map((p) => p.id)).toEqual(['1']);
      expect(await b.getState('store:search_text_backfill')).toBeUndefined();
      await b.close();
    });
  });
} else {
  describe.skip('Store: postgres (set VIGIL_TEST_POSTGRES_URL to run)', () => {});
}
