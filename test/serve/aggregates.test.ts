/**
 * The pre-computed aggregates (src/store/aggregates.ts) against the exact queries, on a store
 * built the way a user builds it (`examples/` + the seeds through the whole pipeline), and again
 * after every kind of write that changes facts: a near-duplicate ingest, an edited article
 * replacing its old version, re-extraction, clearing one document's facts, a forced re-ingest.
 *
 * Two checks each time: (1) the aggregate tables equal a rebuild from scratch (so incremental
 * maintenance never drifts); (2) every view answered from them equals the exact query, for a
 * spread of dashboard filters.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { openStore, SCHEMA_VERSION, type SqliteStore } from '../../src/store/index.ts';
import { ingest, reextract } from '../../src/pipeline.ts';
import { loadKnowledgeBase, EXTRACTOR_VERSION } from '../../src/extract/index.ts';
import { backfillAggregates } from '../../src/store/aggregates.ts';
import { backfillDocFacets } from '../../src/store/doc-facets.ts';
import {
  overviewTotals,
  overviewTotalsExact,
  partnerDomainMatrix,
  partnerDomainMatrixExact,
  partnersList,
  partnersListExact,
  network,
  networkExact,
  partnerSummary,
  partnerSummaryExact,
  timeline,
  timelineExact,
  searchFacets,
  searchFacetsExact,
  analyticsTuning,
  queryFacts,
  commitmentsList,
  type AnalyticsFilter,
  type CommitmentSort,
  type FactFilter,
} from '../../src/store/analytics.ts';
import { EXAMPLES, SEEDS, tempDir } from '../helpers.ts';

const NOW = new Date('2025-06-15T12:00:00Z');
const AGG_TABLES = ['agg_events', 'agg_pairs', 'agg_party_dates', 'agg_party_docs', 'agg_party_names', 'agg_documents', 'agg_commitments', 'agg_policies', 'agg_entity_names', 'agg_party_entities', 'agg_party_entity_days', 'agg_entity_name_days', 'agg_party_doc_dates', 'agg_event_totals', 'agg_pair_totals', 'agg_event_months', 'agg_party_name_dates'];

let tmp: ReturnType<typeof tempDir>;
let store: SqliteStore;
const kb = loadKnowledgeBase();

before(async () => {
  tmp = tempDir();
  store = openStore(path.join(tmp.dir, 'agg.db'));
  const summary = await ingest({ store, specs: [EXAMPLES, SEEDS], kb });
  assert.equal(summary.problems.length, 0, JSON.stringify(summary.problems));
});
after(() => {
  store?.close();
  tmp?.cleanup();
});

/** Rows with a non-zero count, in key order: what the aggregates say. */
function snapshot(): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const t of AGG_TABLES) {
    const cols = (store.db.prepare(`PRAGMA table_info(${t})`).all() as { name: string }[]).map((c) => c.name);
    out[t] = store.db.prepare(`SELECT * FROM ${t} WHERE n <> 0 ORDER BY ${cols.join(', ')}`).all();
  }
  out.doc_facets = store.db.prepare('SELECT * FROM doc_facets ORDER BY doc_seq, facet, value').all();
  return out;
}

/** The aggregates as a rebuild from the stored facts would make them (rolled back after). */
function rebuilt(): Record<string, unknown[]> {
  store.db.exec('SAVEPOINT rebuild');
  try {
    for (const t of [...AGG_TABLES, 'doc_facets']) store.db.exec(`DELETE FROM ${t}`);
    backfillAggregates(store.db);
    backfillDocFacets(store.db);
    return snapshot();
  } finally {
    store.db.exec('ROLLBACK TO rebuild; RELEASE rebuild');
  }
}

function values(sqlText: string): string[] {
  return store.db.prepare(sqlText).pluck().all() as string[];
}

