/**
 * Quantities in a sentence: money, counts of things, percentages and physical measures.
 *
 * One pass of a number regex over the sentence's match view; each number then reads what follows
 * it with a few sticky (anchored) regexes compiled once per language from dict/quantities.yaml:
 * scale words ("1,5 milliard", "3 triệu", "1.5bn"), currency ("USD 150 million", "100 tỉ Yên"),
 * percent, unit ("610 MW") or counted noun ("50.000 ingénieurs" → engineers). Identifiers, ordinals,
 * dates, years, times, phone numbers and "5G" are rejected by context (see `rejectByContext`).
 * Spelled-out numbers count only when a scale, currency, unit, percent or known noun follows.
 */
import type { Lang } from '../types.ts';
import {
  LB,
  RB,
  alternation,
  keyOf,
  langsFor,
  listFor,
  loadDict,
  lookupMap,
  mapFor,
  matchView,
  normEntry,
  perLangCache,
} from './numdate-lexicon.ts';

export interface QuantityMention {
  start: number;
  end: number;
  text: string;
  value: number;
  /** ISO 4217 code for money, '%' for percent, canonical unit for measures, English lemma (or the noun as written) for counts. */
  unit: string | null;
  kind: 'money' | 'count' | 'percent' | 'measure';
}

type PerLang<T> = Partial<Record<string, T>>;

interface QuantitiesDict {
  version: number;
  scales: PerLang<{ v: number; w: string[]; currency_only?: boolean }[]>;
  scale_connectors: PerLang<string[]>;
  currencies: Record<string, { before?: string[]; after?: string[] }>;
  percent: string[];
  units: Record<string, string[]>;
  count_nouns: Record<string, PerLang<string[]>>;
  count_skip: PerLang<string[]>;
  durations: PerLang<string[]>;
  not_after: PerLang<string[]>;
  count_stopwords: PerLang<string[]>;
  number_words: PerLang<Record<string, number>>;
  weak_number_words: PerLang<Record<string, number>>;
  raw_noun: PerLang<'first' | 'plural' | 'phrase'>;
  year_determiners: PerLang<string[]>;
  max_modifiers: PerLang<number>;
}

interface DatesNames {
  months?: PerLang<Record<string, number>>;
  weekdays?: PerLang<Record<string, number>>;
}

const DICT = loadDict<QuantitiesDict>('quantities.yaml');
const DATES = loadDict<DatesNames>('dates.yaml');

// ---------------------------------------------------------------------------------------------
// Numbers

const SPACE = /[ \u00a0\u202f]/;
const SPACES = /[ \u00a0\u202f]/g;

/**
 * Parse a number written with the conventions of `lang`.
 *  - en: "," groups thousands, "." is the decimal point ("1,500.5"; a lone "1,5" is read as 1.5).
 *  - fr / vi: "." and spaces (also U+00A0, U+202F) group thousands, "," is the decimal comma; a
 *    lone dot followed by exactly three digits groups thousands ("1.500" = 1500), otherwise it is
 *    a decimal point ("2.5").
 *  - und: the last of two different separators is the decimal one; a lone separator followed by
 *    exactly three digits groups thousands.
 * Returns null when the string is not a well-formed number (e.g. "1.2.3", "10/03").
 */
