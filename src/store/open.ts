/**
 * Opening an SQLite database file for Coopwatch: connection settings, sanity checks with clear
 * errors, and forward-only migrations.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS, ROLLUP_MIGRATION, SCHEMA_VERSION } from './migrations.ts';
import { backfillV3Aggregates, backfillV5Aggregates, backfillV7Aggregates } from './aggregates.ts';
import { backfillDocFacets } from './doc-facets.ts';
import { DatabaseTooNewError, NotADatabaseError, StoreOpenError } from './errors.ts';
import { urlHost } from './filters.ts';
import { actorCodes } from './fact-writer.ts';

/** How long a writer waits for another process's lock before giving up (ms). */
const BUSY_TIMEOUT_MS = 5000;

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function isNotADatabase(e: unknown): boolean {
  const code = (e as { code?: string } | null)?.code;
  return code === 'SQLITE_NOTADB' || /file is not a database/i.test(message(e));
}

/** Page cache per connection, KiB. */
const CACHE_KIB = 64 * 1024;

export interface ConnectionOptions {
  /**
   * A batch writer (ingest, re-extraction): keep SQLite's temporary files in memory. Inside a
   * batch's transaction, every statement that may change several rows (the aggregate upserts,
   * the fact deletes) first copies each page it changes to a statement journal, a temporary file
   * by default: 2,000 articles wrote 0.8 GB in all that way, 0.3 GB with it in memory
   * (docs/benchmarks.md §1b). Not for the server: there, temporary files are the spill of large
   * sorts, which must not grow the heap.
   */
  bulkWrite?: boolean;
}

/** Open the connection and check that the file really is an SQLite database. */
export function openConnection(path: string, readonly: boolean, opts: ConnectionOptions = {}): Database.Database {
  const inMemory = path === ':memory:' || path === '';
  if (!inMemory) {
    if (readonly && !existsSync(path)) throw new StoreOpenError(`no database at ${path}`, path);
    if (!readonly) {
      try {
        mkdirSync(dirname(path), { recursive: true });
      } catch (e) {
        throw new StoreOpenError(`cannot create the folder for ${path}: ${message(e)}`, path);
      }
    }
  }
  let db: Database.Database;
  try {
    db = new Database(path, { readonly, fileMustExist: readonly });
  } catch (e) {
    throw new StoreOpenError(`cannot open ${path}: ${message(e)}`, path);
  }
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // SQLite reads the header lazily: this first real read is where a non-database file fails.
    db.prepare('SELECT count(*) AS n FROM sqlite_master').get();
    if (!readonly && !inMemory) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // 64 MiB page cache (SQLite's default is 2 MiB): the ingest's random-key index inserts
    // (minhash bands, entity names, fact domains, event parties) and the server's reads of large
    // indexes stop re-reading pages once the database outgrows a few thousand articles. The cache
    // fills only as pages are used.
    db.pragma(`cache_size = -${CACHE_KIB}`);
    if (opts.bulkWrite && !readonly) db.pragma('temp_store = MEMORY');
  } catch (e) {
    db.close();
    if (isNotADatabase(e)) throw new NotADatabaseError(`${path} is not a Coopwatch database (not an SQLite file)`, path);
    throw new StoreOpenError(`cannot open ${path}: ${message(e)}`, path);
  }
  return db;
}

/**
 * Data steps that SQL cannot do portably, run right after the migration of the same version and
 * inside its transaction.
 */
const DATA_STEPS: Record<number, (db: Database.Database) => void> = {
  // v2 added documents.url_host: fill it for documents stored before.
  2: (db) => {
    const set = db.prepare('UPDATE documents SET url_host = ? WHERE seq = ?');
    const rows = db.prepare('SELECT seq, url FROM documents WHERE url IS NOT NULL').all() as { seq: number; url: string }[];
    for (const r of rows) set.run(urlHost(r.url), r.seq);
  },
  // v3 added the aggregate tables: count what is already stored.
  3: backfillV3Aggregates,
  // v4 added doc_facets: one row per distinct party, event type and domain of each document.
  4: backfillDocFacets,
  // v5 added the entity aggregate tables.
  5: backfillV5Aggregates,
  // v7 added the date-free and monthly roll-ups of agg_events / agg_pairs.
  [ROLLUP_MIGRATION]: backfillV7Aggregates,
  // v8 added commitment_actors: one row per code of each commitment's actor_codes (' A B '),
  // read in rowid chunks (a connection cannot write while it iterates; a million-article store
  // has millions of commitments, too many to hold at once).
  8: (db) => {
    const ins = db.prepare('INSERT INTO commitment_actors (commitment_id, doc_seq, code) VALUES (?, ?, ?)');
    const chunk = db.prepare(`SELECT rowid AS r, id, doc_seq, actor_codes FROM commitments WHERE rowid > ? AND actor_codes <> '' ORDER BY rowid LIMIT 10000`);
    for (let after = 0; ; ) {
      const rows = chunk.all(after) as { r: number; id: string; doc_seq: number; actor_codes: string }[];
      if (rows.length === 0) break;
      for (const r of rows) for (const code of actorCodes(r.actor_codes)) ins.run(r.id, r.doc_seq, code);
      after = rows[rows.length - 1].r;
    }
  },
};

const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`;

function appliedVersion(db: Database.Database): number {
  const row = db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

/**
 * Bring the schema up to SCHEMA_VERSION (read-write) or check it is current (read-only).
 * Refuses databases of other programs and databases written by a newer Coopwatch.
 * Returns the schema version in force.
 */
export function migrate(db: Database.Database, path: string, readonly: boolean): number {
  const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!hasTable) {
    const other = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").get() as { n: number };
    if (other.n > 0) throw new NotADatabaseError(`${path} is an SQLite database of another program, not a Coopwatch database`, path);
    if (readonly) throw new StoreOpenError(`${path} has no Coopwatch schema yet: open it once for writing (e.g. ingest) first`, path);
    db.exec(CREATE_MIGRATIONS_TABLE);
  }
  const found = appliedVersion(db);
  if (found > SCHEMA_VERSION) throw new DatabaseTooNewError(path, found, SCHEMA_VERSION);
  if (found === SCHEMA_VERSION) return found;
  if (readonly) {
    throw new StoreOpenError(`${path} uses schema v${found} and needs an upgrade to v${SCHEMA_VERSION}: open it once for writing first`, path);
  }
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const m of MIGRATIONS) {
    // IMMEDIATE takes the write lock first, and the re-check inside makes two processes opening
    // the same new database apply each migration exactly once.
    db.transaction(() => {
      if (appliedVersion(db) >= m.version) return;
      db.exec(m.sql);
      DATA_STEPS[m.version]?.(db);
      record.run(m.version, m.name, new Date().toISOString());
    }).immediate();
  }
  return appliedVersion(db);
}
