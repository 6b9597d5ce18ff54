/**
 * The segment stage: NormalisedDocument → SegmentedDocument (paragraphs and sentences with
 * offsets into the text, each flagged when it lies in boilerplate).
 */
import type { BoilerplateSpan, NormalisedDocument, Paragraph, Sentence, SegmentedDocument } from '../types.ts';
import { splitParagraphs } from './paragraphs.ts';
import { splitSentences } from './sentences.ts';

export { splitParagraphs } from './paragraphs.ts';
export { splitSentences } from './sentences.ts';

/**
 * Share of [start, end) covered by the (sorted, non-overlapping) spans, found from `from` on.
 * Returns the index to resume from, since callers walk the text in order.
 */
function covered(spans: readonly BoilerplateSpan[], start: number, end: number, from: number): { share: number; next: number } {
  let i = from;
  while (i < spans.length && spans[i].end <= start) i++;
  let n = 0;
  for (let j = i; j < spans.length && spans[j].start < end; j++) {
    n += Math.min(end, spans[j].end) - Math.max(start, spans[j].start);
  }
  return { share: end > start ? n / (end - start) : 0, next: i };
}

/** A segment is boilerplate when boilerplate spans cover at least half of it (in practice: all). */
const BOILERPLATE_SHARE = 0.5;

export function segment(doc: NormalisedDocument): SegmentedDocument {
  // Spans from normalise are sorted and merged; sort defensively for hand-made documents.
  const spans = [...doc.boilerplate].sort((a, b) => a.start - b.start);
  const paragraphs: Paragraph[] = [];
  const sentences: Sentence[] = [];
  let pCursor = 0;
  let sCursor = 0;
  for (const p of splitParagraphs(doc.text)) {
    const pc = covered(spans, p.start, p.end, pCursor);
    pCursor = pc.next;
    const index = paragraphs.length;
    paragraphs.push({ index, start: p.start, end: p.end, boilerplate: pc.share >= BOILERPLATE_SHARE });
    for (const s of splitSentences(doc.text, p.start, p.end, doc.lang)) {
      const sc = covered(spans, s.start, s.end, sCursor);
      sCursor = sc.next;
      sentences.push({ index: sentences.length, paragraph: index, start: s.start, end: s.end, boilerplate: sc.share >= BOILERPLATE_SHARE });
    }
  }
  return { ...doc, paragraphs, sentences };
}