export function parseNumber(s: string, lang: Lang): number | null {
  let t = s.trim();
  let sign = 1;
  if (t.startsWith('-') || t.startsWith('+') || t.startsWith('\u2212')) {
    if (t[0] !== '+') sign = -1;
    t = t.slice(1);
  }
  if (!/^\d[\d., \u00a0\u202f]*$/.test(t) || /[., \u00a0\u202f]$/.test(t)) return null;
  if (SPACE.test(t)) {
    // Space-grouped thousands: 1–3 digits, then groups of exactly three, then maybe a decimal part.
    const m = /^(\d{1,3}(?:[ \u00a0\u202f]\d{3})+)([.,]\d+)?$/.exec(t);
    if (!m) return null;
    const intPart = m[1].replace(SPACES, '');
    const frac = m[2] ? m[2].slice(1) : '';
    return sign * Number(frac ? `${intPart}.${frac}` : intPart);
  }
  const dots = countOf(t, '.');
  const commas = countOf(t, ',');
  let thousands: string | null = null;
  let decimal: string | null = null;
  if (dots && commas) {
    // Both: the one that comes last is the decimal separator, and it must occur once.
    const lastDot = t.lastIndexOf('.');
    const lastComma = t.lastIndexOf(',');
    decimal = lastDot > lastComma ? '.' : ',';
    thousands = decimal === '.' ? ',' : '.';
    if (countOf(t, decimal) !== 1) return null;
  } else if (dots || commas) {
    const sep = dots ? '.' : ',';
    const n = dots || commas;
    const threeAfter = new RegExp(`^\\d{1,3}(?:\\${sep}\\d{3})+$`).test(t);
    if (n > 1) {
      if (!threeAfter) return null;
      thousands = sep;
    } else if (lang === 'en') {
      if (sep === ',') (threeAfter ? (thousands = sep) : (decimal = sep));
      else decimal = sep;
    } else if (lang === 'fr' || lang === 'vi') {
      if (sep === '.') (threeAfter ? (thousands = sep) : (decimal = sep));
      else decimal = sep;
    } else {
      threeAfter ? (thousands = sep) : (decimal = sep);
    }
  }
  let intPart = t;
  let frac = '';
  if (decimal) {
    const i = t.lastIndexOf(decimal);
    intPart = t.slice(0, i);
    frac = t.slice(i + 1);
  }
  if (thousands) {
    if (!new RegExp(`^\\d{1,3}(?:\\${thousands}\\d{3})*$`).test(intPart)) return null;
    intPart = intPart.split(thousands).join('');
  }
  if (!/^\d+$/.test(intPart) || (decimal && !/^\d+$/.test(frac))) return null;
  return sign * Number(frac ? `${intPart}.${frac}` : intPart);
}

function countOf(s: string, ch: string): number {
  let n = 0;
  for (const c of s) if (c === ch) n++;
  return n;
}

/** value × 10^exp without binary noise (1.1 × 10^6 = 1100000, not 1100000.0000000002). */
function scaleBy(value: number, exp: number): number {
  if (exp === 0) return value;
  const s = String(value);
  return s.includes('e') ? value * 10 ** exp : Number(`${s}e${exp}`);
}

// ---------------------------------------------------------------------------------------------
// Compiled matchers, one set per language

interface Scale {
  v: number;
  currencyOnly: boolean;
}

interface Matchers {
  num: RegExp;
  words: RegExp;
  wordValue: Map<string, { v: number; weak: boolean }>;
  curBefore: RegExp;
  curBeforeMap: Map<string, string>;
  scale: RegExp;
  scaleMap: Map<string, Scale>;
  connector: RegExp;
  curAfter: RegExp;
  curAfterMap: Map<string, string>;
  percent: RegExp;
  unit: RegExp;
  unitMap: Map<string, string>;
  monthAfter: RegExp;
  duration1: RegExp;
  duration2: RegExp;
  noun1: RegExp;
  noun2: RegExp;
  useNoun2: boolean;
  nounMap: Map<string, string>;
  raw: RegExp;
  rawMode: 'first' | 'plural' | 'phrase';
  stop: Set<string>;
  notAfter: RegExp;
  yearDeterminer: RegExp;
}

const sticky = (src: string) => new RegExp(src, 'uy');

