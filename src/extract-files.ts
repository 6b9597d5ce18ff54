/**
 * Extraction straight from files, without a database: ingest → normalise → segment → extract,
 * yielding output records. Used by `coopwatch extract PATH…` and `coopwatch eval`.
 */
import type { InputProblem, OutputRecord } from './types.ts';
import { readInputs } from './ingest/index.ts';
import { normalise } from './normalise/index.ts';
import { segment } from './segment/index.ts';
import { extractDocument, type KnowledgeBase } from './extract/index.ts';
import { MemoryDuplicateIndex } from './dedup-memory.ts';
import { extractionRecords } from './records.ts';

export interface ExtractFilesOptions {
  kb: KnowledgeBase;
  maxDocBytes?: number;
  onProblem?: (p: InputProblem) => void;
}

export async function* extractFiles(specs: string[], opts: ExtractFilesOptions): AsyncGenerator<OutputRecord> {
  const dups = new MemoryDuplicateIndex();
  for await (const item of readInputs(specs, { maxDocBytes: opts.maxDocBytes })) {
    if (item.kind === 'problem') {
      opts.onProblem?.(item.problem);
      continue;
    }
    if (item.kind !== 'doc') continue;
    const norm = normalise(item.doc);
    const verdict = dups.check(norm);
    if (verdict.kind === 'exact') continue; // stored once
    if (verdict.kind === 'near') {
      // Counted once: the document is reported, linked to its first copy, without facts.
      yield* extractionRecords(norm, null, verdict.of);
      continue;
    }
    const doc = segment(norm);
    yield* extractionRecords(doc, extractDocument(doc, opts.kb), null);
  }
}
