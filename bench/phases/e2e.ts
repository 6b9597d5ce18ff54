/**
 * End to end: the JSONL shards through the real pipeline (ingest → normalise → segment → extract →
 * store) into a fresh SQLite database, run exactly as a user runs it — `coopwatch ingest --json`
 * through bin/coopwatch.js, in one process, with the CLI's own V8 settings and the compiled bundle
 * when it is up to date. Reports throughput (on the pipeline's own elapsed time, and on wall time
 * including start-up), the pipeline's stage timers from the summary, peak RSS (the kernel's
 * high-water mark, VmHWM, polled from /proc with an RSS timeline) and database bytes per article.
 *
 * `--in-process` runs ingest() inside this phase process instead (no CLI start-up, default V8
 * settings), for comparisons.
 *
 * `--workers N` is passed on (`coopwatch ingest --workers N`, `IngestRunOptions.workers`); without
 * it the CLI's default applies (and 0 in-process, the library's default).
 *
 * Args: --corpus DIR --db PATH [--batch N] [--workers N] [--node-flags "--cpu-prof --cpu-prof-dir=…"] [--in-process]
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { emitResult, need, phaseArgs } from '../lib/protocol.ts';
import { readManifest, shardPaths } from '../lib/corpus.ts';
import { REPO_ROOT } from '../lib/child.ts';
import { startRssSampler, round1 } from '../lib/rss.ts';
import { round } from '../lib/stats.ts';
import type { IngestSummary } from '../../src/pipeline.ts';
import path from 'node:path';

const args = phaseArgs();
const corpus = need(args, 'corpus');
const dbPath = need(args, 'db');
for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(dbPath + suffix, { force: true });
const manifest = readManifest(corpus);
const shards = shardPaths(corpus);

interface Measured {
  summary: IngestSummary;
  wall_ms: number;
  max_rss_mb: number;
  sampled_peak_mb: number;
  end_rss_mb: number;
  timeline: { s: number; rss_mb: number }[];
  runner: string;
}

/** `coopwatch ingest --json` as a child process, its memory polled from /proc. */
async function viaCli(): Promise<Measured> {
  const flags = args['node-flags'] ? args['node-flags'].split(' ').filter(Boolean) : [];
  const cliArgs = ['ingest', '--json', '--db', dbPath, ...(args.batch ? ['--batch', args.batch] : []), ...(args.workers ? ['--workers', args.workers] : []), ...shards];
  const t0 = performance.now();
  const child = spawn(process.execPath, [...flags, path.join(REPO_ROOT, 'bin/coopwatch.js'), ...cliArgs], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err = (err + d).slice(-4000)));
  const timeline: { s: number; rss_mb: number }[] = [];
  let hwm = 0;
  let peak = 0;
  let last = 0;
  let lastLog = t0;
  const poll = () => {
    try {
      const st = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const h = Number(/^VmHWM:\s+(\d+)/m.exec(st)?.[1] ?? 0) / 1024;
      const r = Number(/^VmRSS:\s+(\d+)/m.exec(st)?.[1] ?? 0) / 1024;
      if (h > hwm) hwm = h;
      if (r > peak) peak = r;
      if (r > 0) last = r;
      const now = performance.now();
      if (timeline.length === 0 || now - t0 - timeline[timeline.length - 1].s * 1000 >= 5000) timeline.push({ s: round((now - t0) / 1000, 1), rss_mb: Math.round(r) });
      if (now - lastLog > 30_000) {
        lastLog = now;
        process.stderr.write(`${((now - t0) / 1000).toFixed(0)} s, rss ${r.toFixed(0)} MB\n`);
      }
    } catch {
      /* the process has exited */
    }
  };
  const timer = setInterval(poll, 200);
  const code: number = await new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
  clearInterval(timer);
  const wall = performance.now() - t0;
  if (code !== 0 && !out.trim().startsWith('{')) throw new Error(`coopwatch ingest exited ${code}: ${err}`);
  const summary = JSON.parse(out) as IngestSummary;
  return { summary, wall_ms: wall, max_rss_mb: round1(hwm), sampled_peak_mb: round1(peak), end_rss_mb: round1(last), timeline, runner: 'bin/coopwatch.js ingest' };
}