const matchers = perLangCache<Matchers>((lang) => {
  const alt = (list: Iterable<string>) => alternation(list, lang);

  const scalePairs: [string, Scale][] = [];
  for (const s of listFor(DICT.scales, lang)) for (const w of s.w) scalePairs.push([w, { v: s.v, currencyOnly: !!s.currency_only }]);
  const curBefore: [string, string][] = [];
  const curAfter: [string, string][] = [];
  for (const [code, c] of Object.entries(DICT.currencies ?? {})) {
    for (const w of c.before ?? []) curBefore.push([w, code]);
    for (const w of c.after ?? []) curAfter.push([w, code]);
  }
  const unitPairs: [string, string][] = [];
  for (const [u, forms] of Object.entries(DICT.units ?? {})) for (const f of forms) unitPairs.push([f, u]);
  const nounPairs: [string, string][] = [];
  for (const [lemma, forms] of Object.entries(DICT.count_nouns ?? {})) for (const f of listFor(forms, lang)) nounPairs.push([f, lemma]);
  const months = mapFor(DATES.months, lang).map(([k]) => k);
  const weekdays = mapFor(DATES.weekdays, lang).map(([k]) => k);
  const wordPairs: [string, { v: number; weak: boolean }][] = [
    ...mapFor(DICT.number_words, lang).map(([k, v]): [string, { v: number; weak: boolean }] => [k, { v: Number(v), weak: false }]),
    ...mapFor(DICT.weak_number_words, lang).map(([k, v]): [string, { v: number; weak: boolean }] => [k, { v: Number(v), weak: true }]),
  ];
  const durations = alt(listFor(DICT.durations, lang));
  const nouns = alt(nounPairs.map(([f]) => f));
  const skip = alt(listFor(DICT.count_skip, lang));
  // A word of the match view: letters and marks (plus inner apostrophes/hyphens outside Vietnamese, whose words are syllables).
  const word = lang === 'vi' ? "[\\p{L}\\p{M}]+" : "[\\p{L}\\p{M}](?:[\\p{L}\\p{M}'\\-]*[\\p{L}\\p{M}])?";
  const stops = listFor(DICT.count_stopwords, lang);
  // A modifier between a number and its noun: any word but a function word ("3 nouveaux projets", "40 Vietnamese engineers").
  const modifier = `(?!${alt(stops)}${RB})${word}`;
  const maxModifiers = Math.max(0, ...langsFor(lang).map((l) => Number(DICT.max_modifiers?.[l] ?? 1)));

  return {
    // Space-grouped thousands first ("50 000", "1 000 000,5"), then any run of digits and . , separators.
    num: new RegExp(`(?<![\\p{L}\\p{N}_])(?:\\d{1,3}(?:[ \\u00a0\\u202f]\\d{3}(?!\\d))+(?:[.,]\\d+)?|\\d+(?:[.,]\\d+)*)`, 'gu'),
    words: new RegExp(`${LB}${alt(wordPairs.map(([k]) => k))}${RB}`, 'gu'),
    wordValue: lookupMap(wordPairs, lang),
    curBefore: new RegExp(`${LB}(${alt(curBefore.map(([w]) => w))})\\s*$`, 'u'),
    curBeforeMap: lookupMap(curBefore, lang),
    scale: sticky(`\\s*(${alt(scalePairs.map(([w]) => w))})${RB}`),
    scaleMap: lookupMap(scalePairs, lang),
    connector: sticky(`\\s*${alt(listFor(DICT.scale_connectors, lang))}(?:\\s+|(?<='))`),
    curAfter: sticky(`\\s*(${alt(curAfter.map(([w]) => w))})${RB}`),
    curAfterMap: lookupMap(curAfter, lang),
    percent: sticky(`\\s*${alt(DICT.percent ?? [])}${RB}`),
    unit: sticky(`\\s*(${alt(unitPairs.map(([w]) => w))})${RB}`),
    unitMap: lookupMap(unitPairs, lang),
    monthAfter: sticky(`\\s*${alt(months)}${RB}`),
    duration1: sticky(`\\s*${durations}${RB}`),
    duration2: sticky(`\\s*${word}\\s+${durations}${RB}`),
    noun1: sticky(`\\s*(?:${skip}\\s+)?(${nouns})${RB}`),
    noun2: sticky(`\\s*(?:${modifier}\\s+){1,${Math.max(1, maxModifiers)}}(${nouns})${RB}`),
    useNoun2: maxModifiers > 0,
    nounMap: lookupMap(nounPairs, lang),
    raw: sticky(`\\s*(?:${skip}\\s+)?(${word}(?:\\s+${word}){0,2})`),
    rawMode: lang === 'und' ? 'first' : (DICT.raw_noun?.[lang] ?? 'first'),
    stop: new Set(stops.map((w) => normEntry(w, lang))),
    notAfter: new RegExp(`${LB}${alt([...listFor(DICT.not_after, lang), ...months, ...weekdays])}\\s*$`, 'u'),
    yearDeterminer: new RegExp(`${LB}${alt(listFor(DICT.year_determiners, lang))}\\s*$`, 'u'),
  };
});

// ---------------------------------------------------------------------------------------------
// Reading what follows a number

interface Tail {
  end: number;
  exp: number;
  currency: string | null;
  percent: boolean;
  unit: string | null;
  /** Lemma of a known count noun. */
  lemma: string | null;
  /** The known noun follows the number directly (or after a classifier/skip word only). */
  direct: boolean;
  /** A noun not in the table, as written (lower-cased). */
  raw: string | null;
  /** The number is followed by a time word or a month name: not a quantity. */
  reject: boolean;
}

function execAt(re: RegExp, s: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(s);
}

const LETTER = /[\p{L}]/u;

