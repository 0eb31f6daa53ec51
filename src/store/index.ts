import { PostgresStore } from './postgres.js';
import { SqliteStore } from './sqlite.js';
import type { Store } from './store.js';

export type { Store } from './store.js';
export { SqliteStore } from './sqlite.js';
export { PostgresStore } from './postgres.js';

/**
 * Open the store at `location`: a `postgres://` or `postgresql://` URL opens the team store (schema from
 * the URL's `schema` query parameter, default `vigil`); anything else is a SQLite file path.
 * @example const store = await openStore(process.env.VIGIL_DB ?? '.vigil/vigil.db');
 */
export async function openStore(location: string): Promise<Store> {
  if (/^postgres(ql)?:\/\//.test(location)) {
    const url = new URL(location);
    const schema = url.searchParams.get('schema') ?? undefined;
    url.searchParams.delete('schema');
    return PostgresStore.open(url.toString(), { schema });
  }
  return new SqliteStore(location);
}
