/**
 * The benchmark result logic that needs no run: percentiles, headline figures, target checks and
 * the 20% regression flag of --compare.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { percentile } from '../../bench/lib/stats.ts';
import { checkTargets, compareResults, headlines, type BenchResult, type SizeResult } from '../../bench/lib/results.ts';

function size(n: number, articlesPerS: number, p95: number, rss: number): SizeResult {
  const load = { requests: 100, errors: 0, statuses: {}, p50_ms: p95 / 2, p95_ms: p95, p99_ms: p95 * 1.5, max_ms: p95 * 2, mean_ms: p95 / 2, rps: 1000 / p95, seconds: 1, mean_bytes: 10 };
  return {
    size: n,
    corpus: { dir: 'x', jsonl_mb: 1, html_pages: 0, langs: {}, cooperation: 0, near_duplicates: 0, generated_s: null },
    e2e: { articles_per_s: articlesPerS, elapsed_ms: 1000, max_rss_mb: rss, db_bytes_per_article: 100 } as SizeResult['e2e'],
    ingest_floor_ratio: 10,
    api: { connections: 16, seconds: 1, cold_start: { runs: [], first_response_ms: 900, listen_ms: 800 }, api: { facts: { ...load, paths: 1, dropped: [] } }, server_peak_rss_mb: 100 },
    errors: [],
  };
}

function result(sizes: SizeResult[]): BenchResult {
  return { sizes: Object.fromEntries(sizes.map((s) => [String(s.size), s])), ...headlines(sizes), targets: checkTargets(sizes) } as BenchResult;
}

test('percentile uses the nearest rank', () => {
  const xs = Float64Array.from({ length: 100 }, (_, i) => i + 1);
  assert.equal(percentile(xs, 50), 50);
  assert.equal(percentile(xs, 95), 95);
  assert.equal(percentile(xs, 99), 99);
  assert.equal(percentile(xs, 100), 100);
  assert.equal(percentile(Float64Array.of(7), 99), 7);
});

test('headlines come from the largest size; peak RSS is the worst size; targets use their stated size', () => {
  const r = result([size(10_000, 2000, 10, 500), size(100_000, 900, 30, 300)]);
  assert.equal(r.corpus_size, 100_000);
  assert.equal(r.articles_per_s, 900);
  assert.equal(r.peak_rss_mb, 500);
  assert.equal(r.api.facts.p95_ms, 30);
  const e2e = r.targets.find((t) => t.figure.startsWith('End to end'))!;
  assert.equal(e2e.measured_size, 100_000);
  assert.equal(e2e.ok, false);
  const rss = r.targets.find((t) => t.figure.startsWith('Peak RSS'))!;
  assert.deepEqual([rss.value, rss.measured_size, rss.ok], [500, 10_000, false]);
  const facts = r.targets.find((t) => t.figure === 'API facts p95, ms')!;
  assert.deepEqual([facts.target_size, facts.measured_size, facts.ok], [1_000_000, 100_000, true]);
  const html = r.targets.find((t) => t.figure.startsWith('HTML'))!;
  assert.equal(html.ok, null, 'not measured');
});

test('--compare flags figures more than 20% worse, in the right direction', () => {
  const before = result([size(10_000, 1000, 10, 300)]);
  const same = compareResults(before, result([size(10_000, 900, 11, 330)]));
  assert.equal(same.regressions.length, 0);
  const worse = compareResults(before, result([size(10_000, 700, 13, 380)]));
  const flagged = worse.regressions.map((g) => g.figure).sort();
  assert.ok(flagged.includes('10000:articles_per_s'));
  assert.ok(flagged.includes('10000:api.facts.p95_ms'));
  assert.ok(flagged.includes('10000:peak_rss_mb'));
  const better = compareResults(before, result([size(10_000, 2000, 5, 200)]));
  assert.equal(better.regressions.length, 0);
  assert.ok(better.improvements.length > 0);
});
