/**
 * Analytic read queries over the fact tables: fact lists with filters, partner / pair summaries,
 * the partner × domain matrix, the monthly timeline, the cooperation network, the commitments
 * tracker and overview totals. Used by the HTTP API (src/serve) and by `coopwatch facts`.
 *
 * Every function takes the better-sqlite3 `Database` directly (read-only use) and:
 *  - leaves near-duplicate documents (documents.duplicate_of IS NOT NULL) out of every count;
 *  - orders results completely (ties broken by id), so pages and exports are reproducible;
 *  - paginates lists with an opaque keyset cursor (see analytics/cursor.ts).
 * SQL is built with Kysely (compile only) and run synchronously through cached prepared
 * statements (analytics/sql.ts).
 */
import type { Database } from 'better-sqlite3';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { CommitmentRecord, EntityRecord, EventRecord, PolicyRecord } from '../types.ts';
import { all, first, qb } from './analytics/sql.ts';
import { decodeCursor, encodeCursor, type KeyPart } from './analytics/cursor.ts';
import { counterpartRows, edgeRows, matrixCells, overviewCounts, partnerRows, partyDocuments, partyEventCounts, timelineRows, type MonthRow } from './analytics/aggregated.ts';
import { distinctEntityNameCount, partyEntityRows } from './analytics/entities.ts';
import { choosePlan, countUpTo, partyEvents, publishedShare, tableRows, walkShare, type Driver } from './analytics/plan.ts';
import {
  actorHas,
  actorIn,
  actorListable,
  and,
  COMMITMENT_DATE,
  dateRange,
  DOC_DATE,
  docConds,
  docDomain,
  docHasPair,
  EVENT_DATE,
  eventConds,
  eventDomain,
  commitmentDomainProbe,
  partyIn,
  partyProbe,
  unindexed,
  factDomain,
  POLICY_DATE,
  type AnalyticsFilter,
  type Cond,
} from './analytics/filters.ts';

export { BadCursorError } from './analytics/cursor.ts';
export type { AnalyticsFilter } from './analytics/filters.ts';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 1000;

/** One page of a list; `next_cursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

function clampLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_LIMIT;
  return Math.max(1, Math.min(MAX_LIMIT, Math.floor(limit)));
}

/** Cut the extra look-ahead row and build the next cursor from the last kept row's key. */
function page<R, T>(rows: R[], limit: number, key: (r: R) => KeyPart[], map: (r: R) => T): Page<T> {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  return { items: kept.map(map), next_cursor: more ? encodeCursor(key(kept[kept.length - 1])) : null };
}

// ---------------------------------------------------------------------------------------------
// Fact lists (`coopwatch facts`, /api/facts/*)

export type FactKind = 'events' | 'commitments' | 'policies' | 'entities';

/**
 * Filters of `queryFacts` (and of `coopwatch facts`). All optional except `kind`; all ANDed.
 *
 * - `party`: events with that party; commitments whose actors include it; policies with that
 *   jurisdiction; entities of that country.
 * - `pair`: events whose parties include both codes; for the other kinds, facts of either code
 *   found in documents that contain such an event.
 * - `domain`: the fact's own domain tags (entities: the article's domains).
 * - `type`, `modality`: events only (ignored for other kinds).
 * - `since`, `until`: ISO prefixes, inclusive; on the event / policy date, falling back to the
 *   document's published date (commitments and entities: the published date).
 * - `status`: commitment or policy statuses (any of).
 * - `entityKind`: person / organisation / place (entities only).
 * - `doc`: one document id. `lang`: document language.
 * Ordering: newest document first (ingest order), then sentence order, then id.
 */
export interface FactFilter extends AnalyticsFilter {
  kind: FactKind;
  doc?: string;
  status?: string[];
  entityKind?: EntityRecord['kind'];
  cursor?: string;
  /** Page size, 1..1000 (default 50). */
  limit?: number;
}

export function queryFacts(db: Database, f: FactFilter & { kind: 'events' }): Page<EventRecord>;
export function queryFacts(db: Database, f: FactFilter & { kind: 'commitments' }): Page<CommitmentRecord>;
export function queryFacts(db: Database, f: FactFilter & { kind: 'policies' }): Page<PolicyRecord>;
export function queryFacts(db: Database, f: FactFilter & { kind: 'entities' }): Page<EntityRecord>;
export function queryFacts(db: Database, f: FactFilter): Page<EventRecord | CommitmentRecord | PolicyRecord | EntityRecord>;
export function queryFacts(db: Database, f: FactFilter): Page<EventRecord | CommitmentRecord | PolicyRecord | EntityRecord> {
  const limit = clampLimit(f.limit);
  const parse = (r: { record: string }) => JSON.parse(r.record);
  type Row = { record: string; k1: number; k2: number; k3: string };
  const key3 = (r: Row): KeyPart[] => [r.k1, r.k2, r.k3];
  // Keyset condition for ORDER BY doc_seq DESC, sentence_idx ASC, id ASC.
  const after3 = (seq: string, sent: string, id: string): Cond | null => {
    if (!f.cursor) return null;
    const [s, i, k] = decodeCursor(f.cursor, ['n', 'n', 's']);
    return sql<SqlBool>`(${sql.ref(seq)} < ${s} OR (${sql.ref(seq)} = ${s} AND (${sql.ref(sent)} > ${i} OR (${sql.ref(sent)} = ${i} AND ${sql.ref(id)} > ${k}))))`;
  };

  // A walk in list order starts at the cursor's article: the bound is repeated as a plain range
  // on doc_seq, which SQLite can seek to (the OR above it cannot be).
  const walkFrom = (seq: string): Cond | null => {
    if (!f.cursor) return null;
    const [s] = decodeCursor(f.cursor, ['n', 'n', 's']);
    return sql<SqlBool>`${sql.ref(seq)} <= ${s}`;
  };

  if (f.kind === 'events') {
    // One article (doc): SQLite starts from the document, as before. Otherwise the plan choice.
    const plan = f.doc || analyticsTuning.factPlan === 'sqlite' ? undefined : eventListPlan(db, f, limit);
    const conds = plan ? eventListConds(f, plan) : eventConds(f);
    const c = after3('e.doc_seq', 'e.sentence_idx', 'e.id');
    if (c) conds.push(c);
    const w = plan === 'walk' ? walkFrom('e.doc_seq') : null;
    if (w) conds.push(w);
    // CROSS JOIN: the events are the outer loop (walked, or found from the chosen index), never
    // documents_lang for a language filter.
    const from = plan
      ? qb.selectFrom('events as e').crossJoin('documents as d').where(sql<SqlBool>`d.seq = e.doc_seq`)
      : qb.selectFrom('events as e').innerJoin('documents as d', 'd.seq', 'e.doc_seq');
    const q = from
      .select(['e.record as record', 'e.doc_seq as k1', 'e.sentence_idx as k2', 'e.id as k3'])
      .where(and(conds))
      .orderBy('e.doc_seq', 'desc')
      .orderBy('e.sentence_idx', 'asc')
      .orderBy('e.id', 'asc')
      .limit(limit + 1);
    analyticsTuning.trace?.('events', plan ?? 'sqlite', q.compile());
    const rows = all(db, q) as Row[];
    return page(rows, limit, key3, parse);
  }

  if (f.kind === 'commitments') {
    // One article, or a pair (a document condition built from the pair's events): as before.
    const plan =
      f.doc || f.pair || analyticsTuning.factPlan === 'sqlite'
        ? undefined
        : commitmentPlan(db, f, limit, 'recent', f.cursor ? decodeCursor(f.cursor, ['n', 'n', 's'])[0] : undefined);
    const conds = plan ? commitmentListConds(f, plan) : commitmentConds(f);
    const c = after3('c.doc_seq', 'c.sentence_idx', 'c.id');
    if (c) conds.push(c);
    const w = plan === 'walk' ? walkFrom('c.doc_seq') : null;
    if (w) conds.push(w);
    const from = plan
      ? qb.selectFrom('commitments as c').crossJoin('documents as d').where(sql<SqlBool>`d.seq = c.doc_seq`)
      : qb.selectFrom('commitments as c').innerJoin('documents as d', 'd.seq', 'c.doc_seq');
    const q = from
      .select(['c.record as record', 'c.doc_seq as k1', 'c.sentence_idx as k2', 'c.id as k3'])
      .where(and(conds))
      .orderBy('c.doc_seq', 'desc')
      .orderBy('c.sentence_idx', 'asc')
      .orderBy('c.id', 'asc')
      .limit(limit + 1);
    analyticsTuning.trace?.('commitments', plan ?? 'sqlite', q.compile());
    const rows = all(db, q) as Row[];
    return page(rows, limit, key3, parse);
  }

  if (f.kind === 'policies') {
    const conds = [...docConds(f), ...dateRange(POLICY_DATE, f), ...factDomain('p.id', 'policy', f.domain)];
    if (f.party) conds.push(sql<SqlBool>`p.jurisdiction = ${f.party}`);
    if (f.pair) conds.push(sql<SqlBool>`p.jurisdiction IN (${f.pair[0]}, ${f.pair[1]})`, docHasPair('p.doc_seq', f.pair));
    if (f.status?.length) conds.push(sql<SqlBool>`p.status IN (${sql.join(f.status)})`);
    const c = after3('p.doc_seq', 'p.sentence_idx', 'p.id');
    if (c) conds.push(c);
    const rows = all(
      db,
      qb
        .selectFrom('policies as p')
        .innerJoin('documents as d', 'd.seq', 'p.doc_seq')
        .select(['p.record as record', 'p.doc_seq as k1', 'p.sentence_idx as k2', 'p.id as k3'])
        .where(and(conds))
        .orderBy('p.doc_seq', 'desc')
        .orderBy('p.sentence_idx', 'asc')
        .orderBy('p.id', 'asc')
        .limit(limit + 1),
    ) as Row[];
    return page(rows, limit, key3, parse);
  }

  // entities: ORDER BY doc_seq DESC, id ASC
  const conds = [...entityConds(f)];
  if (f.entityKind) conds.push(sql<SqlBool>`n.kind = ${f.entityKind}`);
  if (f.cursor) {
    const [s, k] = decodeCursor(f.cursor, ['n', 's']);
    conds.push(sql<SqlBool>`(n.doc_seq < ${s} OR (n.doc_seq = ${s} AND n.id > ${k}))`);
  }
  const rows = all(
    db,
    qb
      .selectFrom('entities as n')
      .innerJoin('documents as d', 'd.seq', 'n.doc_seq')
      .select(['n.record as record', 'n.doc_seq as k1', 'n.id as k2'])
      .where(and(conds))
      .orderBy('n.doc_seq', 'desc')
      .orderBy('n.id', 'asc')
      .limit(limit + 1),
  );
  return page(rows, limit, (r) => [r.k1, r.k2], parse);
}

