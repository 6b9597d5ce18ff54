/**
 * Boilerplate detection on PLAIN text: teaser blocks ("Voir plus", "Tin liên quan" …), footers,
 * comment prompts, credits, share prompts, navigation and header datelines.
 *
 * Boilerplate is kept in the stored text and only marked, so offsets stay valid and a reviewer can
 * see what was set aside. All cues come from dict/boilerplate.yaml and are compiled once into
 * hash maps (exact / prefix / contains on a folded "key form" of the line) and one combined regex
 * per kind, so each line costs a few lookups whatever the size of the word lists.
 *
 * Every cue matches a WHOLE LINE: an article sentence that merely contains "Lire aussi" is never
 * cut. Spans start at a line start and end at a line end.
 */
import type { BoilerplateKind, BoilerplateSpan, Lang } from '../types.ts';
import { fold } from '../util/fold.ts';
import { flattenLists, loadDictFile } from './dict-file.ts';
export { textOutside } from './spans.ts';
import { parseDateline } from './published.ts';

type Lists = Record<string, string[]> | string[] | undefined;
interface CueSet {
  exact?: Lists;
  prefix?: Lists;
  contains?: Lists;
  pattern?: Lists;
  raw_pattern?: Lists;
}
interface BoilerplateDict {
  limits: {
    tail_opener_min_position: number;
    tail_opener_min_content_chars: number;
    cue_line_max_words: number;
    cue_line_max_chars: number;
    nav_line_max_chars: number;
    nav_line_max_words: number;
    head_lines: number;
    head_line_max_chars: number;
    head_line_max_words: number;
  };
  teaser_openers: CueSet;
  cues: Partial<Record<BoilerplateKind, CueSet>>;
  head: Partial<Record<BoilerplateKind, CueSet>>;
}

// ---------------------------------------------------------------------------------------------
// Line forms

/** Key form: folded, punctuation → space, single spaces. "Comment (0)" → "comment 0". */
export function keyForm(s: string): string {
  return keyFromFolded(fold(s));
}

