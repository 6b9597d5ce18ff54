/**
 * Document fingerprints for duplicate detection.
 *
 * - contentHash: sha256 of the folded, whitespace-collapsed NON-boilerplate text, so the same
 *   article served with different teasers, footers or credits is an exact duplicate.
 * - minhashSignature: MinHash over word 5-shingles of that text, for near-duplicates (the same
 *   story lightly edited). Each shingle is hashed once (FNV-1a per token, mixed in order), then
 *   put through k seeded 32-bit permutations x ↦ fmix32(a·x + b mod 2^32) (a odd, so each is a
 *   bijection; the murmur3 finaliser breaks the weak low bits of a·x + b). Seeds are fixed, so
 *   signatures are deterministic across runs and machines. Pure 32-bit integer arithmetic
 *   (Math.imul) keeps it fast: (a·x + b) mod p on doubles was ~10× slower.
 * - lshBands: band hashes (32 bands × 4 rows by default) for candidate lookup; two documents with
 *   Jaccard similarity 0.9 share at least one band with probability ≈ 1 − (1 − 0.9⁴)³² ≈ 1.
 */
import { createHash } from 'node:crypto';
import type { BoilerplateSpan } from '../types.ts';
import { collapseSpace, fold } from '../util/fold.ts';
import { textOutside } from './spans.ts';
import { mulberry32 } from '../util/mulberry32.ts';

const SHINGLE = 5;
/** Value of an empty signature slot (no shingles at all); larger than any permuted value. */
const EMPTY = 0xffffffff;

/** The folded, whitespace-collapsed text the fingerprints are computed on. */
export function fingerprintText(text: string, boilerplate: readonly BoilerplateSpan[]): string {
  const body = collapseSpace(fold(textOutside(text, boilerplate)));
  // A document that is all boilerplate still needs a distinctive hash: fall back to the full text.
  return body || collapseSpace(fold(text));
}

/** sha256 (hex) of the folded, whitespace-collapsed non-boilerplate text. */
export function contentHash(text: string, boilerplate: readonly BoilerplateSpan[]): string {
  return hashBody(fingerprintText(text, boilerplate));
}

/** contentHash of an already prepared fingerprintText (lets normalise fold the text once). */
export function hashBody(body: string): string {
  return createHash('sha256').update(body, 'utf8').digest('hex');
}

// ---------------------------------------------------------------------------------------------
// Hashing helpers (32-bit, deterministic)

/** murmur3 finaliser: spreads bits so that nearby inputs land far apart. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}


const coefCache = new Map<number, { a: Int32Array; b: Int32Array }>();

/** Permutation coefficients for `numPerm` slots: a odd (a bijection mod 2^32), b arbitrary. */
function coefficients(numPerm: number): { a: Int32Array; b: Int32Array } {
  let c = coefCache.get(numPerm);
  if (c) return c;
  const rnd = mulberry32(0x5eed1234);
  const a = new Int32Array(numPerm);
  const b = new Int32Array(numPerm);
  for (let i = 0; i < numPerm; i++) {
    a[i] = (Math.floor(rnd() * 4294967296) | 1) | 0;
    b[i] = Math.floor(rnd() * 4294967296) | 0;
  }
  c = { a, b };
  coefCache.set(numPerm, c);
  return c;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
const nonAsciiWord = new Map<number, boolean>();

/** Letter or digit? ASCII by table, the rest by Unicode property (cached per code unit). */
function isWordUnit(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
  let w = nonAsciiWord.get(c);
  if (w === undefined) nonAsciiWord.set(c, (w = c >= 0xd800 && c <= 0xdfff ? true : WORD_CHAR.test(String.fromCharCode(c))));
  return w;
}

/** FNV-1a hash of every word (maximal run of letters/digits), in one pass without substrings. */
function tokenHashes(body: string): number[] {
  const out: number[] = [];
  let h = 0x811c9dc5;
  let inWord = false;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (isWordUnit(c)) {
      h = Math.imul(h ^ c, 0x01000193);
      inWord = true;
    } else if (inWord) {
      out.push(h >>> 0);
      h = 0x811c9dc5;
      inWord = false;
    }
  }
  if (inWord) out.push(h >>> 0);
  return out;
}

/** Distinct 32-bit hashes of the text's word k-shingles. */
function shingleHashes(body: string): Set<number> {
  const tokens = tokenHashes(body);
  const out = new Set<number>();
  if (!tokens.length) return out;
  // Short documents still get a signature: shrink the shingle to what the text has.
  const k = Math.min(SHINGLE, tokens.length);
  for (let i = 0; i + k <= tokens.length; i++) {
    let h = 0x9747b28c;
    for (let j = 0; j < k; j++) h = Math.imul(((h << 5) | (h >>> 27)) ^ tokens[i + j], 0x9e3779b1);
    out.add(fmix32(h) | 0);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Public API

/** MinHash signature over word 5-shingles of the folded non-boilerplate text. */
export function minhashSignature(text: string, boilerplate: readonly BoilerplateSpan[], numPerm = 128): Uint32Array {
  return minhashBody(fingerprintText(text, boilerplate), numPerm);
}

/** minhashSignature of an already prepared fingerprintText. */
export function minhashBody(body: string, numPerm = 128): Uint32Array {
  // Minima are tracked on values whose top bit is flipped, so unsigned order becomes signed order
  // and the hot loop stays in small-integer arithmetic. One permutation at a time over all
  // shingles keeps its coefficients and its running minimum in registers (shingles outer and
  // permutations inner was twice as slow: a typed-array load and store per step).
  const xs = Int32Array.from(shingleHashes(body));
  const n = xs.length;
  const { a, b } = coefficients(numPerm);
  const sig = new Uint32Array(numPerm);
  for (let i = 0; i < numPerm; i++) {
    const ai = a[i];
    const bi = b[i];
    let min = (EMPTY ^ 0x80000000) | 0;
    for (let k = 0; k < n; k++) {
      let v = (Math.imul(ai, xs[k]) + bi) | 0;
      v ^= v >>> 16;
      v = Math.imul(v, 0x85ebca6b);
      v ^= v >>> 13;
      v = Math.imul(v, 0xc2b2ae35);
      v = (v ^ (v >>> 16) ^ 0x80000000) | 0;
      if (v < min) min = v;
    }
    // Flip the top bit back. EMPTY (2^32 − 1) doubles as a real value; the clash is harmless.
    sig[i] = (min ^ 0x80000000) >>> 0;
  }
  return sig;
}

/** Estimated Jaccard similarity: share of equal slots (0 when either signature is empty). */
export function estimateSimilarity(a: Uint32Array, b: Uint32Array): number {
  const n = Math.min(a.length, b.length);
  if (n === 0) return 0;
  let same = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i]) same++;
  return same / n;
}

/** LSH band hashes (unsigned 32-bit), one per band, each mixing its band index in. */
export function lshBands(sig: Uint32Array, bands = 32): number[] {
  if (sig.length === 0) return [];
  const nb = Math.max(1, Math.min(bands, sig.length));
  const rows = Math.floor(sig.length / nb);
  const out: number[] = [];
  for (let b = 0; b < nb; b++) {
    let h = (0x811c9dc5 ^ Math.imul(b + 1, 0x9e3779b1)) >>> 0;
    for (let r = 0; r < rows; r++) {
      h ^= sig[b * rows + r];
      h = Math.imul(h, 0x01000193);
    }
    out.push(fmix32(h));
  }
  return out;
}