// ---------------------------------------------------------------------------------------------
// Plan choice for the event and commitment lists (analytics/plan.ts)

/** Where an event list starts: walking events_doc, or one filter's index. */
type EventPlan = 'walk' | 'party' | 'pair0' | 'pair1' | 'date' | 'domain' | 'type';

function planForce(): 'walk' | 'index' | undefined {
  const p = analyticsTuning.factPlan;
  return p === 'walk' || p === 'index' ? p : undefined;
}

function planCap(): number {
  return analyticsTuning.factPlan === 'index' ? Infinity : analyticsTuning.factIndexMaxRows;
}

/** The date range as SQL text over a bare `eff_date` column (for counts and samples). */
function dateSql(f: { since?: string; until?: string }): { conds: string[]; params: unknown[] } {
  const conds: string[] = [];
  const params: unknown[] = [];
  if (f.since) conds.push('eff_date >= ?'), params.push(f.since);
  if (f.until) conds.push('eff_date < ?'), params.push(f.until + '~');
  return { conds, params };
}

/**
 * The plan for an event list. The conditions events_doc holds (date, type, modality) are
 * estimated from a sample of the walk's first entries (plan.ts walkShare); the party (aggregates,
 * with the language), the domain (its index, counted up to the cap) and the language as
 * independent shares of all events. The starts: the party's (or the rarer pair party's) events,
 * the date range, the domain, the type, each counted up to the cap.
 */
function eventListPlan(db: Database, f: FactFilter, limit: number): EventPlan {
  const force = planForce();
  if (force === 'walk') return 'walk';
  const cap = planCap();
  const total = tableRows(db, 'events');
  if (total === 0) return 'walk';
  const drivers: Driver<EventPlan>[] = [];
  const date = dateSql(f);
  const held = { conds: [...date.conds], params: [...date.params] };
  if (f.type) held.conds.push('event = ?'), held.params.push(f.type);
  if (f.modality) held.conds.push('modality = ?'), held.params.push(f.modality);
  const seq = f.cursor ? (decodeCursor(f.cursor, ['n', 'n', 's'])[0] as number) : undefined;
  // The share of walked events whose date, type and modality pass: the rows the walk reads.
  const inIndex = walkShare(db, {
    columns: 'eff_date, event, modality',
    from: 'events',
    order: 'doc_seq DESC',
    start: seq === undefined ? undefined : { cond: 'doc_seq <= ?', params: [seq] },
    ...held,
  });
  let matches = total * inIndex;
  if (f.party) {
    drivers.push({ key: 'party', rows: partyEvents(db, f.party) });
    matches *= partyEvents(db, f.party, { lang: f.lang }) / total;
  } else if (f.pair) {
    const [a, b] = [partyEvents(db, f.pair[0]), partyEvents(db, f.pair[1])];
    drivers.push({ key: 'pair0', rows: a }, { key: 'pair1', rows: b });
    // The rarer party (with the language), and the other's share of all events.
    matches *= (partyEvents(db, f.pair[a <= b ? 0 : 1], { lang: f.lang }) / total) * (Math.max(a, b) / total);
  } else if (f.lang) {
    matches *= publishedShare(db, { lang: f.lang }, true);
  }
  if (date.conds.length) drivers.push({ key: 'date', rows: countUpTo(db, `events WHERE ${date.conds.join(' AND ')}`, date.params, cap) });
  if (f.domain) {
    const rows = countUpTo(db, `fact_domains WHERE domain = ? AND fact_type = 'event'`, [f.domain], cap);
    drivers.push({ key: 'domain', rows });
    matches *= rows / total;
  }
  if (f.type) {
    const rows = f.modality
      ? countUpTo(db, 'events WHERE event = ? AND modality = ?', [f.type, f.modality], cap)
      : countUpTo(db, 'events WHERE event = ?', [f.type], cap);
    drivers.push({ key: 'type', rows });
  }
  return choosePlan({ total, matches, inIndex, limit, drivers, cap, force });
}

/**
 * eventConds for a chosen plan: the chosen start as the only condition SQLite can use an index
 * for, every other one as a per-row test (same rows whichever plan).
 */
function eventListConds(f: FactFilter, plan: EventPlan): Cond[] {
  const ix = (p: EventPlan) => plan === p;
  const out = [...docConds(f), ...dateRange(ix('date') ? EVENT_DATE : unindexed(EVENT_DATE), f), ...lowerBound(EVENT_DATE, f, ix('date'))];
  if (f.type) out.push(sql<SqlBool>`${ix('type') ? sql`e.event` : unindexed(sql`e.event`)} = ${f.type}`);
  if (f.modality) out.push(sql<SqlBool>`${ix('type') ? sql`e.modality` : unindexed(sql`e.modality`)} = ${f.modality}`);
  if (f.domain) out.push(eventDomain(f.domain, !ix('domain')));
  if (f.party) out.push(ix('party') ? partyIn(f.party) : partyProbe(f.party));
  if (f.pair) {
    out.push(ix('pair0') ? partyIn(f.pair[0]) : partyProbe(f.pair[0]));
    out.push(ix('pair1') ? partyIn(f.pair[1]) : partyProbe(f.pair[1]));
  }
  return out;
}

