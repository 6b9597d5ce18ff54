/**
 * Analytic views answered from the aggregate tables (src/store/aggregates.ts). Each function
 * returns `undefined` when a filter cannot be answered from the aggregate keys; the caller then
 * runs the exact query (analytics.ts). Every answer equals the exact query's: that is checked by
 * test/serve/aggregates.test.ts against the exact implementations.
 */
import type { Database } from 'better-sqlite3';
import { prepared } from './sql.ts';
import { dateConds, type AnalyticsFilter } from './filters.ts';
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
 * Conditions on the event aggregates (agg_events and its roll-ups) for events matching `f` with
 * party / domain key values given (null: any party / domain, '{party*}' / '{domain*}', which
 * fromParts writes per table); without the date range, which the table plan (eventParts) adds.
 */
function eventWhere(f: AnalyticsFilter, party: string | null, domain: string | null): Where {
  const conds = ['n > 0'];
  const params: unknown[] = [];
  if (party === null) conds.push('{party*}');
  else conds.push('party = ?'), params.push(party);
  if (domain === null) conds.push('{domain*}');
  else conds.push('domain = ?'), params.push(domain);
  if (f.type) conds.push('event = ?'), params.push(f.type);
  if (f.modality) conds.push('modality = ?'), params.push(f.modality);
  if (f.lang) conds.push('lang = ?'), params.push(f.lang);
  return where(conds, params);
}

/**
 * One table read of a plan: the table and its date conditions. `{mo}` in conditions and select
 * lists stands for the month-or-coarser key (substr(date, 1, 7)): agg_event_months' `mo`, or
 * computed from agg_events' / agg_pairs' `dt`; the date-free tables have none.
 */
interface Part {
  table: 'agg_event_totals' | 'agg_event_months' | 'agg_events' | 'agg_pair_totals' | 'agg_pairs';
  conds: string[];
  params: unknown[];
}

const MONTH_KEY: Record<Part['table'], string | null> = {
  agg_event_totals: null,
  agg_pair_totals: null,
  agg_event_months: 'mo',
  agg_events: 'substr(dt, 1, 7)',
  agg_pairs: 'substr(dt, 1, 7)',
};

/**
 * The date bounds of `f` that still select something: a bound that every stored event date
 * satisfies is dropped (the oldest and newest dates are two index probes on agg_events' ('', '')
 * rows, which hold every date any other row holds). Undefined without a date filter; `{}` when
 * the range holds every date (then only the undated events are out).
 */
function liveBounds(db: Database, f: AnalyticsFilter): { since?: string; until?: string } | undefined {
  if (!f.since && !f.until) return undefined;
  const end = (dir: 'ASC' | 'DESC') =>
    one<{ dt: string } | undefined>(db, `SELECT dt FROM agg_events WHERE party = '' AND domain = '' AND dt > '' ORDER BY dt ${dir} LIMIT 1`, [])?.dt;
  const out: { since?: string; until?: string } = {};
  if (f.since) {
    const min = end('ASC');
    if (min === undefined || min < f.since) out.since = f.since;
  }
  if (f.until) {
    const max = end('DESC');
    if (max === undefined || max >= f.until + '~') out.until = f.until;
  }
  return out;
}

/**
 * Which event aggregate rows answer `f`'s date range, as disjoint table reads:
 *  - no date filter: the date-free agg_event_totals (or agg_event_months when the caller groups
 *    by month); a range holding every stored date: the same, dated rows only;
 *  - otherwise agg_event_months for the keys the range holds whole, and agg_events (day keys)
 *    for the month of a day-precision bound. A bound of year or month precision selects whole
 *    month keys: a date with key K (its first 7 characters) is >= since iff K >= since, and
 *    < until + '~' iff K < until + '~', when since / until have at most 7 characters.
 * Equal to dateConds('dt', f) on agg_events: dates are ISO prefixes (digits and '-', all below '~').
 */
