/**
 * The ingest pipeline: ingest → normalise → segment → extract → store, streaming.
 *
 * Documents are processed one at a time as the readers yield them and committed in batches, each
 * batch one transaction. A batch also records the inputs (files) that were completely read before
 * it, so an interrupted run (even SIGKILL) leaves a consistent database: committed batches stay,
 * the open one is rolled back by SQLite, and a re-run skips unchanged files by fingerprint and
 * already-stored documents by content hash — nothing is missing or doubled.
 *
 * With `workers: N` (N ≥ 1), normalise, segment and extract run in N worker threads
 * (src/pipeline-pool.ts) while this thread reads the inputs and stores the results — in input
 * order, through the same commit code, so the database holds exactly what a sequential run stores.
 * At most `N × IN_FLIGHT_PER_WORKER` documents are between the reader and the store at a time.
 */
import { performance } from 'node:perf_hooks';
import type { Extraction, InputFingerprint, InputProblem, RawDocument, SegmentedDocument } from './types.ts';
import type { FactRecordsJson, Store } from './store/store.ts';
import { readInputs, type IngestOptions } from './ingest/index.ts';
// normalise is imported where it runs (ingestInThread, or the workers): with workers, this thread
// does not load language detection's n-gram tables (~40 MB resident).
import type { normalise as normaliseFn } from './normalise/index.ts';
import { segment } from './segment/index.ts';
import { extractDocument, loadKnowledgeBase, type KnowledgeBase } from './extract/index.ts';
import { PipelinePool, MAX_INGEST_WORKERS, type Outcome } from './pipeline-pool.ts';

export { defaultIngestWorkers, MAX_INGEST_WORKERS } from './pipeline-pool.ts';

/**
 * Documents handed to the workers and not yet committed, per worker. Storing a batch blocks this
 * thread (≈ 1–2 s for 250 documents), so each worker needs enough queued work to stay busy
 * meanwhile; memory is ~50 KB per document in flight.
 */
export const IN_FLIGHT_PER_WORKER = 128;

/** Where the extractor's dictionaries come from, when they are to be loaded where they are used (each worker). */
export interface KnowledgeSource {
  /** User dictionary folders, loaded after the built-in dict/ (like `--dict`). */
  dictDirs: string[];
}

export interface PipelineProgress {
  documents: number;
  inputs: number;
  bytes: number;
}

export interface IngestRunOptions {
  store: Store;
  /** Files, folders, `-` (stdin) or http(s) URLs. */
  specs: string[];
  /**
   * Knowledge base for extraction; when null, documents are stored without facts. A
   * `KnowledgeSource` is loaded where extraction runs: once in this thread, or in each worker —
   * with workers, a loaded KnowledgeBase is not used as such (it cannot cross threads): each worker
   * loads the same dictionary folders again (`kb.dictDirs`).
   */
  kb: KnowledgeBase | KnowledgeSource | null;
  /**
   * Worker threads for normalise + segment + extract; 0 (the default here) runs every stage in
   * this thread. The CLI's default is `defaultIngestWorkers()`.
   */
  workers?: number;
  /** With workers: documents between the reader and the store at most (default workers × IN_FLIGHT_PER_WORKER). */
  maxInFlight?: number;
  /** Documents per transaction. */
  batchSize?: number;
  /** Per-document size limit in bytes (default 20 MB). */
  maxDocBytes?: number;
  /** Near-duplicate threshold on estimated Jaccard similarity (default 0.9). */
  nearDuplicateThreshold?: number;
  /** Re-read inputs even when their fingerprint says they are unchanged. */
  force?: boolean;
  onProgress?: (p: PipelineProgress) => void;
  /** Passed to the readers (timeouts, stdin label…). */
  ingestOptions?: Omit<IngestOptions, 'maxDocBytes' | 'skipInput'>;
}

export interface StageTimes {
  read: number;
  normalise: number;
  segment: number;
  extract: number;
  store: number;
}

export interface IngestSummary {
  /** Documents the readers produced. */
  read: number;
  /** New documents stored. */
  added: number;
  /** Documents whose normalised text was already stored (same run or earlier): stored once. */
  exact_duplicates: number;
  /** New documents stored and linked to an earlier copy (`duplicate_of`); not extracted. */
  near_duplicates: number;
  /** Inputs fully read in this run. */
  inputs_read: number;
  /** Inputs skipped because they were already ingested unchanged. */
  inputs_unchanged: number;
  /** Documents extracted, and the facts they produced. */
  extracted: number;
  facts: { events: number; commitments: number; policies: number; entities: number };
  problems: InputProblem[];
  bytes: number;
  elapsed_ms: number;
  stage_ms: StageTimes;
  /** True when nothing new was stored (re-ingest of the same inputs). */
  no_op: boolean;
  /**
   * Worker threads used (0: all stages in one thread). With workers, `stage_ms` normalise, segment
   * and extract are the sum of the workers' times (several threads: their sum may exceed
   * `elapsed_ms`), and `wait_ms` is how long the storing thread waited for the workers' results.
   */
  workers: number;
  wait_ms: number;
}

