/**
 * Export stored records as JSONL (every kind, one JSON object per line) or CSV (one kind per file).
 *
 * Records are streamed from the store and written in ~64 KB chunks; when the destination's buffer
 * is full (`write` returns false) we wait for 'drain', so exporting a large store to a slow pipe
 * keeps memory flat.
 */
import { once } from 'node:events';
import type { DocumentFilter, ExportKind, Store } from '../store/store.ts';
import { csvHeader, csvRecord } from './csv.ts';

export { csvField, csvRow } from './csv.ts';

export type ExportFormat = 'jsonl' | 'csv';

export interface ExportRequest {
  format: ExportFormat;
  /** JSONL: the kinds to include (default all). CSV: exactly one kind (default `documents`). */
  kinds?: ExportKind[];
  filter?: DocumentFilter;
}

export const EXPORT_KINDS: readonly ExportKind[] = ['documents', 'events', 'commitments', 'policies', 'entities'];

/** An export request that cannot be honoured (e.g. CSV with several kinds). */
export class ExportOptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportOptionsError';
  }
}

const CHUNK_CHARS = 64 * 1024;

/** Buffered writer that honours backpressure. */
class ChunkWriter {
  private buf = '';
  constructor(private readonly out: NodeJS.WritableStream) {}

  async write(s: string): Promise<void> {
    this.buf += s;
    if (this.buf.length >= CHUNK_CHARS) await this.flush();
  }

  async flush(): Promise<void> {
    if (!this.buf) return;
    const chunk = this.buf;
    this.buf = '';
    if (!this.out.write(chunk)) await drained(this.out);
  }
}

/** Resolves on 'drain'; rejects if the destination fails or closes first (e.g. `| head`). */
function drained(out: NodeJS.WritableStream): Promise<void> {
  const ac = new AbortController();
  return Promise.race([
    once(out, 'drain', { signal: ac.signal }).then(() => undefined),
    once(out, 'close', { signal: ac.signal }).then(() => {
      throw new Error('export destination closed before all records were written');
    }),
  ]).finally(() => ac.abort());
}

function checkKinds(kinds: readonly string[]): void {
  for (const k of kinds) {
    if (!EXPORT_KINDS.includes(k as ExportKind)) throw new ExportOptionsError(`unknown record kind "${k}" (expected one of ${EXPORT_KINDS.join(', ')})`);
  }
}

/** Stream records to `out`; resolves with the number of records written (CSV header not counted). */
export async function exportRecords(store: Store, out: NodeJS.WritableStream, opts: ExportRequest): Promise<{ records: number }> {
  const kinds = opts.kinds && opts.kinds.length > 0 ? opts.kinds : undefined;
  if (kinds) checkKinds(kinds);
  const w = new ChunkWriter(out);
  let records = 0;
  if (opts.format === 'jsonl') {
    for (const r of store.iterateRecords({ ...opts.filter, kinds })) {
      await w.write(JSON.stringify(r) + '\n');
      records++;
    }
  } else if (opts.format === 'csv') {
    if (kinds && new Set(kinds).size > 1) {
      throw new ExportOptionsError(`CSV export takes one record kind at a time (got ${kinds.join(', ')}); run one export per kind, or use JSONL`);
    }
    const kind = kinds?.[0] ?? 'documents';
    await w.write(csvHeader(kind));
    for (const r of store.iterateRecords({ ...opts.filter, kinds: [kind] })) {
      await w.write(csvRecord(kind, r));
      records++;
    }
  } else {
    throw new ExportOptionsError(`unknown export format "${String(opts.format)}" (expected jsonl or csv)`);
  }
  await w.flush();
  return { records };
}