function eventParts(db: Database, f: AnalyticsFilter, byMonth: boolean): Part[] {
  const b = liveBounds(db, f);
  if (!b) return [byMonth ? { table: 'agg_event_months', conds: [], params: [] } : { table: 'agg_event_totals', conds: [], params: [] }];
  const { since, until } = b;
  if (!since && !until) {
    return [byMonth ? { table: 'agg_event_months', conds: [`mo <> ''`], params: [] } : { table: 'agg_event_totals', conds: ['dated = 1'], params: [] }];
  }
  const sm = since && since.length > 7 ? since.slice(0, 7) : undefined;
  const um = until && until.length > 7 ? until.slice(0, 7) : undefined;
  const day = (lo: string | undefined, hi: string | undefined): Part => {
    const conds = [`dt <> ''`];
    const params: unknown[] = [];
    if (lo !== undefined) conds.push('dt >= ?'), params.push(lo);
    if (hi !== undefined) conds.push('dt < ?'), params.push(hi);
    return { table: 'agg_events', conds, params };
  };
  const upper = until === undefined ? undefined : until + '~';
  // Both bounds inside one month: the day rows of that month only.
  if (sm !== undefined && sm === um) return [day(since, upper)];
  const month: Part = { table: 'agg_event_months', conds: [`mo <> ''`], params: [] };
  if (since !== undefined) {
    if (sm === undefined) month.conds.push('mo >= ?'), month.params.push(since);
    else month.conds.push('mo > ?'), month.params.push(sm);
  }
  if (until !== undefined) {
    if (um === undefined) month.conds.push('mo < ?'), month.params.push(upper);
    else month.conds.push('mo < ?'), month.params.push(um);
  }
  const parts = [month];
  // The rest of since's month, and the start of until's month (its month-precision dates too).
  if (sm !== undefined) parts.push(day(since, upper !== undefined && upper < sm + '~' ? upper : sm + '~'));
  if (um !== undefined) parts.push(day(since !== undefined && since > um ? since : um, upper));
  return parts;
}

/** The same for agg_pairs (no monthly table: a date range that selects something reads the day rows). */
function pairParts(db: Database, f: AnalyticsFilter): Part[] {
  const b = liveBounds(db, f);
  if (!b) return [{ table: 'agg_pair_totals', conds: [], params: [] }];
  if (!b.since && !b.until) return [{ table: 'agg_pair_totals', conds: ['dated = 1'], params: [] }];
  const conds: string[] = [];
  const params: unknown[] = [];
  dateConds('dt', b, conds, params);
  return [{ table: 'agg_pairs', conds, params }];
}

/**
 * SELECT `select` FROM the parts' rows matching `w`, then `tail` (GROUP BY / ORDER BY ...). One
 * part reads its table directly; several are a UNION ALL of the key columns `cols` and n (the
 * parts are disjoint, so sums add up).
 */
function fromParts(parts: Part[], w: Where, select: string, tail: string, cols: string[]): { sql: string; params: unknown[] } {
  if (parts.length === 1) {
    const [p] = parts;
    return { sql: partSql(p, `SELECT ${select} FROM ${p.table} WHERE ${partWhere(p, w)} ${tail}`), params: [...w.params, ...p.params] };
  }
  const inner = parts.map((p) => partSql(p, `SELECT ${cols.join(', ')}, {mo} AS mo, n FROM ${p.table} WHERE ${partWhere(p, w)}`)).join(' UNION ALL ');
  return { sql: `SELECT ${select} FROM (${inner}) x ${tail}`.replaceAll('{mo}', 'mo'), params: parts.flatMap((p) => [...w.params, ...p.params]) };
}

function partWhere(p: Part, w: Where): string {
  return [w.sql, ...p.conds].join(' AND ');
}

/**
 * Party codes and domains that have (or had) an event: every code of agg_events has
 * agg_party_docs rows, every domain an ('', domain) row of agg_event_totals.
 */
const KNOWN_PARTIES = 'SELECT DISTINCT party FROM agg_party_docs';
const KNOWN_DOMAINS = `SELECT DISTINCT domain FROM agg_event_totals WHERE party = '' AND domain <> ''`;

/**
 * Write a part's placeholders: `{mo}` (its month key), and the "any party / domain / other"
 * conditions as IN lists of the known codes, so that the primary key (party, domain, [other,]
 * date, …) is searched per code (and date range, or the next key given) instead of scanned: at
 * 20k a day range of the matrix 56 → 7 ms, the network's date-free edges 38 → 9 ms.
 */
function partSql(p: Part, sqlText: string): string {
  const k = MONTH_KEY[p.table];
  if (k === null && sqlText.includes('{mo}')) throw new Error(`aggregates: ${p.table} has no month key`);
  return sqlText
    .replaceAll('{mo}', k ?? '')
    .replaceAll('{party*}', `party IN (${KNOWN_PARTIES})`)
    .replaceAll('{other*}', `other IN (${KNOWN_PARTIES})`)
    .replaceAll('{domain*}', `domain IN (${KNOWN_DOMAINS})`);
}

const EVENT_COLS = ['party', 'domain', 'event', 'modality', 'lang'];
const PAIR_COLS = ['party', 'other', 'domain', 'event', 'modality', 'lang'];

