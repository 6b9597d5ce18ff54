/**
 * A pool of worker threads (src/pipeline-worker.ts) that run normalise → segment → extract for a
 * parallel ingest (src/pipeline.ts). The main thread keeps reading and storing; `run()` hands one
 * raw document to the least busy worker and resolves with its segmented document and extraction.
 *
 * Failures are never silent: a document the worker could not process rejects its promise with the
 * worker's error; a worker that dies (crash, out of memory, exit) rejects every document it held,
 * and the pool refuses further work. The caller then stops before committing the open batch.
 *
 * The worker runs from the esbuild bundle (dist/pipeline-worker.mjs, next to dist/coopwatch.mjs)
 * when this module is bundled, and from its TypeScript source through tsx otherwise (tests, the
 * CLI's tsx fallback): a worker does not inherit loader hooks registered with `register()`, so it
 * starts with a one-line module that registers tsx and imports the source.
 */
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { availableParallelism } from 'node:os';
import type { Extraction, RawDocument, SegmentedDocument } from './types.ts';
import type { FactRecordsJson } from './store/store.ts';

/** Largest accepted number of workers. */
export const MAX_INGEST_WORKERS = 64;

/**
 * The CLI's (and the bench's) default number of workers, by measurement: 0 (every stage in one
 * thread) below 4 cores, 1 from 4 cores. On the 2-core reference machine a worker did not pay:
 * the same 10k articles took 36–42 % more CPU in all with 1 or 2 workers (the worker isolate's
 * extraction, the storing thread's share and V8's GC helper threads all cost more), so with
 * two cores shared with other work it was slower (docs/benchmarks.md). From 4 cores one worker is
 * expected to gain (not measured here); more than one is not the default because the storing
 * thread is then the limit and each worker adds ~70–110 MB resident against the 400 MB budget.
 */
export function defaultIngestWorkers(): number {
  return availableParallelism() >= 4 ? 1 : 0;
}

/** `dupCheck`: answer 'stored' (after normalise) when the database already holds the same text. */
export type WorkerRequest = { type: 'doc'; id: number; raw: RawDocument; dupCheck: boolean };

export type WorkerReply =
  | { type: 'ready' }
  | { type: 'init-error'; message: string }
  | {
      type: 'done';
      id: number;
      doc: SegmentedDocument;
      extraction: Extraction | null;
      json: FactRecordsJson | null;
      ms: [normalise: number, segment: number, extract: number];
    }
  | { type: 'stored'; id: number; content_hash: string; ms: [normalise: number, segment: number, extract: number] }
  | { type: 'error'; id: number; message: string; stack?: string };

/**
 * A processed document; or `{ stored: content_hash }` when the worker found the same normalised
 * text already committed and stopped after normalise.
 */
export type Outcome = Processed | { stored: string; ms: [number, number, number] };

export interface Processed {
  stored?: undefined;
  doc: SegmentedDocument;
  extraction: Extraction | null;
  /** The extraction's records serialised by the worker (see Store.replaceFacts). */
  json: FactRecordsJson | null;
  /** Milliseconds spent in the worker on normalise, segment and extract. */
  ms: [number, number, number];
}

/** Where the worker's code is, and how to start it. */
function workerEntry(): { entry: string | URL; evalCode: boolean } {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const target = new URL('./pipeline-worker.ts', here).href;
    const api = import.meta.resolve('tsx/esm/api');
    const code = `import(${JSON.stringify(api)}).then(({ register }) => { register(); return import(${JSON.stringify(target)}); })`;
    return { entry: code, evalCode: true };
  }
  // Bundled: this code is in dist/coopwatch.mjs or in one of its chunks (dist/chunks/).
  for (const rel of ['./pipeline-worker.mjs', '../pipeline-worker.mjs']) {
    const url = new URL(rel, here);
    if (existsSync(fileURLToPath(url))) return { entry: url, evalCode: false };
  }
  throw new Error(`pipeline-worker.mjs not found next to ${fileURLToPath(here)}: run "npm run build"`);
}

interface Task {
  resolve: (p: Outcome) => void;
  reject: (e: Error) => void;
  raw: RawDocument;
}

