/**
 * Time the fact lists and the commitments tracker with the filters of bench/endpoints.yaml, with
 * and without the harness's `since` date (before the corpus), and with narrow date ranges, rare
 * parties and a second page: one uncached request each, in SQL (no HTTP, no response cache).
 *
 *   node --import tsx bench/factlists.ts DB [--runs 3] [--only REGEX] [--json] [--plans]
 *
 * --plans: print each list's chosen plan and SQLite's EXPLAIN QUERY PLAN for it (no timings).
 * Opens DB read-only. Each list runs once to warm the page cache, then `runs` times; the median.
 */
import { openStoreViews, timeViews } from './lib/store-views.ts';
import { analyticsTuning, commitmentsList, partnersList, queryFacts, type CommitmentQuery, type FactFilter } from '../src/store/analytics.ts';

const run = openStoreViews('bench/factlists.ts DB [--runs N] [--only REGEX] [--json] [--plans]', ['plans']);
const db = run.db;
const now = new Date('2026-01-01T00:00:00Z');
const parties = partnersList(db, {});
const home = parties[0]?.code ?? 'VNM';
// The rarest party with at least one event.
const rare = parties[parties.length - 1]?.code ?? home;
const SINCE = '2012-03-04'; // as the API harness: a day before any article, every fact kept

const facts: [string, FactFilter][] = [
  ['events party=VNM', { kind: 'events', party: 'VNM' }],
  ['events party=JPN type=COOPERATE', { kind: 'events', party: 'JPN', type: 'COOPERATE' }],
  ['events pair=FRA-VNM', { kind: 'events', pair: ['FRA', 'VNM'] }],
  ['events domain=ai', { kind: 'events', domain: 'ai' }],
  ['events modality=future lang=vi', { kind: 'events', modality: 'future', lang: 'vi' }],
  ['commitments party=KOR', { kind: 'commitments', party: 'KOR' }],
  ['commitments status=pledge', { kind: 'commitments', status: ['pledge'] }],
  ['policies party=VNM', { kind: 'policies', party: 'VNM' }],
];
const tracker: [string, CommitmentQuery][] = [
  ['tracker', {}],
  ['tracker status=pledge', { status: ['pledge'] }],
  ['tracker overdue=true', { overdue: true }],
  ['tracker party=JPN sort=recent', { party: 'JPN', sort: 'recent' }],
  ['tracker domain=ai', { domain: 'ai' }],
];

const views: [string, () => unknown][] = [];
for (const [name, f] of facts) {
  views.push([name, () => queryFacts(db, f)]);
  views.push([`${name} since`, () => queryFacts(db, { ...f, since: SINCE })]);
}
for (const [name, q] of tracker) {
  views.push([name, () => commitmentsList(db, { ...q, now })]);
  views.push([`${name} since`, () => commitmentsList(db, { ...q, since: SINCE, now })]);
}
views.push(
  ['events party=VNM since=2025', () => queryFacts(db, { kind: 'events', party: 'VNM', since: '2025' })],
  ['events party=VNM 2024-03..2024-08-15', () => queryFacts(db, { kind: 'events', party: 'VNM', since: '2024-03', until: '2024-08-15' })],
  ['events party=JPN 2024-03..2024-03-10', () => queryFacts(db, { kind: 'events', party: 'JPN', since: '2024-03', until: '2024-03-10' })],
  [`events party=${rare} (rarest) since`, () => queryFacts(db, { kind: 'events', party: rare, since: SINCE })],
  ['events since=2024-03-01 until=2024-03-02', () => queryFacts(db, { kind: 'events', since: '2024-03-01', until: '2024-03-02' })],
  ['events until=2015', () => queryFacts(db, { kind: 'events', until: '2015' })],
  ['policies 2024-03-01..2024-03-02', () => queryFacts(db, { kind: 'policies', since: '2024-03-01', until: '2024-03-02' })],
  ['policies party=VNM 2024-03-01..2024-03-02', () => queryFacts(db, { kind: 'policies', party: 'VNM', since: '2024-03-01', until: '2024-03-02' })],
  ['commitments status=completion since=2025-06', () => queryFacts(db, { kind: 'commitments', status: ['completion'], since: '2025-06' })],
  ['commitments 2024-03-01..2024-03-02', () => queryFacts(db, { kind: 'commitments', since: '2024-03-01', until: '2024-03-02' })],
  ['tracker status=pledge since=2025', () => commitmentsList(db, { status: ['pledge'], since: '2025', now })],
  ['tracker status=cancelled 2024-03..2024-04', () => commitmentsList(db, { status: ['cancelled'], since: '2024-03', until: '2024-04', now })],
  ['tracker sort=status since', () => commitmentsList(db, { sort: 'status', since: SINCE, now })],
  [
    'events party=VNM since, page 2',
    () => {
      const p1 = queryFacts(db, { kind: 'events', party: 'VNM', since: SINCE });
      return queryFacts(db, { kind: 'events', party: 'VNM', since: SINCE, cursor: p1.next_cursor ?? undefined });
    },
  ],
  [
    'tracker status=pledge since, page 2',
    () => {
      const p1 = commitmentsList(db, { status: ['pledge'], since: SINCE, now });
      return commitmentsList(db, { status: ['pledge'], since: SINCE, now, cursor: p1.next_cursor ?? undefined });
    },
  ],
);

if (run.switches.has('plans')) {
  analyticsTuning.trace = (list, plan, q) => {
    const steps = db.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.parameters as unknown[])) as { detail: string }[];
    console.log(`  ${list}: ${plan}\n${steps.map((r) => `    ${r.detail}`).join('\n')}`);
  };
  for (const [name, fn] of views) {
    if (run.only && !run.only.test(name)) continue;
    console.log(name);
    fn();
  }
} else {
  const out = timeViews(run, views, (name, ms) => {
    if (!run.json) console.log(`${name.padEnd(48)} ${String(ms).padStart(9)} ms`);
  });
  if (run.json) console.log(JSON.stringify(out, null, 2));
}
run.store.close();
