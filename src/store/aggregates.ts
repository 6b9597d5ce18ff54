/**
 * Pre-computed counts behind the analytic views (overview, partners list, matrix, timeline,
 * partner page), so that a view reads a few hundred aggregate rows instead of joining every
 * event with its document.
 *
 * Why this stays correct: a document's aggregate contribution depends only on its own rows
 * (documents.lang / published / duplicate_of never change while the row lives; facts change only
 * through FactWriter.replace / clear). So the store subtracts a document's contribution right
 * before its facts (or the document) are deleted, and adds it right after they are written, in
 * the same transaction (SqliteStore.insertDocument / replaceFacts / clearFacts). Counts are
 * additive; a group whose count drops to 0 keeps its row with n = 0, so every reader filters
 * `n > 0` (MIN/MAX over dates stay exact that way).
 *
 * Conventions of the key columns: '' stands for "any" in `party` / `domain` (each event counts
 * once in the ('', '') group, once per distinct party, once per distinct domain and once per
 * (party, domain)), and '' stands for "no date" in date columns (readers exclude it from date
 * ranges). Near-duplicates contribute nothing, as in the exact queries.
 *
 * The exact queries stay in analytics.ts (used when a filter cannot be answered from these keys,
 * and by test/serve/aggregates.test.ts as the reference).
 */
import type Database from 'better-sqlite3';
import { scoped } from './scope-sql.ts';
import { DocFacetWriter } from './doc-facets.ts';

/**
 * Schema of the aggregate tables (migration 3): composite keys, WITHOUT ROWID so that each table
 * is its primary-key B-tree and a key-range read finds `n` in place instead of one table lookup
 * per row (a PostgreSQL store would use a primary key INCLUDE (n) for the same effect).
 */
export const AGGREGATE_TABLES_SQL = `
-- Events per (party | '', domain | '', effective date, type, modality, language). The date is
-- COALESCE(event date, published) as stored (day, month or year precision), '' when unknown:
-- keyed by the full date so that any date range of the dashboard is answered exactly. The table
-- is bounded by the key space (dates x parties x domains x types ...), not by the corpus size.
CREATE TABLE agg_events (
  party TEXT NOT NULL,
  domain TEXT NOT NULL,
  dt TEXT NOT NULL,
  event TEXT NOT NULL,
  modality TEXT NOT NULL,
  lang TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (party, domain, dt, event, modality, lang)
) WITHOUT ROWID;
-- Events per ordered pair of distinct parties (party, other) x (domain | '', effective date,
-- type, modality, language): a partner's counterparts and the network's edges (party < other).
CREATE TABLE agg_pairs (
  party TEXT NOT NULL,
  other TEXT NOT NULL,
  domain TEXT NOT NULL,
  dt TEXT NOT NULL,
  event TEXT NOT NULL,
  modality TEXT NOT NULL,
  lang TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (party, domain, other, dt, event, modality, lang)
) WITHOUT ROWID;
-- Events per (party, effective date | '', language): the partners list's counts and dates
-- without the type / modality / domain dimensions (a much smaller table to group).
CREATE TABLE agg_party_dates (
  party TEXT NOT NULL,
  dt TEXT NOT NULL,
  lang TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (party, dt, lang)
) WITHOUT ROWID;
-- Documents with at least one event of the party, per language.
CREATE TABLE agg_party_docs (
  party TEXT NOT NULL,
  lang TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (party, lang)
) WITHOUT ROWID;
-- Names recorded for a party code ('' when none), for the partners list's MAX(name).
CREATE TABLE agg_party_names (
  party TEXT NOT NULL,
  name TEXT NOT NULL,
  lang TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (party, name, lang)
) WITHOUT ROWID;
-- Documents per (domain | '', published | '', language).
CREATE TABLE agg_documents (
  domain TEXT NOT NULL,
  published TEXT NOT NULL,
  lang TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (domain, published, lang)
) WITHOUT ROWID;
-- Commitments per (domain | '', published | '', language, status, deadline | '').
CREATE TABLE agg_commitments (
  domain TEXT NOT NULL,
  published TEXT NOT NULL,
  lang TEXT NOT NULL,
  status TEXT NOT NULL,
  deadline TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (domain, published, lang, status, deadline)
) WITHOUT ROWID;
-- Policies per (domain | '', COALESCE(policy date, published) | '', language).
CREATE TABLE agg_policies (
  domain TEXT NOT NULL,
  dt TEXT NOT NULL,
  lang TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (domain, dt, lang)
) WITHOUT ROWID;
-- Entity rows per (kind, name, language): distinct names are the rows with n > 0.
CREATE TABLE agg_entity_names (
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  lang TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (kind, name, lang)
) WITHOUT ROWID;
`;

