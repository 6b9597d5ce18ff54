/**
 * The embedded SQLite store (better-sqlite3, WAL).
 *
 * Write side: hand-written portable SQL in statements prepared once (the hot ingest path).
 * Read side with dynamic filters: Kysely as a query *builder* only — queries are compiled to SQL
 * text and run synchronously through better-sqlite3 (statements cached by SQL text), which keeps
 * the SQL portable to the PostgreSQL store to come while staying synchronous and fast.
 *
 * Streaming reads page through the table by key (a few dozen rows at a time) instead of holding
 * one long-running statement open: better-sqlite3 refuses writes on a connection while a
 * statement is being iterated, and callers do write while they stream (re-extraction replaces
 * facts document by document; the server may ingest while an export is running).
 */
import type Database from 'better-sqlite3';
import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  sql,
  type Compilable,
  type Selectable,
} from 'kysely';
import type {
  BoilerplateSpan,
  CommitmentRecord,
  DatePrecision,
  DocumentRecord,
  EntityRecord,
  EventRecord,
  Extraction,
  InputFingerprint,
  Lang,
  OutputRecord,
  PolicyRecord,
  SegmentedDocument,
} from '../types.ts';
import { fold } from '../util/fold.ts';
import type {
  DocumentFilter,
  ExportKind,
  FactRecordsJson,
  ExportOptions,
  SearchHit,
  SearchQuery,
  SearchResult,
  Stats,
  Store,
  StoredDocument,
  StoredDocumentDetail,
} from './store.ts';
import type { DB, DocumentsTable } from './schema.ts';
import { openConnection, migrate, type ConnectionOptions } from './open.ts';
import { FactWriter } from './fact-writer.ts';
import { AggregateWriter } from './aggregates.ts';
import { documentConditions, urlHost } from './filters.ts';
import { blobToSignature, lshBands, minhashSimilarity, signatureToBlob } from './lsh.ts';
import { parseSearchQuery, SearchSyntaxError, type SearchTerm } from './search-query.ts';
import { buildSnippet, leadSnippet, type Snippet } from './snippet.ts';

export { StoreOpenError, NotADatabaseError, DatabaseTooNewError } from './errors.ts';
export { SearchSyntaxError } from './search-query.ts';
export { InvalidFilterError } from './filters.ts';

/** Number of LSH bands per signature (src/normalise/fingerprint.ts lshBands). */
const LSH_BANDS = 32;
/** Rows fetched per page when streaming. */
const DOC_PAGE = 64;
const RECORD_PAGE = 500;
const DEFAULT_SEARCH_LIMIT = 20;
const MAX_SEARCH_LIMIT = 1000;

type DocRow = Selectable<DocumentsTable>;
type Span = { start: number; end: number };

/** Total length of the union of `spans`, clipped to [0, length). */
function coveredLength(spans: readonly Span[], length: number): number {
  const sorted = spans.map((s) => [Math.max(0, s.start), Math.min(length, s.end)] as const).filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  let total = 0;
  let end = 0;
  for (const [a, b] of sorted) {
    if (b <= end) continue;
    total += b - Math.max(a, end);
    end = b;
  }
  return total;
}

/** The text the search index sees: boilerplate spans replaced by a line break, then folded. */
function indexableBody(text: string, spans: readonly Span[]): string {
  if (spans.length === 0) return fold(text);
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let out = '';
  let pos = 0;
  for (const s of sorted) {
    if (s.start > pos) out += text.slice(pos, s.start);
    if (s.end > pos) {
      out += '\n';
      pos = s.end;
    }
  }
  out += text.slice(pos);
  return fold(out);
}

function toStoredDocument(r: DocRow): StoredDocument {
  return {
    seq: r.seq,
    id: r.id,
    source_path: r.source_path,
    item_index: r.item_index,
    format: r.format,
    title: r.title,
    text: r.text,
    lang: r.lang as Lang,
    published: r.published,
    published_precision: r.published_precision as DatePrecision | null,
    url: r.url,
    site_name: r.site_name,
    source: r.source,
    content_hash: r.content_hash,
    duplicate_of: r.duplicate_of,
    similarity: r.similarity,
    bytes: r.bytes,
    text_chars: r.text_chars,
    boilerplate_chars: r.boilerplate_chars,
    domains: JSON.parse(r.domains) as string[],
    extractor_version: r.extractor_version,
    ingested_at: r.ingested_at,
  };
}

