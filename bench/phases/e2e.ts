/**
 * End to end, in one process: the JSONL shards through the real pipeline (ingest → normalise →
 * segment → extract → store) into a fresh SQLite database, exactly as `coopwatch ingest` runs it.
 * Reports throughput, the pipeline's own stage timers, peak RSS and database bytes per article.
 *
 * Args: --corpus DIR --db PATH [--batch N] [--no-extract]
 */
import { existsSync, rmSync, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { emitResult, need, phaseArgs } from '../lib/protocol.ts';
import { readManifest, shardPaths } from '../lib/corpus.ts';
import { startRssSampler } from '../lib/rss.ts';
import { round } from '../lib/stats.ts';

const args = phaseArgs();
const corpus = need(args, 'corpus');
const dbPath = need(args, 'db');
for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(dbPath + suffix, { force: true });

const rss = startRssSampler();
const tLoad = performance.now();
const { openStore } = await import('../../src/store/index.ts');
const { ingest } = await import('../../src/pipeline.ts');
const { loadKnowledgeBase } = await import('../../src/extract/index.ts');
const kb = args['no-extract'] ? null : loadKnowledgeBase();
const store = openStore(dbPath);
const startupMs = performance.now() - tLoad;

const manifest = readManifest(corpus);
// Memory over the run (every 5% of the corpus): a steady climb is a leak, a plateau is a cache.
const timeline: { docs: number; rss_mb: number; heap_used_mb: number; s: number }[] = [];
const step = Math.max(1, Math.floor(manifest.n / 20));
let lastLog = performance.now();
const t0 = performance.now();
const summary = await ingest({
  store,
  specs: shardPaths(corpus),
  kb,
  batchSize: args.batch ? Number(args.batch) : undefined,
  onProgress: (p) => {
    const now = performance.now();
    if (p.documents % step === 0) {
      const mu = process.memoryUsage();
      timeline.push({ docs: p.documents, rss_mb: Math.round(mu.rss / 2 ** 20), heap_used_mb: Math.round(mu.heapUsed / 2 ** 20), s: round((now - t0) / 1000, 1) });
    }
    if (now - lastLog > 15_000) {
      lastLog = now;
      const s = (now - t0) / 1000;
      process.stderr.write(`${p.documents}/${manifest.n} docs, ${(p.documents / s).toFixed(0)} docs/s, rss ${(process.memoryUsage.rss() / 2 ** 20).toFixed(0)} MB\n`);
    }
  },
});
const ms = performance.now() - t0;
store.close();
const mem = rss.stop();

let dbBytes = 0;
for (const suffix of ['', '-wal']) if (existsSync(dbPath + suffix)) dbBytes += statSync(dbPath + suffix).size;
const stages = summary.stage_ms;
const stageTotal = Object.values(stages).reduce((a, b) => a + b, 0);
emitResult({
  documents: summary.read,
  added: summary.added,
  exact_duplicates: summary.exact_duplicates,
  near_duplicates: summary.near_duplicates,
  extracted: summary.extracted,
  facts: summary.facts,
  problems: summary.problems.length,
  bytes: summary.bytes,
  startup_ms: round(startupMs, 1),
  elapsed_ms: round(ms, 1),
  articles_per_s: round(summary.read / (ms / 1000), 1),
  mb_per_s: round(summary.bytes / 1e6 / (ms / 1000), 3),
  stage_ms: Object.fromEntries(Object.entries(stages).map(([k, v]) => [k, round(v, 1)])),
  stage_share: Object.fromEntries(Object.entries(stages).map(([k, v]) => [k, round(v / ms, 3)])),
  /** Time outside the five stage timers (batching, progress, GC between stages). */
  unaccounted_ms: round(ms - stageTotal, 1),
  db_bytes: dbBytes,
  db_bytes_per_article: round(dbBytes / Math.max(1, summary.added), 0),
  rss_timeline: timeline,
  ...mem,
});