/**
 * When the date index is the start and only `until` is set: the lower bound '' too (every string is
 * >= '', and NULL is out either way), as SQLite takes a one-sided range for an unselective one and
 * walks the list's order instead.
 */
function lowerBound(expr: RawBuilder<unknown>, f: { since?: string; until?: string }, start: boolean): Cond[] {
  return start && f.until && !f.since ? [sql<SqlBool>`${expr} >= ''`] : [];
}

/** Where a commitment list starts: walking its order's index, or one filter's index. */
type CommitmentPlan = 'walk' | 'status' | 'date' | 'domain' | 'actor';

/**
 * The plan for a commitment list (fact list, or tracker walked in `order`: 'recent' =
 * commitments_doc, 'deadline' = commitments_deadline_order; 'none' = no index order, sorted
 * anyway). Date and status are estimated from a sample of the walk's first entries, the actor
 * (commitment_actors), domain and language as independent shares.
 */
function commitmentPlan(
  db: Database,
  f: CommitmentQuery,
  limit: number,
  order: 'recent' | 'deadline' | 'none',
  /** The cursor's key in that order (doc_seq, or COALESCE(deadline, '~')): where the walk starts. */
  from?: KeyPart,
): CommitmentPlan {
  const force = order === 'none' ? 'index' : planForce();
  if (force === 'walk') return 'walk';
  const total = tableRows(db, 'commitments');
  // No index order: a start that holds half the rows or more reads them out of order for nothing;
  // then 'walk' (no start: a scan, then the sort).
  const cap = order === 'none' ? Math.max(1, total / 2) : planCap();
  if (total === 0) return 'walk';
  const drivers: Driver<CommitmentPlan>[] = [];
  const date = dateSql(f);
  const held = { conds: [...date.conds], params: [...date.params] };
  if (f.status?.length) held.conds.push(`status IN (${f.status.map(() => '?').join(', ')})`), held.params.push(...f.status);
  let start: { cond: string; params: unknown[] } | undefined;
  if (from !== undefined && order !== 'none') {
    start = order === 'recent' ? { cond: 'doc_seq <= ?', params: [from] } : { cond: `COALESCE(deadline, '~') >= ?`, params: [from] };
  }
  // The share of walked commitments whose date and status pass (order 'none': of all of them).
  const inIndex = walkShare(db, {
    columns: 'eff_date, status',
    from: 'commitments',
    order: order === 'deadline' ? `COALESCE(deadline, '~'), id` : 'doc_seq DESC',
    start,
    ...held,
  });
  let matches = total * inIndex;
  if (f.status?.length) {
    drivers.push({ key: 'status', rows: countUpTo(db, `commitments WHERE status IN (${f.status.map(() => '?').join(', ')})`, f.status, cap) });
  }
  if (date.conds.length) drivers.push({ key: 'date', rows: countUpTo(db, `commitments WHERE ${date.conds.join(' AND ')}`, date.params, cap) });
  if (f.domain) {
    const rows = countUpTo(db, `fact_domains WHERE domain = ? AND fact_type = 'commitment'`, [f.domain], cap);
    drivers.push({ key: 'domain', rows });
    matches *= rows / total;
  }
  if (f.party && actorListable(f.party)) {
    const rows = countUpTo(db, 'commitment_actors WHERE code = ?', [f.party], cap);
    drivers.push({ key: 'actor', rows });
    matches *= rows / total;
  }
  if (f.lang) matches *= publishedShare(db, { lang: f.lang }, true);
  return choosePlan({ total, matches, inIndex, limit, drivers, cap, force });
}

/** commitmentConds for a chosen plan (see eventListConds); not for pairs. */
function commitmentListConds(f: CommitmentQuery, plan: CommitmentPlan): Cond[] {
  const ix = (p: CommitmentPlan) => plan === p;
  const out = [...docConds(f), ...dateRange(ix('date') ? COMMITMENT_DATE : unindexed(COMMITMENT_DATE), f), ...lowerBound(COMMITMENT_DATE, f, ix('date'))];
  if (f.domain) out.push(ix('domain') ? factDomain('c.id', 'commitment', f.domain)[0] : commitmentDomainProbe(f.domain));
  // The list's rows also pass actorHas, so they are actorHas' rows whichever start.
  if (f.party) out.push(...(ix('actor') ? [actorIn(f.party)] : []), actorHas(f.party));
  if (f.status?.length) out.push(sql<SqlBool>`${ix('status') ? sql`c.status` : unindexed(sql`c.status`)} IN (${sql.join(f.status)})`);
  return out;
}

function commitmentConds(f: AnalyticsFilter & { doc?: string; status?: string[] }): Cond[] {
  const conds = [...docConds(f), ...dateRange(COMMITMENT_DATE, f), ...factDomain('c.id', 'commitment', f.domain)];
  if (f.party) conds.push(actorHas(f.party));
  if (f.pair) conds.push(sql<SqlBool>`(${actorHas(f.pair[0])} OR ${actorHas(f.pair[1])})`, docHasPair('c.doc_seq', f.pair));
  if (f.status?.length) conds.push(sql<SqlBool>`c.status IN (${sql.join(f.status)})`);
  return conds;
}

function entityConds(f: AnalyticsFilter & { doc?: string }): Cond[] {
  const conds = [...docConds(f), ...dateRange(DOC_DATE, f), ...docDomain(f.domain)];
  if (f.party) conds.push(sql<SqlBool>`n.country = ${f.party}`);
  if (f.pair) conds.push(sql<SqlBool>`n.country IN (${f.pair[0]}, ${f.pair[1]})`, docHasPair('n.doc_seq', f.pair));
  return conds;
}

// ---------------------------------------------------------------------------------------------
// Commitments tracker

export type CommitmentSort = 'deadline' | '-deadline' | 'status' | 'actor' | 'recent';
export const COMMITMENT_SORTS: readonly CommitmentSort[] = ['deadline', '-deadline', 'status', 'actor', 'recent'];

export interface CommitmentQuery extends AnalyticsFilter {
  status?: string[];
  /** Deadline on or before this ISO prefix (inclusive of the whole period). */
  dueBefore?: string;
  /** Deadline on or after this ISO prefix. */
  dueAfter?: string;
  /** true: only overdue (deadline passed, not completed or cancelled); false: only not overdue. */
  overdue?: boolean;
  /** Default 'deadline' (soonest first, undated last). */
  sort?: CommitmentSort;
  doc?: string;
  cursor?: string;
  limit?: number;
  /** "Today" for days-left / overdue; default the current date (UTC). */
  now?: Date;
}

/** A reference to the article a fact comes from. */
export interface DocRef {
  id: string;
  title: string | null;
  published: string | null;
  lang: string;
  url: string | null;
}

export interface CommitmentItem {
  commitment: CommitmentRecord;
  /** Days from today to the end of the deadline's period (negative when past); null without a deadline. */
  days_left: number | null;
  overdue: boolean;
  document: DocRef;
}

const DONE_STATUSES = ['completion', 'cancelled'];
const STATUS_ORDER = ['pledge', 'commitment', 'implementation', 'completion', 'cancelled'];

export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Last day of the period a partial ISO date denotes (YYYY → Dec 31, YYYY-MM → month end). */
export function periodEnd(partial: string): string | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(partial);
  if (!m) return null;
  const y = Number(m[1]);
  if (m[3]) return partial;
  if (m[2]) return isoDay(new Date(Date.UTC(y, Number(m[2]), 0)));
  return `${m[1]}-12-31`;
}

/** Whole days from `today` (YYYY-MM-DD) to the end of `deadline`'s period. */
export function daysLeft(deadline: string | null, today: string): number | null {
  const end = deadline ? periodEnd(deadline) : null;
  if (!end) return null;
  return Math.round((Date.parse(end + 'T00:00:00Z') - Date.parse(today + 'T00:00:00Z')) / 86_400_000);
}

