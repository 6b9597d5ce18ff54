/**
 * Publication dates: parse the date string found in a document's metadata (or a standalone
 * dateline) into a PartialDate whose precision is what the string supports.
 *
 * Handles ISO 8601 (timestamps → day; `2024-09` → month; `2024` → year), numeric dates written
 * day-first (`10/03/2025`, `10-03-2025`, `10.03.2025`; month-first only when day-first is
 * impossible), `09/2024`, RFC 822 feed dates, and textual dates in French, English and Vietnamese
 * (`10 mars 2025`, `March 10, 2025`, `ngày 10 tháng 3 năm 2025`, `tháng 9/2024`). Month and weekday
 * names come from dict/dates.yaml, the small surrounding words from dict/published.yaml.
 * A string without a year gives null: the year is never guessed, and the ingest time never used.
 * Timestamps keep the local date as written (no time-zone conversion): that is the date the
 * outlet printed.
 */
import type { DatePrecision, Lang, PartialDate } from '../types.ts';
import { fold } from '../util/fold.ts';
import { flattenLists, loadDictFile } from './dict-file.ts';

interface DatesDict {
  months: Record<string, Record<string, number>>;
  weekdays: Record<string, Record<string, number>>;
}
interface PublishedDict {
  markers: { day: string[]; month: string[]; year: string[] };
  ordinal_suffixes: string[];
  labels: Record<string, string[]>;
  fillers: Record<string, string[]>;
}

const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

// ---------------------------------------------------------------------------------------------
// Compiled vocabulary

type Vocab = { kind: 'month'; n: number } | { kind: 'weekday' } | { kind: 'marker'; of: 'day' | 'month' | 'year' } | { kind: 'filler' };

/** Folded phrase (words joined by one space) → meaning; one map per language, for `lang`-first lookup. */
const vocabByLang = new Map<string, Map<string, Vocab>>();
let maxPhraseWords = 1;

/** Normalise a phrase to the token form used for lookups: folded, words joined by single spaces. */
function phraseKey(s: string): string {
  return tokenize(fold(s).replace(/\./g, ' '))
    .map((t) => t.text)
    .join(' ');
}

function addVocab(lang: string, phrase: string, v: Vocab): void {
  const key = phraseKey(phrase);
  if (!key) return;
  let m = vocabByLang.get(lang);
  if (!m) vocabByLang.set(lang, (m = new Map()));
  if (!m.has(key)) m.set(key, v);
  maxPhraseWords = Math.max(maxPhraseWords, key.split(' ').length);
}

const datesDict = loadDictFile<DatesDict>('dates.yaml');
const pubDict = loadDictFile<PublishedDict>('published.yaml');
const ORDINAL = new Set(pubDict.ordinal_suffixes.map((s) => fold(s)));

for (const [lang, names] of Object.entries(datesDict.months ?? {})) {
  for (const [name, n] of Object.entries(names ?? {})) addVocab(lang, name, { kind: 'month', n: Number(n) });
}
for (const [lang, names] of Object.entries(datesDict.weekdays ?? {})) {
  for (const name of Object.keys(names ?? {})) addVocab(lang, name, { kind: 'weekday' });
}
for (const of of ['day', 'month', 'year'] as const) {
  for (const w of pubDict.markers[of] ?? []) addVocab('*', w, { kind: 'marker', of });
}
for (const [lang, words] of Object.entries(pubDict.fillers ?? {})) for (const w of words) addVocab(lang, w, { kind: 'filler' });
for (const [lang, words] of Object.entries(pubDict.labels ?? {})) for (const w of words) addVocab(lang, w, { kind: 'filler' });

