/**
 * Shared plumbing of the date and quantity finders (dates.ts, quantities.ts): loading their YAML
 * dictionaries once, the "match view" of a sentence, and turning word lists into one regex
 * alternation each (compiled once per language, so a sentence is scanned once per matcher, never
 * once per dictionary entry).
 *
 * The match view keeps offsets aligned with the original text (one code unit in, one out):
 *  - fr / en / und: folded (case, diacritics, đ, typographic apostrophes) — accents are noise there;
 *  - vi: only lower-cased (plus apostrophes), because Vietnamese diacritics are lexical: "năm"
 *    (year) ≠ "nam" (south), "đồng" (the currency) ≠ "động" (in "động cơ", engine).
 */
import type { Lang } from '../types.ts';
import { fold, foldAligned } from '../util/fold.ts';
import { loadBuiltinDict } from '../dict/load.ts';

/** Parse `dict/<name>` once (cached for the life of the process). */
export const loadDict = loadBuiltinDict;

const APOSTROPHES = /[\u2018\u2019\u02bc\u2032]/g;
const lowerCache = new Map<number, string>();

/** Lower-case one code unit to exactly one code unit. */
function lowerUnit(code: number): string {
  const hit = lowerCache.get(code);
  if (hit !== undefined) return hit;
  const ch = String.fromCharCode(code);
  let out = ch;
  if (code === 0x2018 || code === 0x2019 || code === 0x02bc || code === 0x2032) out = "'";
  else if (code < 0xd800 || code > 0xdfff) {
    const l = ch.toLowerCase();
    if (l.length === 1) out = l;
  }
  lowerCache.set(code, out);
  return out;
}

// The date and the quantity finders read the same sentence one after the other: the last view is
// kept so the second one does not fold it again.
let lastText = '';
let lastLang: Lang | null = null;
let lastView = '';

/** The text matchers run on, same length as `text` (see the module comment). */
export function matchView(text: string, lang: Lang): string {
  if (text === lastText && lang === lastLang) return lastView;
  let out = '';
  if (lang !== 'vi') out = foldAligned(text);
  else for (let i = 0; i < text.length; i++) out += lowerUnit(text.charCodeAt(i));
  lastText = text;
  lastLang = lang;
  lastView = out;
  return out;
}

/** A dictionary entry in the form of the match view of `lang`. */
export function normEntry(s: string, lang: Lang): string {
  const t = s.normalize('NFC').trim();
  return lang === 'vi' ? t.replace(APOSTROPHES, "'").toLowerCase() : fold(t);
}

export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Regex source of one escaped entry: spaces match any white-space run, hyphens any dash. */
export function entrySource(e: string): string {
  return escapeRe(e)
    .replace(/\s+/g, '\\s+')
    .replace(/-/g, '[-\\u2010\\u2011\\u2012\\u2013]');
}

/** `(?:a|b|…)` of the normalised entries, longest first so that the longest entry wins at a position. Never matches when empty. */
export function alternation(entries: Iterable<string>, lang: Lang): string {
  const set = new Set<string>();
  for (const e of entries) {
    const n = normEntry(e, lang);
    if (n) set.add(n);
  }
  if (set.size === 0) return '(?!)';
  const list = [...set].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  return `(?:${list.map(entrySource).join('|')})`;
}

/** Left / right word boundaries for Unicode text (JS \b is ASCII-only). */
export const LB = '(?<![\\p{L}\\p{N}])';
export const RB = '(?![\\p{L}\\p{N}])';

/** Languages whose entries a matcher for `lang` uses: itself, or all three when undetermined. */
export function langsFor(lang: Lang): Lang[] {
  return lang === 'und' ? ['fr', 'en', 'vi'] : [lang];
}

/** Entries of a per-language section (`{fr: [...], en: [...], all: [...]}`) that apply to `lang`. */
export function listFor<T>(section: Partial<Record<string, T[]>> | undefined, lang: Lang): T[] {
  if (!section) return [];
  const out: T[] = [...(section.all ?? [])];
  for (const l of langsFor(lang)) out.push(...(section[l] ?? []));
  return out;
}

/** Entries of a per-language map section (`{fr: {word: n}, …}`) that apply to `lang`, as [key, value] pairs. */
export function mapFor<T>(section: Partial<Record<string, Record<string, T>>> | undefined, lang: Lang): [string, T][] {
  if (!section) return [];
  const out: [string, T][] = Object.entries(section.all ?? {});
  for (const l of langsFor(lang)) out.push(...Object.entries(section[l] ?? {}));
  return out;
}

/** A lookup from normalised entry to value (first entry wins). */
export function lookupMap<T>(pairs: Iterable<[string, T]>, lang: Lang): Map<string, T> {
  const m = new Map<string, T>();
  for (const [k, v] of pairs) {
    const n = normEntry(String(k), lang);
    if (n && !m.has(n)) m.set(n, v);
  }
  return m;
}

/** Collapse the white space inside a matched entry so it can be looked up in a `lookupMap`. */
export function keyOf(matched: string): string {
  return matched.replace(/[\s\-\u2010\u2011\u2012\u2013]+/g, (m) => (/\s/.test(m) ? ' ' : '-')).trim();
}

/** Per-language compiled-matcher cache: `build` runs once per language. */
export function perLangCache<T>(build: (lang: Lang) => T): (lang: Lang) => T {
  const cache = new Map<Lang, T>();
  return (lang) => {
    let v = cache.get(lang);
    if (v === undefined) {
      v = build(lang);
      cache.set(lang, v);
    }
    return v;
  };
}
