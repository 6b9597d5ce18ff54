/**
 * The shape of a benchmark result file (bench/results/<date>-<commit>.json), the headline figures
 * taken from the per-size results, the targets, and the comparison with an earlier file.
 */
import type { LoadResult } from './load.ts';
import type { ColdStart } from './serve.ts';
import type { MachineInfo } from './machine.ts';
import type { RssReport } from './rss.ts';

export interface E2eResult extends RssReport {
  /** 'bin/coopwatch.js ingest' (the CLI as users run it) or 'ingest() in-process'. */
  runner?: string;
  /** Worker threads of the ingest (absent in results from before they existed: 0). */
  workers?: number;
  /** With workers: how long the storing thread waited for their results. */
  wait_ms?: number;
  documents: number;
  added: number;
  exact_duplicates: number;
  near_duplicates: number;
  extracted: number;
  facts: { events: number; commitments: number; policies: number; entities: number };
  problems: number;
  bytes: number;
  startup_ms: number;
  elapsed_ms: number;
  /** Process start to exit, and articles/s on it. */
  wall_ms?: number;
  wall_articles_per_s?: number;
  articles_per_s: number;
  mb_per_s: number;
  stage_ms: Record<string, number>;
  stage_share: Record<string, number>;
  unaccounted_ms: number;
  db_bytes: number;
  db_bytes_per_article: number;
  rss_timeline: { s: number; rss_mb: number; docs?: number; heap_used_mb?: number }[];
}

export interface FloorResult extends RssReport {
  documents: number;
  bytes: number;
  elapsed_ms: number;
  articles_per_s: number;
  mb_per_s: number;
}

export interface ExtractResult extends RssReport {
  documents: number;
  sentences: number;
  all_sentences: number;
  tokens: number;
  facts: number;
  kb_load_ms: number;
  extractor: { elapsed_ms: number; sentences_per_s: number; docs_per_s: number };
  matching_floor: { elapsed_ms: number; sentences_per_s: number; fold_ms: number };
  tokenizer: { elapsed_ms: number; sentences_per_s: number };
  matching_floor_ratio: number;
  stage_ms_per_doc: Record<string, number>;
}

export interface HtmlResult extends RssReport {
  pages: number;
  mean_page_kb: number;
  clean: { elapsed_ms: number; pages_per_s: number };
  readability_floor: { elapsed_ms: number; pages_per_s: number };
  readability_floor_ratio: number;
}

export interface ApiResult {
  connections: number;
  seconds: number;
  cold_start: { runs: ColdStart[]; first_response_ms: number; listen_ms: number };
  /**
   * Every request computed (distinct URLs, more than the server's response cache holds).
   * `lower_bound`: one request alone was too slow to load the server with 16 connections; the
   * single-request figures stand in, as a lower bound of the concurrent ones.
   */
  api: Record<string, LoadResult & { paths: number; dropped: string[]; lower_bound?: boolean }>;
  /** Repeat views of a few URLs, answered from the server's response cache. */
  api_cached?: Record<string, LoadResult & { paths: number; dropped: string[] }>;
  /** One connection, one request at a time (uncached): service time without queueing. */
  api_single?: Record<string, LoadResult & { paths: number; dropped: string[] }>;
  /** First request of each path on a fresh server (ms). */
  first_request_ms?: Record<string, number>;
  drain_ms?: Record<string, number>;
  /** Primary and workers, summed. */
  server_peak_rss_mb: number | null;
  /** Server processes that answered (serve --workers); absent in results before it existed (1). */
  serve_workers?: number;
}

export interface SizeResult {
  size: number;
  corpus: { dir: string; jsonl_mb: number; html_pages: number; langs: Record<string, number>; cooperation: number; near_duplicates: number; generated_s: number | null };
  e2e?: E2eResult;
  ingest_floor?: FloorResult;
  extract?: ExtractResult;
  html?: HtmlResult;
  api?: ApiResult;
  ingest_floor_ratio?: number;
  errors: string[];
}

export interface ApiFigure {
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  rps: number;
}

export interface TargetCheck {
  figure: string;
  target: string;
  /** Size the target is stated for, and the size the value was measured at. */
  target_size: number | null;
  measured_size: number | null;
  value: number | null;
  ok: boolean | null;
}

