/**
 * Document filters (language, date range, source, near-duplicates) as Kysely conditions on the
 * `documents` table aliased `d`, shared by iteration, search, export and statistics.
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { DocumentFilter } from './store.ts';

const ISO_PREFIX = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** A date filter the store cannot interpret (the CLI validates earlier; this guards the API). */
export class InvalidFilterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidFilterError';
  }
}

function checkIsoPrefix(name: string, v: string): string {
  if (!ISO_PREFIX.test(v)) throw new InvalidFilterError(`${name} "${v}": expected YYYY, YYYY-MM or YYYY-MM-DD`);
  return v;
}

/**
 * Smallest ISO prefix that sorts after every date within `until`: the last component plus one,
 * without carry — "2024-12" → "2024-13" still sorts after "2024-12-31" and before "2025".
 * So `published < upperBound(until)` includes the whole period named by `until`.
 */
export function upperBound(until: string): string {
  const parts = checkIsoPrefix('until', until).split('-');
  const last = parts.length - 1;
  parts[last] = String(Number(parts[last]) + 1).padStart(parts[last].length, '0');
  return parts.join('-');
}

/** Lower-case host of a URL (as written, "www." kept), or null. */
export function urlHost(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const host = new URL(url).hostname.toLowerCase();
    return host || null;
  } catch {
    return null;
  }
}

/**
 * Conditions for `filter` on documents aliased `d`. `excludeDuplicatesByDefault` is the caller's
 * default when the filter does not say.
 */
// The builder is typed loosely: the same conditions serve queries with different joins.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function documentConditions(eb: ExpressionBuilder<any, any>, filter: DocumentFilter | undefined, excludeDuplicatesByDefault: boolean): Expression<SqlBool> {
  const f = filter ?? {};
  const conds: Expression<SqlBool>[] = [];
  if (f.lang) conds.push(eb('d.lang', '=', f.lang));
  if (f.since) conds.push(eb('d.published', '>=', checkIsoPrefix('since', f.since)));
  if (f.until) conds.push(eb('d.published', '<', upperBound(f.until)));
  if (f.source) {
    const host = f.source.toLowerCase().replace(/^www\./, '');
    conds.push(
      eb.or([eb('d.source', '=', f.source), eb('d.site_name', '=', f.source), eb('d.url_host', 'in', [host, `www.${host}`])]),
    );
  }
  if (f.excludeDuplicates ?? excludeDuplicatesByDefault) conds.push(eb('d.duplicate_of', 'is', null));
  return conds.length > 0 ? eb.and(conds) : sql<SqlBool>`1 = 1`;
}