interface Prepared {
  doc: SegmentedDocument;
  extraction: Extraction | null;
  /** The extraction's records already serialised (by a worker). */
  json?: FactRecordsJson | null;
}

export function emptySummary(): IngestSummary {
  return {
    read: 0,
    added: 0,
    exact_duplicates: 0,
    near_duplicates: 0,
    inputs_read: 0,
    inputs_unchanged: 0,
    extracted: 0,
    facts: { events: 0, commitments: 0, policies: 0, entities: 0 },
    problems: [],
    bytes: 0,
    elapsed_ms: 0,
    stage_ms: { read: 0, normalise: 0, segment: 0, extract: 0, store: 0 },
    no_op: true,
    workers: 0,
    wait_ms: 0,
  };
}

function isLoaded(kb: KnowledgeBase | KnowledgeSource): kb is KnowledgeBase {
  return 'trie' in kb;
}

/** The user dictionary folders of a knowledge base or source (loadKnowledgeBase lists the built-in dict/ first). */
function userDictDirs(kb: KnowledgeBase | KnowledgeSource): string[] {
  return isLoaded(kb) ? kb.dictDirs.slice(1) : kb.dictDirs;
}

/**
 * Run the whole pipeline over `specs` into `store`. Never throws for a bad input: it is reported
 * in `problems`. Throws when a worker fails (the open batch is then not committed: committed
 * batches and their inputs' fingerprints stay, so running the same ingest again resumes).
 */
export async function ingest(opts: IngestRunOptions): Promise<IngestSummary> {
  const workers = opts.workers ?? 0;
  if (!Number.isInteger(workers) || workers < 0 || workers > MAX_INGEST_WORKERS) {
    throw new RangeError(`workers must be an integer from 0 to ${MAX_INGEST_WORKERS}, got ${workers}`);
  }
  return workers === 0 ? ingestInThread(opts) : ingestWithWorkers(opts, workers);
}

/** What both ways of running share: committing prepared documents in batches, in input order. */
function committer(opts: IngestRunOptions) {
  const { store } = opts;
  const batchSize = opts.batchSize ?? 250;
  const threshold = opts.nearDuplicateThreshold ?? 0.9;
  const summary = emptySummary();
  const times = summary.stage_ms;

  let batch: Prepared[] = [];
  let doneInputs: InputFingerprint[] = [];
  // Content hashes seen in this run but not yet committed, to count in-batch exact duplicates.
  const pendingHashes = new Set<string>();

  const flush = () => {
    if (batch.length === 0 && doneInputs.length === 0) return;
    const t = performance.now();
    store.transaction(() => {
      for (const p of batch) commitOne(p);
      for (const fp of doneInputs) store.recordInput(fp);
    });
    times.store += performance.now() - t;
    batch = [];
    doneInputs = [];
    pendingHashes.clear();
  };

  const commitOne = (p: Prepared) => {
    const { doc } = p;
    if (store.findByContentHash(doc.content_hash)) {
      summary.exact_duplicates++;
      return;
    }
    const near = store.findNearDuplicate(doc.minhash, threshold);
    store.insertDocument(doc, near);
    summary.added++;
    if (near) {
      summary.near_duplicates++;
      return; // counted once: the first copy carries the facts
    }
    if (p.extraction) {
      store.replaceFacts(doc.id, p.extraction, p.json ?? undefined);
      summary.extracted++;
      summary.facts.events += p.extraction.events.length;
      summary.facts.commitments += p.extraction.commitments.length;
      summary.facts.policies += p.extraction.policies.length;
      summary.facts.entities += p.extraction.entities.length;
    }
  };

  /** Exact duplicates (already stored, or earlier in this uncommitted batch) are counted and dropped. */
  const isExactDuplicate = (hash: string): boolean => {
    if (pendingHashes.has(hash) || store.findByContentHash(hash)) {
      summary.exact_duplicates++;
      return true;
    }
    pendingHashes.add(hash);
    return false;
  };

  const add = (p: Prepared) => {
    batch.push(p);
    if (batch.length >= batchSize) flush();
  };

  const skipInput = opts.force
    ? undefined
    : (fp: { source_path: string; size: number; mtime_ms: number }) => {
        const unchanged = store.isInputUnchanged(fp);
        if (unchanged) summary.inputs_unchanged++;
        return unchanged;
      };

  /**
   * The inputs' documents and input ends, in order. Problems are recorded here, documents and
   * inputs counted, and the time spent reading (not the consumer's time between items) added to
   * `times.read`.
   */
  async function* items() {
    let tRead = performance.now();
    for await (const item of readInputs(opts.specs, { ...opts.ingestOptions, maxDocBytes: opts.maxDocBytes, skipInput })) {
      times.read += performance.now() - tRead;
      if (item.kind === 'problem') {
        summary.problems.push(item.problem);
      } else {
        if (item.kind === 'input-done') {
          summary.inputs_read++;
        } else {
          summary.read++;
          summary.bytes += item.doc.bytes;
        }
        yield item;
      }
      tRead = performance.now();
    }
  }

  const progress = () => opts.onProgress?.({ documents: summary.read, inputs: summary.inputs_read, bytes: summary.bytes });

  return {
    summary,
    times,
    flush,
    add,
    isExactDuplicate,
    /** Undo isExactDuplicate's note of a hash (its document is processed again before it is added). */
    forget: (hash: string) => pendingHashes.delete(hash),
    inputDone: (fp: InputFingerprint) => doneInputs.push(fp),
    items,
    progress,
  };
}