/** Dashboard filters worth checking on the current data: each value found, and combinations. */
function filters(): AnalyticsFilter[] {
  const types = values('SELECT DISTINCT event FROM events ORDER BY 1');
  const modalities = values('SELECT DISTINCT modality FROM events ORDER BY 1');
  const domains = values('SELECT DISTINCT domain FROM fact_domains ORDER BY 1');
  const parties = values('SELECT DISTINCT code FROM event_parties ORDER BY 1');
  const langs = values('SELECT DISTINCT lang FROM documents ORDER BY 1');
  const out: AnalyticsFilter[] = [
    {},
    { since: '2024' },
    { until: '2025-03' },
    { since: '2025-01-15', until: '2025-09' },
    { since: '2025-06', until: '2025-06-30' },
    { since: '2030' },
    // Day bounds in one month, in neighbouring months, a day bound with a month / year bound.
    { since: '2025-03-03', until: '2025-03-20' },
    { since: '2024-11-20', until: '2024-12-05' },
    { since: '2024-10-31', until: '2025' },
    { since: '2024', until: '2025-04-10' },
    { until: '2025-02-14' },
    { since: '2025-05-02' },
    // Month and year bounds only (the monthly roll-up alone), an empty range.
    { since: '2024-07', until: '2025-02' },
    { since: '2025', until: '2025' },
    { since: '2025-06', until: '2025-03' },
    { since: '2025-06-10', until: '2025-03-02' },
    { since: '2025-03-11', until: '2025-02' },
    { since: '2026-03', until: '2026-02-17' },
    // Just inside the stored dates (2023-05-29 … 2026-06-03 with examples + seeds): not every date.
    { since: '2023-06' },
    { since: '2023-05-30' },
    { until: '2026-06-02' },
    { until: '2026-05' },
    // Ranges holding every date (the date-free roll-up, dated rows only), and one just inside.
    { since: '2010-01-05' },
    { until: '2099-12-31' },
    { since: '1999', until: '2099' },
  ];
  const dts = values(`SELECT DISTINCT COALESCE(e.date, d.published) FROM events e JOIN documents d ON d.seq = e.doc_seq WHERE d.duplicate_of IS NULL AND COALESCE(e.date, d.published) IS NOT NULL ORDER BY 1`);
  if (dts.length) out.push({ since: dts[0] }, { until: dts[dts.length - 1] }, { since: dts[0], until: dts[dts.length - 1] }, { since: dts[1] ?? dts[0] }, { since: dts[0].slice(0, 7) });
  for (const lang of langs) out.push({ lang }, { lang, since: '2025' });
  for (const type of types) out.push({ type }, { type, lang: langs[0] });
  for (const modality of modalities) out.push({ modality }, { modality, until: '2025-10' });
  for (const domain of domains) out.push({ domain }, { domain, since: '2025-02' }, { domain, lang: langs[0], until: '2025-10-15' });
  for (const party of parties) out.push({ party }, { party, domain: domains[0], until: '2026' });
  if (parties.length >= 2) out.push({ pair: [parties[0], parties[1]] });
  return out;
}

/** Partner-page filters: each kind the dashboard sends, alone and combined, day bounds included. */
const PARTNER_FILTERS: AnalyticsFilter[] = [
  {},
  { lang: 'en' },
  { lang: 'vi' },
  { since: '2025' },
  { until: '2024-12' },
  { since: '2025-03-10', until: '2025-11-02' },
  { since: '2024-09-05', until: '2024-09-20' },
  { lang: 'fr', since: '2024-06', until: '2025-06' },
  { domain: 'energy' },
  { domain: 'energy_transition' },
  { domain: 'semiconductors', lang: 'en' },
  { domain: 'ai', since: '2025-01', until: '2025-12-31' },
  { type: 'AGREE', until: '2025-12' },
  { modality: 'future' },
  { modality: 'realized', lang: 'en', since: '2024' },
  { modality: 'historical', until: '2025-09-30' },
  { since: '2005-02-03' },
  { since: '2001', until: '2099-01-01', domain: 'energy' },
  { since: '2025-02-10', until: '2025-02-25' },
  { since: '2024-12', until: '2025-01-20', lang: 'en' },
  // Ranges holding every date (answered from the date-free rows minus the undated articles).
  { since: '1990', lang: 'en' },
  { since: '1990', until: '2099', lang: 'vi' },
  { until: '2099-12' },
];

/**
 * Day ranges around the articles whose events of `code` are all dated otherwise than the article
 * (agg_party_entity_days keys them apart): the article is in range, its events are not; and
 * ranges that hold an event but not its (later) article.
 */
