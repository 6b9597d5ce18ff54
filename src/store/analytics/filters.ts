/**
 * Filter → SQL condition fragments shared by the analytic queries.
 *
 * Fragments reference fixed table aliases (`d` documents, `e` events, `c` commitments,
 * `p` policies, `n` entities) and carry every user value as a bound parameter.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';

export type Cond = RawBuilder<SqlBool>;

/** Filters accepted by every analytic view (dashboard filter bar). All optional, all ANDed. */
export interface AnalyticsFilter {
  /** Inclusive lower bound, ISO prefix (YYYY, YYYY-MM or YYYY-MM-DD). Undated facts are left out when set. */
  since?: string;
  /** Inclusive upper bound, ISO prefix: `until=2025-03` includes every date in March 2025. */
  until?: string;
  /** Document language. */
  lang?: string;
  /** Technology domain id (dict/domains.yaml). */
  domain?: string;
  /** PLOVER event type (events only). */
  type?: string;
  /** Event modality (events only). */
  modality?: string;
  /** Party code (ISO alpha-3 or IGO acronym): events with this party among actors or recipients. */
  party?: string;
  /** Two party codes: events whose parties include both. */
  pair?: [string, string];
}

/**
 * ISO-prefix range on a date expression. `until` is made inclusive of its whole period by
 * comparing against `until + '~'` ('~' sorts after digits and '-'), so '2025-03-31' < '2025-03~'.
 * A date coarser than `since` (e.g. '2025' vs since '2025-03') sorts before it and is excluded:
 * we cannot tell whether it falls inside the range.
 */
export function dateRange(expr: RawBuilder<unknown>, f: { since?: string; until?: string }): Cond[] {
  const out: Cond[] = [];
  if (f.since) out.push(sql<SqlBool>`${expr} >= ${f.since}`);
  if (f.until) out.push(sql<SqlBool>`${expr} < ${f.until + '~'}`);
  return out;
}

/**
 * The same ISO-prefix range as SQL text on an aggregate date column, where '' means "no date"
 * (excluded whenever a bound is set, as NULL is by the exact queries): appended to `conds` and
 * `params`, for the hand-written aggregate queries.
 */
export function dateConds(col: string, f: { since?: string; until?: string }, conds: string[], params: unknown[]): void {
  if (!f.since && !f.until) return;
  conds.push(`${col} <> ''`);
  if (f.since) conds.push(`${col} >= ?`), params.push(f.since);
  if (f.until) conds.push(`${col} < ?`), params.push(f.until + '~');
}

/** Conditions on the joined document `d`: near-duplicates never count, plus language / id. */
export function docConds(f: { lang?: string; doc?: string }): Cond[] {
  const out: Cond[] = [sql<SqlBool>`d.duplicate_of IS NULL`];
  if (f.lang) out.push(sql<SqlBool>`d.lang = ${f.lang}`);
  if (f.doc) out.push(sql<SqlBool>`d.id = ${f.doc}`);
  return out;
}

/**
 * Event date, falling back to the document's published date: COALESCE(e.date, d.published),
 * stored on the row (migration 8) so that a range can use events_eff_date and a walk in list
 * order tests it without the document.
 */
export const EVENT_DATE = sql<string | null>`e.eff_date`;
/** Policy date, falling back to the published date (stored, as for events). */
export const POLICY_DATE = sql<string | null>`p.eff_date`;
/** A commitment's date for date filters: its document's published date (stored on the row). */
export const COMMITMENT_DATE = sql<string | null>`c.eff_date`;
export const DOC_DATE = sql<string | null>`d.published`;

/**
 * The same value, hidden from the planner: `x || ''` is x (NULL stays NULL), but SQLite uses no
 * index for an expression. For walks in a list's index order: a condition SQLite could answer
 * from another index (a date range, a status, a type) would otherwise become the starting point
 * and every match would be sorted. Text columns only.
 */
export function unindexed(expr: RawBuilder<unknown>): RawBuilder<string | null> {
  return sql<string | null>`(${expr} || '')`;
}

/** The party condition as an IN list built from event_parties_code: for a party with few events. */
export function partyIn(code: string): Cond {
  return sql<SqlBool>`e.id IN (SELECT ep.event_id FROM event_parties ep WHERE ep.code = ${code})`;
}

/**
 * The party condition as a per-event probe (event_parties_code): for walks in another index's
 * order, where partyIn's list would first be built from every event of the party.
 */