/** SQL twin of `daysLeft(...) < 0`: the deadline's period ended before today. */
function overdueCond(today: string, deadline: RawBuilder<unknown> = sql`c.deadline`): Cond {
  return sql<SqlBool>`(${deadline} IS NOT NULL AND c.status NOT IN (${sql.join(DONE_STATUSES)}) AND c.deadline < substr(${today}, 1, length(c.deadline)))`;
}

type CommitmentRow = {
  record: string;
  k: string | number;
  id: string;
  doc_id: string;
  title: string | null;
  published: string | null;
  lang: string;
  url: string | null;
};

function toCommitmentItem(r: CommitmentRow, today: string): CommitmentItem {
  const commitment = JSON.parse(r.record) as CommitmentRecord;
  const days = daysLeft(commitment.deadline, today);
  return {
    commitment,
    days_left: days,
    overdue: days !== null && days < 0 && !DONE_STATUSES.includes(commitment.status),
    document: { id: r.doc_id, title: r.title, published: r.published, lang: r.lang, url: r.url },
  };
}

function commitmentSortKey(sort: CommitmentSort): { expr: RawBuilder<string | number>; dir: 'asc' | 'desc'; shape: string } {
  switch (sort) {
    case 'deadline':
      return { expr: sql<string>`COALESCE(c.deadline, '~')`, dir: 'asc' as const, shape: 's' };
    case '-deadline':
      return { expr: sql<string>`COALESCE(c.deadline, '')`, dir: 'desc' as const, shape: 's' };
    case 'status':
      return {
        expr: sql<number>`CASE c.status ${sql.join(
          STATUS_ORDER.map((s, i) => sql`WHEN ${sql.lit(s)} THEN ${sql.lit(i)}`),
          sql` `,
        )} ELSE 99 END`,
        dir: 'asc' as const,
        shape: 'n',
      };
    case 'actor':
      return { expr: sql<string>`c.actor_codes`, dir: 'asc' as const, shape: 's' };
    case 'recent':
      return { expr: sql<number>`c.doc_seq`, dir: 'desc' as const, shape: 'n' };
  }
}

/** The commitments tracker: every commitment with its deadline status, sortable and paginated. */
export function commitmentsList(db: Database, q: CommitmentQuery): Page<CommitmentItem> {
  const limit = clampLimit(q.limit);
  const today = isoDay(q.now ?? new Date());
  const sort = q.sort ?? 'deadline';
  // Sorted by deadline or recency: walk the commitments in that index's order and stop after a
  // page, or start from a status / date / domain index when one holds few rows (analytics/plan.ts).
  // Other sorts have no index order: the most selective start, then a sort. One article or a pair:
  // as SQLite plans it.
  const key = commitmentSortKey(sort);
  const at = q.cursor ? decodeCursor(q.cursor, [key.shape, 's']) : undefined;
  const plan =
    q.doc || q.pair || analyticsTuning.factPlan === 'sqlite'
      ? undefined
      : commitmentPlan(db, q, limit, sort === 'deadline' || sort === 'recent' ? sort : 'none', at?.[0]);
  const conds = plan ? commitmentListConds(q, plan) : commitmentConds(q);
  // With a plan, a deadline bound must not become the start either.
  const deadline = plan ? unindexed(sql`c.deadline`) : sql`c.deadline`;
  if (q.dueBefore) conds.push(sql<SqlBool>`${deadline} < ${q.dueBefore + '~'}`);
  if (q.dueAfter) conds.push(sql<SqlBool>`${deadline} >= ${q.dueAfter}`);
  if (q.overdue === true) conds.push(overdueCond(today, deadline));
  if (q.overdue === false) conds.push(sql<SqlBool>`NOT ${overdueCond(today, deadline)}`);
  if (at) {
    const [k, id] = at;
    conds.push(
      key.dir === 'asc'
        ? sql<SqlBool>`(${key.expr} > ${k} OR (${key.expr} = ${k} AND c.id > ${id}))`
        : sql<SqlBool>`(${key.expr} < ${k} OR (${key.expr} = ${k} AND c.id < ${id}))`,
    );
    // A walk seeks to the cursor by the plain bound (the OR cannot be seeked to).
    if (plan === 'walk') conds.push(key.dir === 'asc' ? sql<SqlBool>`${key.expr} >= ${k}` : sql<SqlBool>`${key.expr} <= ${k}`);
  }
  // CROSS JOIN keeps SQLite from starting at documents_lang (a language filter) and sorting every
  // commitment of that language.
  const from = plan
    ? qb.selectFrom('commitments as c').crossJoin('documents as d').where(sql<SqlBool>`d.seq = c.doc_seq`)
    : qb.selectFrom('commitments as c').innerJoin('documents as d', 'd.seq', 'c.doc_seq');
  const query = from
    .select([
      'c.record as record',
      key.expr.as('k'),
      'c.id as id',
      'd.id as doc_id',
      'd.title as title',
      'd.published as published',
      'd.lang as lang',
      'd.url as url',
    ])
    .where(and(conds))
    .orderBy(key.expr, key.dir)
    .orderBy('c.id', key.dir)
    .limit(limit + 1);
  analyticsTuning.trace?.('tracker', plan ?? 'sqlite', query.compile());
  const rows = all(db, query) as CommitmentRow[];
  return page(rows, limit, (r) => [r.k, r.id], (r) => toCommitmentItem(r, today));
}

// ---------------------------------------------------------------------------------------------
// Scoped events: the base of summaries, timeline, matrix and network

function scopedEvents(f: AnalyticsFilter) {
  return qb
    .selectFrom('events as e')
    .innerJoin('documents as d', 'd.seq', 'e.doc_seq')
    .select(['e.id as id', 'e.doc_seq as doc_seq', 'e.event as event', 'e.modality as modality', EVENT_DATE.as('dt')])
    .where(and(eventConds(f)));
}

export interface KeyCount {
  key: string;
  count: number;
}

// ---------------------------------------------------------------------------------------------
// Partners list

export interface PartnerListItem {
  code: string;
  /** One name recorded for the code (for a country it may be one of its institutions). */
  name: string | null;
  events: number;
  documents: number;
  first_date: string | null;
  last_date: string | null;
}

/** Every party code with its event counts, most active first. */
export function partnersList(db: Database, f: AnalyticsFilter = {}): PartnerListItem[] {
  return partnerRows(db, f) ?? partnersListExact(db, f);
}