function otherwiseDated(code: string): AnalyticsFilter[] {
  const days = values(`SELECT DISTINCT d.published FROM documents d JOIN events e ON e.doc_seq = d.seq
    JOIN event_parties ep ON ep.event_id = e.id WHERE ep.code = '${code}' AND d.published IS NOT NULL
    GROUP BY d.seq HAVING MAX(e.date IS NULL OR e.date = d.published) = 0 ORDER BY 1`);
  // Events dated before their article: ranges ending there keep the article by its event only.
  const early = values(`SELECT DISTINCT e.date FROM events e JOIN documents d ON d.seq = e.doc_seq
    JOIN event_parties ep ON ep.event_id = e.id WHERE ep.code = '${code}' AND e.date < d.published ORDER BY 1 DESC LIMIT 2`);
  // The party's own oldest and newest dates (articles and events): ranges exactly holding them,
  // and ranges just inside, on either side of the all-dates shortcut.
  const own = values(`SELECT dt FROM (SELECT COALESCE(e.date, d.published) AS dt FROM events e JOIN documents d ON d.seq = e.doc_seq
    JOIN event_parties ep ON ep.event_id = e.id WHERE ep.code = '${code}' UNION SELECT d.published FROM documents d) WHERE dt IS NOT NULL ORDER BY 1`);
  const edges: AnalyticsFilter[] = own.length
    ? [{ since: own[0] }, { until: own[own.length - 1] }, { since: own[0], until: own[own.length - 1] }, { since: own[1] ?? own[0] }, { until: own[own.length - 2] ?? own[0] }]
    : [];
  return [...days.map((p) => ({ since: p, until: p })), ...early.map((dt) => ({ until: dt })), ...early.map((dt) => ({ since: dt, until: dt })), ...edges];
}

/** Every page of a list (at most `max`), following next_cursor. */
function pages<T>(get: (cursor?: string) => { items: T[]; next_cursor: string | null }, max = 4): { items: T[]; next_cursor: string | null }[] {
  const out = [get()];
  while (out.length < max && out[out.length - 1].next_cursor) out.push(get(out[out.length - 1].next_cursor!));
  return out;
}

/**
 * Fact lists and the tracker: the stored effective dates equal COALESCE(fact date, published), and
 * both plans (walk in list order / start from a filter's index) return the same pages as the
 * plain query, across pages (small pages, so the cursors are used), for every filter.
 */
