/**
 * Coopwatch as a library: the same stages the CLI uses, typed.
 *
 *   import { ingest, openStore, search, loadKnowledgeBase } from 'coopwatch';
 *   const store = openStore('news.db');
 *   const summary = await ingest({ store, specs: ['articles/'], kb: loadKnowledgeBase() });
 *   const hits = search(store, { q: 'semi-conducteurs', lang: 'fr' });
 */
export * from './types.ts';
export { ingest, reextract, type IngestRunOptions, type IngestSummary } from './pipeline.ts';
export { readInputs, type IngestOptions } from './ingest/index.ts';
export { normalise } from './normalise/index.ts';
export { segment } from './segment/index.ts';
export { extractDocument, loadKnowledgeBase, EXTRACTOR_VERSION, type KnowledgeBase } from './extract/index.ts';
export { extractFiles } from './extract-files.ts';
export { openStore, resolveDbPath } from './store/index.ts';
export type { Store, SearchQuery, SearchResult, SearchHit, Stats, DocumentFilter, StoredDocument, StoredDocumentDetail } from './store/store.ts';
export { exportRecords } from './export/index.ts';
export { fold } from './util/fold.ts';

import type { Store, SearchQuery, SearchResult } from './store/store.ts';
/** Full-text search (diacritics-insensitive, BM25-ranked). */
export function search(store: Store, query: SearchQuery): SearchResult {
  return store.search(query);
}