class PoolWorker {
  readonly tasks = new Map<number, Task>();
  constructor(
    readonly worker: Worker,
    readonly index: number,
  ) {}
}

function describe(raw: RawDocument): string {
  return raw.item_index != null ? `${raw.source_path} #${raw.item_index}` : raw.source_path;
}

export class PipelinePool {
  private readonly workers: PoolWorker[] = [];
  private nextId = 1;
  private failure: Error | null = null;
  private closing = false;

  private constructor() {}

  /**
   * Start `n` workers and wait until each has loaded its dictionaries. `dictDirs` are the user
   * dictionary folders (the built-in dict/ is always loaded first), or null for no extraction;
   * `dbPath`, a database the workers open read-only to recognise already stored texts.
   */
  static async start(n: number, dictDirs: string[] | null, dbPath: string | null = null): Promise<PipelinePool> {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`workers must be an integer ≥ 1, got ${n}`);
    const pool = new PipelinePool();
    const { entry, evalCode } = workerEntry();
    const ready: Promise<void>[] = [];
    for (let i = 0; i < n; i++) {
      const worker = new Worker(entry, { eval: evalCode, workerData: { dictDirs, dbPath } });
      const pw = new PoolWorker(worker, i);
      pool.workers.push(pw);
      ready.push(
        new Promise<void>((resolve, reject) => {
          let started = false;
          worker.on('message', (m: WorkerReply) => {
            if (m.type === 'ready') {
              started = true;
              resolve();
            } else if (m.type === 'init-error') {
              started = true;
              reject(new Error(m.message));
            } else pool.onReply(pw, m);
          });
          worker.on('error', (e) => {
            if (!started) reject(e);
            pool.fail(pw, e);
          });
          worker.on('exit', (code) => {
            if (!started) reject(new Error(`ingest worker ${i} exited with code ${code} while starting`));
            if (!pool.closing) pool.fail(pw, new Error(`exited with code ${code}`));
          });
        }),
      );
    }
    try {
      await Promise.all(ready);
    } catch (e) {
      await pool.close();
      throw e;
    }
    return pool;
  }

  get size(): number {
    return this.workers.length;
  }

  /** Documents handed out and not yet answered. */
  get pending(): number {
    let n = 0;
    for (const w of this.workers) n += w.tasks.size;
    return n;
  }

  /**
   * Process one document in the least busy worker. With `dupCheck`, a document whose normalised
   * text is already committed comes back as `{ stored }` without being segmented or extracted.
   */
  run(raw: RawDocument, dupCheck = true): Promise<Outcome> {
    if (this.failure) return Promise.reject(this.failure);
    let best = this.workers[0];
    for (const w of this.workers) if (w.tasks.size < best.tasks.size) best = w;
    const id = this.nextId++;
    return new Promise<Outcome>((resolve, reject) => {
      best.tasks.set(id, { resolve, reject, raw });
      best.worker.postMessage({ type: 'doc', id, raw, dupCheck } satisfies WorkerRequest);
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }

  private onReply(pw: PoolWorker, m: WorkerReply): void {
    if (m.type !== 'done' && m.type !== 'error' && m.type !== 'stored') return;
    const task = pw.tasks.get(m.id);
    if (!task) return;
    pw.tasks.delete(m.id);
    if (m.type === 'done') task.resolve({ doc: m.doc, extraction: m.extraction, json: m.json, ms: m.ms });
    else if (m.type === 'stored') task.resolve({ stored: m.content_hash, ms: m.ms });
    else {
      const e = new Error(`ingest worker failed on ${describe(task.raw)}: ${m.message}`);
      if (m.stack) e.stack = `${e.message}\n  worker stack: ${m.stack}`;
      task.reject(e);
    }
  }

  /** A worker died: every document it held fails, and so does any later `run()`. */
  private fail(pw: PoolWorker, cause: Error): void {
    const first = pw.tasks.values().next().value as Task | undefined;
    const err = new Error(
      `ingest worker ${pw.index} stopped${first ? ` while processing ${describe(first.raw)}` : ''}: ${cause.message}`,
      { cause },
    );
    this.failure ??= err;
    for (const t of pw.tasks.values()) t.reject(err);
    pw.tasks.clear();
  }
}