/** partnersList by the exact query over events (reference for the aggregates; other filters). */
export function partnersListExact(db: Database, f: AnalyticsFilter = {}): PartnerListItem[] {
  const rows = all(
    db,
    qb
      .with('ev', () => scopedEvents(f))
      .selectFrom('ev')
      .innerJoin('event_parties as ep', 'ep.event_id', 'ev.id')
      .select([
        'ep.code as code',
        sql<string | null>`MAX(ep.name)`.as('name'),
        sql<number>`COUNT(DISTINCT ev.id)`.as('events'),
        sql<number>`COUNT(DISTINCT ev.doc_seq)`.as('documents'),
        sql<string | null>`MIN(ev.dt)`.as('first_date'),
        sql<string | null>`MAX(ev.dt)`.as('last_date'),
      ])
      .groupBy('ep.code')
      .orderBy(sql`COUNT(DISTINCT ev.id)`, 'desc')
      .orderBy('ep.code'),
  );
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Partner and pair summaries

export interface PersonItem {
  name: string;
  role: string | null;
  country: string | null;
  documents: number;
}

export interface ArticleItem extends DocRef {
  source: string | null;
  events: number;
}

export interface PartnerSummary {
  /** The code(s) summarised: one for a partner, two for a pair. */
  codes: string[];
  events: number;
  documents: number;
  first_date: string | null;
  last_date: string | null;
  by_year: KeyCount[];
  event_types: KeyCount[];
  modalities: KeyCount[];
  domains: KeyCount[];
  /** Other parties of the same events. */
  counterparts: KeyCount[];
  people: PersonItem[];
  organisations: PersonItem[];
  latest_articles: ArticleItem[];
  commitments: CommitmentItem[];
  policies: PolicyRecord[];
  timeline: Timeline;
}

const SUMMARY_LIST_LIMIT = 50;

function summary(db: Database, codes: string[], f: AnalyticsFilter, now: Date | undefined, exact = false): PartnerSummary {
  const scopeFilter: AnalyticsFilter = { ...f, party: undefined, pair: undefined };
  if (codes.length === 1) scopeFilter.party = codes[0];
  else scopeFilter.pair = [codes[0], codes[1]];
  const withEv = () => qb.with('ev', () => scopedEvents(scopeFilter));

  // One party: its event counts come from the aggregates (a pair needs the exact queries).
  const agg = !exact && codes.length === 1 ? partyEventCounts(db, codes[0], scopeFilter) : undefined;
  const aggDocs = agg ? partyDocuments(db, codes[0], scopeFilter) : undefined;
  const totals = agg && aggDocs !== undefined
    ? { ...agg.totals, documents: aggDocs }
    : first(
    db,
    withEv()
      .selectFrom('ev')
      .select([
        sql<number>`COUNT(*)`.as('events'),
        sql<number>`COUNT(DISTINCT ev.doc_seq)`.as('documents'),
        sql<string | null>`MIN(ev.dt)`.as('first_date'),
        sql<string | null>`MAX(ev.dt)`.as('last_date'),
      ]),
  )!;

  const countBy = (col: 'ev.event' | 'ev.modality'): KeyCount[] =>
    agg ? (col === 'ev.event' ? agg.types : agg.modalities) : all(
      db,
      withEv()
        .selectFrom('ev')
        .select([sql.ref<string>(col).as('key'), sql<number>`COUNT(*)`.as('count')])
        .groupBy(col)
        .orderBy(sql`COUNT(*)`, 'desc')
        .orderBy(col),
    );

  const byYear = agg ? agg.byYear : all(
    db,
    withEv()
      .selectFrom('ev')
      .select([sql<string>`substr(ev.dt, 1, 4)`.as('key'), sql<number>`COUNT(*)`.as('count')])
      .where(sql<SqlBool>`ev.dt IS NOT NULL`)
      .groupBy(sql`substr(ev.dt, 1, 4)`)
      .orderBy(sql`substr(ev.dt, 1, 4)`),
  );

  // With a domain filter, the domains of the matching events (co-domains): exact query.
  const domains = agg?.domains ?? all(
    db,
    withEv()
      .selectFrom('ev')
      .innerJoin('fact_domains as fd', (j) => j.onRef('fd.fact_id', '=', 'ev.id').on('fd.fact_type', '=', 'event'))
      .select(['fd.domain as key', sql<number>`COUNT(DISTINCT ev.id)`.as('count')])
      .groupBy('fd.domain')
      .orderBy(sql`COUNT(DISTINCT ev.id)`, 'desc')
      .orderBy('fd.domain'),
  );

  const counterparts = agg ? counterpartRows(db, codes[0], scopeFilter, SUMMARY_LIST_LIMIT) : all(
    db,
    withEv()
      .selectFrom('ev')
      .innerJoin('event_parties as ep', 'ep.event_id', 'ev.id')
      .select(['ep.code as key', sql<number>`COUNT(DISTINCT ev.id)`.as('count')])
      .where('ep.code', 'not in', codes)
      .groupBy('ep.code')
      .orderBy(sql`COUNT(DISTINCT ev.id)`, 'desc')
      .orderBy('ep.code')
      .limit(SUMMARY_LIST_LIMIT),
  );

  // People / organisations: from the partner's own country, or named in the same articles.
  // For a pair, only those named in articles that contain a pair event.
  const entitiesOf = (kind: 'person' | 'organisation'): PersonItem[] => {
    if (!exact && codes.length === 1) return partyEntityRows(db, codes[0], kind, f, SUMMARY_LIST_LIMIT);
    const inScope = sql<SqlBool>`n.doc_seq IN (SELECT ev.doc_seq FROM ev)`;
    const where =
      codes.length === 1 ? sql<SqlBool>`(n.country = ${codes[0]} OR ${inScope})` : inScope;
    return all(
      db,
      withEv()
        .selectFrom('entities as n')
        .innerJoin('documents as d', 'd.seq', 'n.doc_seq')
        .select([
          'n.name as name',
          sql<string | null>`MAX(n.role)`.as('role'),
          sql<string | null>`MAX(n.country)`.as('country'),
          sql<number>`COUNT(DISTINCT n.doc_seq)`.as('documents'),
        ])
        .where(and([sql<SqlBool>`n.kind = ${kind}`, where, ...docConds(f), ...dateRange(DOC_DATE, f)]))
        .groupBy('n.name')
        .orderBy(sql`COUNT(DISTINCT n.doc_seq)`, 'desc')
        .orderBy('n.name')
        .limit(SUMMARY_LIST_LIMIT),
    );
  };

  // Many events in scope: walk the articles newest first (documents_published) and stop at 20,
  // instead of grouping every event of the party. Few: group them. Same rows either way.
  const walk = (): boolean => {
    if (!agg || codes.length !== 1) return false;
    if (analyticsTuning.latestWalk !== 'auto') return analyticsTuning.latestWalk === 'always';
    if (agg.totals.events < analyticsTuning.latestWalkMinEvents) return false;
    // The walk reads ~20 x articles / events-in-scope articles; grouping reads the party's articles' events.
    const articles = first(db, qb.selectFrom('documents as d').select(sql<number>`COALESCE(MAX(d.seq), 0)`.as('n')))!.n;
    return (20 * articles) / agg.totals.events <= (partyDocuments(db, codes[0], {}) ?? 0);
  };
  const latest = walk() ? latestByWalk(db, scopeFilter) : all(
    db,
    withEv()
      .selectFrom('ev')
      .innerJoin('documents as d', 'd.seq', 'ev.doc_seq')
      .select([
        'd.id as id',
        'd.title as title',
        'd.published as published',
        'd.lang as lang',
        'd.url as url',
        'd.source as source',
        sql<number>`COUNT(*)`.as('events'),
      ])
      .groupBy(['d.seq', 'd.id', 'd.title', 'd.published', 'd.lang', 'd.url', 'd.source'])
      .orderBy(sql`COALESCE(d.published, '')`, 'desc')
      .orderBy('d.seq', 'desc')
      .limit(20),
  );

  const commitmentFilter: CommitmentQuery = { since: f.since, until: f.until, lang: f.lang, domain: f.domain, now, limit: SUMMARY_LIST_LIMIT };
  if (codes.length === 1) commitmentFilter.party = codes[0];
  else commitmentFilter.pair = [codes[0], codes[1]];

  const policyFilter: FactFilter = { kind: 'policies', since: f.since, until: f.until, lang: f.lang, domain: f.domain, limit: SUMMARY_LIST_LIMIT };
  if (codes.length === 1) policyFilter.party = codes[0];
  else policyFilter.pair = [codes[0], codes[1]];

  return {
    codes,
    events: totals.events,
    documents: totals.documents,
    first_date: totals.first_date,
    last_date: totals.last_date,
    by_year: byYear,
    event_types: countBy('ev.event'),
    modalities: countBy('ev.modality'),
    domains,
    counterparts,
    people: entitiesOf('person'),
    organisations: entitiesOf('organisation'),
    latest_articles: latest,
    commitments: commitmentsList(db, commitmentFilter).items,
    policies: queryFacts(db, policyFilter).items as PolicyRecord[],
    timeline: exact ? timelineExact(db, scopeFilter) : timeline(db, scopeFilter),
  };
}

/**
 * How the partner page finds its latest articles: by walking the articles (latestByWalk) when at
 * least `latestWalkMinEvents` events are in scope and the walk is expected to read fewer articles
 * than the party has, else by grouping its events. Both ways give the same rows. Mutable for the
 * tests, which exercise both ('always' / 'never').
 */
export const analyticsTuning: {
  latestWalk: 'auto' | 'always' | 'never';
  latestWalkMinEvents: number;
  /**
   * Event / commitment lists and the tracker: choose (analytics/plan.ts), or always one plan
   * ('index': the filter's index with the fewest rows, if any); 'sqlite': no choice, the plain
   * query as SQLite plans it (the tests' reference).
   */
  factPlan: 'auto' | 'walk' | 'index' | 'sqlite';
  /** A filter's index is a list's start only when it holds fewer rows than this (else: walk). */
  factIndexMaxRows: number;
  /** Called with each event / commitment list's plan and SQL (bench/factlists.ts --plans). */
  trace?: (list: 'events' | 'commitments' | 'tracker', plan: string, query: { sql: string; parameters: readonly unknown[] }) => void;
} = {
  latestWalk: 'auto',
  latestWalkMinEvents: 200,
  factPlan: 'auto',
  factIndexMaxRows: 10_000,
};

/**
 * The 20 latest articles with an event in scope, newest first (undated last), by walking
 * documents in date order with a correlated check: cost ~ articles skipped, not events in scope.
 * Every event condition refers to the outer document `d`, as in the grouped query.
 */
function latestByWalk(db: Database, scope: AnalyticsFilter): ArticleItem[] {
  // The party as a per-event probe (event_parties_event), not eventConds' IN list, which SQLite
  // builds from every event of the party before the walk starts.
  const conds = eventConds({ ...scope, party: undefined });
  if (scope.party) conds.push(partyProbe(scope.party));
  // The conditions name the event's own document `d`; the walked article is `o` (the same row).
  // Kept inside the subquery, SQLite cannot start from documents_lang for a language filter and
  // sort every article of that language.
  const inScope = sql<SqlBool>`FROM events e JOIN documents d ON d.seq = e.doc_seq WHERE e.doc_seq = o.seq AND ${and(conds)}`;
  const articles = (where: Cond[], candidates?: RawBuilder<unknown>) =>
    all(
      db,
      (candidates
        ? qb.selectFrom(candidates.as('x')).crossJoin('documents as o').where(sql<SqlBool>`o.seq = x.seq`).distinct()
        : qb.selectFrom('documents as o')
      )
        .select([
          'o.seq as seq',
          'o.id as id',
          'o.title as title',
          'o.published as published',
          'o.lang as lang',
          'o.url as url',
          'o.source as source',
          sql<number>`(SELECT COUNT(*) ${inScope})`.as('events'),
        ])
        .where(and([sql<SqlBool>`EXISTS (SELECT 1 ${inScope})`, ...where]))
        // DESC puts NULL dates last in SQLite, as COALESCE(published, '') DESC does.
        .orderBy('o.published', 'desc')
        .orderBy('o.seq', 'desc')
        .limit(20),
    );
  if (!scope.since && !scope.until) return articles([]).map(({ seq: _seq, ...r }) => r);
  // An event is in a date range by its own date, else its article's. So the articles published in
  // the range (walked in index order within it), plus those published outside it (or undated) with
  // an event of the party dated in it, found from events_date: the ones published after the range
  // sort first; those before it (or undated) sort after every article in it, so they are looked up
  // only when the range has fewer than 20.
  const published = dateRange(sql`o.published`, scope);
  const dated = [...dateRange(sql`e.date`, scope)];
  if (scope.party) dated.push(partyProbe(scope.party));
  // Not DISTINCT here: SQLite would scan events_doc for it instead of the date range.
  const datedIn = sql`(SELECT e.doc_seq AS seq FROM events e WHERE ${and(dated)})`;
  const rows = articles(published);
  if (scope.until) rows.push(...articles([sql<SqlBool>`o.published >= ${scope.until + '~'}`], datedIn));
  if (rows.length < 20) {
    rows.push(...articles([scope.since ? sql<SqlBool>`(o.published IS NULL OR o.published < ${scope.since})` : sql<SqlBool>`o.published IS NULL`], datedIn));
  }
  return rows
    .sort((a, b) => ((a.published ?? '') < (b.published ?? '') ? 1 : (a.published ?? '') > (b.published ?? '') ? -1 : b.seq - a.seq))
    .slice(0, 20)
    .map(({ seq: _seq, ...r }) => r);
}

/** Everything the partner page shows for one party code. `filters.party/pair` are ignored. */
export function partnerSummary(db: Database, code: string, filters: AnalyticsFilter = {}, now?: Date): PartnerSummary {
  return summary(db, [code], filters, now);
}

/** partnerSummary by the exact queries only (reference for the aggregates). */
export function partnerSummaryExact(db: Database, code: string, filters: AnalyticsFilter = {}, now?: Date): PartnerSummary {
  return summary(db, [code], filters, now, true);
}

/** The same views for a pair: events whose parties include both codes. */
export function pairSummary(db: Database, a: string, b: string, filters: AnalyticsFilter = {}, now?: Date): PartnerSummary {
  return summary(db, [a, b], filters, now);
}

// ---------------------------------------------------------------------------------------------
// Partner × domain matrix

export interface Matrix {
  /** Row order: most active partner first. */
  partners: string[];
  /** Column order: most frequent domain first. */
  domains: string[];
  /** Non-zero cells only. */
  cells: { partner: string; domain: string; events: number }[];
}

/** Event counts per (party code, domain). Every party code is a row; the UI may hide the home country. */
export function partnerDomainMatrix(db: Database, f: AnalyticsFilter = {}): Matrix {
  return matrixFrom(matrixCells(db, f) ?? matrixCellsExact(db, f));
}

/** partnerDomainMatrix by the exact query (reference for the aggregates; party / domain filters). */
export function partnerDomainMatrixExact(db: Database, f: AnalyticsFilter = {}): Matrix {
  return matrixFrom(matrixCellsExact(db, f));
}

function matrixCellsExact(db: Database, f: AnalyticsFilter): { partner: string; domain: string; events: number }[] {
  return all(
    db,
    qb
      .with('ev', () => scopedEvents(f))
      .selectFrom('ev')
      .innerJoin('event_parties as ep', 'ep.event_id', 'ev.id')
      .innerJoin('fact_domains as fd', (j) => j.onRef('fd.fact_id', '=', 'ev.id').on('fd.fact_type', '=', 'event'))
      .select(['ep.code as partner', 'fd.domain as domain', sql<number>`COUNT(DISTINCT ev.id)`.as('events')])
      .groupBy(['ep.code', 'fd.domain'])
      .orderBy('ep.code')
      .orderBy('fd.domain'),
  );
}

function matrixFrom(cells: { partner: string; domain: string; events: number }[]): Matrix {
  const rank = (get: (c: (typeof cells)[number]) => string) => {
    const t = new Map<string, number>();
    for (const c of cells) t.set(get(c), (t.get(get(c)) ?? 0) + c.events);
    return [...t.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k]) => k);
  };
  return { partners: rank((c) => c.partner), domains: rank((c) => c.domain), cells };
}