export interface BenchResult {
  schema_version: 1;
  date: string;
  commit: string;
  commit_short: string;
  dirty: boolean;
  command: string;
  machine: MachineInfo;
  // --- headline figures (largest size measured), for tools
  corpus_size: number;
  articles_per_s: number | null;
  mb_per_s: number | null;
  sentences_per_s: number | null;
  html_pages_per_s: number | null;
  /** Peak RSS of the end-to-end pipeline process, the highest over all sizes. */
  peak_rss_mb: number | null;
  ingest_floor_ratio: number | null;
  matching_floor_ratio: number | null;
  readability_floor_ratio: number | null;
  db_bytes_per_article: number | null;
  serve_cold_start_ms: number | null;
  server_peak_rss_mb: number | null;
  /** Uncached: every answer computed. */
  api: Record<string, ApiFigure>;
  /** Repeat views answered from the response cache. */
  api_cached: Record<string, ApiFigure>;
  targets: TargetCheck[];
  sizes: Record<string, SizeResult>;
  elapsed_s: number;
  /** Load average when the last size finished (the machine is shared). */
  load_avg_at_end: number[];
  /** Later runs whose phases replaced this run's (npm run bench -- --render FILE --merge OTHER). */
  merged?: { command: string; commit_short: string; date: string; phases: string[] }[];
}

const largestFirst = (sizes: SizeResult[]) => [...sizes].sort((a, b) => b.size - a.size);

/** The value of `get` at the largest size that has it. */
function headline<T>(sizes: SizeResult[], get: (s: SizeResult) => T | undefined | null): { value: T | null; size: number | null } {
  for (const s of largestFirst(sizes)) {
    const v = get(s);
    if (v !== undefined && v !== null && !(typeof v === 'number' && !Number.isFinite(v))) return { value: v, size: s.size };
  }
  return { value: null, size: null };
}

/** Exact size if measured, else the largest below it, else the largest. */
function atSize<T>(sizes: SizeResult[], want: number, get: (s: SizeResult) => T | undefined | null): { value: T | null; size: number | null } {
  const exact = sizes.find((s) => s.size === want && get(s) != null);
  if (exact) return { value: get(exact) as T, size: exact.size };
  return headline(sizes, get);
}

export function headlines(
  sizes: SizeResult[],
): Omit<BenchResult, 'schema_version' | 'date' | 'commit' | 'commit_short' | 'dirty' | 'command' | 'machine' | 'sizes' | 'elapsed_s' | 'targets' | 'load_avg_at_end'> {
  const api = headline(sizes, (s) => (s.api && Object.keys(s.api.api).length ? s.api : null)).value;
  const peaks = sizes.map((s) => s.e2e?.max_rss_mb).filter((x): x is number => typeof x === 'number');
  return {
    corpus_size: Math.max(0, ...sizes.map((s) => s.size)),
    articles_per_s: headline(sizes, (s) => s.e2e?.articles_per_s).value,
    mb_per_s: headline(sizes, (s) => s.e2e?.mb_per_s).value,
    sentences_per_s: headline(sizes, (s) => s.extract?.extractor.sentences_per_s).value,
    html_pages_per_s: headline(sizes, (s) => s.html?.clean.pages_per_s).value,
    peak_rss_mb: peaks.length ? Math.max(...peaks) : null,
    ingest_floor_ratio: headline(sizes, (s) => s.ingest_floor_ratio).value,
    matching_floor_ratio: headline(sizes, (s) => s.extract?.matching_floor_ratio).value,
    readability_floor_ratio: headline(sizes, (s) => s.html?.readability_floor_ratio).value,
    db_bytes_per_article: headline(sizes, (s) => s.e2e?.db_bytes_per_article).value,
    serve_cold_start_ms: api?.cold_start.first_response_ms ?? null,
    server_peak_rss_mb: api?.server_peak_rss_mb ?? null,
    api: Object.fromEntries(Object.entries(api?.api ?? {}).map(([k, r]) => [k, { p50_ms: r.p50_ms, p95_ms: r.p95_ms, p99_ms: r.p99_ms, rps: r.rps }])),
    api_cached: Object.fromEntries(Object.entries(api?.api_cached ?? {}).map(([k, r]) => [k, { p50_ms: r.p50_ms, p95_ms: r.p95_ms, p99_ms: r.p99_ms, rps: r.rps }])),
  };
}

