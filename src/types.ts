/**
 * Coopwatch record types — defined once, used by every stage.
 *
 * Data flows one way:  ingest → normalise → segment → extract → store → serve/export.
 *
 *   ingest     bytes on disk / stdin / URL   → RawDocument        (src/ingest)
 *   normalise  RawDocument                   → NormalisedDocument (src/normalise)
 *   segment    NormalisedDocument            → SegmentedDocument  (src/segment)
 *   extract    SegmentedDocument             → Extraction         (src/extract)
 *   store      SegmentedDocument + Extraction → SQLite            (src/store)
 *   export     store                         → JSONL / CSV        (src/export)
 *
 * Offsets (`start`, `end`) are always UTF-16 code-unit indices into the stored, NFC-normalised
 * document `text` (i.e. JavaScript string indices), end-exclusive.
 *
 * Fact records (event, commitment, policy, entity, document) use the snake_case field names of
 * the public output contract (docs/schema.md), so that what is stored, exported and served is the
 * same object — no mapping layer to drift.
 */

// ---------------------------------------------------------------------------------------------
// Shared vocabularies

/** Languages Coopwatch reads natively; `und` when detection is not confident. */
export type Lang = 'fr' | 'en' | 'vi' | 'und';
export const LANGS: readonly Lang[] = ['fr', 'en', 'vi', 'und'];

export type DatePrecision = 'day' | 'month' | 'year';

/** A date known to some precision. `value` is ISO truncated to the precision: YYYY, YYYY-MM, YYYY-MM-DD. */
export interface PartialDate {
  value: string;
  precision: DatePrecision;
}

/** Input formats the ingest stage recognises. */
export type InputFormat = 'text' | 'markdown' | 'html' | 'json' | 'jsonl' | 'rss' | 'atom';

// ---------------------------------------------------------------------------------------------
// Stage 1: ingest

/** One document as read from an input, before any cleaning beyond decoding and HTML extraction. */
export interface RawDocument {
  /** Path of the file (as given), the URL fetched, or `-` for standard input. */
  source_path: string;
  /** Position of the document inside a multi-document input (JSONL line number from 1, feed item from 0); null for single-document inputs. */
  item_index: number | null;
  format: InputFormat;
  /** `id` given by a JSON input; becomes the document id. */
  external_id: string | null;
  title: string | null;
  /** Main text, already NFC. Plain text keeps its original line structure; text built from HTML/feeds separates paragraphs with a blank line ("\n\n"). */
  text: string;
  url: string | null;
  site_name: string | null;
  /** Declared source / outlet name (JSON `source`, feed title, og:site_name…). */
  source: string | null;
  /** Published date string as found in metadata (ISO 8601 or a dateline); parsed in normalise. */
  published_raw: string | null;
  /** Language declared by the input (JSON `lang`, <html lang>), if any. */
  declared_lang: string | null;
  /** Byte size of the document in its input (for statistics and size limits). */
  bytes: number;
  /** Spans of `text` the reader already knows are not article content (e.g. leading metadata lines). */
  boilerplate_hints: BoilerplateSpan[];
}

export type ProblemCode =
  | 'not_found'
  | 'unreadable'
  | 'binary'
  | 'empty'
  | 'too_large'
  | 'truncated'
  | 'parse_error'
  | 'encoding'
  | 'fetch_failed'
  | 'unsupported';

/** An input (or an item inside one) that was skipped, with the reason. Never aborts a batch. */
export interface InputProblem {
  source_path: string;
  item_index: number | null;
  code: ProblemCode;
  reason: string;
}

export type IngestItem = { kind: 'doc'; doc: RawDocument } | { kind: 'problem'; problem: InputProblem } | { kind: 'input-done'; input: InputFingerprint };

/** Identity of one input file, used to make re-ingest of unchanged inputs a cheap no-op. */
export interface InputFingerprint {
  source_path: string;
  size: number;
  mtime_ms: number;
  documents: number;
}

// ---------------------------------------------------------------------------------------------
// Stage 2: normalise

export type BoilerplateKind =
  | 'teaser' // related-article lists: "Voir plus", "Même catégorie", "Read more", "Tin liên quan"
  | 'footer' // footer banners, copyright lines
  | 'comments' // comment prompts
  | 'credit' // photo/source credits, bylines
  | 'navigation' // menus, breadcrumbs, site headers
  | 'share' // share/subscribe prompts
  | 'metadata'; // leading metadata lines of plain text: datelines, "Source : https://…", site headers

/** A span of the stored text that is kept but marked as not part of the article. */
export interface BoilerplateSpan {
  start: number;
  end: number;
  kind: BoilerplateKind;
}

export interface NormalisedDocument {
  /** Stable document id: the JSON input's `id`, else a hash of the normalised text. */
  id: string;
  source_path: string;
  item_index: number | null;
  format: InputFormat;
  title: string | null;
  /** NFC text, paragraphs separated by "\n\n". Boilerplate is kept in place and marked in `boilerplate`. */
  text: string;
  lang: Lang;
  published: PartialDate | null;
  url: string | null;
  site_name: string | null;
  source: string | null;
  boilerplate: BoilerplateSpan[];
  /** sha256 (hex) of the folded, whitespace-collapsed text: equal hashes are exact duplicates. */
  content_hash: string;
  /** MinHash signature over word shingles of the non-boilerplate text, for near-duplicate detection. */
  minhash: Uint32Array;
  bytes: number;
}