/** Columns of `documents` exposed as StoredDocument (everything but internal helper columns). */
const DOC_COLUMNS = [
  'd.seq', 'd.id', 'd.source_path', 'd.item_index', 'd.format', 'd.title', 'd.text', 'd.lang', 'd.published',
  'd.published_precision', 'd.published_month', 'd.url', 'd.site_name', 'd.source', 'd.content_hash', 'd.duplicate_of',
  'd.similarity', 'd.bytes', 'd.text_chars', 'd.boilerplate_chars', 'd.domains', 'd.extractor_version', 'd.ingested_at',
  'd.url_host',
] as const;

const FACT_TABLES = {
  events: 'events',
  commitments: 'commitments',
  policies: 'policies',
  entities: 'entities',
} as const;
const ALL_KINDS: readonly ExportKind[] = ['documents', 'events', 'commitments', 'policies', 'entities'];

/** Builds SQL only: never connects (see file comment). */
function queryBuilder(): Kysely<DB> {
  return new Kysely<DB>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  });
}

/**
 * Every write transaction adds one to the database's write generation, kept in SQLite's header
 * field user_version (which Coopwatch does not otherwise use): any connection, in any process,
 * reads the same value, so HTTP ETags and response caches of several server processes agree
 * (serve/etag.ts). It runs last in the transaction, when the write lock is already held.
 */
function bumpGeneration(db: Database.Database): void {
  const v = db.pragma('user_version', { simple: true }) as number;
  db.pragma(`user_version = ${(v + 1) % 0x7fffffff}`);
}

/** Open (creating and migrating if needed) the SQLite database at `path`. */
export function openStore(path: string, opts: { readonly?: boolean } & ConnectionOptions = {}): SqliteStore {
  const readonly = opts.readonly ?? false;
  const db = openConnection(path, readonly, opts);
  try {
    const version = migrate(db, path, readonly);
    return new SqliteStore(db, path, version, readonly);
  } catch (e) {
    db.close();
    throw e;
  }
}

export class SqliteStore implements Store {
  /** The raw connection, for analytic read queries (src/store/analytics.ts). */
  readonly db: Database.Database;
  readonly path: string;
  readonly schemaVersion: number;
  readonly readonly: boolean;
  private readonly qb = queryBuilder();
  private readonly cache = new Map<string, Database.Statement>();
  private readonly facts: FactWriter | null;
  private readonly agg: AggregateWriter | null;
  private readonly w: ReturnType<typeof prepareWrites> | null;

