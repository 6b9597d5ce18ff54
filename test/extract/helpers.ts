/**
 * Test helper for the extractor: builds a SegmentedDocument from a seed article without the real
 * ingest/normalise/segment stages (they are developed in parallel; the lead will switch this to
 * the real pipeline). Deliberately naive: NFC, paragraphs on newlines, Intl.Segmenter sentences,
 * everything from a teaser/footer line ("Voir plus", "Comment (0)", "Même catégorie",
 * "Footer Banner") onward is boilerplate; title, language and publication date from the gold file.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Lang, Paragraph, PartialDate, SegmentedDocument, Sentence, OutputRecord, Extraction } from '../../src/types.ts';

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

export function seedDocument(g: GoldDoc): SegmentedDocument {
  const p = path.join(SEEDS, g.file);
  const id = g.file.replace(/\.txt$/, '');
  return segmentText(id, p, readFileSync(p, 'utf8'), { lang: g.lang, title: g.title, published: partialDate(g.published) });
}

/** Output records (document record first) for one document's extraction, as the exporter writes them. */
export function records(doc: SegmentedDocument, x: Extraction): OutputRecord[] {
  return [
    {
      type: 'document',
      doc_id: doc.id,
      source_path: doc.source_path,
      title: doc.title,
      lang: doc.lang,
      published: doc.published?.value ?? null,
      published_precision: doc.published?.precision ?? null,
      url: doc.url,
      source: doc.source,
      domains: x.domains,
      duplicate_of: null,
    },
    ...x.events,
    ...x.commitments,
    ...x.policies,
    ...x.entities,
  ];
}