// ---------------------------------------------------------------------------------------------
// Timeline

export interface Series {
  key: string;
  /** One count per entry of `months`. */
  counts: number[];
}

export interface Timeline {
  /** Every month from the first to the last dated event (YYYY-MM), gaps filled with zeros. */
  months: string[];
  by_type: Series[];
  by_modality: Series[];
  /** Events whose date (and article date) is unknown or only known to the year. */
  undated: number;
}

/** Every month between two YYYY-MM values, inclusive. */
function monthRange(a: string, b: string): string[] {
  const out: string[] = [];
  let y = Number(a.slice(0, 4));
  let m = Number(a.slice(5, 7));
  const end = Number(b.slice(0, 4)) * 12 + Number(b.slice(5, 7));
  // Bound the range so a stray far-off date cannot produce a huge array.
  while (y * 12 + m <= end && out.length < 1200) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    if (++m > 12) (m = 1), y++;
  }
  return out;
}

/** Event counts per month (event date, else the article's), by event type and by modality. */
export function timeline(db: Database, f: AnalyticsFilter = {}): Timeline {
  return timelineFrom(timelineRows(db, f) ?? timelineRowsExact(db, f));
}

/** timeline by the exact queries (reference for the aggregates; pairs). */
export function timelineExact(db: Database, f: AnalyticsFilter = {}): Timeline {
  return timelineFrom(timelineRowsExact(db, f));
}

