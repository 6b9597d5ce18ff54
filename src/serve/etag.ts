/**
 * A cheap database version for weak ETags. Every value is O(1)/O(log n) to read, so the check
 * costs far less than the query it may save:
 *  - PRAGMA data_version changes when another connection (an ingest) commits;
 *  - total_changes() counts this connection's own writes;
 *  - max(seq)/max(rowid) of the main tables move on every insert (replaced facts get new rowids).
 */
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';

export function dbVersion(db: Database): string {
  const dv = db.pragma('data_version', { simple: true });
  const r = db
    .prepare(
      `SELECT total_changes() AS tc,
        (SELECT MAX(seq) FROM documents) AS d,
        (SELECT MAX(rowid) FROM events) AS e,
        (SELECT MAX(rowid) FROM commitments) AS c,
        (SELECT MAX(rowid) FROM policies) AS p,
        (SELECT MAX(rowid) FROM entities) AS n`,
    )
    .get() as Record<string, number | null>;
  return [dv, r.tc, r.d, r.e, r.c, r.p, r.n].join('.');
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
