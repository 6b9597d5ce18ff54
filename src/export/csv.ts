/**
 * CSV rendering of output records: one record kind per file (mixed kinds have different columns),
 * RFC 4180 quoting, CRLF line ends. Nested arrays are flattened to `;`-joined codes or ids, and
 * every fact row carries its provenance (doc_id, source_path, sequence, start, end, event_text).
 */
import type { ExportKind } from '../store/store.ts';
import type { CommitmentRecord, DocumentRecord, EntityRecord, EventRecord, OutputRecord, Party, PolicyRecord } from '../types.ts';

type Cell = string | number | null | undefined;

/** RFC 4180: quote a field holding a comma, quote, CR or LF; double the quotes inside. */
export function csvField(v: Cell): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(cells: readonly Cell[]): string {
  return cells.map(csvField).join(',') + '\r\n';
}

const list = (xs: readonly string[] | null | undefined): string => (xs ?? []).join(';');
const codes = (ps: readonly Party[] | null | undefined): string => list((ps ?? []).map((p) => p.code));
const names = (ps: readonly Party[] | null | undefined): string => list((ps ?? []).map((p) => p.name));

interface Columns<R> {
  header: string[];
  row: (r: R) => Cell[];
}

const PROVENANCE = ['doc_id', 'source_path', 'sequence', 'start', 'end'];

const documents: Columns<DocumentRecord> = {
  header: ['doc_id', 'source_path', 'title', 'lang', 'published', 'published_precision', 'url', 'source', 'domains', 'duplicate_of'],
  row: (r) => [r.doc_id, r.source_path, r.title, r.lang, r.published, r.published_precision, r.url, r.source, list(r.domains), r.duplicate_of],
};

const events: Columns<EventRecord> = {
  header: ['id', ...PROVENANCE, 'event', 'mode', 'modality', 'date', 'date_precision', 'actor', 'actor_names', 'recipient', 'recipient_names',
    'context', 'domains', 'cameo', 'goldstein', 'event_loc', 'confidence', 'extractor_version', 'event_text'],
  row: (r) => [r.id, r.doc_id, r.source_path, r.text_info.sequence, r.text_info.start, r.text_info.end, r.event, r.mode, r.modality, r.date,
    r.date_precision, codes(r.actor), names(r.actor), codes(r.recipient), names(r.recipient), list(r.context), list(r.domains), r.cameo,
    r.goldstein, r.event_loc, r.confidence, r.extractor_version, r.event_text],
};

const commitments: Columns<CommitmentRecord> = {
  header: ['id', ...PROVENANCE, 'actor', 'actor_names', 'what', 'quantity', 'unit', 'deadline', 'deadline_precision', 'status', 'domains',
    'confidence', 'extractor_version', 'event_text'],
  row: (r) => [r.id, r.doc_id, r.source_path, r.text_info.sequence, r.text_info.start, r.text_info.end, codes(r.actor), names(r.actor), r.what,
    r.quantity, r.unit, r.deadline, r.deadline_precision, r.status, list(r.domains), r.confidence, r.extractor_version, r.event_text],
};

const policies: Columns<PolicyRecord> = {
  header: ['id', ...PROVENANCE, 'name', 'jurisdiction', 'status', 'date', 'date_precision', 'domains', 'confidence', 'extractor_version', 'event_text'],
  row: (r) => [r.id, r.doc_id, r.source_path, r.text_info.sequence, r.text_info.start, r.text_info.end, r.name, r.jurisdiction, r.status, r.date,
    r.date_precision, list(r.domains), r.confidence, r.extractor_version, r.event_text],
};

/** Entities have many mentions: the first one is the provenance, the count says how many more. */
const entities: Columns<EntityRecord> = {
  header: ['id', ...PROVENANCE, 'kind', 'name', 'aliases', 'country', 'role', 'sector', 'mentions', 'raw_text', 'extractor_version'],
  row: (r) => {
    const m = r.mentions?.[0];
    return [r.id, r.doc_id, r.source_path, m?.sequence, m?.start, m?.end, r.kind, r.name, list(r.aliases), r.country, r.role, r.sector,
      r.mentions?.length ?? 0, m?.raw_text, r.extractor_version];
  },
};

const COLUMNS: Record<ExportKind, Columns<never>> = {
  documents: documents as Columns<never>,
  events: events as Columns<never>,
  commitments: commitments as Columns<never>,
  policies: policies as Columns<never>,
  entities: entities as Columns<never>,
};

export function csvHeader(kind: ExportKind): string {
  return csvRow(COLUMNS[kind].header);
}

export function csvRecord(kind: ExportKind, r: OutputRecord): string {
  return csvRow(COLUMNS[kind].row(r as never));
}
