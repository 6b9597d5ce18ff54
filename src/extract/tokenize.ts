/**
 * Tokenisation for dictionary matching.
 *
 * A token is a maximal run of Unicode letters, digits and combining marks. Everything else
 * separates tokens, so French elision splits ("l'UE" → "l" + "UE", "d'IA" → "d" + "IA"), hyphens
 * split ("semi-conducteurs" → "semi" + "conducteurs") and Vietnamese syllables are tokens. Dictionary
 * phrases are tokenised the same way, which makes '-', '–' and ' ' equivalent inside phrases.
 *
 * Each token keeps three views: the original text (for case-sensitive acronyms and capitalisation),
 * the folded form (diacritics, case and đ removed — the trie key), and on demand an "exact" key
 * (lower case with diacritics kept, Vietnamese tone marks in one placement) for entries that must
 * not match without their diacritics (Vietnamese short forms such as "Mỹ", "Nhật").
 */
import { fold } from '../util/fold.ts';

export interface Token {
  /** Offsets in the document text (UTF-16, end-exclusive). */
  start: number;
  end: number;
  raw: string;
  /** Folded form (see util/fold.ts). */
  f: string;
  /** Text between this token and the next one (or the end of the sentence). */
  gap: string;
  /** First character is an upper-case letter. */
  cap: boolean;
}

const TOKEN_RE = /[\p{L}\p{N}\p{M}]+/gu;
const UPPER_RE = /\p{Lu}/u;

// Folding a token is the costly part of tokenising (NFD + regex); news text repeats its words,
// so folded forms are cached (bounded: cleared when large).
// Plain ASCII tokens (most of fr/en text) skip the cache: their fold is their lower case.
const foldCache = new Map<string, string>();
function foldToken(raw: string): string {
  let upper = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 0x80) return foldCached(raw);
    if (c >= 65 && c <= 90) upper = true;
  }
  return upper ? raw.toLowerCase() : raw;
}
function foldCached(raw: string): string {
  let f = foldCache.get(raw);
  if (f === undefined) {
    if (foldCache.size > 200_000) foldCache.clear();
    f = fold(raw);
    foldCache.set(raw, f);
  }
  return f;
}

/** First character an upper-case letter? ASCII by range, the rest by Unicode property. */
function startsUpper(raw: string): boolean {
  const c = raw.charCodeAt(0);
  if (c < 0x80) return c >= 65 && c <= 90;
  return UPPER_RE.test(raw[0]);
}

/**
 * Tokenise `text.slice(start, end)` and return tokens with document offsets. `folded`, when given,
 * must be `foldAligned(text)` (same length as `text`); otherwise tokens are folded one by one.
 */
export function tokenize(text: string, folded: string | null, start = 0, end = text.length): Token[] {
  // A code-unit scan with the same token definition as TOKEN_RE (which dictionary phrases still
  // use): ~2× cheaper than running the Unicode-property regex over the sentence.
  const out: Token[] = [];
  let prev: Token | null = null;
  let i = start;
  while (i < end) {
    let w = tokenUnitsAt(text, i, end);
    if (w === 0) {
      i++;
      continue;
    }
    const s = i;
    do i += w;
    while (i < end && (w = tokenUnitsAt(text, i, end)) !== 0);
    const raw = text.slice(s, i);
    if (prev) prev.gap = text.slice(prev.end, s);
    prev = { start: s, end: i, raw, f: folded ? folded.slice(s, i) : foldToken(raw), gap: '', cap: startsUpper(raw) };
    out.push(prev);
  }
  if (prev) prev.gap = text.slice(prev.end, end);
  return out;
}

const TOKEN_CHAR_RE = /^[\p{L}\p{N}\p{M}]$/u;
/** Per BMP code unit: 0 not known yet, 1 a token character, 2 not (filled on first use). */
const bmpClass = new Uint8Array(0x10000);

/**
 * Code units of the token character at `text[i]` (2 for a surrogate pair whose code point is a
 * letter, digit or mark), or 0 when it is not one. Pairs cut by `end` are lone surrogates, as in
 * `text.slice(start, end)`: never token characters.
 */
function tokenUnitsAt(text: string, i: number, end: number): number {
  const c = text.charCodeAt(i);
  if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ? 1 : 0;
  if (c >= 0xd800 && c <= 0xdbff) {
    if (i + 1 >= end) return 0;
    const d = text.charCodeAt(i + 1);
    if (d < 0xdc00 || d > 0xdfff) return 0;
    return TOKEN_CHAR_RE.test(text.slice(i, i + 2)) ? 2 : 0;
  }
  let k = bmpClass[c];
  if (k === 0) bmpClass[c] = k = c >= 0xdc00 && c <= 0xdfff ? 2 : TOKEN_CHAR_RE.test(String.fromCharCode(c)) ? 1 : 2;
  return k === 1 ? 1 : 0;
}

/** Tokenise a dictionary phrase into folded tokens. */
export function phraseTokens(phrase: string): string[] {
  const f = fold(phrase.normalize('NFC'));
  return f.match(TOKEN_RE) ?? [];
}

/** Tokenise a dictionary phrase into its original-case tokens (for case-sensitive entries). */
export function phraseRawTokens(phrase: string): string[] {
  return phrase.normalize('NFC').match(TOKEN_RE) ?? [];
}

// Vietnamese old/new tone placement: "hoà" ~ "hòa", "thuỷ" ~ "thủy", "khoẻ" ~ "khỏe". We move the
// tone mark onto the first vowel of a final oa/oe/uy so both spellings give the same key.
const TONES = /[\u0300\u0301\u0303\u0309\u0323]/;
const OLD_STYLE = /^(.*?)(o|u)([ae y])([\u0300\u0301\u0303\u0309\u0323])$/;

const ASCII = /^[\x00-\x7f]*$/;
/** Final old-style toned vowel (à á ả ã ạ, è é ẻ ẽ ẹ, ỳ ý ỷ ỹ ỵ) after o/u: the only case that needs work. */
const OLD_TAIL = /[ou][àáảãạèéẻẽẹỳýỷỹỵ]$/;

/** Exact comparison key: NFC lower case with diacritics, Vietnamese tone placement unified. Input is NFC. */
export function exactKey(s: string): string {
  const lower = s.toLowerCase();
  if (ASCII.test(lower) || !OLD_TAIL.test(lower)) return lower;
  const d = lower.normalize('NFD');
  if (d.length >= 3 && TONES.test(d[d.length - 1])) {
    const m = OLD_STYLE.exec(d.replace(/ /g, '\u0000'));
    if (m && m[3] !== ' ') return (m[1] + m[2] + m[4] + m[3]).replace(/\u0000/g, ' ').normalize('NFC');
  }
  return d.normalize('NFC');
}