async function ingestInThread(opts: IngestRunOptions): Promise<IngestSummary> {
  const t0 = performance.now();
  const kb = opts.kb && !isLoaded(opts.kb) ? loadKnowledgeBase({ dictDirs: opts.kb.dictDirs }) : opts.kb;
  const { normalise } = await import('./normalise/index.ts');
  const c = committer(opts);
  const { summary, times } = c;
  for await (const item of c.items()) {
    if (item.kind === 'input-done') {
      c.inputDone(item.input);
    } else {
      const prepared = prepare(normalise, item.doc, kb, times, c.isExactDuplicate);
      if (prepared) c.add(prepared);
      c.progress();
    }
  }
  c.flush();
  summary.elapsed_ms = performance.now() - t0;
  summary.no_op = summary.added === 0;
  return summary;
}

function prepare(
  normalise: typeof normaliseFn,
  raw: RawDocument,
  kb: KnowledgeBase | null,
  times: StageTimes,
  isExactDuplicate: (hash: string) => boolean,
): Prepared | null {
  let t = performance.now();
  const norm = normalise(raw);
  times.normalise += performance.now() - t;
  // Exact duplicates skip the costly stages.
  if (isExactDuplicate(norm.content_hash)) return null;
  t = performance.now();
  const doc = segment(norm);
  times.segment += performance.now() - t;
  let extraction: Extraction | null = null;
  if (kb) {
    t = performance.now();
    extraction = extractDocument(doc, kb);
    times.extract += performance.now() - t;
  }
  return { doc, extraction };
}

/** A document or an input's end, in input order, on its way from the reader to the store. */
type Slot =
  | { kind: 'doc'; raw: RawDocument; done: Promise<void>; value?: Outcome; error?: Error }
  | { kind: 'input-done'; input: InputFingerprint };

/**
 * Parallel ingest: this thread reads and stores, the workers normalise, segment and extract.
 * Results are committed strictly in input order (a slot waits for the documents before it), so
 * duplicates, near-duplicate links, sequence numbers and input fingerprints come out as in a
 * sequential run. Exact duplicates are decided when their turn comes; the workers stop after
 * normalise for texts already committed (they read the database), as the in-thread ingest does,
 * but do process duplicates within the uncommitted part of the run.
 */
