import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { makePost } from '../../test/builders/records.js';
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