function timelineRowsExact(db: Database, f: AnalyticsFilter): { types: MonthRow[]; modalities: MonthRow[]; undated: number } {
  const month = sql<string>`substr(ev.dt, 1, 7)`;
  const by = (col: 'ev.event' | 'ev.modality') =>
    all(
      db,
      qb
        .with('ev', () => scopedEvents(f))
        .selectFrom('ev')
        .select([month.as('month'), sql.ref<string>(col).as('key'), sql<number>`COUNT(*)`.as('count')])
        .where(sql<SqlBool>`length(ev.dt) >= 7`)
        .groupBy([month, col])
        .orderBy(month)
        .orderBy(col),
    );
  const types = by('ev.event');
  const modalities = by('ev.modality');
  const undated = first(
    db,
    qb
      .with('ev', () => scopedEvents(f))
      .selectFrom('ev')
      .select(sql<number>`COUNT(*)`.as('n'))
      .where(sql<SqlBool>`(ev.dt IS NULL OR length(ev.dt) < 7)`),
  )!.n;
  return { types, modalities, undated };
}

function timelineFrom({ types, modalities, undated }: { types: MonthRow[]; modalities: MonthRow[]; undated: number }): Timeline {
  const ms = types.map((r) => r.month).sort();
  const months = ms.length ? monthRange(ms[0], ms[ms.length - 1]) : [];
  const index = new Map(months.map((m, i) => [m, i]));
  const series = (rows: { month: string; key: string; count: number }[]): Series[] => {
    const m = new Map<string, number[]>();
    for (const r of rows) {
      let counts = m.get(r.key);
      if (!counts) m.set(r.key, (counts = months.map(() => 0)));
      const i = index.get(r.month);
      if (i !== undefined) counts[i] += r.count;
    }
    return [...m.entries()]
      .map(([key, counts]) => ({ key, counts }))
      .sort((a, b) => sum(b.counts) - sum(a.counts) || (a.key < b.key ? -1 : 1));
  };
  return { months, by_type: series(types), by_modality: series(modalities), undated };
}