function checkFactLists(label: string): void {
  const stale = (sqlText: string) => store.db.prepare(sqlText).pluck().get() as number;
  assert.equal(stale('SELECT COUNT(*) FROM events e JOIN documents d ON d.seq = e.doc_seq WHERE e.eff_date IS NOT COALESCE(e.date, d.published)'), 0, `${label}: events.eff_date`);
  assert.equal(stale('SELECT COUNT(*) FROM commitments c JOIN documents d ON d.seq = c.doc_seq WHERE c.eff_date IS NOT d.published'), 0, `${label}: commitments.eff_date`);
  assert.equal(stale('SELECT COUNT(*) FROM policies p JOIN documents d ON d.seq = p.doc_seq WHERE p.eff_date IS NOT COALESCE(p.date, d.published)'), 0, `${label}: policies.eff_date`);
  // commitment_actors holds exactly the codes of each commitment's actor_codes.
  const actors = (store.db.prepare('SELECT id, doc_seq, actor_codes FROM commitments ORDER BY id').all() as { id: string; doc_seq: number; actor_codes: string }[])
    .flatMap((c) => c.actor_codes.split(' ').filter(Boolean).map((code) => `${c.id} ${c.doc_seq} ${code}`))
    .sort();
  const stored = (store.db.prepare('SELECT commitment_id, doc_seq, code FROM commitment_actors').all() as { commitment_id: string; doc_seq: number; code: string }[])
    .map((r) => `${r.commitment_id} ${r.doc_seq} ${r.code}`)
    .sort();
  assert.deepEqual(stored, actors, `${label}: commitment_actors`);
  assert.ok(actors.length > 0);
  const statuses = values('SELECT DISTINCT status FROM commitments ORDER BY 1');
  const base = filters();
  const lists: [string, (cursor?: string) => { items: unknown[]; next_cursor: string | null }][] = [];
  for (const f of base) {
    lists.push([`events ${JSON.stringify(f)}`, (cursor) => queryFacts(store.db, { ...f, kind: 'events', limit: 3, cursor } as FactFilter)]);
  }
  const cfs: (AnalyticsFilter & { status?: string[] })[] = [
    ...base.filter((f) => !f.type && !f.modality),
    ...statuses.flatMap((s) => [{ status: [s] }, { status: [s], since: '2025' }, { status: [s], until: '2025-03', lang: 'en' }]),
    { status: statuses.slice(0, 2), domain: 'ai', since: '2024-06' },
  ];
  for (const f of cfs) {
    lists.push([`commitments ${JSON.stringify(f)}`, (cursor) => queryFacts(store.db, { ...f, kind: 'commitments', limit: 3, cursor } as FactFilter)]);
    for (const sort of ['deadline', 'recent', 'status'] as CommitmentSort[]) {
      lists.push([`tracker ${sort} ${JSON.stringify(f)}`, (cursor) => commitmentsList(store.db, { ...f, sort, now: NOW, limit: 3, cursor })]);
    }
  }
  lists.push(['tracker overdue since', (cursor) => commitmentsList(store.db, { overdue: true, since: '2024', now: NOW, limit: 3, cursor })]);
  lists.push(['tracker due before', (cursor) => commitmentsList(store.db, { dueBefore: '2026', status: ['pledge'], now: NOW, limit: 3, cursor })]);
  let nonEmpty = 0;
  try {
    for (const [what, get] of lists) {
      analyticsTuning.factPlan = 'sqlite';
      const want = pages(get);
      if (want[0].items.length > 0) nonEmpty++;
      for (const plan of ['walk', 'index', 'auto'] as const) {
        analyticsTuning.factPlan = plan;
        assert.deepEqual(pages(get), want, `${label} ${what} plan ${plan}`);
      }
    }
  } finally {
    analyticsTuning.factPlan = 'auto';
  }
  assert.ok(nonEmpty > lists.length / 3, `${label}: fact lists not vacuous (${nonEmpty} of ${lists.length})`);
}

function checkAll(label: string): void {
  assert.deepEqual(snapshot(), rebuilt(), `${label}: maintained aggregates equal a rebuild`);
  checkFactLists(label);
  const fs = filters();
  for (const f of fs) {
    const what = `${label} ${JSON.stringify(f)}`;
    assert.deepEqual(overviewTotals(store.db, f, NOW), overviewTotalsExact(store.db, f, NOW), `overview ${what}`);
    assert.deepEqual(timeline(store.db, f), timelineExact(store.db, f), `timeline ${what}`);
    assert.deepEqual(partnerDomainMatrix(store.db, f), partnerDomainMatrixExact(store.db, f), `matrix ${what}`);
    assert.deepEqual(partnersList(store.db, f), partnersListExact(store.db, f), `partners ${what}`);
    assert.deepEqual(network(store.db, f), networkExact(store.db, f), `network ${what}`);
  }
  const parties = values('SELECT DISTINCT code FROM event_parties ORDER BY 1');
  // Both ways to the latest articles: walking the articles (any party with >= 1 article) and grouping.
  for (const walkFrom of ['always', 'never'] as const) {
    analyticsTuning.latestWalk = walkFrom;
    for (const code of parties) {
      for (const f of [...PARTNER_FILTERS, ...otherwiseDated(code)]) {
        assert.deepEqual(partnerSummary(store.db, code, f, NOW), partnerSummaryExact(store.db, code, f, NOW), `partner ${code} ${label} ${JSON.stringify(f)} walk ${walkFrom}`);
      }
    }
  }
  analyticsTuning.latestWalk = 'auto';
  // Search facets from doc_facets equal the facets joined from the facts.
  const langs = values('SELECT DISTINCT lang FROM documents ORDER BY 1');
  for (const q of ['cooperation', 'coopération', 'hợp tác', 'university OR universite', 'the']) {
    const fts = store.search({ q, limit: 0, excludeDuplicates: true }).fts;
    if (!fts) continue;
    const scopes = [{ fts }, { fts, since: '2025-02' }, { fts, domain: 'ai' }, { fts, type: 'AGREE' }, ...langs.map((lang) => ({ fts, lang })), ...parties.map((party) => ({ fts, party }))];
    for (const sc of scopes) assert.deepEqual(searchFacets(store.db, sc), searchFacetsExact(store.db, sc), `search facets ${label} ${JSON.stringify(sc)}`);
  }
  assert.ok(searchFacets(store.db, { fts: store.search({ q: 'the', limit: 0 }).fts! }).partner.length > 0, 'facets not vacuous');
  // Not vacuous: the store has facts the views count.
  assert.ok(overviewTotals(store.db, {}, NOW).events > 0);
  assert.ok(parties.length >= 3);
}

