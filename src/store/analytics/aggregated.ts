/**
 * Analytic views answered from the aggregate tables (src/store/aggregates.ts). Each function
 * returns `undefined` when a filter cannot be answered from the aggregate keys; the caller then
 * runs the exact query (analytics.ts). Every answer equals the exact query's: that is checked by
 * test/serve/aggregates.test.ts against the exact implementations.
 */
import type { Database } from 'better-sqlite3';
import { prepared } from './sql.ts';
import type { AnalyticsFilter } from './filters.ts';
import type { OverviewTotals, PartnerListItem } from '../analytics.ts';

/** A WHERE clause with its bound values. */
interface Where {
  sql: string;
  params: unknown[];
}

function where(conds: string[], params: unknown[]): Where {
  return { sql: conds.length ? conds.join(' AND ') : '1 = 1', params };
}

/**
 * The same ISO-prefix range as analytics/filters.ts dateRange, on an aggregate date column where
 * '' means "no date" (excluded whenever a bound is set, as NULL is by the exact queries).
 */
function dateConds(col: string, f: { since?: string; until?: string }, conds: string[], params: unknown[]): void {
  if (!f.since && !f.until) return;
  conds.push(`${col} <> ''`);
  if (f.since) conds.push(`${col} >= ?`), params.push(f.since);
  if (f.until) conds.push(`${col} < ?`), params.push(f.until + '~');
}

/** Conditions on agg_events for events matching `f` with party / domain key values given. */
function eventWhere(f: AnalyticsFilter, party: string | null, domain: string | null): Where {
  const conds = ['n > 0'];
  const params: unknown[] = [];
  if (party === null) conds.push(`party <> ''`);
  else conds.push('party = ?'), params.push(party);
  if (domain === null) conds.push(`domain <> ''`);
  else conds.push('domain = ?'), params.push(domain);
  if (f.type) conds.push('event = ?'), params.push(f.type);
  if (f.modality) conds.push('modality = ?'), params.push(f.modality);
  if (f.lang) conds.push('lang = ?'), params.push(f.lang);
  dateConds('dt', f, conds, params);
  return where(conds, params);
}

function rows<R>(db: Database, sqlText: string, params: unknown[]): R[] {
  return prepared(db, sqlText).all(...params) as R[];
}

function one<R>(db: Database, sqlText: string, params: unknown[]): R {
  return prepared(db, sqlText).get(...params) as R;
}

export interface MonthRow {
  month: string;
  key: string;
  count: number;
}

/** Timeline rows (month × type, month × modality) and the undated count; not for pairs. */
export function timelineRows(db: Database, f: AnalyticsFilter): { types: MonthRow[]; modalities: MonthRow[]; undated: number } | undefined {
  if (f.pair) return undefined;
  const w = eventWhere(f, f.party ?? '', f.domain ?? '');
  const by = (col: 'event' | 'modality') =>
    rows<MonthRow>(
      db,
      `SELECT substr(dt, 1, 7) AS month, ${col} AS key, SUM(n) AS count FROM agg_events
       WHERE ${w.sql} AND length(dt) >= 7 GROUP BY substr(dt, 1, 7), ${col} ORDER BY month, key`,
      w.params,
    );
  const undated = one<{ n: number }>(db, `SELECT COALESCE(SUM(n), 0) AS n FROM agg_events WHERE ${w.sql} AND length(dt) < 7`, w.params).n;
  return { types: by('event'), modalities: by('modality'), undated };
}

/** Partner × domain cells. Party and domain filters select co-parties / co-domains: exact query. */
export function matrixCells(db: Database, f: AnalyticsFilter): { partner: string; domain: string; events: number }[] | undefined {
  if (f.party || f.pair || f.domain) return undefined;
  const w = eventWhere(f, null, null);
  return rows(
    db,
    `SELECT party AS partner, domain, SUM(n) AS events FROM agg_events WHERE ${w.sql}
     GROUP BY party, domain ORDER BY party, domain`,
    w.params,
  );
}

/** One row of the partners list (the same shape the exact query returns). */
export type PartnerRow = PartnerListItem;