function eventRows<R>(db: Database, parts: Part[], w: Where, select: string, tail = '', tailParams: unknown[] = []): R[] {
  const q = fromParts(parts, w, select, tail, EVENT_COLS);
  return rows<R>(db, q.sql, [...q.params, ...tailParams]);
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
  const parts = eventParts(db, f, true);
  const by = (col: 'event' | 'modality') =>
    eventRows<MonthRow>(
      db,
      parts,
      { sql: `${w.sql} AND length({mo}) >= 7`, params: w.params },
      `{mo} AS month, ${col} AS key, SUM(n) AS count`,
      `GROUP BY {mo}, ${col} ORDER BY month, key`,
    );
  const undated = eventRows<{ n: number }>(db, parts, { sql: `${w.sql} AND length({mo}) < 7`, params: w.params }, 'COALESCE(SUM(n), 0) AS n')[0].n;
  return { types: by('event'), modalities: by('modality'), undated };
}

/** Partner × domain cells. Party and domain filters select co-parties / co-domains: exact query. */
export function matrixCells(db: Database, f: AnalyticsFilter): { partner: string; domain: string; events: number }[] | undefined {
  if (f.party || f.pair || f.domain) return undefined;
  return eventRows(db, eventParts(db, f, false), eventWhere(f, null, null), 'party AS partner, domain, SUM(n) AS events', 'GROUP BY party, domain ORDER BY party, domain');
}

/** One row of the partners list (the same shape the exact query returns). */
export type PartnerRow = PartnerListItem;

type PartyEvents = { code: string; events: number; first_date: string | null; last_date: string | null };

/** One partners-list row per party with events, its article count and name looked up by code. */
function joinPartnerRows(events: PartyEvents[], docs: Map<string, number>, names: Map<string, string | null>): PartnerRow[] {
  return events.map((r) => ({
    code: r.code,
    name: names.get(r.code) ?? null,
    events: r.events,
    documents: docs.get(r.code) ?? 0,
    first_date: r.first_date,
    last_date: r.last_date,
  }));
}

