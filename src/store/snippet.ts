/**
 * Search snippets built in JS from the stored document text.
 *
 * The FTS5 index is contentless (the text is not stored twice), so SQLite cannot make snippets.
 * We fold the original text with `foldAligned` — same length, so every offset found in the folded
 * copy is an offset in the original — cut it into tokens the way the index did, find the query's
 * positive terms outside boilerplate, and return the ~200-character window (within one
 * non-boilerplate stretch, on word boundaries) that holds the most matches.
 */
import { foldAligned } from '../util/fold.ts';
import type { SearchTerm } from './search-query.ts';

export interface SnippetPart {
  text: string;
  match: boolean;
}

export interface Snippet {
  snippet: string;
  parts: SnippetPart[];
}

interface Span {
  start: number;
  end: number;
}

const TOKEN = /[\p{L}\p{N}\p{Co}]+/gu;
const WORD_CHAR = /[\p{L}\p{N}\p{Co}\p{M}]/u;
const ELLIPSIS = '…';

/** Sort and merge spans so that "is offset x inside boilerplate" is a forward scan. */
function mergeSpans(spans: readonly Span[], length: number): Span[] {
  const sorted = spans
    .map((s) => ({ start: Math.max(0, s.start), end: Math.min(length, s.end) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

interface Match extends Span {
  /** Index of the non-boilerplate stretch the match lies in. */
  region: number;
}

/** All matches of `terms` in `text`, outside `excluded` spans, in text order, overlaps merged. */
export function findMatches(text: string, terms: readonly SearchTerm[], excluded: readonly Span[] = []): Match[] {
  if (terms.length === 0) return [];
  const folded = foldAligned(text);
  const tokens: Span[] = [];
  const words: string[] = [];
  for (const m of folded.matchAll(TOKEN)) {
    tokens.push({ start: m.index, end: m.index + m[0].length });
    words.push(m[0]);
  }
  const spans = mergeSpans(excluded, text.length);
  const raw: Match[] = [];
  let sp = 0; // first span that does not end before the current token
  for (let t = 0; t < tokens.length; t++) {
    while (sp < spans.length && spans[sp].end <= tokens[t].start) sp++;
    for (const term of terms) {
      const n = term.parts.length;
      if (t + n > tokens.length) continue;
      let ok = true;
      for (let k = 0; k < n && ok; k++) {
        const w = words[t + k];
        const p = term.parts[k];
        ok = k === n - 1 && term.prefix ? w.startsWith(p) : w === p;
      }
      if (!ok) continue;
      const m = { start: tokens[t].start, end: tokens[t + n - 1].end, region: sp };
      // Inside (or straddling) boilerplate: the index never saw it, so neither do snippets.
      if (sp < spans.length && spans[sp].start < m.end) continue;
      raw.push(m);
    }
  }
  raw.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Match[] = [];
  for (const m of raw) {
    const last = out[out.length - 1];
    if (last && m.start < last.end) last.end = Math.max(last.end, m.end);
    else out.push({ ...m });
  }
  return out;
}

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && WORD_CHAR.test(c);
}

/**
 * The best window of about `width` characters around the densest group of matches, or null when
 * nothing matches.
 */
export function buildSnippet(text: string, terms: readonly SearchTerm[], excluded: readonly Span[] = [], width = 200): Snippet | null {
  const matches = findMatches(text, terms, excluded);
  if (matches.length === 0) return null;

  // Densest window: the run of matches in one region that fits in `width` and is longest.
  let bestI = 0;
  let bestJ = 1;
  for (let i = 0, j = 0; i < matches.length; i++) {
    if (j < i + 1) j = i + 1;
    while (j < matches.length && matches[j].region === matches[i].region && matches[j].end - matches[i].start <= width) j++;
    if (j - i > bestJ - bestI) (bestI = i), (bestJ = j);
  }
  const a = matches[bestI].start;
  const b = matches[bestJ - 1].end;
  const spans = mergeSpans(excluded, text.length);
  const region = matches[bestI].region;
  const regionStart = region > 0 ? spans[region - 1].end : 0;
  const regionEnd = region < spans.length ? spans[region].start : text.length;
  return windowSnippet(text, matches.slice(bestI, bestJ), a, b, regionStart, regionEnd, width);
}

/** Cut [~a-pad, ~b+pad] out of [lo, hi), snap to word boundaries and mark matches. */
function windowSnippet(text: string, matches: readonly Span[], a: number, b: number, lo: number, hi: number, width: number): Snippet {
  const slack = Math.max(0, width - (b - a));
  let start = Math.max(lo, a - Math.floor(slack / 3)); // a little more context after than before
  let end = Math.min(hi, Math.max(b, start + width));
  if (end - start < width) start = Math.max(lo, Math.min(start, end - width));
  // Prefer to open at the start of the sentence or line holding the first match, when it is in
  // the window: a snippet that starts with a sentence reads better than one that starts mid-way.
  const head = text.slice(start, a);
  const cut = Math.max(head.lastIndexOf('\n'), head.search(/[.!?…]\s+[^.!?…]*$/));
  if (cut >= 0) {
    start += cut + 1;
    end = Math.min(hi, Math.max(b, start + width));
  }
  // Do not cut words: move the edges outwards-in to the nearest word boundary.
  while (start > lo && start < a && isWordChar(text[start - 1]) && isWordChar(text[start])) start++;
  while (end < hi && end > b && isWordChar(text[end - 1]) && isWordChar(text[end])) end--;
  while (start < a && /\s/.test(text[start])) start++;
  while (end > b && /\s/.test(text[end - 1])) end--;
  return makeSnippet(text, matches, start, end);
}

function makeSnippet(text: string, matches: readonly Span[], start: number, end: number): Snippet {
  const parts: SnippetPart[] = [];
  const push = (s: string, match: boolean): void => {
    const t = s.replace(/\s+/g, ' ');
    if (t) parts.push({ text: t, match });
  };
  // Adjacent matches separated only by spaces read as one highlight: "[khoa học công nghệ]".
  const merged: { start: number; end: number }[] = [];
  for (const m of matches) {
    if (m.start < start || m.end > end) continue;
    const prev = merged[merged.length - 1];
    if (prev && /^[ \t\u00a0]*$/.test(text.slice(prev.end, m.start))) prev.end = m.end;
    else merged.push({ start: m.start, end: m.end });
  }
  let pos = start;
  for (const m of merged) {
    push(text.slice(pos, m.start), false);
    push(text.slice(m.start, m.end), true);
    pos = m.end;
  }
  push(text.slice(pos, end), false);
  if (start > 0) prependEllipsis(parts);
  if (end < text.length) appendEllipsis(parts);
  const snippet = parts.map((p) => (p.match ? `[${p.text}]` : p.text)).join('');
  return { snippet, parts };
}

function prependEllipsis(parts: SnippetPart[]): void {
  if (parts[0] && !parts[0].match) parts[0].text = ELLIPSIS + (parts[0].text.startsWith(' ') ? '' : ' ') + parts[0].text;
  else parts.unshift({ text: ELLIPSIS + ' ', match: false });
}

function appendEllipsis(parts: SnippetPart[]): void {
  const last = parts[parts.length - 1];
  if (last && !last.match) last.text = last.text + (last.text.endsWith(' ') ? '' : ' ') + ELLIPSIS;
  else parts.push({ text: ' ' + ELLIPSIS, match: false });
}

/** No match to show (e.g. only the title matched and there is no title): the lead of the article. */
export function leadSnippet(text: string, excluded: readonly Span[] = [], width = 200): Snippet {
  const spans = mergeSpans(excluded, text.length);
  // First non-boilerplate stretch with some content.
  let lo = 0;
  let hi = text.length;
  for (let r = 0; r <= spans.length; r++) {
    const s = r > 0 ? spans[r - 1].end : 0;
    const e = r < spans.length ? spans[r].start : text.length;
    if (text.slice(s, e).trim()) {
      lo = s;
      hi = e;
      break;
    }
  }
  let start = lo;
  while (start < hi && /\s/.test(text[start])) start++;
  let end = Math.min(hi, start + width);
  while (end < hi && end > start + 1 && isWordChar(text[end - 1]) && isWordChar(text[end])) end--;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return makeSnippet(text, [], start, end);
}