/** One regex for "label [:] date-token" at the start of a line, longest labels first. */
const LABEL_RE = (() => {
  const labels = [...new Set(flattenLists(pubDict.labels).map((l) => fold(l).trim()))].sort((a, b) => b.length - a.length);
  const alt = labels.map((l) => l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')).join('|');
  return new RegExp(`^\\s*(?:${alt})\\s*:?\\s*(\\d[\\d/.\\-]*\\d)(?=$|[\\s,;])`, 'u');
})();

function lookup(key: string, lang: Lang): Vocab | undefined {
  const own = vocabByLang.get(lang)?.get(key);
  if (own) return own;
  const common = vocabByLang.get('*')?.get(key);
  if (common) return common;
  for (const [l, m] of vocabByLang) {
    if (l === lang || l === '*') continue;
    const v = m.get(key);
    if (v) return v;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Validation

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** Build a PartialDate, or null when the parts are impossible. */
export function makeDate(y: number, m?: number | null, d?: number | null): PartialDate | null {
  if (!Number.isInteger(y) || y < MIN_YEAR || y > MAX_YEAR) return null;
  if (m == null) return { value: pad(y, 4), precision: 'year' };
  if (!Number.isInteger(m) || m < 1 || m > 12) return null;
  if (d == null) return { value: `${pad(y, 4)}-${pad(m)}`, precision: 'month' };
  if (!Number.isInteger(d) || d < 1 || d > daysInMonth(y, m)) return null;
  return { value: `${pad(y, 4)}-${pad(m)}-${pad(d)}`, precision: 'day' as DatePrecision };
}

function fullYear(s: string): number {
  const n = Number(s);
  if (s.length === 2) return n <= 69 ? 2000 + n : 1900 + n;
  return n;
}

// ---------------------------------------------------------------------------------------------
// Numeric forms

const ISO_RE =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/i;
const COMPACT_RE = /^(\d{4})(\d{2})(\d{2})$/;
/**
 * Numeric clusters anywhere in a string. Alternatives, in order: Y-M-D, D-M-Y (2- or 4-digit year),
 * M-Y, Y-M. Separators / . - must repeat. Neighbouring digits or separators are excluded so that
 * "50.000" or "1.2.3.4" are not dates.
 */
const NUMERIC_RE =
  /(?<![\d/.\-])(?:(\d{4})([/.\-])(\d{1,2})\2(\d{1,2})|(\d{1,2})([/.\-])(\d{1,2})\6(\d{4}|\d{2})|(\d{1,2})[/.\-](\d{4})|(\d{4})[/.\-](\d{1,2}))(?![\d]|[/.\-]\d)/gu;

interface NumericHit {
  date: PartialDate;
  index: number;
  length: number;
}

/** First valid numeric date in `s` (day-first unless impossible). */
function findNumeric(s: string): NumericHit | null {
  NUMERIC_RE.lastIndex = 0;
  for (let m = NUMERIC_RE.exec(s); m; m = NUMERIC_RE.exec(s)) {
    let date: PartialDate | null = null;
    if (m[1]) date = makeDate(+m[1], +m[3], +m[4]);
    else if (m[5]) {
      const a = +m[5];
      const b = +m[7];
      const y = fullYear(m[8]);
      // Day-first (fr/vi convention); month-first only when day-first is impossible.
      date = makeDate(y, b, a) ?? makeDate(y, a, b);
    } else if (m[9]) date = makeDate(+m[10], +m[9]);
    else if (m[11]) date = makeDate(+m[11], +m[12]);
    if (date) return { date, index: m.index, length: m[0].length };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Textual forms

interface Token {
  text: string;
  num: boolean;
}

/** Words and numbers of a folded string ("1er" → number 1 when the suffix is ordinal). */
function tokenize(folded: string): Token[] {
  const out: Token[] = [];
  for (const m of folded.matchAll(/(\d+)(\p{L}*)|\p{L}+(?:'\p{L}+)*/gu)) {
    if (m[1] !== undefined) {
      out.push({ text: m[1], num: true });
      if (m[2] && !ORDINAL.has(m[2])) out.push({ text: m[2], num: false });
    } else out.push({ text: m[0], num: false });
  }
  return out;
}

const TIME_RE = /(?<!\d)\d{1,2}[:h]\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:\s*[ap]\.?m\.?)?(?!\d)/giu;
const ZONE_RE = /(?:\b(?:gmt|utc)\s*[+-]\s*\d{1,2}(?::?\d{2})?\b|[+-]\d{2}:?\d{2}(?!\d)|\bz\b)/giu;

type Item =
  | { t: 'month'; n: number }
  | { t: 'day'; n: number }
  | { t: 'year'; n: number }
  | { t: 'num'; n: number; digits: number }
  | { t: 'marker'; of: 'day' | 'month' | 'year' }
  | { t: 'word' };

interface TextualResult {
  date: PartialDate | null;
  /** Words that are neither date words nor fillers (a standalone dateline has few). */
  unknownWords: number;
}

function parseTextual(s: string, lang: Lang): TextualResult {
  const folded = fold(s).replace(TIME_RE, ' ').replace(ZONE_RE, ' ');
  const tokens = tokenize(folded);
  const items: Item[] = [];
  let unknownWords = 0;
  for (let i = 0; i < tokens.length; ) {
    let matched = false;
    for (let n = Math.min(maxPhraseWords, tokens.length - i); n >= 1; n--) {
      const key = tokens
        .slice(i, i + n)
        .map((t) => t.text)
        .join(' ');
      const v = lookup(key, lang);
      if (!v) continue;
      if (v.kind === 'month') items.push({ t: 'month', n: v.n });
      else if (v.kind === 'marker') items.push({ t: 'marker', of: v.of });
      // weekdays and fillers carry nothing
      i += n;
      matched = true;
      break;
    }
    if (matched) continue;
    const tok = tokens[i++];
    if (tok.num) items.push({ t: 'num', n: Number(tok.text), digits: tok.text.length });
    else {
      items.push({ t: 'word' });
      unknownWords++;
    }
  }
  // Markers bind the number that follows them: "ngày 10", "tháng 3", "năm 2025".
  const bound: Item[] = [];
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    const next = items[i + 1];
    if (it.t === 'marker') {
      if (next && next.t === 'num') {
        if (it.of === 'month') bound.push(next.n >= 1 && next.n <= 12 ? { t: 'month', n: next.n } : { t: 'word' });
        else bound.push({ t: it.of, n: next.n });
        i++;
      }
      continue;
    }
    bound.push(it);
  }
  const mi = bound.findIndex((x) => x.t === 'month');
  const yearItem = bound.find((x) => x.t === 'year') as { n: number } | undefined;
  if (mi < 0) {
    // Only "năm 2025"-style explicit years count without a month.
    return { date: yearItem ? makeDate(yearItem.n) : null, unknownWords };
  }
  const month = (bound[mi] as { n: number }).n;
  let year = yearItem?.n;
  if (year === undefined) {
    const after = bound.slice(mi + 1).find((x) => x.t === 'num' && x.digits === 4) as { n: number } | undefined;
    const any = after ?? (bound.find((x) => x.t === 'num' && x.digits === 4) as { n: number } | undefined);
    year = any?.n;
  }
  if (year === undefined) return { date: null, unknownWords };
  let day: number | undefined = (bound.find((x) => x.t === 'day') as { n: number } | undefined)?.n;
  if (day === undefined) {
    const before = bound[mi - 1];
    const after = bound[mi + 1];
    if (before && before.t === 'num' && before.digits <= 2) day = before.n;
    else if (after && after.t === 'num' && after.digits <= 2) day = after.n;
  }
  const date = day !== undefined ? makeDate(year, month, day) : makeDate(year, month);
  return { date, unknownWords };
}

// ---------------------------------------------------------------------------------------------
// Public API

/** Parse a metadata date string. Null when absent, unparseable, impossible or without a year. */
export function parsePublished(raw: string | null, lang: Lang): PartialDate | null {
  if (!raw) return null;
  const s = raw.normalize('NFC').trim();
  if (!s || s.length > 200) return null;
  const iso = ISO_RE.exec(s);
  if (iso) return makeDate(+iso[1], iso[2] ? +iso[2] : null, iso[3] ? +iso[3] : null);
  const compact = COMPACT_RE.exec(s);
  if (compact) return makeDate(+compact[1], +compact[2], +compact[3]);
  const numeric = findNumeric(s);
  if (numeric) return numeric.date;
  return parseTextual(s, lang).date;
}

/** Most words (other than date words and fillers) a dateline may carry: a place or outlet name. */
const DATELINE_MAX_WORDS = 5;
const TEXTUAL_DATELINE_MAX_WORDS = 2;
const DATELINE_MAX_CHARS = 80;

/**
 * A STANDALONE dateline ("10/03/2025", "Thứ Hai, 10/3/2025 08:00", "Le 10 mars 2025",
 * "Hà Nội, 10/3/2025", "Outlet name 10/03/2025"): short, not a sentence, the date at one end of
 * the line, at least month precision. Lines that merely mention a date are rejected.
 */
export function parseDateline(line: string, lang: Lang): PartialDate | null {
  const s = line.normalize('NFC').trim();
  if (!s || s.length > DATELINE_MAX_CHARS) return null;
  if (/[!?…;]$/.test(s) || /\p{L}{3,}\.$/u.test(s)) return null; // ends like a sentence
  let date: PartialDate | null = null;
  const iso = ISO_RE.exec(s);
  if (iso) date = makeDate(+iso[1], iso[2] ? +iso[2] : null, iso[3] ? +iso[3] : null);
  else {
    const numeric = findNumeric(s);
    if (numeric) {
      const before = parseTextual(s.slice(0, numeric.index), lang).unknownWords;
      const after = parseTextual(s.slice(numeric.index + numeric.length), lang).unknownWords;
      if (Math.min(before, after) > 0 || before + after > DATELINE_MAX_WORDS) return null;
      date = numeric.date;
    } else {
      const t = parseTextual(s, lang);
      if (t.unknownWords > TEXTUAL_DATELINE_MAX_WORDS) return null;
      date = t.date;
    }
  }
  return date && date.precision !== 'year' ? date : null;
}

/** A date introduced by a metadata label at the start of a line: "Date: 2024-09 …", "Publié le 10/03/2025". */
export function parseLabelledDate(line: string, lang: Lang): PartialDate | null {
  const m = LABEL_RE.exec(fold(line.normalize('NFC')));
  if (!m) return null;
  return parsePublished(m[1], lang);
}