/**
 * Schema of the entity aggregates (migration 5): the partner page's people / organisations lists
 * and the overview's distinct names under date and domain filters. Only the kinds those views
 * read (person, organisation) are counted.
 *
 * A partner page lists, per name, the documents where a row of that name "qualifies" for party C:
 * a row whose country is C, or any row in an article with an event of C in scope; with the
 * largest role and country of the qualifying rows. So each (document, party, kind, name) adds
 * `n` = its qualifying rows per (role, country) — the MAX is taken over groups with n > 0 — and
 * `docs` = 1 on exactly one of its groups, so that SUM(docs) is COUNT(DISTINCT document). `via`
 * says why the rows qualify: 'c' (country is the party: holds under any event filter) or 'e' (an
 * event of the party in the article); the document is counted on a 'c' group whenever it has one.
 */
export const ENTITY_AGGREGATE_TABLES_SQL = `
-- People / organisations per party, without dates: the partner page unfiltered or by language.
CREATE TABLE agg_party_entities (
  party TEXT NOT NULL,
  kind TEXT NOT NULL,
  via TEXT NOT NULL,
  name TEXT NOT NULL,
  lang TEXT NOT NULL,
  role TEXT NOT NULL,
  country TEXT NOT NULL,
  docs INTEGER NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (party, kind, via, name, lang, role, country)
) WITHOUT ROWID;
-- The same keyed by the article's published date ('' unknown), for date filters (the entity
-- lists filter on the published date). An article whose events of the party are all dated
-- otherwise than the article has its 'e' rows keyed by its seq in \`sdoc\` (0 for every other
-- row): whether those rows qualify depends on the event dates, checked when read.
CREATE TABLE agg_party_entity_days (
  party TEXT NOT NULL,
  kind TEXT NOT NULL,
  dt TEXT NOT NULL,
  via TEXT NOT NULL,
  sdoc INTEGER NOT NULL,
  name TEXT NOT NULL,
  lang TEXT NOT NULL,
  role TEXT NOT NULL,
  country TEXT NOT NULL,
  docs INTEGER NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (party, kind, dt, via, sdoc, name, lang, role, country)
) WITHOUT ROWID;
-- Articles with an event of the party per event domain ('' any), language and effective event
-- date, for the partner page's article count under date and domain filters: an article counts if
-- one of its (domain's) event dates is in range. Its distinct dates d1 < d2 < ... ('' = unknown,
-- first) add +1 each as (d, '') and -1 per neighbouring pair as (d, next): a date range keeps a
-- contiguous run of the known ones, whose +1s and -1s sum to 1 (0 if empty); without a range all
-- rows sum to 1. Most articles have one date, so rows merge by day.
CREATE TABLE agg_party_doc_dates (
  party TEXT NOT NULL,
  domain TEXT NOT NULL,
  lang TEXT NOT NULL,
  d1 TEXT NOT NULL,
  d2 TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (party, domain, lang, d1, d2)
) WITHOUT ROWID;
-- Entity rows per (kind, name, article domain | '', published | '', language): the overview's
-- distinct names with date / domain filters, by one index probe per known name.
CREATE TABLE agg_entity_name_days (
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  domain TEXT NOT NULL,
  dt TEXT NOT NULL,
  lang TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (kind, name, domain, dt, lang)
) WITHOUT ROWID;
`;

/**
 * Schema of the roll-ups of agg_events / agg_pairs (migration 7). The day-keyed tables make the
 * matrix, the network and a partner's counterparts sum one row per (day, party, domain, type,
 * modality, language): hundreds of thousands of rows, growing with the distinct days. Without the
 * day the same counts take ~10× fewer rows, and that is what those views read when no date filter
 * is set (the dashboard default), or when the date range holds every stored date (then only the
 * `dated` rows count: a date filter excludes events without any date, as the exact queries do).
 * The timeline groups by month: it reads agg_event_months, keyed by the first 7 characters of the
 * date (a day date becomes its month; month and year dates stay as they are; '' stays ''), so
 * every month / year bound selects whole keys; day bounds read their edge month from agg_events.
 * Maintained like agg_events, in the same write transaction (AggregateWriter.factsOf).
 */