/** Partners list; documents and names are kept per language only, so other filters: exact query. */
export function partnerRows(db: Database, f: AnalyticsFilter): PartnerRow[] | undefined {
  if (f.since || f.until || f.domain || f.type || f.modality || f.party || f.pair) return undefined;
  const lang = f.lang ? ' AND lang = ?' : '';
  const lp = f.lang ? [f.lang] : [];
  const events = rows<{ code: string; events: number; first_date: string | null; last_date: string | null }>(
    db,
    `SELECT party AS code, SUM(n) AS events, MIN(NULLIF(dt, '')) AS first_date, MAX(NULLIF(dt, '')) AS last_date
     FROM agg_party_dates WHERE n > 0${lang}
     GROUP BY party ORDER BY SUM(n) DESC, party`,
    lp,
  );
  const docs = new Map(
    rows<{ k: string; v: number }>(db, `SELECT party AS k, SUM(n) AS v FROM agg_party_docs WHERE n > 0${lang} GROUP BY party`, lp).map((r) => [r.k, r.v]),
  );
  const names = new Map(
    rows<{ k: string; v: string | null }>(
      db,
      `SELECT party AS k, MAX(NULLIF(name, '')) AS v FROM agg_party_names WHERE n > 0${lang} GROUP BY party`,
      lp,
    ).map((r) => [r.k, r.v]),
  );
  return events.map((r) => ({
    code: r.code,
    name: names.get(r.code) ?? null,
    events: r.events,
    documents: docs.get(r.code) ?? 0,
    first_date: r.first_date,
    last_date: r.last_date,
  }));
}

/** Overview totals; people and organisations undefined when a date or domain filter needs the exact query. */
export type OverviewCounts = Omit<OverviewTotals, 'people' | 'organisations'> & Partial<Pick<OverviewTotals, 'people' | 'organisations'>>;

/** Overview totals; with a party or pair filter (co-parties), the exact query. */
export function overviewCounts(db: Database, f: AnalyticsFilter, today: string, doneStatuses: string[]): OverviewCounts | undefined {
  if (f.party || f.pair) return undefined;
  const domain = f.domain ?? '';
  const docW = (dateCol: string): Where => {
    const conds = ['n > 0', 'domain = ?'];
    const params: unknown[] = [domain];
    if (f.lang) conds.push('lang = ?'), params.push(f.lang);
    dateConds(dateCol, f, conds, params);
    return where(conds, params);
  };
  const dw = docW('published');
  const documents = one<{ n: number }>(db, `SELECT COALESCE(SUM(n), 0) AS n FROM agg_documents WHERE ${dw.sql}`, dw.params).n;
  const ew = eventWhere(f, '', domain);
  const events = one<{ n: number }>(db, `SELECT COALESCE(SUM(n), 0) AS n FROM agg_events WHERE ${ew.sql}`, ew.params).n;
  const pw = eventWhere(f, null, domain);
  // One index probe per known party code instead of a scan of agg_events (every party code with
  // a live event has agg_party_docs rows; stale codes fail the n > 0 probe).
  const partners = one<{ n: number }>(
    db,
    `SELECT COUNT(*) AS n FROM (SELECT DISTINCT party FROM agg_party_docs) p
     WHERE EXISTS (SELECT 1 FROM agg_events a WHERE a.party = p.party AND ${pw.sql})`,
    pw.params,
  ).n;
  const done = doneStatuses.map(() => '?').join(', ');
  const cm = one<{ n: number; overdue: number }>(
    db,
    `SELECT COALESCE(SUM(n), 0) AS n,
       COALESCE(SUM(CASE WHEN deadline <> '' AND status NOT IN (${done}) AND deadline < substr(?, 1, length(deadline)) THEN n ELSE 0 END), 0) AS overdue
     FROM agg_commitments WHERE ${dw.sql}`,
    [...doneStatuses, today, ...dw.params],
  );
  const pol = docW('dt');
  const policies = one<{ n: number }>(db, `SELECT COALESCE(SUM(n), 0) AS n FROM agg_policies WHERE ${pol.sql}`, pol.params).n;
  const out: OverviewCounts = { documents, events, partners, commitments: cm.n, overdue_commitments: cm.overdue, policies };
  // Distinct names are kept per language only: a date or domain filter needs the exact count.
  if (!f.since && !f.until && !f.domain) {
    const names = (kind: string) =>
      one<{ n: number }>(
        db,
        `SELECT COUNT(DISTINCT name) AS n FROM agg_entity_names WHERE kind = ? AND n > 0${f.lang ? ' AND lang = ?' : ''}`,
        f.lang ? [kind, f.lang] : [kind],
      ).n;
    out.people = names('person');
    out.organisations = names('organisation');
  }
  return out;
}

export interface PartyCounts {
  totals: { events: number; first_date: string | null; last_date: string | null };
  byYear: { key: string; count: number }[];
  types: { key: string; count: number }[];
  modalities: { key: string; count: number }[];
  /** Domains of the party's events; undefined with a domain filter (co-domains: exact query). */
  domains?: { key: string; count: number }[];
}