function keyFromFolded(folded: string): string {
  return folded.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** One line of the text: [start, end) excludes the line terminator. */
export interface Line {
  start: number;
  end: number;
}

/** Lines of `text` (\n, \r\n, \r, U+2028/2029 terminators), offsets into `text`. */
export function splitLines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) {
      out.push({ start, end: i });
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  out.push({ start, end: text.length });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Compiled cues

interface CompiledCues {
  exact: Map<string, BoilerplateKind>;
  prefix: Map<string, BoilerplateKind>;
  maxPrefixWords: number;
  contains: Map<string, BoilerplateKind>;
  maxContainsWords: number;
  /** One combined regex per kind over the folded line. */
  patterns: Array<[BoilerplateKind, RegExp]>;
  /** One combined regex per kind over the raw trimmed line. */
  rawPatterns: Array<[BoilerplateKind, RegExp]>;
}

function combine(sources: string[]): RegExp | null {
  if (!sources.length) return null;
  return new RegExp(sources.map((s) => `(?:${s})`).join('|'), 'u');
}

function compile(sets: Partial<Record<BoilerplateKind, CueSet>>): CompiledCues {
  const c: CompiledCues = {
    exact: new Map(),
    prefix: new Map(),
    maxPrefixWords: 0,
    contains: new Map(),
    maxContainsWords: 0,
    patterns: [],
    rawPatterns: [],
  };
  for (const [kind, set] of Object.entries(sets) as Array<[BoilerplateKind, CueSet]>) {
    if (!set) continue;
    for (const p of flattenLists(set.exact)) {
      const k = keyForm(p);
      if (k && !c.exact.has(k)) c.exact.set(k, kind);
    }
    for (const p of flattenLists(set.prefix)) {
      const k = keyForm(p);
      if (!k || c.prefix.has(k)) continue;
      c.prefix.set(k, kind);
      c.maxPrefixWords = Math.max(c.maxPrefixWords, k.split(' ').length);
    }
    for (const p of flattenLists(set.contains)) {
      const k = keyForm(p);
      if (!k || c.contains.has(k)) continue;
      c.contains.set(k, kind);
      c.maxContainsWords = Math.max(c.maxContainsWords, k.split(' ').length);
    }
    const re = combine(flattenLists(set.pattern));
    if (re) c.patterns.push([kind, re]);
    const raw = combine(flattenLists(set.raw_pattern));
    if (raw) c.rawPatterns.push([kind, raw]);
  }
  return c;
}

const dict = loadDictFile<BoilerplateDict>('boilerplate.yaml');
const LIMITS = dict.limits;
const CUES = compile(dict.cues ?? {});
const OPENERS = compile({ teaser: dict.teaser_openers ?? {} });
const HEAD = compile(dict.head ?? {});

interface LineView {
  raw: string;
  /** Whitespace-separated tokens of the raw line. */
  wordCount: number;
  /** Longer than any cue line: only article text is that long, no cue is tried. */
  long: boolean;
  folded: string;
  /** Key form and its words; empty for lines with more words than a cue line can have. */
  key: string;
  words: string[];
}

function countWords(s: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const space = s.charCodeAt(i) <= 32 || s[i] === '\u00a0';
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

function view(text: string, line: Line): LineView {
  const raw = text.slice(line.start, line.end).trim();
  const wordCount = countWords(raw);
  if (raw.length > LIMITS.cue_line_max_chars) return { raw, wordCount, long: true, folded: '', key: '', words: [] };
  const folded = fold(raw).replace(/\s+/g, ' ');
  // The key form only serves exact/prefix/contains lookups, which need short lines.
  const key = wordCount <= LIMITS.cue_line_max_words ? keyFromFolded(folded) : '';
  return { raw, wordCount, long: false, folded, key, words: key ? key.split(' ') : [] };
}

/** Match one line against a compiled cue set; null when nothing fires. */
function match(c: CompiledCues, v: LineView, maxWords: number): BoilerplateKind | null {
  if (v.long || !v.raw) return null;
  const exact = v.key ? c.exact.get(v.key) : undefined;
  if (exact) return exact;
  for (const [kind, re] of c.patterns) if (re.test(v.folded)) return kind;
  for (const [kind, re] of c.rawPatterns) if (re.test(v.raw)) return kind;
  if (v.wordCount > maxWords || !v.key) return null;
  for (let n = Math.min(c.maxPrefixWords, v.words.length); n >= 1; n--) {
    const kind = c.prefix.get(v.words.slice(0, n).join(' '));
    if (kind) return kind;
  }
  if (c.maxContainsWords) {
    for (let i = 0; i < v.words.length; i++) {
      let key = '';
      for (let n = 1; n <= c.maxContainsWords && i + n <= v.words.length; n++) {
        key = n === 1 ? v.words[i] : key + ' ' + v.words[i + n - 1];
        const kind = c.contains.get(key);
        if (kind) return kind;
      }
    }
  }
  return null;
}

/** Classify one line of text on its own (exported for tests and for the reader). */
export function classifyLine(line: string): BoilerplateKind | 'opener' | null {
  const v = view(line, { start: 0, end: line.length });
  if (match(OPENERS, v, LIMITS.nav_line_max_words + 2)) return 'opener';
  return match(CUES, v, LIMITS.cue_line_max_words);
}

/** Short label-like line (section names at the end of a page: "Patrimoine", "Actualités"). */
function isNavLike(v: LineView): boolean {
  return (
    v.raw.length <= LIMITS.nav_line_max_chars &&
    v.words.length > 0 &&
    v.wordCount <= LIMITS.nav_line_max_words &&
    !/[.!?…:;,»"”)]$/.test(v.raw)
  );
}

function nonSpaceLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 32) n++;
  return n;
}

// ---------------------------------------------------------------------------------------------
// Spans

/**
 * Sort spans and merge overlapping ones (the earlier-starting span's kind wins), plus neighbours
 * of the same kind separated only by whitespace. Spans are clamped to the text; empty ones dropped.
 */
export function mergeSpans(text: string, spans: readonly BoilerplateSpan[]): BoilerplateSpan[] {
  const clean = spans
    .map((s) => ({ start: Math.max(0, s.start), end: Math.min(text.length, s.end), kind: s.kind }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out: BoilerplateSpan[] = [];
  for (const s of clean) {
    const prev = out[out.length - 1];
    if (prev && (s.start < prev.end || (s.kind === prev.kind && text.slice(prev.end, s.start).trim() === ''))) {
      prev.end = Math.max(prev.end, s.end);
    } else out.push({ ...s });
  }
  return out;
}

/**
 * Find boilerplate in plain `text`, merge it with the reader's `hints`, and return sorted,
 * non-overlapping spans aligned to whole lines (hints are kept as given).
 * `lang` is accepted for per-language refinements; all languages' cues are applied because
 * sites mix interface languages.
 */
export function detectBoilerplate(text: string, lang: Lang, hints: readonly BoilerplateSpan[] = []): BoilerplateSpan[] {
  const lines = splitLines(text);
  const views: Array<LineView | null> = lines.map((l) => (text.slice(l.start, l.end).trim() ? view(text, l) : null));
  const kinds: Array<BoilerplateKind | null> = new Array(lines.length).fill(null);

  // 1. Single-line cues, and the first teaser opener that comes after the article body.
  let contentChars = 0;
  let opener = -1;
  for (let i = 0; i < lines.length; i++) {
    const v = views[i];
    if (!v) continue;
    if (match(OPENERS, v, LIMITS.nav_line_max_words + 2)) {
      const late = lines[i].start >= LIMITS.tail_opener_min_position * text.length;
      if (late && contentChars >= LIMITS.tail_opener_min_content_chars) {
        opener = i;
        break;
      }
      kinds[i] = 'teaser'; // an opener above the body: only the line itself
      continue;
    }
    kinds[i] = match(CUES, v, LIMITS.cue_line_max_words);
    if (!kinds[i]) contentChars += nonSpaceLength(v.raw);
  }
  const bodyEnd = opener >= 0 ? opener : lines.length;

  // 2. Head: site headers and standalone datelines among the first lines.
  for (let i = 0, seen = 0; i < bodyEnd && seen < LIMITS.head_lines; i++) {
    const v = views[i];
    if (!v) continue;
    seen++;
    if (kinds[i]) continue;
    if (v.raw.length > LIMITS.head_line_max_chars || v.wordCount > LIMITS.head_line_max_words) continue;
    kinds[i] = match(HEAD, v, LIMITS.head_line_max_words) ?? (parseDateline(v.raw, lang) ? 'metadata' : null);
  }

  // 3. Tail sweep: short label lines mixed with boilerplate at the very end are navigation.
  const navCandidates: number[] = [];
  let tailHasBoilerplate = opener >= 0;
  for (let i = bodyEnd - 1; i >= 0; i--) {
    const v = views[i];
    if (!v) continue;
    if (kinds[i]) {
      tailHasBoilerplate = true;
      continue;
    }
    if (isNavLike(v)) {
      navCandidates.push(i);
      continue;
    }
    break;
  }
  if (tailHasBoilerplate) for (const i of navCandidates) kinds[i] = 'navigation';

  // 4. Spans.
  const spans: BoilerplateSpan[] = [];
  for (let i = 0; i < bodyEnd; i++) {
    const kind = kinds[i];
    if (kind) spans.push({ start: lines[i].start, end: lines[i].end, kind });
  }
  if (opener >= 0) {
    let last = lines.length - 1;
    while (last > opener && !views[last]) last--;
    spans.push({ start: lines[opener].start, end: lines[last].end, kind: 'teaser' });
  }
  return mergeSpans(text, [...hints, ...spans]);
}
