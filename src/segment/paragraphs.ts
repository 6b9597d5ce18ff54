/**
 * Paragraph splitting.
 *
 * Blocks are separated by blank lines. Inside a block each line is its own paragraph (plain-text
 * news keeps one paragraph per line), unless the block looks hard-wrapped — most lines of similar
 * length, at most ~90 characters, not ending in sentence punctuation — in which case its lines
 * are one paragraph.
 */
import { splitLines, type Line } from '../normalise/boilerplate.ts';
import type { Span } from './sentences.ts';

/** Longest line a hard-wrapped block is made of. */
const WRAP_MAX = 90;
/** Hard-wrapped text is wrapped at a real width; lists of short labels are not. */
const WRAP_MIN_MEDIAN = 40;
/** Line lengths within this factor of the median count as "similar". */
const WRAP_SIMILAR = 0.6;
/** Share of a block's non-final lines that must look wrapped. */
const WRAP_SHARE = 0.7;

const SENTENCE_END = /[.!?…:;»"”]$/;

function trimmed(text: string, l: Line): Span | null {
  let s = l.start;
  let e = l.end;
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  return e > s ? { start: s, end: e } : null;
}

/** True when the lines of a block are one hard-wrapped paragraph. */
function looksHardWrapped(text: string, lines: Span[]): boolean {
  if (lines.length < 2) return false;
  if (lines.length === 2) {
    // Too little evidence for statistics: join only a wrapped-looking line continued in lowercase.
    const first = text.slice(lines[0].start, lines[0].end);
    return (
      first.length >= WRAP_MIN_MEDIAN &&
      first.length <= WRAP_MAX &&
      !SENTENCE_END.test(first) &&
      /^\p{Ll}/u.test(text.slice(lines[1].start, lines[1].start + 1))
    );
  }
  const body = lines.slice(0, -1); // the last line of a paragraph is naturally short
  const lengths = body.map((l) => l.end - l.start);
  const sorted = [...lengths].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  if (median < WRAP_MIN_MEDIAN || median > WRAP_MAX) return false;
  let wrapped = 0;
  for (let i = 0; i < body.length; i++) {
    const len = lengths[i];
    const line = text.slice(body[i].start, body[i].end);
    if (len <= WRAP_MAX && len >= WRAP_SIMILAR * median && !SENTENCE_END.test(line)) wrapped++;
  }
  return wrapped >= WRAP_SHARE * body.length;
}

/** Paragraph spans of `text`, trimmed of surrounding whitespace, in order. */
export function splitParagraphs(text: string): Span[] {
  const out: Span[] = [];
  let block: Span[] = [];
  const flush = () => {
    if (!block.length) return;
    if (looksHardWrapped(text, block)) out.push({ start: block[0].start, end: block[block.length - 1].end });
    else out.push(...block);
    block = [];
  };
  for (const l of splitLines(text)) {
    const t = trimmed(text, l);
    if (t) block.push(t);
    else flush();
  }
  flush();
  return out;
}
