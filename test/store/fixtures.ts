/**
 * Hand-built SegmentedDocument fixtures for store and export tests. Deliberately naive (blank-line
 * paragraphs, punctuation sentences, a pseudo-random MinHash) so the store's tests do not depend
 * on the normalise / segment stages.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  BoilerplateSpan,
  CommitmentRecord,
  EntityRecord,
  EventRecord,
  Extraction,
  Lang,
  PartialDate,
  PolicyRecord,
  SegmentedDocument,
} from '../../src/types.ts';
import { collapseSpace, fold } from '../../src/util/fold.ts';

export const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
export const seedsDir = resolve(repoRoot, '../shared/corpus/seeds');

/** A fresh temporary folder with a database path inside; `cleanup` removes it. */
export function tempDb(): { dir: string; path: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'coopwatch-store-'));
  return { dir, path: join(dir, 'test.db'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Deterministic pseudo-random signature (xorshift) — unrelated seeds give unrelated signatures. */
export function signature(seed: number, n = 128): Uint32Array {
  let x = (seed * 2654435761) >>> 0 || 1;
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x;
  }
  return out;
}

/** Copy of `sig` with `k` slots changed, spread over the signature. */
export function perturb(sig: Uint32Array, k: number): Uint32Array {
  const out = Uint32Array.from(sig);
  const step = Math.max(1, Math.floor(sig.length / Math.max(1, k)));
  for (let i = 0, c = 0; c < k && i < sig.length; i += step, c++) out[i] = (out[i] ^ 0x9e3779b9) >>> 0;
  return out;
}

/** Spans covering every occurrence of each of `needles` in `text`. */
export function spansOf(text: string, needles: string[], kind: BoilerplateSpan['kind'] = 'teaser'): BoilerplateSpan[] {
  const out: BoilerplateSpan[] = [];
  for (const n of needles) {
    for (let i = text.indexOf(n); i >= 0; i = text.indexOf(n, i + n.length)) out.push({ start: i, end: i + n.length, kind });
  }
  return out.sort((a, b) => a.start - b.start);
}

export interface DocOptions {
  id?: string;
  title?: string | null;
  lang?: Lang;
  published?: PartialDate | null;
  source?: string | null;
  site_name?: string | null;
  url?: string | null;
  source_path?: string;
  boilerplate?: BoilerplateSpan[];
  /** Shortcut: mark these substrings of the text as boilerplate. */
  boilerplateText?: string[];
  minhash?: Uint32Array;
}

let counter = 0;

/** Build a SegmentedDocument from plain text with naive paragraph and sentence splitting. */
export function makeDoc(text: string, o: DocOptions = {}): SegmentedDocument {
  const content_hash = createHash('sha256').update(collapseSpace(fold(text))).digest('hex');
  const boilerplate = [...(o.boilerplate ?? []), ...spansOf(text, o.boilerplateText ?? [])];
  const inBoilerplate = (s: number, e: number): boolean => boilerplate.some((b) => b.start <= s && e <= b.end);
  const paragraphs: SegmentedDocument['paragraphs'] = [];
  const sentences: SegmentedDocument['sentences'] = [];
  for (const pm of text.matchAll(/[^\n]+(?:\n(?!\n)[^\n]*)*/g)) {
    const pStart = pm.index;
    const pEnd = pStart + pm[0].length;
    const pIndex = paragraphs.length;
    paragraphs.push({ index: pIndex, start: pStart, end: pEnd, boilerplate: inBoilerplate(pStart, pEnd) });
    for (const sm of pm[0].matchAll(/[^.!?\n]+[.!?]*/g)) {
      const lead = sm[0].length - sm[0].trimStart().length;
      const s = pStart + sm.index + lead;
      const e = pStart + sm.index + sm[0].trimEnd().length;
      if (e > s) sentences.push({ index: sentences.length, paragraph: pIndex, start: s, end: e, boilerplate: inBoilerplate(s, e) });
    }
  }
  counter++;
  return {
    id: o.id ?? `doc-${content_hash.slice(0, 12)}`,
    source_path: o.source_path ?? `fixture/${counter}.txt`,
    item_index: null,
    format: 'text',
    title: o.title === undefined ? null : o.title,
    text,
    lang: o.lang ?? 'fr',
    published: o.published ?? null,
    url: o.url ?? null,
    site_name: o.site_name ?? null,
    source: o.source ?? null,
    boilerplate,
    content_hash,
    minhash: o.minhash ?? signature(parseInt(content_hash.slice(0, 8), 16)),
    bytes: Buffer.byteLength(text),
    paragraphs,
    sentences,
  };
}

/** A small extraction with one fact of each kind, provenance pointing at sentence 0. */
export function makeExtraction(doc: SegmentedDocument, version = 'test-1'): Extraction {
  const s = doc.sentences[0];
  const prov = { event_text: doc.text.slice(s.start, s.end), text_info: { sequence: 0, start: s.start, end: s.end }, confidence: 0.8, extractor_version: version };
  const base = { doc_id: doc.id, source_path: doc.source_path };
  const ev: EventRecord = {
    ...base,
    ...prov,
    type: 'event',
    id: `${doc.id}:ev0`,
    date: '2024-09',
    date_precision: 'month',
    actor: [{ code: 'VNM', name: 'Vietnam', raw_text: 'le Vietnam', sector: 'GOV' }],
    recipient: [
      { code: 'FRA', name: 'France', raw_text: 'la France', sector: null },
      { code: 'EU', name: 'European Union', raw_text: "l'UE", sector: 'IGO' },
    ],
    event: 'COOPERATE',
    mode: null,
    context: ['technology'],
    modality: 'realized',
    domains: ['ai', 'semiconductors'],
    cameo: '06',
    goldstein: 6,
    event_loc: null,
  };
  const cm: CommitmentRecord = {
    ...base,
    ...prov,
    type: 'commitment',
    id: `${doc.id}:cm0`,
    actor: [{ code: 'VNM', name: 'Vietnam', raw_text: 'le Vietnam', sector: 'GOV' }],
    what: 'train engineers, "fast", 2 cohorts\nper year',
    quantity: 50000,
    unit: 'engineers',
    deadline: '2030',
    deadline_precision: 'year',
    domains: ['semiconductors'],
    status: 'pledge',
  };
  const po: PolicyRecord = {
    ...base,
    ...prov,
    type: 'policy',
    id: `${doc.id}:po0`,
    name: 'Resolution 57',
    jurisdiction: 'VNM',
    status: 'adopted',
    date: null,
    date_precision: null,
    domains: ['ai'],
  };
  const en: EntityRecord = {
    ...base,
    type: 'entity',
    id: `${doc.id}:en0`,
    kind: 'organisation',
    name: 'Ministry of Science and Technology',
    aliases: ['MOST', 'Bộ KH&CN'],
    country: 'VNM',
    role: null,
    sector: 'GOV',
    mentions: [{ sequence: 0, start: s.start, end: s.start + 3, raw_text: doc.text.slice(s.start, s.start + 3) }],
    extractor_version: version,
  };
  return { doc_id: doc.id, extractor_version: version, domains: ['ai'], events: [ev], commitments: [cm], policies: [po], entities: [en] };
}
