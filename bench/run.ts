/**
 * `npm run bench` — the benchmark harness (not part of `npm test`).
 *
 * For each corpus size: generate (or reuse) a synthetic corpus, then run each measured phase in
 * its own child process so its peak RSS is its own:
 *   ingest floor → end to end (into a fresh SQLite DB) → extractor alone + matching floor →
 *   HTML cleaning + Readability floor → serve cold start + API latency on the DB just built.
 * Results go to bench/results/<date>-<commit>.json (headline figures at the top level) and the
 * summary to docs/benchmarks.md; `--compare` flags figures more than 20% worse than an earlier run.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { existingCorpus, generateCorpus } from './gen/index.ts';
import { BENCH_DIR, REPO_ROOT, runPhase } from './lib/child.ts';
import { gitInfo, machineInfo } from './lib/machine.ts';
import { renderSummary, resultFileName, writeSummary } from './lib/markdown.ts';
import {
  checkTargets,
  compareResults,
  headlines,
  type ApiResult,
  type BenchResult,
  type Comparison,
  type E2eResult,
  type ExtractResult,
  type FloorResult,
  type HtmlResult,
  type SizeResult,
} from './lib/results.ts';
import { round } from './lib/stats.ts';
import { defaultIngestWorkers, MAX_INGEST_WORKERS } from '../src/pipeline-pool.ts';

export const BENCH_HELP = `Usage: npm run bench -- [options]      (or: coopwatch bench run [options])

Measures ingest + extraction throughput, the extractor alone, HTML cleaning, peak memory, database
size, API latency and serve cold start on synthetic corpora, each against a floor measured in the
same run. Writes bench/results/<date>-<commit>.json and the summary in docs/benchmarks.md.

Options:
  --sizes LIST        corpus sizes (default 10000,100000)
  --large             add 1000000
  --quick             smoke run: 2000 articles, 3 s per endpoint (result file suffixed -quick,
                      docs/benchmarks.md left alone)
  --skip-api          no serve / API phase
  --api-seconds N     seconds per endpoint (default 20)
  --connections N     concurrent API connections (default 16)
  --serve-workers N   serve's --workers for the API phase (default: serve's own, one per core)
  --phases LIST       floor,e2e,extract,html,api (default all)
  --workers N         worker threads of the end-to-end ingest (coopwatch ingest --workers; default
                      the CLI's: 1 from 4 cores, else 0 = every stage in one thread)
  --compare FILE      compare with an earlier result; figures > 20% worse are flagged
  --strict            exit 1 when --compare flags a regression
  --seed N            corpus seed (default 42)
  --work DIR          corpora and databases (default bench/corpora)
  --keep-db           keep the databases built (bench/corpora/db-<size>.db)
  --profile           run the ingest of the end-to-end phase under --cpu-prof (profiles in
                      .tmp/bench-prof/, summarise with: node --import tsx bench/profile.ts FILE)
  --out FILE          result file (default bench/results/<date>-<commit>.json)
  --no-docs           do not update docs/benchmarks.md
  --render FILE       only rewrite docs/benchmarks.md from an existing result file; with
                      --merge OTHER.json, the phases OTHER measured replace FILE's (per size) first
                      and FILE is rewritten (to combine a re-run of one phase with a full run)
  -h, --help          show this help`;

interface RunOptions {
  sizes: number[];
  skipApi: boolean;
  apiSeconds: number;
  connections: number;
  serveWorkers: number | null;
  phases: Set<string>;
  compare: string | null;
  strict: boolean;
  seed: number;
  work: string;
  keepDb: boolean;
  profile: boolean;
  out: string | null;
  docs: boolean;
  quick: boolean;
  extractDocs: number;
  htmlPages: number;
  coldRuns: number;
  workers: number;
}

function parseOptions(argv: string[]): RunOptions | null {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      sizes: { type: 'string' },
      large: { type: 'boolean', default: false },
      quick: { type: 'boolean', default: false },
      'skip-api': { type: 'boolean', default: false },
      'api-seconds': { type: 'string' },
      connections: { type: 'string' },
      'serve-workers': { type: 'string' },
      phases: { type: 'string' },
      workers: { type: 'string' },
      compare: { type: 'string' },
      strict: { type: 'boolean', default: false },
      seed: { type: 'string' },
      work: { type: 'string' },
      'keep-db': { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      out: { type: 'string' },
      'no-docs': { type: 'boolean', default: false },
      render: { type: 'string' },
      merge: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return null;
  if (values.render) return { render: values.render as string, merge: values.merge as string | undefined } as unknown as RunOptions;
  const num = (v: string | undefined, def: number, name: string) => {
    if (v === undefined) return def;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number (got "${v}")`);
    return n;
  };
  const quick = values.quick as boolean;
  let sizes = quick ? [2000] : [10_000, 100_000];
  if (values.sizes) sizes = (values.sizes as string).split(',').map((s) => num(s.trim().replace(/k$/i, '000').replace(/m$/i, '000000'), 0, 'sizes'));
  if (values.large && !sizes.includes(1_000_000)) sizes.push(1_000_000);
  const phases = new Set((values.phases as string | undefined)?.split(',') ?? ['floor', 'e2e', 'extract', 'html', 'api']);
  if (values['skip-api']) phases.delete('api');
  return {
    sizes: [...new Set(sizes.map(Math.round))].sort((a, b) => a - b),
    skipApi: !phases.has('api'),
    apiSeconds: num(values['api-seconds'] as string | undefined, quick ? 3 : 20, 'api-seconds'),
    connections: num(values.connections as string | undefined, 16, 'connections'),
    serveWorkers: values['serve-workers'] ? num(values['serve-workers'] as string, 1, 'serve-workers') : null,
    phases,
    compare: (values.compare as string | undefined) ?? null,
    strict: values.strict as boolean,
    seed: num(values.seed as string | undefined, 42, 'seed'),
    work: path.resolve(REPO_ROOT, (values.work as string | undefined) ?? 'bench/corpora'),
    keepDb: values['keep-db'] as boolean,
    profile: values.profile as boolean,
    out: (values.out as string | undefined) ?? null,
    docs: !values['no-docs'] && !quick,
    quick,
    extractDocs: quick ? 500 : 3000,
    htmlPages: quick ? 60 : 400,
    coldRuns: quick ? 1 : 3,
    workers: workersOption(values.workers as string | undefined),
  };
}

function workersOption(v: string | undefined): number {
  if (v === undefined) return defaultIngestWorkers();
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > MAX_INGEST_WORKERS) throw new Error(`--workers must be a whole number from 0 to ${MAX_INGEST_WORKERS} (got "${v}")`);
  return n;
}

const log = (s: string) => process.stderr.write(`${s}\n`);

async function runSize(size: number, o: RunOptions): Promise<SizeResult> {
  const dir = path.join(o.work, `corpus-${size}-s${o.seed}`);
  const errors: string[] = [];
  let generatedS: number | null = null;
  let manifest = existingCorpus({ n: size, out: dir, seed: o.seed });
  if (!manifest) {
    log(`\n== ${size} articles: generating the corpus in ${path.relative(REPO_ROOT, dir)}`);
    rmSync(dir, { recursive: true, force: true });
    const t = performance.now();
    let last = 0;
    manifest = generateCorpus({
      n: size,
      out: dir,
      seed: o.seed,
      onProgress: (done, total) => {
        if (performance.now() - last > 10_000) {
          last = performance.now();
          log(`  generated ${done}/${total}`);
        }
      },
    });
    generatedS = round((performance.now() - t) / 1000, 1);
    log(`  done in ${generatedS} s (${(manifest.jsonl_bytes / 1e6).toFixed(0)} MB JSONL, ${manifest.html_pages} HTML pages)`);
  } else log(`\n== ${size} articles: reusing ${path.relative(REPO_ROOT, dir)}`);

  const res: SizeResult = {
    size,
    corpus: {
      dir: path.relative(REPO_ROOT, dir),
      jsonl_mb: round(manifest.jsonl_bytes / 1e6, 1),
      html_pages: manifest.html_pages,
      langs: manifest.langs,
      cooperation: manifest.cooperation,
      near_duplicates: manifest.near_duplicates,
      generated_s: generatedS,
    },
    errors,
  };
  const db = path.join(o.work, `db-${size}.db`);
  const phase = async <T>(name: string, script: string, args: string[], flags: string[] = []): Promise<T | undefined> => {
    log(`-- ${name}`);
    const t = performance.now();
    try {
      const r = await runPhase<T>(script, args, { nodeFlags: flags, label: `${name} ${size}` });
      log(`   ${name} done in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      return r;
    } catch (e) {
      errors.push(`${name}: ${(e as Error).message}`);
      log(`   ${name} FAILED: ${(e as Error).message.split('\n')[0]}`);
      return undefined;
    }
  };

  if (o.phases.has('floor')) res.ingest_floor = await phase<FloorResult>('ingest floor', 'ingest-floor.ts', ['--corpus', dir, '--db', path.join(o.work, `floor-${size}.db`)]);
  if (o.phases.has('e2e')) {
    // Profiling flags go to the `coopwatch ingest` process the phase starts, not to the phase.
    const flags = o.profile ? [`--node-flags=--cpu-prof --cpu-prof-dir=${path.join(REPO_ROOT, '.tmp/bench-prof')} --cpu-prof-name=e2e-${size}.cpuprofile`] : [];
    res.e2e = await phase<E2eResult>('end to end', 'e2e.ts', ['--corpus', dir, '--db', db, '--workers', String(o.workers), ...flags]);
  }
  if (res.e2e && res.ingest_floor) res.ingest_floor_ratio = round(res.e2e.elapsed_ms / res.ingest_floor.elapsed_ms, 2);
  if (o.phases.has('extract')) res.extract = await phase<ExtractResult>('extractor alone', 'extract.ts', ['--corpus', dir, '--docs', String(Math.min(size, o.extractDocs))]);
  if (o.phases.has('html') && manifest.html_pages > 0) res.html = await phase<HtmlResult>('html cleaning', 'html.ts', ['--corpus', dir, '--pages', String(o.htmlPages)]);
  if (!o.skipApi) {
    if (existsSync(db) && (res.e2e || !o.phases.has('e2e'))) {
      res.api = await phase<ApiResult>('api', 'api.ts', ['--db', db, '--seconds', String(o.apiSeconds), '--connections', String(o.connections), '--cold-runs', String(o.coldRuns), ...(o.serveWorkers ? ['--serve-workers', String(o.serveWorkers)] : [])]);
    } else errors.push('api: skipped, no database from the end-to-end phase');
  }
  if (!o.keepDb) for (const s of ['', '-wal', '-shm']) rmSync(db + s, { force: true });
  return res;
}

function loadResult(file: string): BenchResult {
  return JSON.parse(readFileSync(path.resolve(file), 'utf8')) as BenchResult;
}

export function printComparison(file: string, c: Comparison): void {
  log(`\nCompared with ${file}: ${c.compared} figures`);
  if (!c.regressions.length) log('  no figure more than 20% worse');
  for (const g of c.regressions) log(`  REGRESSION ${g.figure}: ${g.before} → ${g.after} (${Math.round(g.worse_by * 100)}% worse)`);
  for (const g of c.improvements) log(`  improved   ${g.figure}: ${g.before} → ${g.after} (${Math.round(-g.worse_by * 100)}% better)`);
}

export async function main(argv: string[]): Promise<number> {
  const o = parseOptions(argv);
  if (!o) {
    console.log(BENCH_HELP);
    return 0;
  }
  const { render, merge } = o as unknown as { render?: string; merge?: string };
  if (render) {
    let r = loadResult(render);
    if (merge) {
      r = mergeResults(r, loadResult(merge));
      writeFileSync(path.resolve(render), JSON.stringify(r, null, 2) + '\n');
      log(`${render}: phases of ${merge} merged in`);
    }
    writeSummary(path.join(REPO_ROOT, 'docs/benchmarks.md'), renderSummary(r, null));
    log(`docs/benchmarks.md rewritten from ${render}`);
    return 0;
  }
  const before = o.compare ? loadResult(o.compare) : null;
  mkdirSync(o.work, { recursive: true });
  const t0 = performance.now();
  const git = gitInfo();
  const machine = await machineInfo();
  const date = new Date().toISOString();
  const command = `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`;
  log(`coopwatch bench: sizes ${o.sizes.join(', ')} on ${machine.cpu_model} (${machine.cores} cores), commit ${git.short}${git.dirty ? ' (dirty)' : ''}`);

  const sizes: SizeResult[] = [];
  let result: BenchResult | null = null;
  let cmp: Comparison | null = null;
  const outFile = o.out ? path.resolve(o.out) : path.join(BENCH_DIR, 'results', resultFileName({ date, commit_short: git.short }, o.quick ? '-quick' : ''));
  for (const size of o.sizes) {
    sizes.push(await runSize(size, o));
    // Written after every size, so a long run that is stopped keeps what it measured.
    result = {
      schema_version: 1,
      date,
      commit: git.commit,
      commit_short: git.short,
      dirty: git.dirty,
      command,
      machine,
      ...headlines(sizes),
      targets: checkTargets(sizes),
      sizes: Object.fromEntries(sizes.map((s) => [String(s.size), s])),
      elapsed_s: round((performance.now() - t0) / 1000, 1),
      load_avg_at_end: os.loadavg().map((x) => round(x, 2)),
    };
    if (before) cmp = compareResults(before, result);
    mkdirSync(path.dirname(outFile), { recursive: true });
    writeFileSync(outFile, JSON.stringify(result, null, 2) + '\n');
    if (o.docs) writeSummary(path.join(REPO_ROOT, 'docs/benchmarks.md'), renderSummary(result, before && cmp ? { file: path.relative(REPO_ROOT, path.resolve(o.compare!)), result: cmp } : null));
  }
  if (!result) return 1;
  log(`\nResults: ${path.relative(REPO_ROOT, outFile)}${o.docs ? ' and docs/benchmarks.md' : ''}`);
  for (const t of result.targets) {
    const status = t.ok === null ? 'not measured' : t.ok ? 'met' : 'MISSED';
    log(`  ${t.figure.padEnd(44)} ${String(t.value ?? '—').padStart(10)}  target ${t.target.padEnd(9)} ${status}${t.measured_size ? ` (at ${t.measured_size})` : ''}`);
  }
  if (before && cmp) {
    printComparison(o.compare!, cmp);
    if (o.strict && cmp.regressions.length) return 1;
  }
  return sizes.some((s) => s.errors.length) ? 1 : 0;
}

const PHASE_KEYS = ['e2e', 'ingest_floor', 'extract', 'html', 'api'] as const;

/** `base` with the phases `extra` measured (per size) put in place of base's; headlines and targets recomputed. */
export function mergeResults(base: BenchResult, extra: BenchResult): BenchResult {
  const sizes: Record<string, SizeResult> = structuredClone(base.sizes);
  for (const [k, x] of Object.entries(extra.sizes)) {
    const into: SizeResult = sizes[k] ?? { ...x, errors: [] };
    for (const p of PHASE_KEYS) if (x[p]) (into as unknown as Record<string, unknown>)[p] = x[p];
    into.errors = [...into.errors.filter((e) => !PHASE_KEYS.some((p) => x[p] && e.startsWith(p))), ...x.errors];
    if (into.e2e && into.ingest_floor) into.ingest_floor_ratio = round(into.e2e.elapsed_ms / into.ingest_floor.elapsed_ms, 2);
    sizes[k] = into;
  }
  const list = Object.values(sizes);
  return {
    ...base,
    ...headlines(list),
    targets: checkTargets(list),
    sizes,
    command: `${base.command}; merged: ${extra.command}`,
    merged: [...(base.merged ?? []), { command: extra.command, commit_short: extra.commit_short, date: extra.date, phases: PHASE_KEYS.filter((p) => Object.values(extra.sizes).some((x) => x[p])) }],
  };
}

/** `coopwatch bench compare OLD NEW`: compare two result files without running anything. */
export function compareFiles(oldFile: string, newFile: string): Comparison {
  const c = compareResults(loadResult(oldFile), loadResult(newFile));
  printComparison(oldFile, c);
  return c;
}

const invokedDirectly = Boolean(process.argv[1] && /bench[\\/]run\.ts$/.test(process.argv[1]));
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e) => {
      console.error(`bench: ${(e as Error).message}`);
      process.exitCode = 2;
    },
  );
}
