/**
 * Kysely table typing of the SQLite schema (src/store/migrations.ts).
 *
 * Kysely is used as a query *builder* only (queries are compiled, then run synchronously through
 * better-sqlite3), so these types are what keeps dynamically filtered read queries honest. Keep
 * them in step with migrations.ts. Booleans are stored as INTEGER 0/1; JSON as TEXT.
 */
import type { ColumnType, Generated } from 'kysely';

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: string;
}

export interface DocumentsTable {
  seq: Generated<number>;
  id: string;
  source_path: string;
  item_index: number | null;
  format: string;
  title: string | null;
  text: string;
  lang: string;
  published: string | null;
  published_precision: string | null;
  published_month: string | null;
  url: string | null;
  site_name: string | null;
  source: string | null;
  content_hash: string;
  duplicate_of: string | null;
  similarity: number | null;
  bytes: number;
  text_chars: number;
  boilerplate_chars: number;
  /** JSON array of domain ids. */
  domains: Generated<string>;
  extractor_version: string | null;
  ingested_at: string;
  /** Host of `url` (lower case), for source filters and statistics (migration 2). */
  url_host: string | null;
}

export interface InputsTable {
  source_path: string;
  size: number;
  mtime_ms: number;
  documents: number;
  ingested_at: string;
}

export interface ParagraphsTable {
  doc_seq: number;
  idx: number;
  start_offset: number;
  end_offset: number;
  boilerplate: number;
}

export interface SentencesTable {
  doc_seq: number;
  idx: number;
  paragraph: number;
  start_offset: number;
  end_offset: number;
  boilerplate: number;
}

export interface BoilerplateSpansTable {
  doc_seq: number;
  start_offset: number;
  end_offset: number;
  kind: string;
}

export interface MinhashBandsTable {
  band: number;
  hash: number;
  doc_seq: number;
}

export interface MinhashSignaturesTable {
  doc_seq: number;
  signature: Buffer;
}

/** Columns every fact table shares: provenance plus the full output record as JSON. */
interface FactColumns {
  id: string;
  doc_seq: number;
  confidence: number;
  sentence_idx: number;
  start_offset: number;
  end_offset: number;
  event_text: string;
  extractor_version: string;
  record: string;
}

export interface EventsTable extends FactColumns {
  event: string;
  mode: string | null;
  modality: string;
  date: string | null;
  date_precision: string | null;
  cameo: string | null;
  goldstein: number | null;
  /** COALESCE(date, document published) (migration 8). */
  eff_date: string | null;
}

export interface EventPartiesTable {
  event_id: string;
  /** actor | recipient */
  role: string;
  code: string;
  name: string | null;
  sector: string | null;
}

export interface CommitmentsTable extends FactColumns {
  /** Space-separated, space-padded codes: ' VNM CHN '. */
  actor_codes: string;
  what: string;
  quantity: number | null;
  unit: string | null;
  deadline: string | null;
  deadline_precision: string | null;
  status: string;
  /** The document's published date (migration 8): what commitment date filters compare. */
  eff_date: string | null;
}

/** One row per actor code of a commitment (migration 8). */
export interface CommitmentActorsTable {
  commitment_id: string;
  doc_seq: number;
  code: string;
}

export interface PoliciesTable extends FactColumns {
  name: string;
  jurisdiction: string | null;
  status: string;
  date: string | null;
  date_precision: string | null;
  /** COALESCE(date, document published) (migration 8). */
  eff_date: string | null;
}

export interface EntitiesTable {
  id: string;
  doc_seq: number;
  kind: string;
  name: string;
  country: string | null;
  role: string | null;
  sector: string | null;
  extractor_version: string;
  record: string;
}

export interface FactDomainsTable {
  /** event / commitment / policy id, or 'doc:' + document id. */
  fact_id: string;
  /** event | commitment | policy | document */
  fact_type: string;
  doc_seq: number;
  domain: string;
}

/** The contentless FTS5 index. `documents_fts` is the hidden column used on the left of MATCH. */
export interface DocumentsFtsTable {
  rowid: number;
  title: string;
  body: string;
  documents_fts: ColumnType<string, never, never>;
}

export interface DB {
  schema_migrations: SchemaMigrationsTable;
  documents: DocumentsTable;
  inputs: InputsTable;
  paragraphs: ParagraphsTable;
  sentences: SentencesTable;
  boilerplate_spans: BoilerplateSpansTable;
  minhash_bands: MinhashBandsTable;
  minhash_signatures: MinhashSignaturesTable;
  events: EventsTable;
  event_parties: EventPartiesTable;
  commitments: CommitmentsTable;
  commitment_actors: CommitmentActorsTable;
  policies: PoliciesTable;
  entities: EntitiesTable;
  fact_domains: FactDomainsTable;
  documents_fts: DocumentsFtsTable;
}
