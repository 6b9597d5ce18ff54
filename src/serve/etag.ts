import { createHash } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';

/**
 * The database version in ETags. Every part is read from the file header or is an O(log n) index
 * probe, so the check costs far less than the query it may save, and every part is the same for
 * every connection and process (`serve --workers N` runs several):
 *  - user_version: the store's write generation, bumped by every write transaction
 *    (SqliteStore.transaction), so ingests, re-extractions and deletions all move it;
 *  - schema_version: SQLite's own schema cookie, moved by migrations;
 *  - max(seq)/max(rowid) of the main tables: they move on any insert, also by a program that
 *    writes the file without going through the store.
 */
const VERSION_SQL = `SELECT (SELECT MAX(seq) FROM documents) AS d,
  (SELECT MAX(rowid) FROM events) AS e,
  (SELECT MAX(rowid) FROM commitments) AS c,
  (SELECT MAX(rowid) FROM policies) AS p,
  (SELECT MAX(rowid) FROM entities) AS n`;
/** Prepared once per connection: every API request reads the version. */
const versionStatements = new WeakMap<Database, Statement>();

export function dbVersion(db: Database): string {
  let stmt = versionStatements.get(db);
  if (!stmt) versionStatements.set(db, (stmt = db.prepare(VERSION_SQL)));
  const r = stmt.get() as Record<string, number | null>;
  const header = `${db.pragma('user_version', { simple: true })}.${db.pragma('schema_version', { simple: true })}`;
  return [header, r.d, r.e, r.c, r.p, r.n].join('.');
}

/** Weak ETag for one representation: DB version + what else the body depends on (URL, format, day). */
export function weakEtag(version: string, ...parts: string[]): string {
  const h = createHash('sha1').update(version).update('\0').update(parts.join('\0')).digest('base64url').slice(0, 22);
  return `W/"${h}"`;
}

/** Does an If-None-Match header value match this ETag (weak comparison, lists and `*` allowed)? */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => bare(t) === bare(etag));
}