test('aggregates equal the exact queries after a full ingest', () => {
  checkAll('ingest');
});

test('a near-duplicate adds nothing, an edited article replaces its old counts', async () => {
  const before = overviewTotals(store.db, {}, NOW);
  // A republished copy with two words changed: stored, linked, not counted.
  const dir = path.join(tmp.dir, 'more');
  const src = path.join(EXAMPLES, 'en-korea-ai-research-centre.txt');
  const text = readFileSync(src, 'utf8');
  const copy = text.replace(/\bKorea\b/, 'South Korea').replace(/\bthe\b/, 'this');
  assert.notEqual(copy, text);
  const { mkdirSync } = await import('node:fs');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'copy.txt'), copy);
  const s1 = await ingest({ store, specs: [dir], kb });
  assert.equal(s1.near_duplicates, 1, JSON.stringify(s1));
  assert.deepEqual(overviewTotals(store.db, {}, NOW), before);
  checkAll('near-duplicate');

  // A new article, then its edited version (same id): the old facts leave the counts.
  const seed = path.join(dir, 'seed.txt');
  copyFileSync(path.join(SEEDS, '001_d7d12807580e58b4.txt'), seed);
  await ingest({ store, specs: [seed], kb });
  checkAll('new article');
  const edited = readFileSync(seed, 'utf8').split('\n').slice(0, -6).join('\n');
  writeFileSync(seed, edited);
  utimesSync(seed, new Date(), new Date(Date.now() + 5000));
  await ingest({ store, specs: [seed], kb });
  checkAll('edited article');
});

test('re-extraction, clearing facts and a forced re-ingest keep the aggregates exact', async () => {
  reextract({ store, kb }, EXTRACTOR_VERSION);
  checkAll('reextract');
  const id = store.db.prepare('SELECT d.id FROM documents d JOIN events e ON e.doc_seq = d.seq LIMIT 1').pluck().get() as string;
  store.clearFacts(id);
  checkAll('clearFacts');
  await ingest({ store, specs: [EXAMPLES, SEEDS], kb, force: true });
  checkAll('forced re-ingest');
});

const V5_TABLES = ['agg_party_entities', 'agg_party_entity_days', 'agg_entity_name_days', 'agg_party_doc_dates'];
const V7_TABLES = ['agg_event_totals', 'agg_pair_totals', 'agg_event_months', 'agg_party_name_dates'];

function rowsOf(db: SqliteStore['db'], tables: string[]): Record<string, unknown[]> {
  const cols = (t: string) => (db.prepare(`PRAGMA table_info(${t})`).all() as { name: string }[]).map((c) => c.name).join(', ');
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM ${t} WHERE n <> 0 ORDER BY ${cols(t)}`).all()]));
}

/** A copy of the store as schema version `v` left it (the later migrations' objects dropped), reopened. */
function upgradedFrom(v: 4 | 6 | 7, file: string): SqliteStore {
  store.db.exec(`VACUUM INTO '${file.replaceAll("'", "''")}'`);
  const raw = openStore(file);
  // Undo the later migrations, newest first.
  if (v < 8) raw.db.exec(V8_UNDO);
  if (v < 7) raw.db.exec(V7_TABLES.map((t) => `DROP TABLE ${t};`).join(' '));
  // v6 dropped entity_mentions.
  if (v < 6) raw.db.exec('CREATE TABLE entity_mentions (entity_id TEXT); CREATE INDEX entity_mentions_entity ON entity_mentions(entity_id);');
  if (v < 5) {
    raw.db.exec(`${V5_TABLES.map((t) => `DROP TABLE ${t};`).join(' ')}
      DROP INDEX policies_jurisdiction_doc; CREATE INDEX policies_jurisdiction ON policies(jurisdiction);`);
  }
  raw.db.exec(`DELETE FROM schema_migrations WHERE version > ${v};`);
  raw.close();
  return openStore(file);
}