  constructor(db: Database.Database, path: string, schemaVersion: number, readonly = false) {
    this.db = db;
    this.path = path;
    this.schemaVersion = schemaVersion;
    this.readonly = readonly;
    this.w = readonly ? null : prepareWrites(db);
    this.facts = readonly ? null : new FactWriter(db);
    this.agg = readonly ? null : new AggregateWriter(db);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  get sharedReadPath(): string | null {
    return this.db.memory || this.path === '' ? null : this.path;
  }

  transaction<T>(fn: () => T): T {
    // A nested call joins the outer transaction as plain statements, not a savepoint: an ingest
    // batch writes each document through insertDocument and replaceFacts, each a transaction of
    // its own when called alone, and two savepoints per document cost ~0.6 ms in RELEASE plus a
    // copy of every page they touch into the statement journal (docs/benchmarks.md §1). An error
    // inside still rolls everything back as it leaves the outer transaction; a caller must not
    // catch a nested write's error and carry on writing in the same transaction.
    if (this.db.inTransaction) return fn();
    return this.db.transaction(() => {
      const out = fn();
      bumpGeneration(this.db);
      return out;
    })();
  }

  // --- statement helpers ----------------------------------------------------------------

  /** Prepared statement for `text`, cached (Kysely compiles identical queries to identical text). */
  private stmt(text: string): Database.Statement {
    let s = this.cache.get(text);
    if (!s) {
      s = this.db.prepare(text);
      this.cache.set(text, s);
    }
    return s;
  }

  private all<R>(q: Compilable<R>): R[] {
    const c = q.compile();
    return this.stmt(c.sql).all(...(c.parameters as unknown[])) as R[];
  }

  private first<R>(q: Compilable<R>): R | undefined {
    const c = q.compile();
    return this.stmt(c.sql).get(...(c.parameters as unknown[])) as R | undefined;
  }

  private writes(): ReturnType<typeof prepareWrites> {
    if (!this.w) throw new Error(`${this.path} is open read-only`);
    return this.w;
  }

  private seqOf(id: string): number | null {
    const row = this.stmt('SELECT seq FROM documents WHERE id = ?').get(id) as { seq: number } | undefined;
    return row ? row.seq : null;
  }

  // --- ingest side ------------------------------------------------------------------------

  isInputUnchanged(fp: Omit<InputFingerprint, 'documents'>): boolean {
    const row = this.stmt('SELECT size, mtime_ms FROM inputs WHERE source_path = ?').get(fp.source_path) as
      | { size: number; mtime_ms: number }
      | undefined;
    return !!row && row.size === fp.size && row.mtime_ms === fp.mtime_ms;
  }

  recordInput(fp: InputFingerprint): void {
    this.writes().upsertInput.run(fp.source_path, fp.size, fp.mtime_ms, fp.documents, new Date().toISOString());
  }

  findByContentHash(hash: string): string | null {
    const row = this.stmt('SELECT id FROM documents WHERE content_hash = ?').get(hash) as { id: string } | undefined;
    return row ? row.id : null;
  }

  findNearDuplicate(minhash: Uint32Array, threshold = 0.9): { id: string; similarity: number } | null {
    if (minhash.length === 0) return null;
    const bandQ = this.stmt('SELECT doc_seq FROM minhash_bands WHERE band = ? AND hash = ?').pluck();
    const candidates = new Set<number>();
    lshBands(minhash, LSH_BANDS).forEach((h, band) => {
      for (const seq of bandQ.all(band, h) as number[]) candidates.add(seq);
    });
    if (candidates.size === 0) return null;
    const sigQ = this.stmt(
      `SELECT d.id AS id, s.signature AS signature FROM minhash_signatures s JOIN documents d ON d.seq = s.doc_seq
       WHERE s.doc_seq = ? AND d.duplicate_of IS NULL`,
    );
    let best: { id: string; similarity: number; seq: number } | null = null;
    for (const seq of candidates) {
      const row = sigQ.get(seq) as { id: string; signature: Buffer } | undefined;
      if (!row) continue;
      const sim = minhashSimilarity(minhash, blobToSignature(row.signature));
      // Ties go to the earliest document: "first copy" is the original.
      if (sim >= threshold && (!best || sim > best.similarity || (sim === best.similarity && seq < best.seq))) {
        best = { id: row.id, similarity: sim, seq };
      }
    }
    return best && { id: best.id, similarity: best.similarity };
  }

  insertDocument(doc: SegmentedDocument, nearDuplicate: { id: string; similarity: number } | null): number {
    const w = this.writes();
    return this.transaction(() => {
      // Same id again (an input whose article was edited): the new version replaces the old.
      const old = this.seqOf(doc.id);
      if (old !== null) this.deleteDocument(old);
      const p = doc.published;
      const month = p && (p.precision === 'day' || p.precision === 'month') ? p.value.slice(0, 7) : null;
      const info = w.insertDoc.run(
        doc.id, doc.source_path, doc.item_index ?? null, doc.format, doc.title ?? null, doc.text, doc.lang,
        p?.value ?? null, p?.precision ?? null, month, doc.url ?? null, doc.site_name ?? null, doc.source ?? null,
        doc.content_hash, nearDuplicate?.id ?? null, nearDuplicate?.similarity ?? null, doc.bytes, doc.text.length,
        coveredLength(doc.boilerplate, doc.text.length), new Date().toISOString(), urlHost(doc.url),
      );
      const seq = Number(info.lastInsertRowid);
      this.agg!.document(seq, 1);
      for (const x of doc.paragraphs) w.insertParagraph.run(seq, x.index, x.start, x.end, x.boilerplate ? 1 : 0);
      for (const s of doc.sentences) w.insertSentence.run(seq, s.index, s.paragraph, s.start, s.end, s.boilerplate ? 1 : 0);
      for (const b of doc.boilerplate) w.insertSpan.run(seq, b.start, b.end, b.kind);
      if (doc.minhash.length > 0) {
        w.insertSignature.run(seq, signatureToBlob(doc.minhash));
        lshBands(doc.minhash, LSH_BANDS).forEach((h, band) => w.insertBand.run(band, h, seq));
      }
      // Near-duplicates are stored but not indexed: search shows the first copy only.
      if (!nearDuplicate) w.insertFts.run(seq, fold(doc.title ?? ''), indexableBody(doc.text, doc.boilerplate));
      return seq;
    });
  }

  /** Remove a document and everything hanging off it (its FTS row has no foreign key). */
  private deleteDocument(seq: number): void {
    const w = this.writes();
    if (this.hasFacts(seq)) this.agg!.factsOf(seq, -1);
    this.agg!.document(seq, -1);
    this.facts!.clear(seq);
    w.deleteFts.run(seq);
    for (const s of w.deleteChildren) s.run(seq);
    w.deleteDoc.run(seq);
  }

  replaceFacts(docId: string, extraction: Extraction, json?: FactRecordsJson): void {
    const facts = this.factWriter();
    if (extraction.doc_id !== docId) throw new Error(`replaceFacts: extraction is for "${extraction.doc_id}", not "${docId}"`);
    this.transaction(() => {
      const seq = this.requireSeq(docId);
      const had = this.hasFacts(seq);
      // A document never extracted has no fact rows: insert only, no deletes, nothing to subtract.
      if (had) this.agg!.factsOf(seq, -1);
      facts.replace(seq, docId, extraction, !had, json);
      this.agg!.factsOf(seq, 1, {
        events: extraction.events.length > 0,
        docDomains: extraction.domains.length > 0,
        commitments: extraction.commitments.length > 0,
        policies: extraction.policies.length > 0,
        entities: extraction.entities.length > 0,
      });
    });
  }

  clearFacts(docId: string): void {
    const facts = this.factWriter();
    this.transaction(() => {
      const seq = this.requireSeq(docId);
      if (this.hasFacts(seq)) this.agg!.factsOf(seq, -1);
      facts.clear(seq);
    });
  }

  /**
   * Whether the document may have fact rows. Facts are written only by FactWriter.replace, which
   * stamps documents.extractor_version, and removed only by FactWriter.clear, which resets it:
   * a NULL version means there is nothing to delete or subtract.
   */
  private hasFacts(seq: number): boolean {
    const v = this.stmt('SELECT extractor_version FROM documents WHERE seq = ?').pluck().get(seq);
    return v !== null && v !== undefined;
  }

  private factWriter(): FactWriter {
    if (!this.facts) throw new Error(`${this.path} is open read-only`);
    return this.facts;
  }

  private requireSeq(docId: string): number {
    const seq = this.seqOf(docId);
    if (seq === null) throw new Error(`no stored document with id "${docId}"`);
    return seq;
  }

  // --- read side --------------------------------------------------------------------------

  getDocument(id: string): StoredDocumentDetail | null {
    const row = this.first(this.qb.selectFrom('documents as d').select(DOC_COLUMNS).where('d.id', '=', id));
    if (!row) return null;
    const seq = row.seq;
    type Off = { start: number; end: number };
    const paragraphs = (
      this.stmt('SELECT idx, start_offset AS start, end_offset AS end, boilerplate FROM paragraphs WHERE doc_seq = ? ORDER BY idx').all(seq) as (Off & { idx: number; boilerplate: number })[]
    ).map((p) => ({ index: p.idx, start: p.start, end: p.end, boilerplate: p.boilerplate === 1 }));
    const sentences = (
      this.stmt('SELECT idx, paragraph, start_offset AS start, end_offset AS end, boilerplate FROM sentences WHERE doc_seq = ? ORDER BY idx').all(seq) as (Off & { idx: number; paragraph: number; boilerplate: number })[]
    ).map((s) => ({ index: s.idx, paragraph: s.paragraph, start: s.start, end: s.end, boilerplate: s.boilerplate === 1 }));
    const records = <T>(table: string): T[] =>
      (this.stmt(`SELECT record FROM ${table} WHERE doc_seq = ? ORDER BY rowid`).pluck().all(seq) as string[]).map((r) => JSON.parse(r) as T);
    return {
      ...toStoredDocument(row),
      paragraphs,
      sentences,
      boilerplate: this.boilerplateOf(seq) as BoilerplateSpan[],
      events: records<EventRecord>('events'),
      commitments: records<CommitmentRecord>('commitments'),
      policies: records<PolicyRecord>('policies'),
      entities: records<EntityRecord>('entities'),
    };
  }

  private boilerplateOf(seq: number): { start: number; end: number; kind: string }[] {
    return this.stmt('SELECT start_offset AS start, end_offset AS end, kind FROM boilerplate_spans WHERE doc_seq = ? ORDER BY start_offset').all(seq) as {
      start: number;
      end: number;
      kind: string;
    }[];
  }

  /**
   * Documents in seq order, a page at a time. Near-duplicates are left out unless
   * `excludeDuplicates: false` (what extraction and statistics want by default).
   */
  *iterateDocuments(filter?: DocumentFilter): IterableIterator<StoredDocument> {
    let after = 0;
    for (;;) {
      const page = this.all(
        this.qb
          .selectFrom('documents as d')
          .select(DOC_COLUMNS)
          .where((eb) => documentConditions(eb, filter, true))
          .where('d.seq', '>', after)
          .orderBy('d.seq')
          .limit(DOC_PAGE),
      );
      for (const r of page) yield toStoredDocument(r);
      if (page.length < DOC_PAGE) return;
      after = page[page.length - 1].seq;
    }
  }

  search(query: SearchQuery): SearchResult {
    const parsed = parseSearchQuery(query.q);
    const limit = Math.max(0, Math.min(MAX_SEARCH_LIMIT, Math.floor(query.limit ?? DEFAULT_SEARCH_LIMIT)));
    const offset = Math.max(0, Math.floor(query.offset ?? 0));
    const base = this.qb
      .selectFrom('documents_fts')
      .innerJoin('documents as d', 'd.seq', 'documents_fts.rowid')
      .where('documents_fts.documents_fts', 'match', parsed.fts)
      .where((eb) => documentConditions(eb, query, true));
    let total: number;
    let rows: (DocRow & { score: number })[];
    try {
      total = this.first(base.select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0;
      // Rank first, on (seq, score) only, then read the page's documents: carrying every match's
      // row (its text) into the sort read ~2× more pages than the ranking itself.
      const ranked =
        limit === 0
          ? []
          : this.all(
              base
                .select(['d.seq as seq', sql<number>`bm25(documents_fts, 2.0, 1.0)`.as('score')])
                .orderBy('score')
                .orderBy('d.seq')
                .limit(limit)
                .offset(offset),
            );
      const docs = ranked.length
        ? new Map(this.all(this.qb.selectFrom('documents as d').select(DOC_COLUMNS).where('d.seq', 'in', ranked.map((r) => r.seq))).map((d) => [d.seq, d]))
        : new Map<number, DocRow>();
      rows = ranked.map((r) => ({ ...docs.get(r.seq)!, score: r.score }));
    } catch (e) {
      // The expression is generated to be valid; should FTS5 still reject it, the user gets a
      // query error rather than an SQLite stack trace.
      if (/fts5|syntax error|unterminated|no such column/i.test((e as Error).message)) {
        throw new SearchSyntaxError(`cannot run this query: ${(e as Error).message}`, query.q);
      }
      throw e;
    }
    const hits: SearchHit[] = rows.map((r) => {
      const snip = this.snippetFor(r, parsed.terms);
      return {
        id: r.id,
        title: r.title,
        lang: r.lang as Lang,
        published: r.published,
        source: r.source ?? r.site_name ?? r.url_host,
        source_path: r.source_path,
        url: r.url,
        score: r.score,
        snippet: snip.snippet,
        snippet_parts: snip.parts,
        duplicate_of: r.duplicate_of,
      };
    });
    return { query: query.q, fts: parsed.fts, total, hits };
  }

  /** Best body window outside boilerplate; else the matching title; else the article's lead. */
  private snippetFor(r: DocRow, terms: readonly SearchTerm[]): Snippet {
    const spans = this.boilerplateOf(r.seq);
    return (
      buildSnippet(r.text, terms, spans) ??
      (r.title ? buildSnippet(r.title, terms, [], Math.max(200, r.title.length)) : null) ??
      leadSnippet(r.text, spans)
    );
  }

  stats(): Stats {
    const one = (q: string): number => (this.stmt(q).pluck().get() as number | null) ?? 0;
    const groups = (q: string): Record<string, number> => {
      const out: Record<string, number> = {};
      for (const r of this.stmt(q).all() as { k: string; n: number }[]) out[r.k] = r.n;
      return out;
    };
    const UNIQUE = 'FROM documents WHERE duplicate_of IS NULL';
    const chars = this.stmt(`SELECT sum(text_chars) AS t, sum(boilerplate_chars) AS b ${UNIQUE}`).get() as { t: number | null; b: number | null };
    const documents = one('SELECT count(*) FROM documents');
    const near = one('SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL');
    return {
      documents,
      near_duplicates: near,
      unique_documents: documents - near,
      by_lang: groups(`SELECT lang AS k, count(*) AS n ${UNIQUE} GROUP BY lang ORDER BY n DESC, k`),
      by_month: groups(`SELECT published_month AS k, count(*) AS n ${UNIQUE} AND published_month IS NOT NULL GROUP BY published_month ORDER BY k`),
      by_source: groups(
        `SELECT COALESCE(source, site_name, url_host, 'unknown') AS k, count(*) AS n ${UNIQUE} GROUP BY COALESCE(source, site_name, url_host, 'unknown') ORDER BY n DESC, k`,
      ),
      undated: one(`SELECT count(*) ${UNIQUE} AND published_month IS NULL`),
      boilerplate_share: chars.t ? (chars.b ?? 0) / chars.t : 0,
      sentences: one('SELECT count(*) FROM sentences s JOIN documents d ON d.seq = s.doc_seq WHERE d.duplicate_of IS NULL AND s.boilerplate = 0'),
      facts: {
        events: one('SELECT count(*) FROM events'),
        commitments: one('SELECT count(*) FROM commitments'),
        policies: one('SELECT count(*) FROM policies'),
        entities: one('SELECT count(*) FROM entities'),
      },
      inputs: one('SELECT count(*) FROM inputs'),
      schema_version: this.schemaVersion,
    };
  }

  /**
   * Document records (every stored document, near-duplicates included and flagged, unless the
   * filter says otherwise), then events, commitments, policies and entities of the documents
   * passing the filter — streamed page by page, so memory stays flat.
   */
  *iterateRecords(opts: ExportOptions = {}): IterableIterator<OutputRecord> {
    const kinds = new Set(opts.kinds ?? ALL_KINDS);
    if (kinds.has('documents')) yield* this.documentRecords(opts);
    for (const kind of ['events', 'commitments', 'policies', 'entities'] as const) {
      if (kinds.has(kind)) yield* this.factRecords(FACT_TABLES[kind], opts);
    }
  }

  private *documentRecords(filter: DocumentFilter): IterableIterator<DocumentRecord> {
    let after = 0;
    for (;;) {
      const page = this.all(
        this.qb
          .selectFrom('documents as d')
          .select(['d.seq', 'd.id', 'd.source_path', 'd.title', 'd.lang', 'd.published', 'd.published_precision', 'd.url', 'd.source', 'd.domains', 'd.duplicate_of'])
          .where((eb) => documentConditions(eb, filter, false))
          .where('d.seq', '>', after)
          .orderBy('d.seq')
          .limit(RECORD_PAGE),
      );
      for (const r of page) {
        yield {
          type: 'document',
          doc_id: r.id,
          source_path: r.source_path,
          title: r.title,
          lang: r.lang as Lang,
          published: r.published,
          published_precision: r.published_precision as DatePrecision | null,
          url: r.url,
          source: r.source,
          domains: JSON.parse(r.domains) as string[],
          duplicate_of: r.duplicate_of,
        };
      }
      if (page.length < RECORD_PAGE) return;
      after = page[page.length - 1].seq;
    }
  }

  /** Fact records in (document, insertion) order, keyset-paged on (doc_seq, rowid). */
  private *factRecords(table: 'events' | 'commitments' | 'policies' | 'entities', filter: DocumentFilter): IterableIterator<OutputRecord> {
    let seq = 0;
    let rid = 0;
    for (;;) {
      const page = this.all(
        this.qb
          // All four tables share doc_seq and record; typing as one of them keeps the builder simple.
          .selectFrom(`${table} as f` as 'events as f')
          .innerJoin('documents as d', 'd.seq', 'f.doc_seq')
          .select(['f.doc_seq', 'f.record', sql<number>`f.rowid`.as('rid')])
          .where((eb) => documentConditions(eb, filter, false))
          .where((eb) => eb.or([eb('f.doc_seq', '>', seq), eb.and([eb('f.doc_seq', '=', seq), eb(sql.ref('f.rowid'), '>', rid)])]))
          .orderBy('f.doc_seq')
          .orderBy(sql`f.rowid`)
          .limit(RECORD_PAGE),
      );
      for (const r of page) yield JSON.parse(r.record) as OutputRecord;
      if (page.length < RECORD_PAGE) return;
      const last = page[page.length - 1];
      seq = last.doc_seq;
      rid = last.rid;
    }
  }
}

/** Statements of the write path, prepared once per connection. */
function prepareWrites(db: Database.Database) {
  return {
    upsertInput: db.prepare(`INSERT INTO inputs (source_path, size, mtime_ms, documents, ingested_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (source_path) DO UPDATE SET size = excluded.size, mtime_ms = excluded.mtime_ms,
      documents = excluded.documents, ingested_at = excluded.ingested_at`),
    insertDoc: db.prepare(`INSERT INTO documents (id, source_path, item_index, format, title, text, lang, published,
      published_precision, published_month, url, site_name, source, content_hash, duplicate_of, similarity, bytes,
      text_chars, boilerplate_chars, ingested_at, url_host)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    insertParagraph: db.prepare('INSERT INTO paragraphs (doc_seq, idx, start_offset, end_offset, boilerplate) VALUES (?, ?, ?, ?, ?)'),
    insertSentence: db.prepare('INSERT INTO sentences (doc_seq, idx, paragraph, start_offset, end_offset, boilerplate) VALUES (?, ?, ?, ?, ?, ?)'),
    insertSpan: db.prepare('INSERT INTO boilerplate_spans (doc_seq, start_offset, end_offset, kind) VALUES (?, ?, ?, ?)'),
    insertSignature: db.prepare('INSERT INTO minhash_signatures (doc_seq, signature) VALUES (?, ?)'),
    insertBand: db.prepare('INSERT INTO minhash_bands (band, hash, doc_seq) VALUES (?, ?, ?)'),
    insertFts: db.prepare('INSERT INTO documents_fts (rowid, title, body) VALUES (?, ?, ?)'),
    deleteFts: db.prepare('DELETE FROM documents_fts WHERE rowid = ?'),
    deleteChildren: [
      'DELETE FROM paragraphs WHERE doc_seq = ?',
      'DELETE FROM sentences WHERE doc_seq = ?',
      'DELETE FROM boilerplate_spans WHERE doc_seq = ?',
      'DELETE FROM minhash_bands WHERE doc_seq = ?',
      'DELETE FROM minhash_signatures WHERE doc_seq = ?',
    ].map((s) => db.prepare(s)),
    deleteDoc: db.prepare('DELETE FROM documents WHERE seq = ?'),
  };
}