export const ROLLUP_TABLES_SQL = `
-- agg_events without the date: dated = 1 for events with a date ('' in agg_events.dt = 0).
CREATE TABLE agg_event_totals (
  party TEXT NOT NULL,
  domain TEXT NOT NULL,
  event TEXT NOT NULL,
  modality TEXT NOT NULL,
  lang TEXT NOT NULL,
  dated INTEGER NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (party, domain, event, modality, lang, dated)
) WITHOUT ROWID;
-- agg_pairs without the date, same dated flag.
CREATE TABLE agg_pair_totals (
  party TEXT NOT NULL,
  other TEXT NOT NULL,
  domain TEXT NOT NULL,
  event TEXT NOT NULL,
  modality TEXT NOT NULL,
  lang TEXT NOT NULL,
  dated INTEGER NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (party, domain, other, event, modality, lang, dated)
) WITHOUT ROWID;
-- agg_events keyed by substr(date, 1, 7): YYYY-MM for day and month dates, YYYY, or ''.
CREATE TABLE agg_event_months (
  party TEXT NOT NULL,
  domain TEXT NOT NULL,
  mo TEXT NOT NULL,
  event TEXT NOT NULL,
  modality TEXT NOT NULL,
  lang TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (party, domain, mo, event, modality, lang)
) WITHOUT ROWID;
-- Names recorded for a party code per effective event date ('' none / unknown): the partners
-- list's (and the network's nodes') MAX(name) under a date range.
CREATE TABLE agg_party_name_dates (
  party TEXT NOT NULL,
  dt TEXT NOT NULL,
  name TEXT NOT NULL,
  lang TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (party, dt, name, lang)
) WITHOUT ROWID;
`;

/** Per-document statement for agg_party_name_dates (same shape as FACT_CONTRIBUTIONS; also its backfill). */
const PARTY_NAME_DATES = `INSERT INTO agg_party_name_dates (party, dt, name, lang, n)
   SELECT ep.code, COALESCE(e.date, d.published, ''), COALESCE(ep.name, ''), d.lang, COUNT(*) * @sign
   FROM events e JOIN documents d ON d.seq = e.doc_seq JOIN event_parties ep ON ep.event_id = e.id
   WHERE d.duplicate_of IS NULL AND {E}
   GROUP BY ep.code, COALESCE(e.date, d.published, ''), COALESCE(ep.name, ''), d.lang
   ON CONFLICT (party, dt, name, lang) DO UPDATE SET n = n + excluded.n`;

/**
 * A document's event keys are computed once per write into a temporary table (one per
 * connection, emptied after each use), from which agg_events and its roll-ups (and agg_pairs and
 * its roll-up) are updated: the join of events, parties and domains costs ~0.6 ms per document,
 * the upsert from the computed keys a fraction of that.
 */
const DELTA_TABLES_SQL = `
CREATE TEMP TABLE IF NOT EXISTS agg_event_delta (
  party TEXT NOT NULL, domain TEXT NOT NULL, dt TEXT NOT NULL, event TEXT NOT NULL, modality TEXT NOT NULL, lang TEXT NOT NULL, n INTEGER NOT NULL);
CREATE TEMP TABLE IF NOT EXISTS agg_pair_delta (
  party TEXT NOT NULL, other TEXT NOT NULL, domain TEXT NOT NULL, dt TEXT NOT NULL, event TEXT NOT NULL, modality TEXT NOT NULL, lang TEXT NOT NULL, n INTEGER NOT NULL);
`;

/**
 * The (party, domain, day, type, modality, language) keys of the events in scope with their count
 * `n` (a SQL expression), and the same for pairs of parties: read by the per-document deltas
 * below and by migration 3's backfill (FACT_CONTRIBUTIONS). `WHERE 1 = 1` lets an upsert follow
 * (SQLite needs a WHERE before ON CONFLICT in INSERT … SELECT).
 */
const eventKeys = (n: string) => `SELECT pa.code, dm.domain, ev.dt, ev.event, ev.modality, ev.lang, ${n}
   FROM (SELECT e.id AS id, COALESCE(e.date, d.published, '') AS dt, e.event AS event, e.modality AS modality, d.lang AS lang
         FROM events e JOIN documents d ON d.seq = e.doc_seq WHERE d.duplicate_of IS NULL AND {E}) ev
   JOIN (SELECT e.id AS id, '' AS code FROM events e WHERE {E}
         UNION SELECT ep.event_id, ep.code FROM event_parties ep JOIN events e ON e.id = ep.event_id WHERE {E}) pa ON pa.id = ev.id
   JOIN (SELECT e.id AS id, '' AS domain FROM events e WHERE {E}
         UNION SELECT fd.fact_id, fd.domain FROM fact_domains fd WHERE fd.fact_type = 'event' AND {F}) dm ON dm.id = ev.id
   WHERE 1 = 1
   GROUP BY pa.code, dm.domain, ev.dt, ev.event, ev.modality, ev.lang`;