test('migration 5 fills the entity aggregates of a v4 database with what maintenance keeps', () => {
  const want = rowsOf(store.db, [...V5_TABLES, ...V7_TABLES]);
  assert.ok(want.agg_party_entities.length > 0 && want.agg_party_doc_dates.length > 0);
  // The same database as v4 left it: no v5 (or later) tables, the old policies index, v5 not recorded.
  const upgraded = upgradedFrom(4, path.join(tmp.dir, 'v4.db'));
  try {
    assert.equal(upgraded.schemaVersion, SCHEMA_VERSION);
    assert.deepEqual(rowsOf(upgraded.db, [...V5_TABLES, ...V7_TABLES]), want);
  } finally {
    upgraded.close();
  }
});

test('migration 7 fills the date-free and monthly roll-ups from the day aggregates', () => {
  const want = rowsOf(store.db, V7_TABLES);
  assert.ok(want.agg_event_totals.length > 0 && want.agg_pair_totals.length > 0 && want.agg_event_months.length > 0);
  // Stale groups (n = 0) in the day tables, as deletions leave them, must not matter.
  assert.ok((store.db.prepare('SELECT COUNT(*) FROM agg_events WHERE n = 0').pluck().get() as number) > 0);
  const upgraded = upgradedFrom(6, path.join(tmp.dir, 'v6.db'));
  try {
    assert.equal(upgraded.schemaVersion, SCHEMA_VERSION);
    assert.deepEqual(rowsOf(upgraded.db, V7_TABLES), want);
    // And the roll-ups are far smaller than the day tables they sum.
    const count = (t: string) => upgraded.db.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get() as number;
    assert.ok(count('agg_event_totals') < count('agg_events') && count('agg_pair_totals') < count('agg_pairs'));
  } finally {
    upgraded.close();
  }
});

/** What migration 8 adds, removed again: a database as v7 left it. */
const V8_UNDO = `DROP INDEX events_eff_date; DROP INDEX commitments_eff_date; DROP TABLE commitment_actors;
  DROP INDEX events_doc; CREATE INDEX events_doc ON events(doc_seq);
  DROP INDEX commitments_doc; CREATE INDEX commitments_doc ON commitments(doc_seq);
  DROP INDEX commitments_deadline_order; CREATE INDEX commitments_deadline_order ON commitments(COALESCE(deadline, '~'), id);
  DROP INDEX policies_doc; CREATE INDEX policies_doc ON policies(doc_seq);
  DROP INDEX policies_jurisdiction_doc; CREATE INDEX policies_jurisdiction_doc ON policies(jurisdiction, doc_seq);
  ALTER TABLE events DROP COLUMN eff_date; ALTER TABLE commitments DROP COLUMN eff_date; ALTER TABLE policies DROP COLUMN eff_date;`;

test('migration 8 fills the effective dates and commitment actors of a v7 database with what the writer stores', () => {
  const datesOf = (db: SqliteStore['db']) =>
    Object.fromEntries([
      ...['events', 'commitments', 'policies'].map((t) => [t, db.prepare(`SELECT id, eff_date FROM ${t} ORDER BY id`).all()]),
      ['commitment_actors', db.prepare('SELECT * FROM commitment_actors ORDER BY commitment_id, code').all()],
    ]);
  const want = datesOf(store.db);
  assert.ok(want.events.length > 0 && want.commitments.length > 0 && want.policies.length > 0 && want.commitment_actors.length > 0);
  const upgraded = upgradedFrom(7, path.join(tmp.dir, 'v7.db'));
  try {
    assert.equal(upgraded.schemaVersion, SCHEMA_VERSION);
    assert.deepEqual(datesOf(upgraded.db), want);
    const indexes = upgraded.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE '%eff_date' ORDER BY 1`).pluck().all();
    assert.deepEqual(indexes, ['commitments_eff_date', 'events_eff_date']);
  } finally {
    upgraded.close();
  }
});
