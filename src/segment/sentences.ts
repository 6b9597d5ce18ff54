/**
 * Sentence splitting inside one paragraph.
 *
 * Intl.Segmenter (ICU) does the first cut, run per paragraph because it is quadratic on long
 * strings, and on chunks of at most MAX_CHUNK characters cut at a safe point. Its known misses are
 * then repaired, language-neutrally:
 *  - splits ICU does not make: after "…", and after ". " before a number ("ingénieurs. 1,5 tỷ");
 *  - closing quotes/brackets that ICU puts at the start of the next sentence ("fini. » Puis")
 *    are moved back to the sentence they close;
 *  - merges: a sentence ending in an abbreviation (dict/abbreviations.yaml: "M.", "Dr.", "TS.",
 *    "TP." …) or an initial ("J.", "V.") continues; so does one followed by a lowercase start
 *    ("« Pourquoi ? » a-t-il demandé") or one that is only a list number ("1.").
 * Offsets are UTF-16 indices into the document text, trimmed of surrounding whitespace.
 */
import type { Lang } from '../types.ts';
import { loadDictFile } from '../normalise/dict-file.ts';

export interface Span {
  start: number;
  end: number;
}

/** A piece during splitting; `cut` marks the first piece of a forced chunk (never merged back). */
interface Piece extends Span {
  cut?: boolean;
}

/** Longest piece handed to Intl.Segmenter at once. */
const MAX_CHUNK = 3000;

// ---------------------------------------------------------------------------------------------
// Abbreviations

type AbbrevDict = Record<string, string[] | number>;
const abbrevDict = loadDictFile<AbbrevDict>('abbreviations.yaml');

function entries(key: string): string[] {
  const v = abbrevDict[key];
  return Array.isArray(v) ? v.map(String) : [];
}

function buildSet(keys: string[]): Set<string> {
  const set = new Set<string>();
  for (const k of keys) {
    for (const e of entries(k)) {
      set.add(e);
      // A lowercase abbreviation may be capitalised at a sentence start.
      if (e === e.toLowerCase() && e.length > 0) set.add(e[0].toUpperCase() + e.slice(1));
    }
  }
  return set;
}