const pairKeys = (n: string) => `SELECT pa.code, pb.code, dm.domain, ev.dt, ev.event, ev.modality, ev.lang, ${n}
   FROM (SELECT e.id AS id, COALESCE(e.date, d.published, '') AS dt, e.event AS event, e.modality AS modality, d.lang AS lang
         FROM events e JOIN documents d ON d.seq = e.doc_seq WHERE d.duplicate_of IS NULL AND {E}) ev
   JOIN (SELECT DISTINCT ep.event_id AS id, ep.code AS code FROM event_parties ep JOIN events e ON e.id = ep.event_id WHERE {E}) pa ON pa.id = ev.id
   JOIN (SELECT DISTINCT ep.event_id AS id, ep.code AS code FROM event_parties ep JOIN events e ON e.id = ep.event_id WHERE {E}) pb
     ON pb.id = ev.id AND pb.code <> pa.code
   JOIN (SELECT e.id AS id, '' AS domain FROM events e WHERE {E}
         UNION SELECT fd.fact_id, fd.domain FROM fact_domains fd WHERE fd.fact_type = 'event' AND {F}) dm ON dm.id = ev.id
   WHERE 1 = 1
   GROUP BY pa.code, pb.code, dm.domain, ev.dt, ev.event, ev.modality, ev.lang`;

/** Keys of the events in scope, into agg_event_delta. */
const EVENT_DELTA_FILL = `INSERT INTO agg_event_delta (party, domain, dt, event, modality, lang, n)
   ${eventKeys('COUNT(*)')}`;

/** Keys of the pairs in scope, into agg_pair_delta. */
const PAIR_DELTA_FILL = `INSERT INTO agg_pair_delta (party, other, domain, dt, event, modality, lang, n)
   ${pairKeys('COUNT(*)')}`;

const EVENT_DAYS_FROM_DELTA = `INSERT INTO agg_events (party, domain, dt, event, modality, lang, n)
   SELECT party, domain, dt, event, modality, lang, n * @sign FROM agg_event_delta WHERE 1 = 1
   ON CONFLICT (party, domain, dt, event, modality, lang) DO UPDATE SET n = n + excluded.n`;
const PAIR_DAYS_FROM_DELTA = `INSERT INTO agg_pairs (party, other, domain, dt, event, modality, lang, n)
   SELECT party, other, domain, dt, event, modality, lang, n * @sign FROM agg_pair_delta WHERE 1 = 1
   ON CONFLICT (party, domain, other, dt, event, modality, lang) DO UPDATE SET n = n + excluded.n`;

/** The migration 7 roll-ups from the computed keys (GROUP BY without the day). */
const ROLLUPS_FROM_DELTA = [
  `INSERT INTO agg_event_totals (party, domain, event, modality, lang, dated, n)
   SELECT party, domain, event, modality, lang, CASE WHEN dt = '' THEN 0 ELSE 1 END, SUM(n) * @sign FROM agg_event_delta WHERE 1 = 1
   GROUP BY party, domain, event, modality, lang, CASE WHEN dt = '' THEN 0 ELSE 1 END
   ON CONFLICT (party, domain, event, modality, lang, dated) DO UPDATE SET n = n + excluded.n`,
  `INSERT INTO agg_event_months (party, domain, mo, event, modality, lang, n)
   SELECT party, domain, substr(dt, 1, 7), event, modality, lang, SUM(n) * @sign FROM agg_event_delta WHERE 1 = 1
   GROUP BY party, domain, substr(dt, 1, 7), event, modality, lang
   ON CONFLICT (party, domain, mo, event, modality, lang) DO UPDATE SET n = n + excluded.n`,
];
const PAIR_ROLLUPS_FROM_DELTA = [
  `INSERT INTO agg_pair_totals (party, other, domain, event, modality, lang, dated, n)
   SELECT party, other, domain, event, modality, lang, CASE WHEN dt = '' THEN 0 ELSE 1 END, SUM(n) * @sign FROM agg_pair_delta WHERE 1 = 1
   GROUP BY party, other, domain, event, modality, lang, CASE WHEN dt = '' THEN 0 ELSE 1 END
   ON CONFLICT (party, domain, other, event, modality, lang, dated) DO UPDATE SET n = n + excluded.n`,
];

