/**
 * MinHash helpers for the store's near-duplicate lookup.
 *
 * Band hashes and the similarity estimate come from the normalise stage
 * (src/normalise/fingerprint.ts), so the store and the in-memory duplicate index
 * (src/dedup-memory.ts) apply exactly the same rule. A stored database depends on `lshBands`:
 * changing that function means re-banding the `minhash_bands` rows of existing databases.
 */
export { lshBands, estimateSimilarity as minhashSimilarity } from '../normalise/fingerprint.ts';

/** Signature → little-endian BLOB (explicit byte order, so a database file is portable). */
export function signatureToBlob(sig: Uint32Array): Buffer {
  const buf = Buffer.allocUnsafe(sig.length * 4);
  for (let i = 0; i < sig.length; i++) buf.writeUInt32LE(sig[i], i * 4);
  return buf;
}

export function blobToSignature(buf: Uint8Array): Uint32Array {
  const b = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const out = new Uint32Array(b.length >>> 2);
  for (let i = 0; i < out.length; i++) out[i] = b.readUInt32LE(i * 4);
  return out;
}
