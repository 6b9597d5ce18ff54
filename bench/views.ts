/**
 * Time the analytic views' store functions directly on a database (no HTTP, no response cache):
 * what one uncached API request costs in SQL. Used to show how a view's time grows with the
 * database (run it on a 10k and a larger DB) and before/after a change.
 *
 *   node --import tsx bench/views.ts DB [--runs 3] [--json] [--only REGEX]
 *
 * Opens DB read-only (it must be at the schema version of this checkout). Each view runs once to
 * warm the page cache, then `runs` times; the median is reported.
 */
import { openStoreViews, timeViews } from './lib/store-views.ts';
import {
  commitmentsList,
  network,
  overviewTotals,
  partnerDomainMatrix,
  partnersList,
  partnerSummary,
  queryFacts,
  searchFacets,
  timeline,
} from '../src/store/analytics.ts';

const run = openStoreViews('bench/views.ts DB [--runs N] [--json] [--only REGEX]');
const db = run.db;
const now = new Date('2026-01-01T00:00:00Z');
const top = partnersList(db, {});
const home = top[0]?.code ?? 'VNM';
const mid = top[Math.min(5, top.length - 1)]?.code ?? home;

const views: [string, () => unknown][] = [
  ['overview', () => overviewTotals(db, {}, now)],
  ['overview lang=en since=2025', () => overviewTotals(db, { lang: 'en', since: '2025' }, now)],
  ['overview since=2024-03 until=2024-08-15', () => overviewTotals(db, { since: '2024-03', until: '2024-08-15' }, now)],
  ['overview domain=ai', () => overviewTotals(db, { domain: 'ai' }, now)],
  ['partners', () => partnersList(db, {})],
  ['partners since=2012-03-04', () => partnersList(db, { since: '2012-03-04' })],
  ['partners 2024-03-10..2024-08-15', () => partnersList(db, { since: '2024-03-10', until: '2024-08-15' })],
  ['matrix', () => partnerDomainMatrix(db, {})],
  // The API bench's uncached URLs carry a `since` day before the corpus; and real ranges.
  ['matrix since=2012-03-04', () => partnerDomainMatrix(db, { since: '2012-03-04' })],
  ['matrix since=2025', () => partnerDomainMatrix(db, { since: '2025' })],
  ['matrix 2024-03-10..2024-08-15', () => partnerDomainMatrix(db, { since: '2024-03-10', until: '2024-08-15' })],
  ['timeline', () => timeline(db, {})],
  ['timeline type=AGREE lang=en', () => timeline(db, { type: 'AGREE', lang: 'en' })],
  ['timeline since=2012-03-04', () => timeline(db, { since: '2012-03-04' })],
  ['timeline 2024-03-10..2024-08-15', () => timeline(db, { since: '2024-03-10', until: '2024-08-15' })],
  [`partner ${home}`, () => partnerSummary(db, home, {}, now)],
  [`partner ${mid}`, () => partnerSummary(db, mid, {}, now)],
  // The filters the dashboard sends with a partner page: language, dates, domain (and type).
  [`partner ${home} lang=en`, () => partnerSummary(db, home, { lang: 'en' }, now)],
  [`partner ${home} since=2012-03-04`, () => partnerSummary(db, home, { since: '2012-03-04' }, now)],
  [`partner ${home} since=2025`, () => partnerSummary(db, home, { since: '2025' }, now)],
  [`partner ${home} 2024-03..2024-08-15`, () => partnerSummary(db, home, { since: '2024-03', until: '2024-08-15' }, now)],
  [`partner ${home} domain=ai`, () => partnerSummary(db, home, { domain: 'ai' }, now)],
  [`partner ${home} type=AGREE since=2024`, () => partnerSummary(db, home, { type: 'AGREE', since: '2024' }, now)],
  [`partner ${mid} lang=fr since=2024`, () => partnerSummary(db, mid, { lang: 'fr', since: '2024' }, now)],
  [`partner ${mid} domain=ai`, () => partnerSummary(db, mid, { domain: 'ai' }, now)],
  ['network', () => network(db, {})],
  ['network since=2012-03-04', () => network(db, { since: '2012-03-04' })],
  ['network since=2025', () => network(db, { since: '2025' })],
  ['facts events', () => queryFacts(db, { kind: 'events' })],
  [`facts events party=${mid}`, () => queryFacts(db, { kind: 'events', party: mid })],
  ['commitments', () => commitmentsList(db, { now })],
  ['search facets "cooperation"', () => searchFacets(db, { fts: 'cooperation' })],
];

const out = timeViews(run, views, (name, ms) => {
  if (!run.json) console.log(`${name.padEnd(34)} ${ms.toFixed(1).padStart(9)} ms`);
});
if (run.json) console.log(JSON.stringify(out));
run.store.close();