/** Statement groups around the delta tables: fill, upserts, empty again. */
function deltaStatements(withDays: boolean): string[] {
  return [
    EVENT_DELTA_FILL,
    ...(withDays ? [EVENT_DAYS_FROM_DELTA] : []),
    ...ROLLUPS_FROM_DELTA,
    'DELETE FROM agg_event_delta',
    PAIR_DELTA_FILL,
    ...(withDays ? [PAIR_DAYS_FROM_DELTA] : []),
    ...PAIR_ROLLUPS_FROM_DELTA,
    'DELETE FROM agg_pair_delta',
  ];
}

/**
 * Migration 7's data step: the roll-ups summed from agg_events / agg_pairs (exact by then, and
 * ~10× faster than re-reading the facts). Rows with n = 0 (stale groups) are left out.
 */
const ROLLUP_FROM_DAYS = [
  `INSERT INTO agg_event_totals (party, domain, event, modality, lang, dated, n)
   SELECT party, domain, event, modality, lang, CASE WHEN dt = '' THEN 0 ELSE 1 END, SUM(n) FROM agg_events
   GROUP BY party, domain, event, modality, lang, CASE WHEN dt = '' THEN 0 ELSE 1 END HAVING SUM(n) <> 0`,
  `INSERT INTO agg_pair_totals (party, other, domain, event, modality, lang, dated, n)
   SELECT party, other, domain, event, modality, lang, CASE WHEN dt = '' THEN 0 ELSE 1 END, SUM(n) FROM agg_pairs
   GROUP BY party, other, domain, event, modality, lang, CASE WHEN dt = '' THEN 0 ELSE 1 END HAVING SUM(n) <> 0`,
  `INSERT INTO agg_event_months (party, domain, mo, event, modality, lang, n)
   SELECT party, domain, substr(dt, 1, 7), event, modality, lang, SUM(n) FROM agg_events
   GROUP BY party, domain, substr(dt, 1, 7), event, modality, lang HAVING SUM(n) <> 0`,
];

/**
 * The qualifying (document, party, kind, name, role, country) rows of the entity aggregates, with
 * `flag` = 1 on the one group per (document, party, kind, name) that carries the document count.
 */
const PARTY_ENTITY_ROWS = `
  WITH ents AS (
    SELECT x.doc_seq AS doc_seq, x.kind AS kind, x.name AS name, COALESCE(x.role, '') AS role, COALESCE(x.country, '') AS country
    FROM entities x WHERE x.kind IN ('person', 'organisation') AND {N}),
  evp AS (
    SELECT e.doc_seq AS doc_seq, ep.code AS code,
      MAX(CASE WHEN e.date IS NULL OR e.date = d.published THEN 1 ELSE 0 END) AS inv
    FROM events e JOIN event_parties ep ON ep.event_id = e.id JOIN documents d ON d.seq = e.doc_seq
    WHERE {E} GROUP BY e.doc_seq, ep.code),
  q AS (
    SELECT x.doc_seq AS doc_seq, x.country AS party, 'c' AS via, 0 AS sdoc, x.kind AS kind, x.name AS name, x.role AS role, x.country AS country
    FROM ents x WHERE x.country <> ''
    UNION ALL
    SELECT x.doc_seq, v.code, 'e', CASE WHEN v.inv = 1 THEN 0 ELSE x.doc_seq END, x.kind, x.name, x.role, x.country
    FROM ents x JOIN evp v ON v.doc_seq = x.doc_seq),
  g AS (
    SELECT doc_seq, party, via, sdoc, kind, name, role, country, COUNT(*) AS n
    FROM q GROUP BY doc_seq, party, via, sdoc, kind, name, role, country),
  r AS (
    SELECT g.*, CASE WHEN ROW_NUMBER() OVER (PARTITION BY g.doc_seq, g.party, g.kind, g.name ORDER BY g.via, g.role, g.country) = 1 THEN 1 ELSE 0 END AS flag
    FROM g)`;

