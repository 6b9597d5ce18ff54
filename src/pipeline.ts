/**
 * The ingest pipeline: ingest → normalise → segment → extract → store, streaming.
 *
 * Documents are processed one at a time as the readers yield them and committed in batches, each
 * batch one transaction. A batch also records the inputs (files) that were completely read before
 * it, so an interrupted run (even SIGKILL) leaves a consistent database: committed batches stay,
 * the open one is rolled back by SQLite, and a re-run skips unchanged files by fingerprint and
 * already-stored documents by content hash — nothing is missing or doubled.
 */
import { performance } from 'node:perf_hooks';
import type { Extraction, InputFingerprint, InputProblem, SegmentedDocument } from './types.ts';
import type { Store } from './store/store.ts';
import { readInputs, type IngestOptions } from './ingest/index.ts';
import { normalise } from './normalise/index.ts';
import { segment } from './segment/index.ts';
import { extractDocument, type KnowledgeBase } from './extract/index.ts';

export interface PipelineProgress {
  documents: number;
  inputs: number;
  bytes: number;
}

export interface IngestRunOptions {
  store: Store;
  /** Files, folders, `-` (stdin) or http(s) URLs. */
  specs: string[];
  /** Knowledge base for extraction; when null, documents are stored without facts. */
  kb: KnowledgeBase | null;
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
}

interface Prepared {
  doc: SegmentedDocument;
  extraction: Extraction | null;
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
  };
}

/** Run the whole pipeline over `specs` into `store`. Never throws for a bad input: it is reported in `problems`. */
export async function ingest(opts: IngestRunOptions): Promise<IngestSummary> {
  const { store, kb } = opts;
  const batchSize = opts.batchSize ?? 250;
  const threshold = opts.nearDuplicateThreshold ?? 0.9;
  const summary = emptySummary();
  const t0 = performance.now();
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
      store.replaceFacts(doc.id, p.extraction);
      summary.extracted++;
      summary.facts.events += p.extraction.events.length;
      summary.facts.commitments += p.extraction.commitments.length;
      summary.facts.policies += p.extraction.policies.length;
      summary.facts.entities += p.extraction.entities.length;
    }
  };

  const skipInput = opts.force
    ? undefined
    : (fp: { source_path: string; size: number; mtime_ms: number }) => {
        const unchanged = store.isInputUnchanged(fp);
        if (unchanged) summary.inputs_unchanged++;
        return unchanged;
      };

  let tRead = performance.now();
  for await (const item of readInputs(opts.specs, { ...opts.ingestOptions, maxDocBytes: opts.maxDocBytes, skipInput })) {
    times.read += performance.now() - tRead;
    if (item.kind === 'problem') {
      summary.problems.push(item.problem);
    } else if (item.kind === 'input-done') {
      summary.inputs_read++;
      doneInputs.push(item.input);
    } else if (item.kind === 'doc') {
      summary.read++;
      summary.bytes += item.doc.bytes;
      const prepared = prepare(item.doc, store, kb, times, pendingHashes, summary);
      if (prepared) batch.push(prepared);
      if (batch.length >= batchSize) flush();
      opts.onProgress?.({ documents: summary.read, inputs: summary.inputs_read, bytes: summary.bytes });
    }
    tRead = performance.now();
  }
  flush();
  summary.elapsed_ms = performance.now() - t0;
  summary.no_op = summary.added === 0;
  return summary;
}

function prepare(
  raw: Parameters<typeof normalise>[0],
  store: Store,
  kb: KnowledgeBase | null,
  times: StageTimes,
  pendingHashes: Set<string>,
  summary: IngestSummary,
): Prepared | null {
  let t = performance.now();
  const norm = normalise(raw);
  times.normalise += performance.now() - t;
  // Exact duplicates (already stored, or earlier in this uncommitted batch) skip the costly stages.
  if (pendingHashes.has(norm.content_hash) || store.findByContentHash(norm.content_hash)) {
    summary.exact_duplicates++;
    return null;
  }
  pendingHashes.add(norm.content_hash);
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
