/**
 * Text folding shared by search, dictionary matching and duplicate detection.
 *
 * Folding removes what readers ignore when they look for a word: case, diacritics in all three
 * languages, and the Vietnamese đ/Đ — which is a separate letter in Unicode, not a base letter plus a
 * combining mark, so NFD alone leaves it in place.
 */

const COMBINING = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;

/** Fold a string for comparison: NFD, strip combining marks, đ→d, typographic apostrophes → ', lowercase. Length may change. */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(COMBINING, '')
    .replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'))
    .replace(/[\u2018\u2019\u02bc\u2032]/g, "'")
    .toLowerCase();
}

const unitCache = new Map<number, string>();

/** Fold one UTF-16 code unit to exactly one code unit (used to keep offsets aligned). */
function foldUnit(code: number): string {
  const hit = unitCache.get(code);
  if (hit !== undefined) return hit;
  const ch = String.fromCharCode(code);
  let out: string;
  if (code < 0x80) out = ch.toLowerCase();
  else if (code >= 0xd800 && code <= 0xdfff) out = ch; // surrogate halves pass through
  else {
    const f = fold(ch);
    out = f.length === 1 ? f : f.length === 0 ? ch : ch.toLowerCase().length === 1 ? ch.toLowerCase() : ch;
  }
  unitCache.set(code, out);
  return out;
}

/**
 * Fold NFC text one code unit at a time, so that `foldAligned(s)[i]` corresponds to `s[i]`.
 * Matches found in the folded string have the same offsets in the original. Combining marks that
 * survive NFC (rare) are kept, so they only cost a missed match, never a wrong offset.
 */
export function foldAligned(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += foldUnit(s.charCodeAt(i));
  return out;
}

/** Collapse whitespace runs to one space and trim. */
export function collapseSpace(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
