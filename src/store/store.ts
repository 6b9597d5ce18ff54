/**
 * The storage interface. SQLite (src/store/sqlite.ts) is the embedded default; a PostgreSQL store
 * will implement the same interface later. Everything above this layer (pipeline, CLI, server)
 * talks to `Store` only.
 */
import type {
  DatePrecision,
  Extraction,
  InputFingerprint,
  Lang,
  OutputRecord,
  SegmentedDocument,
  BoilerplateSpan,
  Sentence,
  Paragraph,
  EventRecord,
  CommitmentRecord,
  PolicyRecord,
  EntityRecord,
} from '../types.ts';

/** A stored document as read back. */
export interface StoredDocument {
  seq: number;
  id: string;
  source_path: string;
  item_index: number | null;
  format: string;
  title: string | null;
  text: string;
  lang: Lang;
  published: string | null;
  published_precision: DatePrecision | null;
  url: string | null;
  site_name: string | null;
  source: string | null;
  content_hash: string;
  duplicate_of: string | null;
  similarity: number | null;
  bytes: number;
  text_chars: number;
  boilerplate_chars: number;
  domains: string[];
  extractor_version: string | null;
  ingested_at: string;
}

export interface StoredDocumentDetail extends StoredDocument {
  paragraphs: Paragraph[];
  sentences: Sentence[];
  boilerplate: BoilerplateSpan[];
  events: EventRecord[];
  commitments: CommitmentRecord[];
  policies: PolicyRecord[];
  entities: EntityRecord[];
}

export interface DocumentFilter {
  lang?: Lang;
  /** Inclusive lower bound on `published` (ISO prefix: YYYY, YYYY-MM or YYYY-MM-DD). */
  since?: string;
  /** Inclusive upper bound on `published` (ISO prefix). */
  until?: string;
  /** Exact match on source, site_name or the URL's host. */
  source?: string;
  /** Leave out near-duplicates (default true for statistics and extraction). */
  excludeDuplicates?: boolean;
}

export interface SearchQuery extends DocumentFilter {
  /** User query: words, "phrases", AND / OR / NOT, prefix*, parentheses. Diacritics are ignored. */
  q: string;
  limit?: number;
  offset?: number;
}

export interface SearchHit {
  id: string;
  title: string | null;
  lang: Lang;
  published: string | null;
  source: string | null;
  source_path: string;
  url: string | null;
  /** BM25 score (lower is better, as SQLite reports it). */
  score: number;
  /** Snippet of the original text with matches wrapped in `[` … `]` markers (plain text). */
  snippet: string;
  /** The same snippet as structured parts, so a UI can highlight without parsing markers. */
  snippet_parts: { text: string; match: boolean }[];
  duplicate_of: string | null;
}

export interface SearchResult {
  query: string;
  /** The FTS5 expression actually run (folded and quoted), for debugging. */
  fts: string;
  total: number;
  hits: SearchHit[];
}

export interface Stats {
  /** Distinct documents stored (exact duplicates are stored once; near-duplicates count here but are flagged). */
  documents: number;
  near_duplicates: number;
  /** Documents that count for statistics and extraction (documents minus near-duplicates). */
  unique_documents: number;
  by_lang: Record<string, number>;
  by_month: Record<string, number>;
  by_source: Record<string, number>;
  undated: number;
  /** Boilerplate characters / all characters, over all documents (0..1). */
  boilerplate_share: number;
  sentences: number;
  facts: { events: number; commitments: number; policies: number; entities: number };
  inputs: number;
  schema_version: number;
}

export type ExportKind = 'documents' | 'events' | 'commitments' | 'policies' | 'entities';

export interface ExportOptions extends DocumentFilter {
  /** Which record types to stream; default: all. */
  kinds?: ExportKind[];
}

/**
 * An extraction's fact records already serialised — `JSON.stringify` of each record, in the
 * extraction's order — e.g. by an ingest worker thread, so that the storing thread does not
 * serialise them again (the `record` column holds exactly this text).
 */
export interface FactRecordsJson {
  events: string[];
  commitments: string[];
  policies: string[];
  entities: string[];
}

/** `JSON.stringify` of each fact record of `x` (what FactWriter stores in `record`). */
export function factRecordsJson(x: Extraction): FactRecordsJson {
  const j = (r: unknown) => JSON.stringify(r);
  return { events: x.events.map(j), commitments: x.commitments.map(j), policies: x.policies.map(j), entities: x.entities.map(j) };
}

export interface Store {
  readonly path: string;
  /**
   * A database file other threads may open read-only to look up committed documents (used by
   * ingest workers to skip extracting exact duplicates early); null when there is none.
   */
  readonly sharedReadPath?: string | null;
  readonly schemaVersion: number;
  close(): void;

  /**
   * Run `fn` in one transaction. Nested calls join the outer one (no savepoint): an error thrown
   * inside rolls back the whole outer transaction when it leaves it, so do not catch a nested
   * write's error and go on writing in the same transaction.
   */
  transaction<T>(fn: () => T): T;

  // --- ingest side -----------------------------------------------------------------------
  /** True when this input was already fully ingested with the same size and mtime. */
  isInputUnchanged(fp: Omit<InputFingerprint, 'documents'>): boolean;
  recordInput(fp: InputFingerprint): void;
  /** Id of the stored document with this content hash, if any (exact duplicate). */
  findByContentHash(hash: string): string | null;
  /** Id of an existing document whose estimated similarity to `minhash` is ≥ threshold, with the estimate. */
  findNearDuplicate(minhash: Uint32Array, threshold?: number): { id: string; similarity: number } | null;
  /** Insert a new document with its segmentation and signature; returns its seq. */
  insertDocument(doc: SegmentedDocument, nearDuplicate: { id: string; similarity: number } | null): number;
  /**
   * Replace all facts of one document with `extraction` (idempotent: never duplicates). `json`:
   * the records already serialised (factRecordsJson), to skip serialising them here.
   */
  replaceFacts(docId: string, extraction: Extraction, json?: FactRecordsJson): void;
  /** Remove a document's facts (e.g. when it became a near-duplicate). */
  clearFacts(docId: string): void;

  // --- read side -------------------------------------------------------------------------
  getDocument(id: string): StoredDocumentDetail | null;
  /** Stream documents in seq order without loading them all. */
  iterateDocuments(filter?: DocumentFilter): IterableIterator<StoredDocument>;
  search(query: SearchQuery): SearchResult;
  stats(): Stats;
  /** Stream output records (document records then facts), in the public contract's shape. */
  iterateRecords(opts?: ExportOptions): IterableIterator<OutputRecord>;
}
