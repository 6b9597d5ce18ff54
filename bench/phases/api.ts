/**
 * `coopwatch serve` on the database built by the end-to-end phase:
 *  - cold start: spawn serve (bin/coopwatch.js, as a user would), time to the first 200 of the
 *    dashboard's first request; `--cold-runs` times, median reported;
 *  - read latency: one server, then for each endpoint group of bench/endpoints.yaml:
 *      single   — one connection, one request at a time (uncached URLs): the service time of a
 *                 query, without queueing (at most 20 requests or `--seconds`);
 *    and a closed-loop client (16 keep-alive connections) for `--seconds`, twice:
 *      uncached — every URL distinct (a `since` date before the corpus, 2,000 of them in turn, more
 *                 than the server's response cache holds), so every answer is computed;
 *      cached   — the group's few URLs in turn: repeat views, answered from the response cache;
 *    p50 / p95 / p99 and requests/s for each;
 *  - the server's peak RSS.
 * Between runs the harness waits until the server answers a cheap request quickly again: requests
 * the client timed out on are still computed by the server and would otherwise spill into the
 * next measurement.
 *
 * Args: --db PATH [--seconds 20] [--connections 16] [--cold-runs 3] [--only search,facts]
 *       [--serve-workers N] (serve's --workers; default: serve's own default, one per core)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { emitResult, need, phaseArgs } from '../lib/protocol.ts';
import { BENCH_DIR } from '../lib/child.ts';
import { closedLoop, drain, serialRun, type LoadResult } from '../lib/load.ts';
import { coldStart, probe, startServe, type ColdStart } from '../lib/serve.ts';
import { median } from '../lib/stats.ts';
import { performance } from 'node:perf_hooks';

const args = phaseArgs();
const db = need(args, 'db');
const seconds = Number(args.seconds ?? 20);
const connections = Number(args.connections ?? 16);
const coldRuns = Number(args['cold-runs'] ?? 3);
const only = args.only ? new Set(args.only.split(',')) : null;
const serveWorkers = args['serve-workers'] ? Number(args['serve-workers']) : undefined;

const spec = YAML.parse(readFileSync(path.join(BENCH_DIR, 'endpoints.yaml'), 'utf8')) as { cold_start_probe: string; endpoints: Record<string, string[]> };

/** 2,000 distinct URLs from `paths`: each gets its own `since` day between 2010 and 2015 (before any article). */
const UNCACHED_URLS = 2000;
function uncachedUrls(paths: string[]): string[] {
  const out: string[] = [];
  const day0 = Date.UTC(2010, 0, 1);
  for (let j = 0; j < UNCACHED_URLS; j++) {
    const p = paths[j % paths.length];
    const since = new Date(day0 + j * 86_400_000).toISOString().slice(0, 10);
    out.push(`${p}${p.includes('?') ? '&' : '?'}since=${since}`);
  }
  return out;
}

const cold: ColdStart[] = [];
for (let i = 0; i < coldRuns; i++) cold.push(await coldStart(db, spec.cold_start_probe, serveWorkers));
process.stderr.write(`cold start: ${cold.map((c) => `${c.first_response_ms} ms (${c.status})`).join(', ')}\n`);

type Row = LoadResult & { paths: number; dropped: string[]; lower_bound?: boolean };
/** Above this single-request time, the concurrent uncached run is skipped (see below). */
const SLOW_SINGLE_MS = 2000;
const server = await startServe(db, { workers: serveWorkers });
const answering = server.answering();
let serverPeak: number | null = null;
const api: Record<string, Row> = {};
const apiCached: Record<string, Row> = {};
const apiSingle: Record<string, Row> = {};
const DRAIN_PROBE = '/api/openapi.json';
const drained: Record<string, number> = {};
const firstMs: Record<string, number> = {};
const line = (name: string, mode: string, r: LoadResult) =>
  process.stderr.write(`${name} ${mode}: p50 ${r.p50_ms} ms, p95 ${r.p95_ms} ms, p99 ${r.p99_ms} ms, ${r.rps} req/s, ${r.errors} errors\n`);
try {
  for (const [name, paths] of Object.entries(spec.endpoints)) {
    if (only && !only.has(name)) continue;
    const ok: string[] = [];
    const dropped: string[] = [];
    // First request of each path (also fills the cache for the cached run); slow is not dropped.
    for (const p of paths) {
      const t = performance.now();
      const status = await probe(new URL(p, server.url).href, 180_000);
      firstMs[p] = Math.round(performance.now() - t);
      (status === 200 ? ok : dropped).push(p);
    }
    if (dropped.length) process.stderr.write(`${name}: not 200, dropped: ${dropped.join(' ')}\n`);
    if (!ok.length) continue;
    const warmupSeconds = Math.min(2, seconds / 4);
    // Distinct URLs for each run, so no run is answered from an earlier run's cache entries.
    const urls = uncachedUrls(ok);
    const single = await serialRun(server.url, urls.slice(UNCACHED_URLS / 2), { maxRequests: 20, seconds });
    line(name, 'single', single);
    apiSingle[name] = { ...single, paths: ok.length, dropped };
    drained[`${name} single`] = await drain(server.url, DRAIN_PROBE);
    if (single.requests === 0 || single.p50_ms > SLOW_SINGLE_MS) {
      // 16 concurrent clients on a server this slow would only measure a queue 16 deep
      // (and leave minutes of backlog): the single-request figures stand as a lower bound.
      process.stderr.write(`${name} uncached: skipped, one request alone takes ${single.p50_ms} ms; single-request figures kept as a lower bound\n`);
      api[name] = { ...single, paths: ok.length, dropped, lower_bound: true };
    } else {
      const u = await closedLoop(server.url, urls.slice(0, UNCACHED_URLS / 2), { connections, seconds, warmupSeconds });
      line(name, 'uncached', u);
      api[name] = { ...u, paths: ok.length, dropped };
      drained[`${name} uncached`] = await drain(server.url, DRAIN_PROBE);
    }
    const c = await closedLoop(server.url, ok, { connections, seconds, warmupSeconds });
    line(name, 'cached', c);
    apiCached[name] = { ...c, paths: ok.length, dropped };
    drained[`${name} cached`] = await drain(server.url, DRAIN_PROBE);
  }
} finally {
  serverPeak = await server.peakRssMb();
  await server.stop();
}

emitResult({
  connections,
  seconds,
  cold_start: {
    runs: cold,
    first_response_ms: median(cold.map((c) => c.first_response_ms)),
    listen_ms: median(cold.map((c) => c.listen_ms)),
  },
  api,
  api_cached: apiCached,
  api_single: apiSingle,
  drain_ms: drained,
  first_request_ms: firstMs,
  server_peak_rss_mb: serverPeak,
  serve_workers: answering,
});
