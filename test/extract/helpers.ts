/**
 * Test helpers for the extractor. Seed articles go through the real ingest/normalise/segment
 * stages; `segmentText` builds a document from invented text directly (one paragraph per line,
 * Intl.Segmenter sentences), so unit tests of extraction rules do not depend on cleaning.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Lang, Paragraph, PartialDate, SegmentedDocument, Sentence, OutputRecord, Extraction } from '../../src/types.ts';
import { parseTextDocument } from '../../src/ingest/index.ts';
import { normalise } from '../../src/normalise/index.ts';
import { segment } from '../../src/segment/index.ts';
import { extractionRecords } from '../../src/records.ts';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SEEDS = path.resolve(REPO, '../shared/corpus/seeds');
export const GOLD = path.resolve(REPO, '../shared/gold/seeds.gold.json');
export const SCORER = path.resolve(REPO, '../shared/eval/score.py');

export interface GoldDoc {
  file: string;
  lang: Lang;
  published: string | null;
  title: string | null;
}

export function goldDocs(): GoldDoc[] {
  return (JSON.parse(readFileSync(GOLD, 'utf8')) as { documents: GoldDoc[] }).documents;
}

const BOILERPLATE_START = /^(Voir plus|Comment \(\d+\)|Même catégorie|Footer Banner|Read more|Tin liên quan|Xem thêm)\b/;

export function partialDate(v: string | null): PartialDate | null {
  if (!v) return null;
  return { value: v, precision: v.length === 4 ? 'year' : v.length === 7 ? 'month' : 'day' };
}

/** Build a SegmentedDocument from raw text (one paragraph per non-empty line). */
export function segmentText(id: string, sourcePath: string, raw: string, opts: { lang: Lang; title?: string | null; published?: PartialDate | null }): SegmentedDocument {
  const text = raw.normalize('NFC');
  const paragraphs: Paragraph[] = [];
  const sentences: Sentence[] = [];
  const seg = new Intl.Segmenter(opts.lang === 'und' ? 'en' : opts.lang, { granularity: 'sentence' });
  let boiler = false;
  let pos = 0;
  for (const line of text.split('\n')) {
    const start = pos;
    pos += line.length + 1;
    const trimmed = line.trim();
    if (!trimmed) continue;
    if (BOILERPLATE_START.test(trimmed)) boiler = true;
    const ls = start + (line.length - line.trimStart().length);
    const p: Paragraph = { index: paragraphs.length, start: ls, end: ls + trimmed.length, boilerplate: boiler };
    paragraphs.push(p);
    for (const s of seg.segment(trimmed)) {
      const st = s.segment.trimEnd();
      if (!st.trim()) continue;
      const lead = st.length - st.trimStart().length;
      sentences.push({ index: sentences.length, paragraph: p.index, start: ls + s.index + lead, end: ls + s.index + st.length, boilerplate: boiler });
    }
  }
  return {
    id,
    source_path: sourcePath,
    item_index: null,
    format: 'text',
    title: opts.title ?? null,
    text,
    lang: opts.lang,
    published: opts.published ?? null,
    url: null,
    site_name: null,
    source: null,
    boilerplate: [],
    content_hash: '',
    minhash: new Uint32Array(0),
    bytes: Buffer.byteLength(raw),
    paragraphs,
    sentences,
  };
}

/** A seed article through the real stages (ingest's text reader, normalise, segment), as `coopwatch ingest` reads it. */
export function seedDocument(g: GoldDoc): SegmentedDocument {
  const p = path.join(SEEDS, g.file);
  const raw = parseTextDocument(readFileSync(p, 'utf8'), p);
  return segment(normalise(raw));
}

/** Output records (document record first) for one document's extraction, as the exporter writes them. */
export function records(doc: SegmentedDocument, x: Extraction): OutputRecord[] {
  return [...extractionRecords(doc, x, null)];
}
