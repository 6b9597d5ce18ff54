/** The store's public face: open a database, resolve its path, and the types around it. */
import { resolve } from 'node:path';

export { openStore, SqliteStore } from './sqlite.ts';
export { StoreOpenError, NotADatabaseError, DatabaseTooNewError } from './errors.ts';
export { SearchSyntaxError, parseSearchQuery } from './search-query.ts';
export { InvalidFilterError } from './filters.ts';
export { SCHEMA_VERSION } from './migrations.ts';
export type * from './store.ts';

/** Default database file, relative to the working directory. */
export const DEFAULT_DB_PATH = './coopwatch.db';

/** Database path: the --db flag, else $COOPWATCH_DB, else ./coopwatch.db (resolved to absolute). */
export function resolveDbPath(flag?: string): string {
  const chosen = flag?.trim() || process.env.COOPWATCH_DB?.trim() || DEFAULT_DB_PATH;
  return chosen === ':memory:' ? chosen : resolve(chosen);
}