/** Read scale, currency, percent, unit or noun after position `pos` of the match view. */
function readTail(view: string, text: string, pos: number, M: Matchers, currencyBefore: string | null): Tail {
  const tail: Tail = { end: pos, exp: 0, currency: currencyBefore, percent: false, unit: null, lemma: null, direct: false, raw: null, reject: false };
  let p = pos;
  // Scale words, up to two ("nghìn tỷ" = 10^12).
  let exp = 0;
  let currencyOnly = false;
  for (let i = 0; i < 2; i++) {
    const m = execAt(M.scale, view, p);
    if (!m) break;
    const s = M.scaleMap.get(keyOf(m[1]));
    if (!s) break;
    exp += Math.round(Math.log10(s.v));
    currencyOnly ||= s.currencyOnly;
    p = m.index + m[0].length;
  }
  // "milliard d'euros", "millions de personnes": a connector only counts when something follows it.
  let q = p;
  if (exp !== 0) {
    const c = execAt(M.connector, view, p);
    if (c) q = c.index + c[0].length;
  }
  let m = execAt(M.curAfter, view, q) ?? (q !== p ? execAt(M.curAfter, view, p) : null);
  if (m) {
    tail.currency = M.curAfterMap.get(keyOf(m[1])) ?? tail.currency;
    p = m.index + m[0].length;
  }
  if (currencyOnly && !tail.currency) {
    // "300m" without a currency is not 300 million (it may be metres): forget the scale.
    exp = 0;
    p = pos;
  }
  tail.exp = exp;
  tail.end = p;
  if (tail.currency) return tail;
  if ((m = execAt(M.percent, view, p))) {
    tail.percent = true;
    tail.end = m.index + m[0].length;
    return tail;
  }
  if ((m = execAt(M.unit, view, p))) {
    tail.unit = M.unitMap.get(keyOf(m[1])) ?? null;
    tail.end = m.index + m[0].length;
    return tail;
  }
  if (LETTER.test(text[p] ?? '')) return tail; // glued letters ("5G", "79e", "14h30") are no noun
  const nounAt = exp !== 0 && q !== p ? [q, p] : [p];
  if (execAt(M.monthAfter, view, p) || execAt(M.duration1, view, p) || execAt(M.duration2, view, p)) {
    tail.reject = true;
    return tail;
  }
  for (const at of nounAt) {
    const direct = execAt(M.noun1, view, at);
    const n = direct ?? (M.useNoun2 ? execAt(M.noun2, view, at) : null);
    if (n) {
      tail.lemma = M.nounMap.get(keyOf(n[1])) ?? null;
      tail.direct = !!direct;
      tail.end = n.index + n[0].length;
      return tail;
    }
  }
  const r = execAt(M.raw, view, p);
  if (r) {
    // Candidate words after the number, up to the first function word or capitalised word.
    const words: { w: string; start: number }[] = [];
    const first = r.index + r[0].length - r[1].length;
    for (const m of r[1].matchAll(/\S+/g)) {
      const start = first + m.index!;
      const w = m[0];
      if (w.length < 2 || M.stop.has(w) || /^\p{Lu}/u.test(text[start])) break;
      words.push({ w, start });
    }
    if (words.length) {
      let a = words[0];
      let b = words[0];
      if (M.rawMode === 'plural') a = b = words.find((x) => x.w.endsWith('s')) ?? words[0];
      else if (M.rawMode === 'phrase') b = words[words.length - 1];
      tail.raw = text.slice(a.start, b.start + b.w.length).toLowerCase();
      tail.end = b.start + b.w.length;
    }
  }
  return tail;
}

/**
 * True when a scale, currency, percent, unit or known count noun follows position `pos` of `text`
 * ("2000 personnes", "2030 MW"): used by findDates to keep a bare number from being read as a year.
 */
export function hasQuantityTail(text: string, pos: number, lang: Lang): boolean {
  const M = matchers(lang);
  const view = matchView(text, lang);
  const t = readTail(view, text, pos, M, null);
  return !!(t.exp || t.currency || t.percent || t.unit || t.lemma);
}

// ---------------------------------------------------------------------------------------------
// Context checks

const DIGIT = /\p{N}/u;
const ALNUM = /[\p{L}\p{N}]/u;
const DASHES = '-\u2010\u2011\u2012\u2013';

/** Reasons a number is not a quantity, read from the characters and words around it. */
function rejectByContext(text: string, view: string, start: number, end: number, M: Matchers): boolean {
  const prev = text[start - 1] ?? '';
  const prev2 = text[start - 2] ?? '';
  const next = text[end] ?? '';
  const next2 = text[end + 1] ?? '';
  if ('/:+#'.includes(prev) && prev !== '') return true; // "1131/QĐ", "10:30", "+84"
  if (DASHES.includes(prev) && prev !== '' && ALNUM.test(prev2)) return true; // "COVID-19", "F-35"
  if (('/:'.includes(next) && next !== '') && DIGIT.test(next2)) return true; // "10/03/2025", "24/7", "10:30"
  if (next === '/' && ALNUM.test(next2)) return true; // "13/NĐ-CP"
  if (DASHES.includes(next) && next !== '' && ALNUM.test(next2)) return true; // "57-NQ", "2021-2030", "5-year"
  // Phone numbers and digit runs split by spaces: "+84 24 3825 1234", "0912 345 678".
  if (/\d[ \u00a0\u202f]$/.test(text.slice(Math.max(0, start - 2), start))) return true;
  if (/^[ \u00a0\u202f]\d/.test(text.slice(end, end + 2))) return true;
  // Identifiers, ordinals, date parts: "Décret 13", "lần thứ 2", "ngày 29", "September 22".
  if (M.notAfter.test(view.slice(Math.max(0, start - 40), start))) return true;
  return false;
}

