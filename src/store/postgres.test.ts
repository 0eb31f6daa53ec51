import { randomBytes } from 'node:crypto';
import { describe } from 'vitest';
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
  );
} else {
  describe.skip('Store: postgres (set VIGIL_TEST_POSTGRES_URL to run)', () => {});
}