async function ingestWithWorkers(opts: IngestRunOptions, workers: number): Promise<IngestSummary> {
  const t0 = performance.now();
  const c = committer(opts);
  const { summary, times } = c;
  summary.workers = workers;
  const pool = await PipelinePool.start(workers, opts.kb ? userDictDirs(opts.kb) : null, opts.store.sharedReadPath ?? null);
  const submit = (slot: Extract<Slot, { kind: 'doc' }>, dupCheck: boolean) => {
    slot.value = slot.error = undefined;
    slot.done = pool.run(slot.raw, dupCheck).then(
      (v) => void (slot.value = v),
      (e: Error) => void (slot.error = e),
    );
  };
  const window = Math.max(1, opts.maxInFlight ?? workers * IN_FLIGHT_PER_WORKER);
  const slots: Slot[] = [];
  let head = 0;
  let inFlight = 0;

  /** Commit the finished slots at the head; wait for the head while more than `keep` documents are in flight. */
  const drain = async (keep: number) => {
    while (head < slots.length) {
      const s = slots[head];
      if (s.kind === 'doc') {
        if (!s.value && !s.error) {
          if (inFlight <= keep) break;
          const t = performance.now();
          await s.done;
          summary.wait_ms += performance.now() - t;
        }
        if (s.error) throw s.error;
        const v = s.value!;
        times.normalise += v.ms[0];
        times.segment += v.ms[1];
        times.extract += v.ms[2];
        if (v.stored !== undefined) {
          // The worker saw this text committed. It still is, unless a later version of a document
          // with the same id replaced it since (then the text is new again: process it fully).
          if (c.isExactDuplicate(v.stored)) {
            inFlight--;
            slots[head++] = undefined as unknown as Slot;
          } else {
            c.forget(v.stored);
            submit(s, false);
          }
          continue;
        }
        const { doc, extraction, json } = v;
        inFlight--;
        slots[head++] = undefined as unknown as Slot; // let the result be collected once committed
        if (!c.isExactDuplicate(doc.content_hash)) c.add({ doc, extraction, json });
      } else {
        slots[head++] = undefined as unknown as Slot;
        c.inputDone(s.input);
      }
      if (head > 1024 && head * 2 > slots.length) {
        slots.splice(0, head);
        head = 0;
      }
    }
  };

  try {
    for await (const item of c.items()) {
      if (item.kind === 'input-done') {
        slots.push({ kind: 'input-done', input: item.input });
      } else {
        const slot: Extract<Slot, { kind: 'doc' }> = { kind: 'doc', raw: item.doc, done: Promise.resolve() };
        submit(slot, true);
        slots.push(slot);
        inFlight++;
        c.progress();
      }
      await drain(window - 1);
    }
    await drain(0);
    c.flush();
  } finally {
    await pool.close();
  }
  summary.elapsed_ms = performance.now() - t0;
  summary.no_op = summary.added === 0;
  return summary;
}


export interface ExtractRunOptions {
  store: Store;
  kb: KnowledgeBase;
  /** Only documents whose extractor_version differs from the current one (default: all). */
  onlyStale?: boolean;
  batchSize?: number;
  onProgress?: (done: number) => void;
}

/**
 * Re-run extraction over the stored documents, idempotently: each document's facts are replaced
 * and stamped with the extractor version. Near-duplicates are skipped (their first copy counts).
 */
export function reextract(opts: ExtractRunOptions, currentVersion: string): { documents: number; facts: IngestSummary['facts'] } {
  const { store, kb } = opts;
  const batchSize = opts.batchSize ?? 250;
  const facts = { events: 0, commitments: 0, policies: 0, entities: 0 };
  let n = 0;
  let pending: { id: string; extraction: Extraction }[] = [];
  const flush = () => {
    store.transaction(() => {
      for (const p of pending) store.replaceFacts(p.id, p.extraction);
    });
    pending = [];
  };
  // Collect ids first: we must not write while iterating a read cursor on the same connection.
  const ids: string[] = [];
  for (const d of store.iterateDocuments({ excludeDuplicates: true })) {
    if (opts.onlyStale && d.extractor_version === currentVersion) continue;
    ids.push(d.id);
  }
  for (const id of ids) {
    const detail = store.getDocument(id);
    if (!detail) continue;
    const doc = storedToSegmented(detail);
    const extraction = extractDocument(doc, kb);
    facts.events += extraction.events.length;
    facts.commitments += extraction.commitments.length;
    facts.policies += extraction.policies.length;
    facts.entities += extraction.entities.length;
    pending.push({ id, extraction });
    n++;
    if (pending.length >= batchSize) flush();
    opts.onProgress?.(n);
  }
  if (pending.length) flush();
  return { documents: n, facts };
}

/** Rebuild the segmented form of a stored document (for re-extraction). */
export function storedToSegmented(d: import('./store/store.ts').StoredDocumentDetail): SegmentedDocument {
  return {
    id: d.id,
    source_path: d.source_path,
    item_index: d.item_index,
    format: d.format as SegmentedDocument['format'],
    title: d.title,
    text: d.text,
    lang: d.lang,
    published: d.published && d.published_precision ? { value: d.published, precision: d.published_precision } : null,
    url: d.url,
    site_name: d.site_name,
    source: d.source,
    boilerplate: d.boilerplate,
    content_hash: d.content_hash,
    minhash: new Uint32Array(0),
    bytes: d.bytes,
    paragraphs: d.paragraphs,
    sentences: d.sentences,
  };
}