// ---------------------------------------------------------------------------------------------

/** Money, counts, percentages and measures in one sentence, sorted by start, non-overlapping. */
export function findQuantities(text: string, lang: Lang): QuantityMention[] {
  const M = matchers(lang);
  const view = matchView(text, lang);
  const found: QuantityMention[] = [];

  M.num.lastIndex = 0;
  for (let m = M.num.exec(view); m; m = M.num.exec(view)) {
    const start = m.index;
    const end = start + m[0].length;
    const tok = m[0];
    if (/^0\d/.test(tok)) continue; // "0912…": phone or code, never a quantity
    if (rejectByContext(text, view, start, end, M)) continue;
    const value = parseNumber(tok, lang);
    if (value === null) continue;
    const [qStart, currencyBefore] = currencyBeforeAt(view, start, M);
    const t = readTail(view, text, end, M, currencyBefore);
    if (t.reject) continue;
    const glued = LETTER.test(text[end] ?? '');
    if (glued && !(t.exp || t.currency || t.percent || t.unit)) continue;
    const special = t.exp !== 0 || t.currency || t.percent || t.unit || t.lemma;
    // A bare four-digit number in the years' range is a year, not a count ("en 2021", "Noël 2025").
    if (/^\d{4}$/.test(tok) && value >= 1800 && value <= 2100) {
      if (!special) continue;
      // "the 2020 agreement", "by 2028 through short courses": a year, unless a counted noun follows right away.
      if (!t.exp && !t.currency && !t.percent && !t.unit && (!t.direct || M.yearDeterminer.test(view.slice(Math.max(0, start - 20), start)))) continue;
    }
    if (value === 0 && !special) continue;
    found.push(mention(text, qStart, t, scaleBy(value, t.exp)));
  }

  M.words.lastIndex = 0;
  for (let m = M.words.exec(view); m; m = M.words.exec(view)) {
    const w = M.wordValue.get(keyOf(m[0]));
    if (!w) continue;
    const start = m.index;
    const end = start + m[0].length;
    if (M.notAfter.test(view.slice(Math.max(0, start - 40), start))) continue;
    const [qStart, currencyBefore] = currencyBeforeAt(view, start, M);
    const t = readTail(view, text, end, M, currencyBefore);
    if (t.reject) continue;
    if (w.weak ? t.exp === 0 : !(t.exp || t.currency || t.percent || t.unit || t.lemma)) continue;
    found.push(mention(text, qStart, t, scaleBy(w.v, t.exp)));
  }

  return nonOverlapping(found);
}

/** A currency written just before the number ("$2.5", "USD 150"): [start of the mention, ISO code]. */
function currencyBeforeAt(view: string, start: number, M: Matchers): [number, string | null] {
  const from = Math.max(0, start - 12);
  const cb = M.curBefore.exec(view.slice(from, start));
  if (!cb) return [start, null];
  return [from + cb.index, M.curBeforeMap.get(keyOf(cb[1])) ?? null];
}

function mention(text: string, start: number, t: Tail, value: number): QuantityMention {
  let kind: QuantityMention['kind'] = 'count';
  let unit: string | null = t.lemma ?? t.raw;
  if (t.currency) {
    kind = 'money';
    unit = t.currency;
  } else if (t.percent) {
    kind = 'percent';
    unit = '%';
  } else if (t.unit) {
    kind = 'measure';
    unit = t.unit;
  }
  return { start, end: t.end, text: text.slice(start, t.end), value, unit, kind };
}

/** Sort by start; of two overlapping mentions keep the longer (the earlier on a tie). */
function nonOverlapping(list: QuantityMention[]): QuantityMention[] {
  const sorted = [...list].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: QuantityMention[] = [];
  for (const q of sorted) if (!kept.some((k) => q.start < k.end && k.start < q.end)) kept.push(q);
  return kept.sort((a, b) => a.start - b.start);
}