/** ingest() in this process. */
async function inProcess(): Promise<Measured> {
  const rss = startRssSampler();
  const t0 = performance.now();
  const { openStore } = await import('../../src/store/index.ts');
  const { ingest } = await import('../../src/pipeline.ts');
  const { loadKnowledgeBase } = await import('../../src/extract/index.ts');
  const store = openStore(dbPath);
  const timeline: { s: number; rss_mb: number }[] = [];
  const step = Math.max(1, Math.floor(manifest.n / 20));
  const summary = await ingest({
    store,
    specs: shards,
    kb: loadKnowledgeBase(),
    batchSize: args.batch ? Number(args.batch) : undefined,
    workers: args.workers ? Number(args.workers) : undefined,
    onProgress: (p) => {
      if (p.documents % step === 0) timeline.push({ s: round((performance.now() - t0) / 1000, 1), rss_mb: Math.round(process.memoryUsage.rss() / 2 ** 20) });
    },
  });
  store.close();
  const mem = rss.stop();
  return { summary, wall_ms: performance.now() - t0, ...mem, timeline, runner: 'ingest() in-process' };
}

const m = args['in-process'] ? await inProcess() : await viaCli();
const s = m.summary;
let dbBytes = 0;
for (const suffix of ['', '-wal']) if (existsSync(dbPath + suffix)) dbBytes += statSync(dbPath + suffix).size;
const ms = s.elapsed_ms;
const stages = s.stage_ms as unknown as Record<string, number>;
const workers = s.workers ?? 0;
const waitMs = s.wait_ms ?? 0;
// With workers, normalise / segment / extract run in other threads (their times are the workers'
// sum); what the storing thread spends outside its own stages is elapsed − read − store − waiting.
const stageTotal = workers > 0 ? stages.read + stages.store + waitMs : Object.values(stages).reduce((a, b) => a + b, 0);
emitResult({
  runner: m.runner,
  workers,
  /** With workers: time the storing thread waited for the workers' results. */
  wait_ms: round(waitMs, 1),
  documents: s.read,
  added: s.added,
  exact_duplicates: s.exact_duplicates,
  near_duplicates: s.near_duplicates,
  extracted: s.extracted,
  facts: s.facts,
  problems: s.problems.length,
  bytes: s.bytes,
  /** Process start to the pipeline's first document: module loading, dictionaries, opening the store. */
  startup_ms: round(m.wall_ms - ms, 1),
  elapsed_ms: round(ms, 1),
  wall_ms: round(m.wall_ms, 1),
  articles_per_s: round(s.read / (ms / 1000), 1),
  wall_articles_per_s: round(s.read / (m.wall_ms / 1000), 1),
  mb_per_s: round(s.bytes / 1e6 / (ms / 1000), 3),
  stage_ms: Object.fromEntries(Object.entries(stages).map(([k, v]) => [k, round(v, 1)])),
  stage_share: Object.fromEntries(Object.entries(stages).map(([k, v]) => [k, round(v / ms, 3)])),
  /** Time outside the five stage timers (batching, progress, GC between stages); with workers, the storing thread's time outside read, store and waiting. */
  unaccounted_ms: round(ms - stageTotal, 1),
  db_bytes: dbBytes,
  db_bytes_per_article: round(dbBytes / Math.max(1, s.added), 0),
  rss_timeline: m.timeline,
  max_rss_mb: m.max_rss_mb,
  sampled_peak_mb: m.sampled_peak_mb,
  end_rss_mb: m.end_rss_mb,
  corpus_articles: manifest.n,
});