/** Partner-page counts for one party code. */
export function partyEventCounts(db: Database, code: string, f: AnalyticsFilter): PartyCounts {
  const w = eventWhere(f, code, f.domain ?? '');
  const count = (col: 'event' | 'modality') =>
    rows<{ key: string; count: number }>(
      db,
      `SELECT ${col} AS key, SUM(n) AS count FROM agg_events WHERE ${w.sql} GROUP BY ${col} ORDER BY SUM(n) DESC, ${col}`,
      w.params,
    );
  const byYear = rows<{ key: string; count: number }>(
    db,
    `SELECT substr(dt, 1, 4) AS key, SUM(n) AS count FROM agg_events WHERE ${w.sql} AND dt <> '' GROUP BY substr(dt, 1, 4) ORDER BY key`,
    w.params,
  );
  const totalsSql = `SELECT COALESCE(SUM(n), 0) AS events, MIN(NULLIF(dt, '')) AS first_date, MAX(NULLIF(dt, '')) AS last_date`;
  let totals: PartyCounts['totals'];
  if (!f.type && !f.modality && !f.domain) {
    // Without type / modality / domain filters the smaller agg_party_dates answers the same.
    const conds = ['party = ?', 'n > 0'];
    const params: unknown[] = [code];
    if (f.lang) conds.push('lang = ?'), params.push(f.lang);
    dateConds('dt', f, conds, params);
    totals = one(db, `${totalsSql} FROM agg_party_dates WHERE ${conds.join(' AND ')}`, params);
  } else {
    totals = one(db, `${totalsSql} FROM agg_events WHERE ${w.sql}`, w.params);
  }
  const out: PartyCounts = { byYear, types: count('event'), modalities: count('modality'), totals };
  if (!f.domain) {
    const dw = eventWhere(f, code, null);
    out.domains = rows(db, `SELECT domain AS key, SUM(n) AS count FROM agg_events WHERE ${dw.sql} GROUP BY domain ORDER BY SUM(n) DESC, domain`, dw.params);
  }
  return out;
}

/** Documents with an event of the party: per language, and by event domain / date (agg_party_doc_dates). */
export function partyDocuments(db: Database, code: string, f: AnalyticsFilter): number | undefined {
  if (f.type || f.modality) return undefined;
  const lang = f.lang ? ' AND lang = ?' : '';
  if (f.since || f.until || f.domain) {
    // Each article's +1 / -1 rows sum to 1 when one of its event dates is in range (see the table).
    const conds: string[] = [];
    const params: unknown[] = [];
    dateConds('d1', f, conds, params);
    const c2: string[] = [];
    dateConds('d2', f, c2, params);
    const range = conds.length ? ` AND ${conds.join(' AND ')} AND (d2 = '' OR (${c2.join(' AND ')}))` : '';
    return one<{ n: number }>(
      db,
      `SELECT COALESCE(SUM(n), 0) AS n FROM agg_party_doc_dates WHERE party = ? AND domain = ?${lang}${range}`,
      [code, f.domain ?? '', ...(f.lang ? [f.lang] : []), ...params],
    ).n;
  }
  return one<{ n: number }>(db, `SELECT COALESCE(SUM(n), 0) AS n FROM agg_party_docs WHERE party = ? AND n > 0${lang}`, f.lang ? [code, f.lang] : [code]).n;
}

/** Conditions on agg_pairs (same keys as agg_events, plus `other`). */
function pairWhere(f: AnalyticsFilter, domain: string): Where {
  const w = eventWhere({ ...f, party: undefined, pair: undefined }, null, domain);
  // eventWhere's party condition (party <> '') holds for every agg_pairs row.
  return w;
}

/** Other parties of a party's events (partner page), most shared events first. */
export function counterpartRows(db: Database, code: string, f: AnalyticsFilter, limit: number): { key: string; count: number }[] {
  const w = pairWhere(f, f.domain ?? '');
  return rows(
    db,
    `SELECT other AS key, SUM(n) AS count FROM agg_pairs WHERE party = ? AND ${w.sql}
     GROUP BY other ORDER BY SUM(n) DESC, other LIMIT ?`,
    [code, ...w.params, limit],
  );
}

/** Network edges (source < target); a party or pair filter selects co-parties: exact query. */
export function edgeRows(db: Database, f: AnalyticsFilter): { source: string; target: string; events: number }[] | undefined {
  if (f.party || f.pair) return undefined;
  const w = pairWhere(f, f.domain ?? '');
  return rows(
    db,
    `SELECT party AS source, other AS target, SUM(n) AS events FROM agg_pairs WHERE party < other AND ${w.sql}
     GROUP BY party, other ORDER BY SUM(n) DESC, party, other`,
    w.params,
  );
}