/** The targets, each checked at the size it is stated for (or the nearest measured). */
export function checkTargets(sizes: SizeResult[]): TargetCheck[] {
  const out: TargetCheck[] = [];
  const add = (figure: string, target: string, targetSize: number | null, m: { value: number | null; size: number | null }, ok: (v: number) => boolean) =>
    out.push({ figure, target, target_size: targetSize, measured_size: m.size, value: m.value, ok: m.value === null ? null : ok(m.value) });
  add('End to end, articles/s', '≥ 1,000', 100_000, atSize(sizes, 100_000, (s) => s.e2e?.articles_per_s), (v) => v >= 1000);
  add('Extractor alone, sentences/s', '≥ 20,000', null, headline(sizes, (s) => s.extract?.extractor.sentences_per_s), (v) => v >= 20_000);
  add('HTML cleaning, pages/s (~50 KB pages)', '≥ 40', null, headline(sizes, (s) => s.html?.clean.pages_per_s), (v) => v >= 40);
  const peaks = sizes.filter((s) => s.e2e).map((s) => ({ size: s.size, v: s.e2e!.max_rss_mb }));
  const worst = peaks.sort((a, b) => b.v - a.v)[0];
  add('Peak RSS of the pipeline, MB (every size)', '≤ 400', null, { value: worst?.v ?? null, size: worst?.size ?? null }, (v) => v <= 400);
  const api = (name: string) => atSize(sizes, 1_000_000, (s) => s.api?.api[name]?.p95_ms);
  for (const name of ['facts', 'partner', 'matrix', 'timeline', 'commitments']) add(`API ${name} p95, ms`, '≤ 50', 1_000_000, api(name), (v) => v <= 50);
  add('API search p95, ms', '≤ 150', 1_000_000, api('search'), (v) => v <= 150);
  add('serve cold start to first response, ms', '< 2,000', 1_000_000, atSize(sizes, 1_000_000, (s) => s.api?.cold_start.first_response_ms), (v) => v < 2000);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Comparison with an earlier result

export interface Regression {
  figure: string;
  before: number;
  after: number;
  /** Relative change in the "worse" direction (0.25 = 25% worse). */
  worse_by: number;
}

type Direction = 'higher' | 'lower';

/** Figures compared, with the direction that is better. */
function comparable(r: BenchResult): Map<string, { v: number; better: Direction }> {
  const m = new Map<string, { v: number; better: Direction }>();
  const put = (k: string, v: number | null | undefined, better: Direction) => {
    if (typeof v === 'number' && Number.isFinite(v)) m.set(k, { v, better });
  };
  for (const [size, s] of Object.entries(r.sizes)) {
    const p = `${size}:`;
    put(`${p}articles_per_s`, s.e2e?.articles_per_s, 'higher');
    put(`${p}mb_per_s`, s.e2e?.mb_per_s, 'higher');
    put(`${p}peak_rss_mb`, s.e2e?.max_rss_mb, 'lower');
    put(`${p}db_bytes_per_article`, s.e2e?.db_bytes_per_article, 'lower');
    put(`${p}ingest_floor_ratio`, s.ingest_floor_ratio, 'lower');
    put(`${p}sentences_per_s`, s.extract?.extractor.sentences_per_s, 'higher');
    put(`${p}matching_floor_ratio`, s.extract?.matching_floor_ratio, 'lower');
    put(`${p}html_pages_per_s`, s.html?.clean.pages_per_s, 'higher');
    put(`${p}readability_floor_ratio`, s.html?.readability_floor_ratio, 'lower');
    put(`${p}serve_cold_start_ms`, s.api?.cold_start.first_response_ms, 'lower');
    for (const [name, a] of Object.entries(s.api?.api ?? {})) {
      put(`${p}api.${name}.p50_ms`, a.p50_ms, 'lower');
      put(`${p}api.${name}.p95_ms`, a.p95_ms, 'lower');
      put(`${p}api.${name}.p99_ms`, a.p99_ms, 'lower');
      put(`${p}api.${name}.rps`, a.rps, 'higher');
    }
    for (const [name, a] of Object.entries(s.api?.api_single ?? {})) put(`${p}api_single.${name}.p50_ms`, a.p50_ms, 'lower');
    for (const [name, a] of Object.entries(s.api?.api_cached ?? {})) {
      put(`${p}api_cached.${name}.p95_ms`, a.p95_ms, 'lower');
      put(`${p}api_cached.${name}.rps`, a.rps, 'higher');
    }
  }
  return m;
}

export interface Comparison {
  compared: number;
  regressions: Regression[];
  improvements: Regression[];
}

/** Figures present in both results, with those more than `threshold` worse flagged. */
export function compareResults(before: BenchResult, after: BenchResult, threshold = 0.2): Comparison {
  const a = comparable(before);
  const b = comparable(after);
  const regressions: Regression[] = [];
  const improvements: Regression[] = [];
  let compared = 0;
  for (const [k, x] of a) {
    const y = b.get(k);
    if (!y) continue;
    compared++;
    if (x.v === 0) continue;
    const worse = x.better === 'higher' ? (x.v - y.v) / x.v : (y.v - x.v) / x.v;
    const row = { figure: k, before: x.v, after: y.v, worse_by: Math.round(worse * 1000) / 1000 };
    if (worse > threshold) regressions.push(row);
    else if (worse < -threshold) improvements.push(row);
  }
  return { compared, regressions, improvements };
}