export function partyProbe(code: string): Cond {
  return sql<SqlBool>`EXISTS (SELECT 1 FROM event_parties ep WHERE ep.event_id = e.id AND ep.code = ${code})`;
}

/** Every condition on events `e` joined with documents `d`. */
export function eventConds(f: AnalyticsFilter & { doc?: string }): Cond[] {
  const out = [...docConds(f), ...dateRange(EVENT_DATE, f)];
  if (f.type) out.push(sql<SqlBool>`e.event = ${f.type}`);
  if (f.modality) out.push(sql<SqlBool>`e.modality = ${f.modality}`);
  if (f.domain) out.push(eventDomain(f.domain, false));
  if (f.party) out.push(partyIn(f.party));
  if (f.pair) out.push(partyIn(f.pair[0]), partyIn(f.pair[1]));
  return out;
}

/** The domain condition on an event, as an IN list (fact_domains_domain) or a per-event probe. */
export function eventDomain(domain: string, probe: boolean): Cond {
  return probe
    ? sql<SqlBool>`EXISTS (SELECT 1 FROM fact_domains fd WHERE fd.fact_id = e.id AND fd.fact_type = 'event' AND fd.domain = ${domain})`
    : sql<SqlBool>`e.id IN (SELECT fd.fact_id FROM fact_domains fd WHERE fd.domain = ${domain} AND fd.fact_type = 'event')`;
}

/** The domain condition on a commitment as a per-row probe (fact_domains_fact). */
export function commitmentDomainProbe(domain: string): Cond {
  return sql<SqlBool>`EXISTS (SELECT 1 FROM fact_domains fd WHERE fd.fact_id = c.id AND fd.fact_type = 'commitment' AND fd.domain = ${domain})`;
}

/** Domain condition on a non-event fact (commitment / policy) by its id column. */
export function factDomain(idCol: 'c.id' | 'p.id', type: 'commitment' | 'policy', domain: string | undefined): Cond[] {
  if (!domain) return [];
  return [
    sql<SqlBool>`${sql.ref(idCol)} IN (SELECT fd.fact_id FROM fact_domains fd WHERE fd.domain = ${domain} AND fd.fact_type = ${type})`,
  ];
}

/** Document-level domain condition (entities, documents): the article is tagged with the domain. */
export function docDomain(domain: string | undefined): Cond[] {
  if (!domain) return [];
  return [
    sql<SqlBool>`d.seq IN (SELECT fd.doc_seq FROM fact_domains fd WHERE fd.domain = ${domain} AND fd.fact_type = 'document')`,
  ];
}

/**
 * actorHas as an IN list from commitment_actors_code: for an actor with few commitments. The same
 * rows as actorHas only for a code LIKE compares as itself (upper case, no wildcard): see
 * `actorListable`.
 */
export function actorIn(code: string): Cond {
  return sql<SqlBool>`c.id IN (SELECT ca.commitment_id FROM commitment_actors ca WHERE ca.code = ${code})`;
}

/** Whether actorIn(code) selects what actorHas(code) does (LIKE ignores ASCII case; _ and % are wildcards). */
export function actorListable(code: string): boolean {
  return /^[A-Z0-9]+$/.test(code);
}

/** Commitments whose actors include `code` (actor_codes is ' A B ' space-padded). */
export function actorHas(code: string): Cond {
  return sql<SqlBool>`c.actor_codes LIKE ${'% ' + code + ' %'}`;
}

/** Documents containing at least one event with both codes among its parties. */
export function docHasPair(seqCol: 'c.doc_seq' | 'p.doc_seq' | 'n.doc_seq' | 'd.seq', pair: [string, string]): Cond {
  return sql<SqlBool>`${sql.ref(seqCol)} IN (SELECT e2.doc_seq FROM events e2
    WHERE e2.id IN (SELECT ep.event_id FROM event_parties ep WHERE ep.code = ${pair[0]})
      AND e2.id IN (SELECT ep.event_id FROM event_parties ep WHERE ep.code = ${pair[1]}))`;
}

/** AND all conditions into one (`1 = 1` when there are none). */
export function and(conds: Cond[]): Cond {
  if (conds.length === 0) return sql<SqlBool>`1 = 1`;
  return sql<SqlBool>`(${sql.join(conds, sql` AND `)})`;
}