function sum(xs: number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

// ---------------------------------------------------------------------------------------------
// Network

export interface NetworkNode {
  code: string;
  name: string | null;
  events: number;
}
export interface NetworkEdge {
  source: string;
  target: string;
  events: number;
}
export interface Network {
  nodes: NetworkNode[];
  edges: NetworkEdge[];
}

/** Parties as nodes (sized by event count) and co-party pairs as edges (weighted by shared events). */
export function network(db: Database, f: AnalyticsFilter = {}): Network {
  const nodes = partnersList(db, f).map((p) => ({ code: p.code, name: p.name, events: p.events }));
  return { nodes, edges: edgeRows(db, f) ?? edgesExact(db, f) };
}

/** network by the exact queries (reference for the aggregates; party / pair filters). */
export function networkExact(db: Database, f: AnalyticsFilter = {}): Network {
  const nodes = partnersListExact(db, f).map((p) => ({ code: p.code, name: p.name, events: p.events }));
  return { nodes, edges: edgesExact(db, f) };
}

function edgesExact(db: Database, f: AnalyticsFilter): NetworkEdge[] {
  return all(
    db,
    qb
      .with('ev', () => scopedEvents(f))
      .selectFrom('ev')
      .innerJoin('event_parties as a', 'a.event_id', 'ev.id')
      .innerJoin('event_parties as b', (j) => j.onRef('b.event_id', '=', 'ev.id').onRef('b.code', '>', 'a.code'))
      .select(['a.code as source', 'b.code as target', sql<number>`COUNT(DISTINCT ev.id)`.as('events')])
      .groupBy(['a.code', 'b.code'])
      .orderBy(sql`COUNT(DISTINCT ev.id)`, 'desc')
      .orderBy('a.code')
      .orderBy('b.code'),
  );
}

// ---------------------------------------------------------------------------------------------
// Overview totals

export interface OverviewTotals {
  /** Articles (near-duplicates excluded) matching the language, date and domain filters. */
  documents: number;
  /** Events matching every filter. */
  events: number;
  /** Distinct party codes among those events. */
  partners: number;
  commitments: number;
  overdue_commitments: number;
  policies: number;
  people: number;
  organisations: number;
}

export function overviewTotals(db: Database, f: AnalyticsFilter = {}, now?: Date): OverviewTotals {
  const today = isoDay(now ?? new Date());
  const agg = overviewCounts(db, f, today, DONE_STATUSES);
  if (!agg) return overviewTotalsExact(db, f, now);
  const people = agg.people ?? distinctEntityNameCount(db, 'person', f);
  const organisations = agg.organisations ?? distinctEntityNameCount(db, 'organisation', f);
  return {
    documents: agg.documents,
    events: agg.events,
    partners: agg.partners,
    commitments: agg.commitments,
    overdue_commitments: agg.overdue_commitments,
    policies: agg.policies,
    people,
    organisations,
  };
}

function distinctEntityNames(db: Database, f: AnalyticsFilter, kind: string): number {
  return first(
    db,
    qb
      .selectFrom('entities as n')
      .innerJoin('documents as d', 'd.seq', 'n.doc_seq')
      .select(sql<number>`COUNT(DISTINCT n.name)`.as('n'))
      .where(and([sql<SqlBool>`n.kind = ${kind}`, ...entityConds({ ...f, party: undefined, pair: undefined })])),
  )!.n;
}

/** overviewTotals by the exact queries (reference for the aggregates; party / pair filters). */
export function overviewTotalsExact(db: Database, f: AnalyticsFilter = {}, now?: Date): OverviewTotals {
  const today = isoDay(now ?? new Date());
  const docs = first(
    db,
    qb
      .selectFrom('documents as d')
      .select(sql<number>`COUNT(*)`.as('n'))
      .where(and([...docConds(f), ...dateRange(DOC_DATE, f), ...docDomain(f.domain)])),
  )!.n;
  const ev = first(
    db,
    qb
      .with('ev', () => scopedEvents(f))
      .selectFrom('ev')
      .select(sql<number>`COUNT(*)`.as('n')),
  )!.n;
  const partners = first(
    db,
    qb
      .with('ev', () => scopedEvents(f))
      .selectFrom('ev')
      .innerJoin('event_parties as ep', 'ep.event_id', 'ev.id')
      .select(sql<number>`COUNT(DISTINCT ep.code)`.as('n')),
  )!.n;
  const cm = first(
    db,
    qb
      .selectFrom('commitments as c')
      .innerJoin('documents as d', 'd.seq', 'c.doc_seq')
      .select([
        sql<number>`COUNT(*)`.as('n'),
        sql<number>`COALESCE(SUM(CASE WHEN ${overdueCond(today)} THEN 1 ELSE 0 END), 0)`.as('overdue'),
      ])
      .where(and(commitmentConds(f))),
  )!;
  const pol = first(
    db,
    qb
      .selectFrom('policies as p')
      .innerJoin('documents as d', 'd.seq', 'p.doc_seq')
      .select(sql<number>`COUNT(*)`.as('n'))
      .where(and([...docConds(f), ...dateRange(POLICY_DATE, f), ...factDomain('p.id', 'policy', f.domain)])),
  )!.n;
  const ent = (kind: string) => distinctEntityNames(db, f, kind);
  return {
    documents: docs,
    events: ev,
    partners,
    commitments: cm.n,
    overdue_commitments: cm.overdue,
    policies: pol,
    people: ent('person'),
    organisations: ent('organisation'),
  };
}

// ---------------------------------------------------------------------------------------------
// Documents list and search facets

export interface DocumentQuery {
  lang?: string;
  since?: string;
  until?: string;
  /** Exact match on source or site name. */
  source?: string;
  domain?: string;
  /** Articles with at least one event of this party. */
  party?: string;
  /** Include near-duplicates (default false). */
  duplicates?: boolean;
  cursor?: string;
  limit?: number;
}

export interface DocumentListItem {
  id: string;
  title: string | null;
  lang: string;
  published: string | null;
  source: string | null;
  url: string | null;
  duplicate_of: string | null;
  domains: string[];
  events: number;
}

/** Articles, newest ingested first. */
export function listDocuments(db: Database, q: DocumentQuery): Page<DocumentListItem> {
  const limit = clampLimit(q.limit);
  const conds: Cond[] = [...dateRange(DOC_DATE, q), ...docDomain(q.domain)];
  if (!q.duplicates) conds.push(sql<SqlBool>`d.duplicate_of IS NULL`);
  if (q.lang) conds.push(sql<SqlBool>`d.lang = ${q.lang}`);
  if (q.source) conds.push(sql<SqlBool>`(d.source = ${q.source} OR d.site_name = ${q.source})`);
  if (q.party) {
    conds.push(
      sql<SqlBool>`d.seq IN (SELECT e.doc_seq FROM events e WHERE e.id IN (SELECT ep.event_id FROM event_parties ep WHERE ep.code = ${q.party}))`,
    );
  }
  if (q.cursor) {
    const [s] = decodeCursor(q.cursor, ['n']);
    conds.push(sql<SqlBool>`d.seq < ${s}`);
  }
  const rows = all(
    db,
    qb
      .selectFrom('documents as d')
      .select([
        'd.seq as seq',
        'd.id as id',
        'd.title as title',
        'd.lang as lang',
        'd.published as published',
        'd.source as source',
        'd.url as url',
        'd.duplicate_of as duplicate_of',
        'd.domains as domains',
        sql<number>`(SELECT COUNT(*) FROM events e WHERE e.doc_seq = d.seq)`.as('events'),
      ])
      .where(and(conds))
      .orderBy('d.seq', 'desc')
      .limit(limit + 1),
  );
  return page(rows, limit, (r) => [r.seq], ({ seq: _seq, domains, ...r }) => ({ ...r, domains: parseList(domains) }));
}

function parseList(json: string): string[] {
  try {
    const v = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export interface SearchFacets {
  lang: KeyCount[];
  partner: KeyCount[];
  domain: KeyCount[];
  type: KeyCount[];
}

/** Upper bound on hits considered for facets and filtered search: keeps a broad query cheap. */
export const FACET_HIT_CAP = 5000;

export interface SearchScope {
  /** An FTS5 MATCH expression (the `fts` the store reports for a search). */
  fts: string;
  lang?: string;
  since?: string;
  until?: string;
  party?: string;
  domain?: string;
  type?: string;
}

function searchHits(s: SearchScope) {
  const conds: Cond[] = [sql<SqlBool>`d.duplicate_of IS NULL`, ...dateRange(DOC_DATE, s), ...docDomain(s.domain)];
  if (s.lang) conds.push(sql<SqlBool>`d.lang = ${s.lang}`);
  if (s.party || s.type) {
    const ev: Cond[] = [];
    if (s.party) ev.push(sql<SqlBool>`e.id IN (SELECT ep.event_id FROM event_parties ep WHERE ep.code = ${s.party})`);
    if (s.type) ev.push(sql<SqlBool>`e.event = ${s.type}`);
    conds.push(sql<SqlBool>`d.seq IN (SELECT e.doc_seq FROM events e WHERE ${and(ev)})`);
  }
  return qb
    .selectFrom(
      sql<{ seq: number }>`(SELECT rowid AS seq FROM documents_fts WHERE documents_fts MATCH ${s.fts} LIMIT ${FACET_HIT_CAP})`.as('h'),
    )
    .innerJoin('documents as d', 'd.seq', 'h.seq')
    .select(['d.seq as seq', 'd.id as id', 'd.lang as lang'])
    .where(and(conds));
}

/** Ids of the documents matching a full-text expression and the facet filters (capped). */
export function searchDocIds(db: Database, s: SearchScope): Set<string> {
  return new Set(all(db, searchHits(s)).map((r) => r.id));
}

const PARTNER_FACET_LIMIT = 30;

/**
 * Facet counts (documents per language, partner, domain, event type) over the matching documents,
 * in one statement: the hits are computed once and joined with their doc_facets rows (one narrow
 * row per distinct party / event type / domain of a document; src/store/doc-facets.ts). Same
 * answer as searchFacetsExact, which joins the facts themselves.
 */
export function searchFacets(db: Database, s: SearchScope): SearchFacets {
  const rows = all(
    db,
    qb
      .with('hit', () => searchHits(s))
      .selectFrom('hit')
      .select([sql<string>`'lang'`.as('facet'), 'hit.lang as key', sql<number>`COUNT(*)`.as('count')])
      .groupBy('hit.lang')
      .unionAll((eb) =>
        eb
          .selectFrom('hit')
          .innerJoin('doc_facets as f', 'f.doc_seq', 'hit.seq')
          .select(['f.facet as facet', 'f.value as key', sql<number>`COUNT(*)`.as('count')])
          .groupBy(['f.facet', 'f.value']),
      ),
  );
  const of = (facet: string): KeyCount[] =>
    rows
      .filter((r) => r.facet === facet)
      .map((r) => ({ key: r.key, count: r.count }))
      .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { lang: of('lang'), partner: of('party').slice(0, PARTNER_FACET_LIMIT), domain: of('domain'), type: of('type') };
}

/** searchFacets by joining the facts (reference for the doc_facets table in tests). */
export function searchFacetsExact(db: Database, s: SearchScope): SearchFacets {
  const withHits = () => qb.with('hit', () => searchHits(s));
  const lang = all(
    db,
    withHits()
      .selectFrom('hit')
      .select(['hit.lang as key', sql<number>`COUNT(*)`.as('count')])
      .groupBy('hit.lang')
      .orderBy(sql`COUNT(*)`, 'desc')
      .orderBy('hit.lang'),
  );
  const partner = all(
    db,
    withHits()
      .selectFrom('hit')
      .innerJoin('events as e', 'e.doc_seq', 'hit.seq')
      .innerJoin('event_parties as ep', 'ep.event_id', 'e.id')
      .select(['ep.code as key', sql<number>`COUNT(DISTINCT hit.seq)`.as('count')])
      .groupBy('ep.code')
      .orderBy(sql`COUNT(DISTINCT hit.seq)`, 'desc')
      .orderBy('ep.code')
      .limit(PARTNER_FACET_LIMIT),
  );
  const domain = all(
    db,
    withHits()
      .selectFrom('hit')
      .innerJoin('fact_domains as fd', (j) => j.onRef('fd.doc_seq', '=', 'hit.seq').on('fd.fact_type', '=', 'document'))
      .select(['fd.domain as key', sql<number>`COUNT(DISTINCT hit.seq)`.as('count')])
      .groupBy('fd.domain')
      .orderBy(sql`COUNT(DISTINCT hit.seq)`, 'desc')
      .orderBy('fd.domain'),
  );
  const type = all(
    db,
    withHits()
      .selectFrom('hit')
      .innerJoin('events as e', 'e.doc_seq', 'hit.seq')
      .select(['e.event as key', sql<number>`COUNT(DISTINCT hit.seq)`.as('count')])
      .groupBy('e.event')
      .orderBy(sql`COUNT(DISTINCT hit.seq)`, 'desc')
      .orderBy('e.event'),
  );
  return { lang, partner, domain, type };
}
