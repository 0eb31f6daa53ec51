/** Where commands keep the store unless --db says otherwise. */
export const DEFAULT_DB = '.vigil/vigil.db';