/** Partners list (and the network's nodes) by language and date range; other filters: exact query. */
export function partnerRows(db: Database, f: AnalyticsFilter): PartnerRow[] | undefined {
  if (f.domain || f.type || f.modality || f.party || f.pair) return undefined;
  if (f.since || f.until) return datedPartnerRows(db, f);
  const lang = f.lang ? ' AND lang = ?' : '';
  const lp = f.lang ? [f.lang] : [];
  const events = rows<PartyEvents>(
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
  return joinPartnerRows(events, docs, names);
}

/**
 * The partners list under a date range: events and dates from agg_party_dates, articles from
 * agg_party_doc_dates (as partyDocuments), names from agg_party_name_dates; each searched per
 * known party code and date range.
 */
function datedPartnerRows(db: Database, f: AnalyticsFilter): PartnerRow[] {
  const lang = f.lang ? ' AND lang = ?' : '';
  const lp = f.lang ? [f.lang] : [];
  const dc: string[] = [];
  const dp: unknown[] = [];
  dateConds('dt', f, dc, dp);
  const range = dc.join(' AND ');
  const events = rows<PartyEvents>(
    db,
    `SELECT party AS code, SUM(n) AS events, MIN(dt) AS first_date, MAX(dt) AS last_date
     FROM agg_party_dates WHERE party IN (${KNOWN_PARTIES}) AND ${range} AND n > 0${lang}
     GROUP BY party ORDER BY SUM(n) DESC, party`,
    [...dp, ...lp],
  );
  const docRange = docDateRange(f);
  const docs = new Map(
    rows<{ k: string; v: number }>(
      db,
      `SELECT party AS k, SUM(n) AS v FROM agg_party_doc_dates WHERE party IN (${KNOWN_PARTIES}) AND domain = ''${lang}${docRange.sql} GROUP BY party`,
      [...lp, ...docRange.params],
    ).map((r) => [r.k, r.v]),
  );
  const names = new Map(
    rows<{ k: string; v: string | null }>(
      db,
      `SELECT party AS k, MAX(NULLIF(name, '')) AS v FROM agg_party_name_dates WHERE party IN (${KNOWN_PARTIES}) AND ${range} AND n > 0${lang} GROUP BY party`,
      [...dp, ...lp],
    ).map((r) => [r.k, r.v]),
  );
  return joinPartnerRows(events, docs, names);
}

/** The date range on agg_party_doc_dates: each article's +1 / -1 rows sum to 1 when one of its event dates is in range (see the table). */
function docDateRange(f: AnalyticsFilter): Where {
  const conds: string[] = [];
  const params: unknown[] = [];
  dateConds('d1', f, conds, params);
  const c2: string[] = [];
  dateConds('d2', f, c2, params);
  return { sql: conds.length ? ` AND ${conds.join(' AND ')} AND (d2 = '' OR (${c2.join(' AND ')}))` : '', params };
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
  const parts = eventParts(db, f, false);
  const events = eventRows<{ n: number }>(db, parts, eventWhere(f, '', domain), 'COALESCE(SUM(n), 0) AS n')[0].n;
  const pw = eventWhere(f, null, domain);
  // One index probe per known party code instead of a scan of agg_events (every party code with
  // a live event has agg_party_docs rows; stale codes fail the n > 0 probe).
  const probes = parts.map((pt) => partSql(pt, `EXISTS (SELECT 1 FROM ${pt.table} a WHERE a.party = p.party AND ${partWhere(pt, pw)})`));
  const partners = one<{ n: number }>(
    db,
    `SELECT COUNT(*) AS n FROM (SELECT DISTINCT party FROM agg_party_docs) p WHERE ${probes.join(' OR ')}`,
    parts.flatMap((pt) => [...pw.params, ...pt.params]),
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
  const parts = eventParts(db, f, false);
  const count = (col: 'event' | 'modality') =>
    eventRows<{ key: string; count: number }>(db, parts, w, `${col} AS key, SUM(n) AS count`, `GROUP BY ${col} ORDER BY SUM(n) DESC, ${col}`);
  const byYear = eventRows<{ key: string; count: number }>(
    db,
    eventParts(db, f, true),
    { sql: `${w.sql} AND {mo} <> ''`, params: w.params },
    'substr({mo}, 1, 4) AS key, SUM(n) AS count',
    'GROUP BY substr({mo}, 1, 4) ORDER BY key',
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
    const conds: string[] = [];
    const params: unknown[] = [...w.params];
    dateConds('dt', f, conds, params);
    totals = one(db, `${totalsSql} FROM agg_events WHERE ${[w.sql, ...conds].join(' AND ')}`, params);
  }
  const out: PartyCounts = { byYear, types: count('event'), modalities: count('modality'), totals };
  if (!f.domain) {
    out.domains = eventRows(db, parts, eventWhere(f, code, null), 'domain AS key, SUM(n) AS count', 'GROUP BY domain ORDER BY SUM(n) DESC, domain');
  }
  return out;
}

/** Documents with an event of the party: per language, and by event domain / date (agg_party_doc_dates). */
export function partyDocuments(db: Database, code: string, f: AnalyticsFilter): number | undefined {
  if (f.type || f.modality) return undefined;
  const lang = f.lang ? ' AND lang = ?' : '';
  if (f.since || f.until || f.domain) {
    const range = docDateRange(f);
    return one<{ n: number }>(
      db,
      `SELECT COALESCE(SUM(n), 0) AS n FROM agg_party_doc_dates WHERE party = ? AND domain = ?${lang}${range.sql}`,
      [code, f.domain ?? '', ...(f.lang ? [f.lang] : []), ...range.params],
    ).n;
  }
  return one<{ n: number }>(db, `SELECT COALESCE(SUM(n), 0) AS n FROM agg_party_docs WHERE party = ? AND n > 0${lang}`, f.lang ? [code, f.lang] : [code]).n;
}

/** Conditions on agg_pairs / agg_pair_totals (same keys as agg_events, plus `other`), `party` given or any. */
function pairWhere(f: AnalyticsFilter, party: string | null, domain: string): Where {
  const w = eventWhere({ ...f, party: undefined, pair: undefined }, party, domain);
  return { sql: `${w.sql} AND {other*}`, params: w.params };
}

function pairRows<R>(db: Database, f: AnalyticsFilter, w: Where, select: string, tail: string, tailParams: unknown[] = []): R[] {
  const q = fromParts(pairParts(db, f), w, select, tail, PAIR_COLS);
  return rows<R>(db, q.sql, [...q.params, ...tailParams]);
}

/** Other parties of a party's events (partner page), most shared events first. */
export function counterpartRows(db: Database, code: string, f: AnalyticsFilter, limit: number): { key: string; count: number }[] {
  return pairRows(db, f, pairWhere(f, code, f.domain ?? ''), 'other AS key, SUM(n) AS count', 'GROUP BY other ORDER BY SUM(n) DESC, other LIMIT ?', [limit]);
}

/** Network edges (source < target); a party or pair filter selects co-parties: exact query. */
export function edgeRows(db: Database, f: AnalyticsFilter): { source: string; target: string; events: number }[] | undefined {
  if (f.party || f.pair) return undefined;
  const w = pairWhere(f, null, f.domain ?? '');
  return pairRows(db, f, { sql: `party < other AND ${w.sql}`, params: w.params }, 'party AS source, other AS target, SUM(n) AS events', 'GROUP BY party, other ORDER BY SUM(n) DESC, party, other');
}
