/**
 * In-memory duplicate index for runs without a database (`coopwatch extract PATH…`, `eval`):
 * the same rules as the store — exact duplicates by content hash, near-duplicates by MinHash LSH.
 */
import type { NormalisedDocument } from './types.ts';
import { estimateSimilarity, lshBands } from './normalise/fingerprint.ts';

export type DuplicateVerdict = { kind: 'new' } | { kind: 'exact'; of: string } | { kind: 'near'; of: string; similarity: number };

export class MemoryDuplicateIndex {
  private hashes = new Map<string, string>();
  private bands = new Map<string, string[]>();
  private signatures = new Map<string, Uint32Array>();

  constructor(private threshold = 0.9) {}

  /** Classify `doc` and remember it when it is new or a near-duplicate's first sighting. */
  check(doc: NormalisedDocument): DuplicateVerdict {
    const exact = this.hashes.get(doc.content_hash);
    if (exact) return { kind: 'exact', of: exact };
    this.hashes.set(doc.content_hash, doc.id);
    const keys = lshBands(doc.minhash).map((h, i) => `${i}:${h}`);
    let best: { of: string; similarity: number } | null = null;
    const seen = new Set<string>();
    for (const k of keys) {
      for (const id of this.bands.get(k) ?? []) {
        if (seen.has(id)) continue;
        seen.add(id);
        const sim = estimateSimilarity(doc.minhash, this.signatures.get(id)!);
        if (sim >= this.threshold && (!best || sim > best.similarity)) best = { of: id, similarity: sim };
      }
    }
    if (best) return { kind: 'near', ...best };
    this.signatures.set(doc.id, doc.minhash);
    for (const k of keys) {
      const list = this.bands.get(k);
      if (list) list.push(doc.id);
      else this.bands.set(k, [doc.id]);
    }
    return { kind: 'new' };
  }
}