const LANG_KEYS = Object.keys(abbrevDict).filter((k) => k !== 'version' && k !== 'common');
const abbrevSets = new Map<Lang, Set<string>>();
function abbreviations(lang: Lang): Set<string> {
  let s = abbrevSets.get(lang);
  if (!s) {
    // A known language uses its own list plus the common one; `und` uses every list.
    s = buildSet(['common', ...(LANG_KEYS.includes(lang) ? [lang] : LANG_KEYS)]);
    abbrevSets.set(lang, s);
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// Segmenters (one per language, reused)

const segmenters = new Map<string, Intl.Segmenter>();
function segmenter(lang: Lang): Intl.Segmenter {
  const locale = lang === 'und' ? 'en' : lang;
  let s = segmenters.get(locale);
  if (!s) segmenters.set(locale, (s = new Intl.Segmenter(locale, { granularity: 'sentence' })));
  return s;
}

// ---------------------------------------------------------------------------------------------
// Helpers

const WS = /\s/;
const isSpace = (c: string | undefined) => c !== undefined && WS.test(c);

/** Trim whitespace off [start, end) of `text`; null when nothing is left. */
function trimSpan(text: string, start: number, end: number): Span | null {
  while (start < end && isSpace(text[start])) start++;
  while (end > start && isSpace(text[end - 1])) end--;
  return end > start ? { start, end } : null;
}

/** Where to cut a long paragraph: after a sentence end if possible, else at whitespace. */
function safeCut(text: string, start: number, limit: number, abbrev: Set<string>): number {
  const floor = start + Math.floor((limit - start) / 2);
  for (let i = limit - 1; i > floor; i--) {
    if (
      isSpace(text[i]) &&
      /[.!?…]/.test(text[i - 1] ?? '') &&
      /\p{Lu}|\p{N}/u.test(text[i + 1] ?? '') &&
      !endsWithAbbreviation(text, start, i, abbrev)
    )
      return i + 1;
  }
  for (let i = limit - 1; i > floor; i--) if (isSpace(text[i])) return i + 1;
  return limit;
}

/** ICU sentences of [start, end), in chunks of at most MAX_CHUNK characters. */
function icuSentences(text: string, start: number, end: number, lang: Lang, abbrev: Set<string>): Piece[] {
  const out: Piece[] = [];
  let at = start;
  while (at < end) {
    const stop = end - at > MAX_CHUNK ? safeCut(text, at, at + MAX_CHUNK, abbrev) : end;
    // Line breaks inside a (hard-wrapped) paragraph are not sentence ends: ICU would break on
    // them, so they become spaces (same length, offsets unchanged).
    const chunk = text.slice(at, stop).replace(/[\r\n\u2028\u2029\u0085]/g, ' ');
    let first = at > start;
    for (const seg of segmenter(lang).segment(chunk)) {
      const s: Piece | null = trimSpan(text, at + seg.index, at + seg.index + seg.segment.length);
      if (!s) continue;
      if (first) s.cut = true; // a forced chunk boundary: never merged back
      first = false;
      out.push(s);
    }
    at = stop;
  }
  return out;
}

/**
 * Extra splits ICU does not make: "… Next", and ". 1,5 tỷ" (a sentence starting with a number).
 * The lookbehind comes after the punctuation so it only runs at candidate positions.
 */
const EXTRA_SPLIT = /(?:…|\.\.\.)[»”"')\]]?(?=\s+[«“"]?[\p{Lu}\p{N}])|[.!?](?<=(?:\p{L}{2}|\p{N}{4}|[)»”"%])[.!?])[»”"')\]]?(?=\s+\p{N})/gu;

function extraSplits(text: string, s: Piece, abbrev: Set<string>): Piece[] {
  const piece = text.slice(s.start, s.end);
  const out: Piece[] = [];
  let from = s.start;
  EXTRA_SPLIT.lastIndex = 0;
  for (let m = EXTRA_SPLIT.exec(piece); m; m = EXTRA_SPLIT.exec(piece)) {
    const cut = s.start + m.index + m[0].length;
    if (endsWithAbbreviation(text, from, cut, abbrev)) continue;
    const a = trimSpan(text, from, cut);
    if (a) out.push(a);
    from = cut;
  }
  const rest = trimSpan(text, from, s.end);
  if (rest) out.push(rest);
  if (s.cut && out.length) (out[0] as Piece).cut = true;
  return out;
}

/** Last whitespace-separated token of [start, end), without opening punctuation. */
function lastToken(text: string, start: number, end: number): string {
  let i = end;
  while (i > start && !isSpace(text[i - 1])) i--;
  return text.slice(i, end).replace(/^[(\[«“"'‘]+/, '');
}

const INITIAL = /^(?:\p{Lu}\.)+$/u;

function endsWithAbbreviation(text: string, start: number, end: number, abbrev: Set<string>): boolean {
  const tok = lastToken(text, start, end);
  if (!tok.endsWith('.')) return false;
  return abbrev.has(tok) || INITIAL.test(tok);
}

const CLOSERS = /^[»”’)\]]+/u;
const LOWER_START = /^[«“"'‘(\[]?\s*\p{Ll}/u;
/** A "sentence" that is only a list marker: "1.", "12)", "a.". */
const LIST_MARKER = /^(?:\p{N}{1,3}|\p{L})[.)]$/u;

// ---------------------------------------------------------------------------------------------
// Public API

/**
 * Sentences of text[start, end) — normally one paragraph. Sentences never extend outside it.
 */
export function splitSentences(text: string, start: number, end: number, lang: Lang): Span[] {
  const para = trimSpan(text, start, end);
  if (!para) return [];
  const abbrev = abbreviations(lang);

  // 1. ICU, then the splits it misses.
  const pieces: Piece[] = [];
  for (const s of icuSentences(text, para.start, para.end, lang, abbrev)) pieces.push(...extraSplits(text, s, abbrev));

  // 2. Closing quotes/brackets at a sentence start belong to the previous sentence.
  for (let i = 1; i < pieces.length; i++) {
    if (pieces[i].cut) continue;
    const head = CLOSERS.exec(text.slice(pieces[i].start, Math.min(pieces[i].end, pieces[i].start + 8)));
    if (!head) continue;
    const cut = pieces[i].start + head[0].length;
    pieces[i - 1].end = cut;
    const rest = trimSpan(text, cut, pieces[i].end);
    if (rest) pieces[i] = rest;
    else pieces.splice(i--, 1);
  }

  // 3. Merges.
  const out: Span[] = [];
  for (const p of pieces) {
    const prev = out[out.length - 1];
    if (prev && !p.cut) {
      const next = text.slice(p.start, Math.min(p.end, p.start + 4));
      const merge =
        endsWithAbbreviation(text, prev.start, prev.end, abbrev) ||
        (prev.end - prev.start <= 4 && LIST_MARKER.test(text.slice(prev.start, prev.end))) ||
        LOWER_START.test(next);
      if (merge) {
        prev.end = p.end;
        continue;
      }
    }
    out.push({ start: p.start, end: p.end });
  }
  return out;
}