/** Same statement shape as FACT_CONTRIBUTIONS, for the migration 5 tables. */
const ENTITY_CONTRIBUTIONS = [
  `INSERT INTO agg_party_entities (party, kind, via, name, lang, role, country, docs, n)
   ${PARTY_ENTITY_ROWS}
   SELECT r.party, r.kind, r.via, r.name, d.lang, r.role, r.country, SUM(r.flag) * @sign, SUM(r.n) * @sign
   FROM r JOIN documents d ON d.seq = r.doc_seq
   WHERE d.duplicate_of IS NULL AND {D}
   GROUP BY r.party, r.kind, r.via, r.name, d.lang, r.role, r.country
   ON CONFLICT (party, kind, via, name, lang, role, country) DO UPDATE SET docs = docs + excluded.docs, n = n + excluded.n`,
  `INSERT INTO agg_party_entity_days (party, kind, dt, via, sdoc, name, lang, role, country, docs, n)
   ${PARTY_ENTITY_ROWS}
   SELECT r.party, r.kind, COALESCE(d.published, ''), r.via, r.sdoc, r.name, d.lang, r.role, r.country, SUM(r.flag) * @sign, SUM(r.n) * @sign
   FROM r JOIN documents d ON d.seq = r.doc_seq
   WHERE d.duplicate_of IS NULL AND {D}
   GROUP BY r.party, r.kind, COALESCE(d.published, ''), r.via, r.sdoc, r.name, d.lang, r.role, r.country
   ON CONFLICT (party, kind, dt, via, sdoc, name, lang, role, country) DO UPDATE SET docs = docs + excluded.docs, n = n + excluded.n`,
  `INSERT INTO agg_party_doc_dates (party, domain, lang, d1, d2, n)
   WITH x AS (
     SELECT DISTINCT e.doc_seq AS doc_seq, ep.code AS code, dm.domain AS domain, d.lang AS lang, COALESCE(e.date, d.published, '') AS dt
     FROM events e JOIN documents d ON d.seq = e.doc_seq JOIN event_parties ep ON ep.event_id = e.id
     JOIN (SELECT e.id AS id, '' AS domain FROM events e WHERE {E}
           UNION SELECT fd.fact_id, fd.domain FROM fact_domains fd WHERE fd.fact_type = 'event' AND {F}) dm ON dm.id = e.id
     WHERE d.duplicate_of IS NULL AND {E}),
   t AS (
     SELECT code, domain, lang, dt AS d1, '' AS d2, 1 AS s FROM x
     UNION ALL
     SELECT code, domain, lang, dt, nx, -1 FROM (
       SELECT code, domain, lang, dt, LEAD(dt) OVER (PARTITION BY doc_seq, code, domain ORDER BY dt) AS nx FROM x) y
     WHERE nx IS NOT NULL)
   SELECT code, domain, lang, d1, d2, SUM(s) * @sign FROM t
   WHERE 1 = 1
   GROUP BY code, domain, lang, d1, d2
   ON CONFLICT (party, domain, lang, d1, d2) DO UPDATE SET n = n + excluded.n`,
  `INSERT INTO agg_entity_name_days (kind, name, domain, dt, lang, n)
   SELECT x.kind, x.name, dm.domain, COALESCE(d.published, ''), d.lang, COUNT(*) * @sign
   FROM entities x JOIN documents d ON d.seq = x.doc_seq
   JOIN (SELECT d.seq AS seq, '' AS domain FROM documents d WHERE {D}
         UNION SELECT fd.doc_seq, fd.domain FROM fact_domains fd WHERE fd.fact_type = 'document' AND {F}) dm ON dm.seq = x.doc_seq
   WHERE d.duplicate_of IS NULL AND x.kind IN ('person', 'organisation') AND {N}
   GROUP BY x.kind, x.name, dm.domain, COALESCE(d.published, ''), d.lang
   ON CONFLICT (kind, name, domain, dt, lang) DO UPDATE SET n = n + excluded.n`,
];

/**
 * One INSERT … SELECT … upsert per aggregate table, adding `@sign` × the rows in scope.
 * `{E}`, `{F}`, `{D}` are the scope conditions on an `events e`, a `fact_domains fd` and a
 * `documents d` alias (one document, or everything for the backfill); `{C}` / `{P}` / `{N}` on
 * commitments, policies and entities.
 */
