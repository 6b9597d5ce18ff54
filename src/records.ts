/** Builders for output records shared by `extract` (no database) and the store's export. */
import type { DocumentRecord, NormalisedDocument, OutputRecord, Extraction } from './types.ts';

export function documentRecord(doc: Pick<NormalisedDocument, 'id' | 'source_path' | 'title' | 'lang' | 'published' | 'url' | 'source' | 'site_name'>, domains: string[], duplicateOf: string | null): DocumentRecord {
  return {
    type: 'document',
    doc_id: doc.id,
    source_path: doc.source_path,
    title: doc.title,
    lang: doc.lang,
    published: doc.published?.value ?? null,
    published_precision: doc.published?.precision ?? null,
    url: doc.url,
    source: doc.source ?? doc.site_name ?? null,
    domains,
    duplicate_of: duplicateOf,
  };
}

/** All records of one extracted document, in export order: the document, then its facts. */
export function* extractionRecords(doc: NormalisedDocument, extraction: Extraction | null, duplicateOf: string | null): Generator<OutputRecord> {
  yield documentRecord(doc, extraction?.domains ?? [], duplicateOf);
  if (!extraction) return;
  yield* extraction.events;
  yield* extraction.commitments;
  yield* extraction.policies;
  yield* extraction.entities;
}
