/**
 * Forward-only schema migrations. Each entry is applied once, in order, inside a transaction, and
 * recorded in `schema_migrations`. Never edit a migration that has shipped: add a new one.
 *
 * SQL is kept portable (plain types, no SQLite-only column affinities) so the same schema can be
 * replayed on PostgreSQL later; the only SQLite-specific object is the FTS5 index, which a
 * PostgreSQL store replaces with a tsvector column.
 */
import { AGGREGATE_TABLES_SQL, ENTITY_AGGREGATE_TABLES_SQL, ROLLUP_TABLES_SQL } from './aggregates.ts';
import { DOC_FACETS_SQL } from './doc-facets.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Version of the roll-up migration (its data step in open.ts is keyed by it). */
export const ROLLUP_MIGRATION = 7;

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'core schema: documents, sentences, boilerplate, duplicates, facts',
    sql: `
CREATE TABLE documents (
  seq INTEGER PRIMARY KEY,              -- internal row id; also the FTS rowid
  id TEXT NOT NULL UNIQUE,              -- public doc_id
  source_path TEXT NOT NULL,
  item_index INTEGER,
  format TEXT NOT NULL,
  title TEXT,
  text TEXT NOT NULL,
  lang TEXT NOT NULL,
  published TEXT,                       -- ISO truncated to its precision
  published_precision TEXT,             -- day | month | year
  published_month TEXT,                 -- YYYY-MM when precision allows, for monthly stats
  url TEXT,
  site_name TEXT,
  source TEXT,
  content_hash TEXT NOT NULL UNIQUE,    -- exact duplicates are stored once
  duplicate_of TEXT,                    -- near-duplicate: id of the first copy
  similarity REAL,                      -- estimated Jaccard similarity to duplicate_of
  bytes INTEGER NOT NULL,
  text_chars INTEGER NOT NULL,
  boilerplate_chars INTEGER NOT NULL,
  domains TEXT NOT NULL DEFAULT '[]',   -- JSON array of domain ids (document-level)
  extractor_version TEXT,               -- null until extracted
  ingested_at TEXT NOT NULL
);
CREATE INDEX documents_lang ON documents(lang);
CREATE INDEX documents_published ON documents(published);
CREATE INDEX documents_source ON documents(source);
CREATE INDEX documents_duplicate_of ON documents(duplicate_of);

-- Inputs already ingested (path + size + mtime): re-ingesting an unchanged file is a no-op.
CREATE TABLE inputs (
  source_path TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  mtime_ms REAL NOT NULL,
  documents INTEGER NOT NULL,
  ingested_at TEXT NOT NULL
);

CREATE TABLE paragraphs (
  doc_seq INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  start_offset INTEGER NOT NULL,
  end_offset INTEGER NOT NULL,
  boilerplate INTEGER NOT NULL,
  PRIMARY KEY (doc_seq, idx)
);

CREATE TABLE sentences (
  doc_seq INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  paragraph INTEGER NOT NULL,
  start_offset INTEGER NOT NULL,
  end_offset INTEGER NOT NULL,
  boilerplate INTEGER NOT NULL,
  PRIMARY KEY (doc_seq, idx)
);

CREATE TABLE boilerplate_spans (
  doc_seq INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
  start_offset INTEGER NOT NULL,
  end_offset INTEGER NOT NULL,
  kind TEXT NOT NULL
);
CREATE INDEX boilerplate_spans_doc ON boilerplate_spans(doc_seq);

-- MinHash LSH bands: candidate lookup for near-duplicates without scanning every document.
CREATE TABLE minhash_bands (
  band INTEGER NOT NULL,
  hash INTEGER NOT NULL,
  doc_seq INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE
);
CREATE INDEX minhash_bands_lookup ON minhash_bands(band, hash);
CREATE TABLE minhash_signatures (
  doc_seq INTEGER PRIMARY KEY REFERENCES documents(seq) ON DELETE CASCADE,
  signature BLOB NOT NULL
);

-- Facts. Each row keeps its provenance and the full output record (JSON) so export is exact.
CREATE TABLE events (
  id TEXT PRIMARY KEY,
  doc_seq INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
  event TEXT NOT NULL,
  mode TEXT,
  modality TEXT NOT NULL,
  date TEXT,
  date_precision TEXT,
  cameo TEXT,
  goldstein REAL,
  confidence REAL NOT NULL,
  sentence_idx INTEGER NOT NULL,
  start_offset INTEGER NOT NULL,
  end_offset INTEGER NOT NULL,
  event_text TEXT NOT NULL,
  extractor_version TEXT NOT NULL,
  record TEXT NOT NULL
);
CREATE INDEX events_doc ON events(doc_seq);
CREATE INDEX events_type ON events(event, modality);
CREATE INDEX events_date ON events(date);

-- One row per party of an event: filters by party and by pair.
CREATE TABLE event_parties (
  event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  role TEXT NOT NULL,                   -- actor | recipient
  code TEXT NOT NULL,
  name TEXT,
  sector TEXT
);
CREATE INDEX event_parties_code ON event_parties(code, event_id);
CREATE INDEX event_parties_event ON event_parties(event_id);

CREATE TABLE commitments (
  id TEXT PRIMARY KEY,
  doc_seq INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
  actor_codes TEXT NOT NULL,            -- space-separated codes, e.g. ' VNM CHN '
  what TEXT NOT NULL,
  quantity REAL,
  unit TEXT,
  deadline TEXT,
  deadline_precision TEXT,
  status TEXT NOT NULL,
  confidence REAL NOT NULL,
  sentence_idx INTEGER NOT NULL,
  start_offset INTEGER NOT NULL,
  end_offset INTEGER NOT NULL,
  event_text TEXT NOT NULL,
  extractor_version TEXT NOT NULL,
  record TEXT NOT NULL
);
CREATE INDEX commitments_doc ON commitments(doc_seq);
CREATE INDEX commitments_deadline ON commitments(deadline);
CREATE INDEX commitments_status ON commitments(status);

CREATE TABLE policies (
  id TEXT PRIMARY KEY,
  doc_seq INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
  name TEXT NOT NULL,
  jurisdiction TEXT,
  status TEXT NOT NULL,
  date TEXT,
  date_precision TEXT,
  confidence REAL NOT NULL,
  sentence_idx INTEGER NOT NULL,
  start_offset INTEGER NOT NULL,
  end_offset INTEGER NOT NULL,
  event_text TEXT NOT NULL,
  extractor_version TEXT NOT NULL,
  record TEXT NOT NULL
);
CREATE INDEX policies_doc ON policies(doc_seq);
CREATE INDEX policies_jurisdiction ON policies(jurisdiction);

CREATE TABLE entities (
  id TEXT PRIMARY KEY,
  doc_seq INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  country TEXT,
  role TEXT,
  sector TEXT,
  extractor_version TEXT NOT NULL,
  record TEXT NOT NULL
);
CREATE INDEX entities_doc ON entities(doc_seq);
CREATE INDEX entities_name ON entities(kind, name);

CREATE TABLE entity_mentions (
  entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
  sentence_idx INTEGER NOT NULL,
  start_offset INTEGER NOT NULL,
  end_offset INTEGER NOT NULL,
  raw_text TEXT NOT NULL
);
CREATE INDEX entity_mentions_entity ON entity_mentions(entity_id);

-- Domain tags of facts and documents, for filters and the partner x domain matrix.
CREATE TABLE fact_domains (
  fact_id TEXT NOT NULL,                -- event / commitment / policy id, or 'doc:' || doc id
  fact_type TEXT NOT NULL,              -- event | commitment | policy | document
  doc_seq INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
  domain TEXT NOT NULL
);
CREATE INDEX fact_domains_domain ON fact_domains(domain, fact_type);
CREATE INDEX fact_domains_fact ON fact_domains(fact_id);
CREATE INDEX fact_domains_doc ON fact_domains(doc_seq);

-- Full-text index over title + non-boilerplate body, folded (diacritics, đ/Đ). Contentless:
-- snippets are made from documents.text, so the text is not stored twice.
CREATE VIRTUAL TABLE documents_fts USING fts5(
  title, body,
  content='', contentless_delete=1,
  tokenize="unicode61 remove_diacritics 2"
);
`,
  },
  {
    version: 2,
    name: 'documents.url_host for source filters and statistics; indexes for filters and deletes',
    // The source filter matches source, site_name or the URL's host; extracting a host in SQL is
    // not portable, so the store computes it once at insert time.
    sql: `
ALTER TABLE documents ADD COLUMN url_host TEXT;
CREATE INDEX documents_site_name ON documents(site_name);
CREATE INDEX documents_url_host ON documents(url_host);
CREATE INDEX documents_published_month ON documents(published_month);
-- Replacing a document deletes its band rows; without this index that is a scan of all bands.
CREATE INDEX minhash_bands_doc ON minhash_bands(doc_seq);
`,
  },
  {
    version: 3,
    name: 'pre-computed aggregates for the analytic views, maintained with every fact write; indexes for fact lists',
    // Filled from the stored facts by the data step of version 3 (src/store/open.ts).
    sql:
      AGGREGATE_TABLES_SQL +
      `
-- The document fields every analytic filter reads (near-duplicate flag, language, date), as a
-- covering index, so a join from fact rows to their document can skip the document row, whose
-- text (kilobytes, overflow pages) lies before these columns. SQLite picks it over the rowid
-- lookup only with ANALYZE statistics (not run yet); one small entry per document.
CREATE INDEX documents_scope ON documents(seq, duplicate_of, lang, published);
-- duplicate_of IS NULL holds for ~95 % of documents: as an index it only misled the planner into
-- driving fact lists from documents and sorting every fact (facts list 0.5 s at 10k) instead of
-- walking the facts in page order and stopping after one page. Nothing looks duplicates up by id.
DROP INDEX documents_duplicate_of;
-- The commitments tracker's default order (deadline, undated last, then id): one page is read
-- in index order instead of sorting every commitment.
CREATE INDEX commitments_deadline_order ON commitments(COALESCE(deadline, '~'), id);
`,
  },
  {
    version: 4,
    name: 'per-document facet keys (parties, event types, domains) for search facets',
    // Filled from the stored facts by the data step of version 4 (src/store/open.ts).
    sql: DOC_FACETS_SQL,
  },
  {
    version: 5,
    name: 'entity aggregates: partner people / organisations and distinct names under date and domain filters',
    // Filled from the stored facts by the data step of version 5 (src/store/open.ts).
    sql:
      ENTITY_AGGREGATE_TABLES_SQL +
      `
-- A party's policies newest article first (partner page): read in index order and stop after a
-- page, instead of sorting every policy of the jurisdiction.
CREATE INDEX policies_jurisdiction_doc ON policies(jurisdiction, doc_seq);
DROP INDEX policies_jurisdiction;
`,
  },
  {
    version: 6,
    name: 'drop entity_mentions (never read: mentions are kept in each entity record)',
    // The table cost a quarter of the rows written per article and a random-key index
    // (docs/benchmarks.md §1); each mention's sentence and offsets stay in entities.record.
    sql: `DROP INDEX entity_mentions_entity;
DROP TABLE entity_mentions;
`,
  },
  {
    version: ROLLUP_MIGRATION,
    name: 'date-free and monthly roll-ups of the event aggregates for the matrix, network, counterparts and timeline',
    // Filled from agg_events / agg_pairs by its data step (src/store/open.ts).
    sql: ROLLUP_TABLES_SQL,
  },
  {
    version: 8,
    name: 'effective date on fact rows (events, commitments, policies) and commitment actors, for filtered fact lists',
    // The date every date filter of a fact list compares: COALESCE(fact date, published) for
    // events and policies, the published date for commitments. Stored on the row (FactWriter
    // fills it; a document's published date never changes while its row lives: an edited
    // article is a new document row), so a date range can use an index and a walk in list order
    // needs no document lookup to test it.
    sql: `
ALTER TABLE events ADD COLUMN eff_date TEXT;
ALTER TABLE commitments ADD COLUMN eff_date TEXT;
ALTER TABLE policies ADD COLUMN eff_date TEXT;
UPDATE events SET eff_date = COALESCE(date, (SELECT d.published FROM documents d WHERE d.seq = events.doc_seq));
UPDATE commitments SET eff_date = (SELECT d.published FROM documents d WHERE d.seq = commitments.doc_seq);
UPDATE policies SET eff_date = COALESCE(date, (SELECT d.published FROM documents d WHERE d.seq = policies.doc_seq));
CREATE INDEX events_eff_date ON events(eff_date);
CREATE INDEX commitments_eff_date ON commitments(eff_date);
-- The lists' walk orders carry the columns their filters test, so a walk skips the rows that fail
-- a date / type / modality / status test in the index, without reading them (a fact row is a
-- kilobyte or more: its record): newest article first for fact lists, by deadline for the tracker.
DROP INDEX events_doc;
CREATE INDEX events_doc ON events(doc_seq, eff_date, event, modality);
DROP INDEX commitments_doc;
CREATE INDEX commitments_doc ON commitments(doc_seq, eff_date, status);
DROP INDEX commitments_deadline_order;
CREATE INDEX commitments_deadline_order ON commitments(COALESCE(deadline, '~'), id, eff_date, status);
DROP INDEX policies_doc;
CREATE INDEX policies_doc ON policies(doc_seq, eff_date, status);
DROP INDEX policies_jurisdiction_doc;
CREATE INDEX policies_jurisdiction_doc ON policies(jurisdiction, doc_seq, eff_date, status);
-- One row per actor code of a commitment (the codes of actor_codes): a list filtered by an actor
-- with few commitments starts from its rows instead of testing actor_codes on every commitment.
-- Filled by the data step of version 8 (src/store/open.ts), then by FactWriter.
CREATE TABLE commitment_actors (
  commitment_id TEXT NOT NULL,
  doc_seq INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
  code TEXT NOT NULL
);
CREATE INDEX commitment_actors_code ON commitment_actors(code, commitment_id);
CREATE INDEX commitment_actors_doc ON commitment_actors(doc_seq);
`,
  },
];

/** Highest schema version this build understands. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