const FACT_CONTRIBUTIONS = [
  `INSERT INTO agg_events (party, domain, dt, event, modality, lang, n)
   ${eventKeys('COUNT(*) * @sign')}
   ON CONFLICT (party, domain, dt, event, modality, lang) DO UPDATE SET n = n + excluded.n`,
  `INSERT INTO agg_pairs (party, other, domain, dt, event, modality, lang, n)
   ${pairKeys('COUNT(*) * @sign')}
   ON CONFLICT (party, domain, other, dt, event, modality, lang) DO UPDATE SET n = n + excluded.n`,
  `INSERT INTO agg_party_dates (party, dt, lang, n)
   SELECT pa.code, pa.dt, pa.lang, COUNT(*) * @sign
   FROM (SELECT DISTINCT e.id AS id, ep.code AS code, COALESCE(e.date, d.published, '') AS dt, d.lang AS lang
         FROM events e JOIN documents d ON d.seq = e.doc_seq JOIN event_parties ep ON ep.event_id = e.id
         WHERE d.duplicate_of IS NULL AND {E}) pa
   WHERE 1 = 1
   GROUP BY pa.code, pa.dt, pa.lang
   ON CONFLICT (party, dt, lang) DO UPDATE SET n = n + excluded.n`,
  `INSERT INTO agg_party_docs (party, lang, n)
   SELECT ep.code, d.lang, COUNT(DISTINCT d.seq) * @sign
   FROM events e JOIN documents d ON d.seq = e.doc_seq JOIN event_parties ep ON ep.event_id = e.id
   WHERE d.duplicate_of IS NULL AND {E}
   GROUP BY ep.code, d.lang
   ON CONFLICT (party, lang) DO UPDATE SET n = n + excluded.n`,
  `INSERT INTO agg_party_names (party, name, lang, n)
   SELECT ep.code, COALESCE(ep.name, ''), d.lang, COUNT(*) * @sign
   FROM events e JOIN documents d ON d.seq = e.doc_seq JOIN event_parties ep ON ep.event_id = e.id
   WHERE d.duplicate_of IS NULL AND {E}
   GROUP BY ep.code, COALESCE(ep.name, ''), d.lang
   ON CONFLICT (party, name, lang) DO UPDATE SET n = n + excluded.n`,
  `INSERT INTO agg_documents (domain, published, lang, n)
   SELECT fd.domain, COALESCE(d.published, ''), d.lang, COUNT(DISTINCT d.seq) * @sign
   FROM fact_domains fd JOIN documents d ON d.seq = fd.doc_seq
   WHERE fd.fact_type = 'document' AND d.duplicate_of IS NULL AND {F}
   GROUP BY fd.domain, COALESCE(d.published, ''), d.lang
   ON CONFLICT (domain, published, lang) DO UPDATE SET n = n + excluded.n`,
  `INSERT INTO agg_commitments (domain, published, lang, status, deadline, n)
   SELECT dm.domain, COALESCE(d.published, ''), d.lang, c.status, COALESCE(c.deadline, ''), COUNT(*) * @sign
   FROM commitments c JOIN documents d ON d.seq = c.doc_seq
   JOIN (SELECT c.id AS id, '' AS domain FROM commitments c WHERE {C}
         UNION SELECT fd.fact_id, fd.domain FROM fact_domains fd WHERE fd.fact_type = 'commitment' AND {F}) dm ON dm.id = c.id
   WHERE d.duplicate_of IS NULL AND {C}
   GROUP BY dm.domain, COALESCE(d.published, ''), d.lang, c.status, COALESCE(c.deadline, '')
   ON CONFLICT (domain, published, lang, status, deadline) DO UPDATE SET n = n + excluded.n`,
  `INSERT INTO agg_policies (domain, dt, lang, n)
   SELECT dm.domain, COALESCE(p.date, d.published, ''), d.lang, COUNT(*) * @sign
   FROM policies p JOIN documents d ON d.seq = p.doc_seq
   JOIN (SELECT p.id AS id, '' AS domain FROM policies p WHERE {P}
         UNION SELECT fd.fact_id, fd.domain FROM fact_domains fd WHERE fd.fact_type = 'policy' AND {F}) dm ON dm.id = p.id
   WHERE d.duplicate_of IS NULL AND {P}
   GROUP BY dm.domain, COALESCE(p.date, d.published, ''), d.lang
   ON CONFLICT (domain, dt, lang) DO UPDATE SET n = n + excluded.n`,
  `INSERT INTO agg_entity_names (kind, name, lang, n)
   SELECT x.kind, x.name, d.lang, COUNT(*) * @sign
   FROM entities x JOIN documents d ON d.seq = x.doc_seq
   WHERE d.duplicate_of IS NULL AND {N}
   GROUP BY x.kind, x.name, d.lang
   ON CONFLICT (kind, name, lang) DO UPDATE SET n = n + excluded.n`,
];

/** Which fact rows each FACT_CONTRIBUTIONS statement reads (same order). */
const FACT_SOURCES = ['events', 'events', 'events', 'events', 'events', 'docDomains', 'commitments', 'policies', 'entities'] as const;
/** Which fact rows each ENTITY_CONTRIBUTIONS statement reads (same order). */
const ENTITY_SOURCES = ['entities', 'entities', 'events', 'entities'] as const;

/** What a document's facts contain, when the caller knows it (an extraction just written). */
export type FactsPresent = Record<(typeof FACT_SOURCES)[number], boolean>;

