/**
 * Plan choice for the fact lists (events, commitments) and the commitments tracker: walk the
 * list's own index order (newest article first, or by deadline) testing each row with per-row
 * probes and stop after one page, or start from the most selective index of a filter (a party's
 * events, a date range, a status, a domain, an event type) and sort what it finds.
 *
 * The walk reads about (page + 1) × rows / matching rows, whatever the filter; an index start
 * reads every row of its filter value, however few match the others. So: the walk when the filters
 * match many rows, the index when one filter value has few. SQLite without statistics cannot
 * tell (it starts from any index it can use, or sorts a party's whole event list), so the caller
 * writes the conditions so that only the chosen start can use an index (analytics/filters.ts
 * `unindexed`, the party / domain as IN list or probe). Both plans return the same rows.
 */
import type { Database } from 'better-sqlite3';
import { prepared } from './sql.ts';
import { dateConds } from './filters.ts';

/** One possible starting index and how many rows it would read (counted up to the cap). */
export interface Driver<K extends string> {
  key: K;
  rows: number;
}

/** A number of rows from a `FROM … WHERE …` text, counted up to `cap` (then: at least `cap`). */
export function countUpTo(db: Database, fromWhere: string, params: unknown[], cap: number): number {
  const limit = Number.isFinite(cap) ? ` LIMIT ${Math.max(1, Math.floor(cap))}` : '';
  return (prepared(db, `SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${fromWhere}${limit}) x`).get(...params) as { n: number }).n;
}

const counted = new WeakMap<Database, { version: string; rows: Map<string, number> }>();

/**
 * Rows of a table. COUNT(*) reads every page of the table's smallest index (~1–2 ms at 100k
 * articles, ten times that at 1M), so it is kept per connection until the database changes:
 * PRAGMA data_version moves when another connection commits, total_changes() when this one writes.
 */
export function tableRows(db: Database, table: 'events' | 'commitments'): number {
  const dv = (prepared(db, 'PRAGMA data_version').get() as { data_version: number }).data_version;
  const version = `${dv}:${(prepared(db, 'SELECT total_changes() AS n').get() as { n: number }).n}`;
  let c = counted.get(db);
  if (!c || c.version !== version) counted.set(db, (c = { version, rows: new Map() }));
  let n = c.rows.get(table);
  if (n === undefined) {
    n = (prepared(db, `SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    c.rows.set(table, n);
  }
  return n;
}

/**
 * `walk`, or the driver to start from. `total`: rows the walk may read; `matches`: estimated rows
 * matching every filter; `limit`: page size. A driver counted at the cap or more is not used (it
 * alone would exceed the time budget). `force`: 'walk' / 'index' (tests, to run both plans).
 */
export function choosePlan<K extends string>(opts: {
  total: number;
  matches: number;
  /** Share of the walked index entries that pass the conditions the walk's index holds (read as rows). */
  inIndex: number;
  limit: number;
  drivers: Driver<K>[];
  cap: number;
  force?: 'walk' | 'index';
}): K | 'walk' {
  if (opts.force === 'walk') return 'walk';
  const usable = opts.drivers.filter((d) => d.rows < opts.cap).sort((a, b) => a.rows - b.rows);
  if (usable.length === 0) return 'walk';
  if (opts.force === 'index') return usable[0].key;
  const walkEntries = Math.min(opts.total, ((opts.limit + 1) * opts.total) / Math.max(opts.matches, 1));
  const walkCost = walkEntries * (INDEX_ENTRY_COST + Math.min(1, opts.inIndex));
  return walkCost <= INDEX_ROW_COST * usable[0].rows ? 'walk' : usable[0].key;
}

/**
 * Costs in units of a row read by the walk (its fact row, its document, the probes; ~1.5–2.5 µs
 * at 100k articles). A row found from a filter's index costs more: a lookup by id, the row read
 * out of order, a place in the sort with its record (~4.5 µs). An index entry the walk skips
 * because its date / type / status (in the walk's index) fails, much less.
 */
export const INDEX_ROW_COST = 3;
export const INDEX_ENTRY_COST = 0.15;

/**
 * A party's events in the aggregates (agg_party_dates: per party, effective date and language),
 * optionally only those in a date range / language: the same counts as the exact query.
 */
export function partyEvents(db: Database, code: string, f: { since?: string; until?: string; lang?: string } = {}): number {
  const conds = ['party = ?', 'n > 0'];
  const params: unknown[] = [code];
  dateConds('dt', f, conds, params);
  if (f.lang) conds.push('lang = ?'), params.push(f.lang);
  return (prepared(db, `SELECT COALESCE(SUM(n), 0) AS n FROM agg_party_dates WHERE ${conds.join(' AND ')}`).get(...params) as { n: number }).n;
}

/**
 * The share of articles published in a date range (and language), from agg_documents: an
 * estimate of a date filter's share of facts when its own count reached the cap (a fact's date is
 * mostly its article's). Pessimistic estimates are safe (a start under the cap is bounded); this
 * one keeps "every date since before the corpus" from looking selective. Within the language
 * `f.lang`, or (`ofAll`) as a share of all articles: a language filter's share.
 */
export function publishedShare(db: Database, f: { since?: string; until?: string; lang?: string }, ofAll = false): number {
  const conds = [`domain = ''`, 'n > 0'];
  const params: unknown[] = [];
  if (f.lang && !ofAll) conds.push('lang = ?'), params.push(f.lang);
  const all = (prepared(db, `SELECT COALESCE(SUM(n), 0) AS n FROM agg_documents WHERE ${conds.join(' AND ')}`).get(...params) as { n: number }).n;
  if (f.lang && ofAll) conds.push('lang = ?'), params.push(f.lang);
  dateConds('published', f, conds, params);
  const inRange = (prepared(db, `SELECT COALESCE(SUM(n), 0) AS n FROM agg_documents WHERE ${conds.join(' AND ')}`).get(...params) as { n: number }).n;
  return all > 0 ? inRange / all : 1;
}

/** Index entries sampled from the head of a walk to estimate its conditions' share. */
export const WALK_SAMPLE = 4096;

/**
 * The share of the first WALK_SAMPLE entries of a walk's index (from its start: the cursor, or the
 * top) that pass the conditions the index holds, read from the index alone: what the walk will
 * see first, so a filter correlated with the order (recent dates and the newest articles) is
 * estimated where it matters. `entries`: the index's columns in order (a covering scan); `conds`:
 * SQL over those columns. Nothing passing: half an entry in the sample.
 */
export function walkShare(
  db: Database,
  q: { columns: string; from: string; order: string; start?: { cond: string; params: unknown[] }; conds: string[]; params: unknown[] },
): number {
  if (q.conds.length === 0) return 1;
  const where = q.start ? ` WHERE ${q.start.cond}` : '';
  const row = prepared(
    db,
    `SELECT COUNT(*) AS n, COALESCE(SUM(CASE WHEN ${q.conds.join(' AND ')} THEN 1 ELSE 0 END), 0) AS k
     FROM (SELECT ${q.columns} FROM ${q.from}${where} ORDER BY ${q.order} LIMIT ${WALK_SAMPLE}) x`,
  ).get(...q.params, ...(q.start?.params ?? [])) as { n: number; k: number };
  if (row.n === 0) return 1;
  return Math.max(row.k, 0.5) / row.n;
}