// ---------------------------------------------------------------------------------------------
// Stage 3: segment

export interface Paragraph {
  index: number;
  start: number;
  end: number;
  boilerplate: boolean;
}

export interface Sentence {
  /** 0-based index over the whole document. */
  index: number;
  paragraph: number;
  start: number;
  end: number;
  /** True when the sentence lies inside a boilerplate span: extraction and search ignore it. */
  boilerplate: boolean;
}

export interface SegmentedDocument extends NormalisedDocument {
  paragraphs: Paragraph[];
  sentences: Sentence[];
}

// ---------------------------------------------------------------------------------------------
// Stage 4: extract — output contract (docs/schema.md, schema/coopwatch-record.schema.json)

/** PLOVER's 16 event categories. */
export type PloverEvent =
  | 'AGREE'
  | 'CONSULT'
  | 'SUPPORT'
  | 'CONCEDE'
  | 'COOPERATE'
  | 'AID'
  | 'RETREAT'
  | 'REQUEST'
  | 'ACCUSE'
  | 'REJECT'
  | 'THREATEN'
  | 'PROTEST'
  | 'SANCTION'
  | 'MOBILIZE'
  | 'COERCE'
  | 'ASSAULT';

/** PLOVER auxiliary modes, which Coopwatch implements: a promise is never reported as done. */
export type Modality = 'realized' | 'future' | 'hypothetical' | 'negated' | 'historical';

/** PLOVER sector codes. */
export type Sector =
  | 'GOV' | 'LEG' | 'JUD' | 'MIL' | 'COP' | 'SPY' | 'PTY' | 'BUS' | 'EDU' | 'MED' | 'JRN' | 'LAB'
  | 'AGR' | 'CVL' | 'ELI' | 'REL' | 'SOC' | 'IGO' | 'NGO' | 'UNK';

/** An actor or recipient in PLOVER form. */
export interface Party {
  /** ISO 3166-1 alpha-3 for a country (sub-national bodies, firms and institutions count as their country), or an IGO acronym (EU, ASEAN, UN…). */
  code: string;
  /** Canonical name of the entity (e.g. "Guangxi", "Viettel", "Czech Republic"). */
  name: string;
  /** The text as it appears in the sentence. */
  raw_text: string;
  sector: Sector | null;
}

/** Position of a record's evidence in its document. */
export interface TextInfo {
  /** Sentence index in the document. */
  sequence: number;
  /** Character offsets of the sentence in the document text. */
  start: number;
  end: number;
}

/** Fields every record carries. */
export interface RecordBase {
  doc_id: string;
  source_path: string;
}

/** Provenance fields of every fact record. */
export interface FactProvenance {
  /** The sentence itself. */
  event_text: string;
  text_info: TextInfo;
  confidence: number;
  extractor_version: string;
}

export interface DocumentRecord extends RecordBase {
  type: 'document';
  title: string | null;
  lang: Lang;
  /** ISO truncated to its precision, or null. */
  published: string | null;
  published_precision: DatePrecision | null;
  url: string | null;
  source: string | null;
  /** Technology domains of the article's cooperation content (ids of dict/domains.yaml). */
  domains: string[];
  duplicate_of: string | null;
}

export interface EventRecord extends RecordBase, FactProvenance {
  type: 'event';
  id: string;
  date: string | null;
  date_precision: DatePrecision | null;
  actor: Party[];
  recipient: Party[];
  event: PloverEvent;
  mode: string | null;
  context: string[];
  modality: Modality;
  domains: string[];
  cameo: string;
  goldstein: number;
  event_loc: string | null;
}

/** AidData lifecycle. */
export type CommitmentStatus = 'pledge' | 'commitment' | 'implementation' | 'completion' | 'cancelled';

export interface CommitmentRecord extends RecordBase, FactProvenance {
  type: 'commitment';
  id: string;
  actor: Party[];
  what: string;
  quantity: number | null;
  unit: string | null;
  deadline: string | null;
  deadline_precision: DatePrecision | null;
  domains: string[];
  status: CommitmentStatus;
}

export type PolicyStatus = 'adopted' | 'drafting' | 'announced' | 'signed';

export interface PolicyRecord extends RecordBase, FactProvenance {
  type: 'policy';
  id: string;
  name: string;
  /** Country alpha-3 or IGO code. */
  jurisdiction: string | null;
  status: PolicyStatus;
  date: string | null;
  date_precision: DatePrecision | null;
  domains: string[];
}

export interface EntityMention {
  sequence: number;
  start: number;
  end: number;
  raw_text: string;
}

export interface EntityRecord extends RecordBase {
  type: 'entity';
  id: string;
  kind: 'person' | 'organisation' | 'place';
  name: string;
  aliases: string[];
  country: string | null;
  role: string | null;
  sector: Sector | null;
  mentions: EntityMention[];
  extractor_version: string;
}

export type FactRecord = EventRecord | CommitmentRecord | PolicyRecord | EntityRecord;
export type OutputRecord = DocumentRecord | FactRecord;

/** What the extractor produces for one document. */
export interface Extraction {
  doc_id: string;
  extractor_version: string;
  /** Technology domains of the document's cooperation content. */
  domains: string[];
  events: EventRecord[];
  commitments: CommitmentRecord[];
  policies: PolicyRecord[];
  entities: EntityRecord[];
}
