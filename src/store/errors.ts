/**
 * Errors a user can act on when opening a database. The CLI prints `message` as is (no stack
 * trace), so every message says what is wrong and what to do.
 */

/** The database cannot be opened (base class: `instanceof StoreOpenError` catches all of them). */
export class StoreOpenError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
    this.name = 'StoreOpenError';
  }
}

/** The file exists but is not an SQLite database, or is an SQLite database of another program. */
export class NotADatabaseError extends StoreOpenError {
  constructor(message: string, path: string) {
    super(message, path);
    this.name = 'NotADatabaseError';
  }
}

/** The database was migrated by a newer Coopwatch than this build. */
export class DatabaseTooNewError extends StoreOpenError {
  constructor(
    path: string,
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `${path} was written by a newer Coopwatch (schema v${found}); this build understands up to v${supported}. Upgrade Coopwatch.`,
      path,
    );
    this.name = 'DatabaseTooNewError';
  }
}