/** The document itself (domain ''): counted from insert to delete, with or without facts. */
const DOCUMENT_CONTRIBUTION = `INSERT INTO agg_documents (domain, published, lang, n)
   SELECT '', COALESCE(d.published, ''), d.lang, COUNT(*) * @sign
   FROM documents d WHERE d.duplicate_of IS NULL AND {D}
   GROUP BY COALESCE(d.published, ''), d.lang
   ON CONFLICT (domain, published, lang) DO UPDATE SET n = n + excluded.n`;

/** Fill migration 3's aggregate tables from the stored facts (its data step; empty tables). */
export function backfillV3Aggregates(db: Database.Database): void {
  for (const s of [...FACT_CONTRIBUTIONS, DOCUMENT_CONTRIBUTION]) db.prepare(scoped(s, 'all')).run({ sign: 1 });
}

/** Fill migration 5's entity aggregate tables from the stored facts (its data step; empty tables). */
export function backfillV5Aggregates(db: Database.Database): void {
  for (const s of ENTITY_CONTRIBUTIONS) db.prepare(scoped(s, 'all')).run({ sign: 1 });
}

/** Fill migration 7's roll-ups from agg_events / agg_pairs (its data step; empty tables). */
export function backfillV7Aggregates(db: Database.Database): void {
  for (const s of ROLLUP_FROM_DAYS) db.prepare(s).run();
  runAll(db, [PARTY_NAME_DATES]);
}

/** Run statements with scope placeholders for every document, adding (empty tables). */
function runAll(db: Database.Database, statements: string[]): void {
  for (const s of statements) {
    const st = db.prepare(scoped(s, 'all'));
    if (s.includes('@sign')) st.run({ sign: 1 });
    else st.run();
  }
}

/** Fill every aggregate table from the stored facts (empty tables; the tests' rebuild). */
export function backfillAggregates(db: Database.Database): void {
  backfillV3Aggregates(db);
  backfillV5Aggregates(db);
  db.exec(DELTA_TABLES_SQL);
  runAll(db, [...deltaStatements(false), PARTY_NAME_DATES]);
}

/** A prepared maintenance statement and the fact rows it reads (null: always run). */
interface Step {
  st: Database.Statement;
  source: (typeof FACT_SOURCES)[number] | null;
  /** Which named parameters the statement takes. */
  seq: boolean;
  sign: boolean;
}

/** Per-document maintenance, statements prepared once per connection. Run inside the write's transaction. */
export class AggregateWriter {
  private readonly steps: Step[];
  private readonly doc: Database.Statement;
  /** Search facet keys (doc-facets.ts): maintained with the aggregates, at the same points. */
  private readonly facets: DocFacetWriter;

  constructor(db: Database.Database) {
    if (FACT_SOURCES.length !== FACT_CONTRIBUTIONS.length || ENTITY_SOURCES.length !== ENTITY_CONTRIBUTIONS.length) throw new Error('aggregates: FACT_SOURCES out of step with FACT_CONTRIBUTIONS');
    db.exec(DELTA_TABLES_SQL);
    const step = (s: string, source: Step['source']): Step => {
      const text = scoped(s, 'doc');
      return { st: db.prepare(text), source, seq: text.includes('@seq'), sign: text.includes('@sign') };
    };
    this.steps = [
      // agg_events and agg_pairs (FACT_CONTRIBUTIONS' first two) are written from the delta tables, with their roll-ups.
      ...FACT_CONTRIBUTIONS.slice(2).map((s, i) => step(s, FACT_SOURCES[i + 2])),
      ...ENTITY_CONTRIBUTIONS.map((s, i) => step(s, ENTITY_SOURCES[i])),
      ...deltaStatements(true).map((s) => step(s, 'events')),
      step(PARTY_NAME_DATES, 'events'),
    ];
    this.doc = db.prepare(scoped(DOCUMENT_CONTRIBUTION, 'doc'));
    this.facets = new DocFacetWriter(db);
  }

  /** Add (+1) or remove (-1) what the document's stored facts contribute. */
  factsOf(seq: number, sign: 1 | -1, present?: FactsPresent): void {
    for (const step of this.steps) {
      // Statements whose source rows the caller knows to be absent would add nothing: skip them.
      if (present && step.source && !present[step.source]) continue;
      if (step.sign) step.st.run({ seq, sign });
      else if (step.seq) step.st.run({ seq });
      else step.st.run();
    }
    if (sign < 0) this.facets.removed(seq);
    else if (!present || present.events || present.docDomains) this.facets.added(seq);
  }

  /** Add (+1) or remove (-1) the document row's own count. */
  document(seq: number, sign: 1 | -1): void {
    this.doc.run({ seq, sign });
  }
}
