/**
 * Dates in a sentence, with the precision the text supports and their role: a point in time, a
 * deadline ("d'ici 2030", "by end-2026", "đến năm 2030") or the start of a period ("depuis 1995").
 *
 * Two sources, merged longest-match-first:
 *  - chrono-node (fr, en) for absolute dates written in full ("le 22 septembre", "March 5, 2024");
 *  - our own templates from dict/dates.yaml (all languages; the only source for Vietnamese) for
 *    what chrono misses: years after a preposition, month + year, quarters, numeric dates,
 *    relative years ("l'année prochaine", "cuối năm nay") and durations ("within five years").
 * The templates of one language are compiled into a single regex, so a sentence is scanned once
 * by it and once by chrono. A cue word right before a date (horizon_cues / since_cues) sets its role.
 *
 * Values are never invented: a date whose year the text does not give is resolved against the
 * publication date `ref` (see `chooseYear`), or — without `ref` — only when a weekday pins the
 * year down ("lundi 29 mai" → the latest year ≤ now where 29 May is a Monday); otherwise dropped.
 * Relative expressions need `ref` and never get a finer precision than `ref` has.
 */
import * as chrono from 'chrono-node';
import type { DatePrecision, Lang, PartialDate } from '../types.ts';
import { LB, RB, alternation, keyOf, listFor, loadDict, lookupMap, mapFor, matchView, normEntry, perLangCache } from './numdate-lexicon.ts';
import { hasQuantityTail } from './quantities.ts';

export type DateRole = 'point' | 'deadline' | 'since';

export interface DateMention {
  start: number;
  end: number;
  text: string;
  /** ISO truncated to the precision: YYYY | YYYY-MM | YYYY-MM-DD. */
  value: string;
  precision: DatePrecision;
  role: DateRole;
}

export interface FindDatesOptions {
  /** "Now" for the weekday check when there is no reference date (default: the current date). */
  now?: Date;
}

type PerLang<T> = Partial<Record<string, T>>;

interface PatternSpec {
  p: string;
  role?: DateRole;
  end?: boolean;
  years?: number;
  months?: number;
  per?: 'year' | 'month';
  ago?: boolean;
  cue?: boolean;
  unless_next?: string[];
}

interface DatesDict {
  months?: PerLang<Record<string, number>>;
  weekdays?: PerLang<Record<string, number>>;
  horizon_cues?: PerLang<string[]>;
  since_cues?: PerLang<string[]>;
  since_gap_cues?: PerLang<string[]>;
  cue_articles?: PerLang<string[]>;
  quarter_numbers?: Record<string, number>;
  quarter_ordinals?: PerLang<Record<string, number>>;
  half_numbers?: Record<string, number>;
  half_ordinals?: PerLang<Record<string, number>>;
  patterns?: PerLang<PatternSpec[]>;
  chrono_span_words?: PerLang<string[]>;
  chrono_offset_cues?: PerLang<string[]>;
  chrono_triggers?: PerLang<string[]>;
  chrono_trigger_prefixes?: PerLang<string[]>;
  chrono_trigger_suffixes?: PerLang<string[]>;
}

interface QuantityWords {
  number_words?: PerLang<Record<string, number>>;
  weak_number_words?: PerLang<Record<string, number>>;
}

const DICT = loadDict<DatesDict>('dates.yaml');
const QWORDS = loadDict<QuantityWords>('quantities.yaml');

/** Plausible years of news dates; outside this range a four-digit number is not taken as a year. */
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

// ---------------------------------------------------------------------------------------------
// Candidates before resolution

type Unit = 'year' | 'month' | 'day';

interface Candidate {
  start: number;
  end: number;
  /** Our templates win ties over chrono. */
  prio: number;
  rel: { unit: Unit; n: number } | null;
  y?: number;
  m?: number;
  d?: number;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  wd?: number;
  q?: number;
  h?: number;
  /** End-of-year expression ("fin 2025", "by end-2026", "cuối năm nay"). */
  endOfYear?: boolean;
  role?: DateRole;
  /** Bare year: kept only when a horizon/since cue precedes it. */
  cue?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Template compilation (see the header of the patterns section in dict/dates.yaml)

type SlotName = 'd' | 'm' | 'y' | 'mon' | 'wd' | 'q' | 'qo' | 'h' | 'ho' | 'n';
const SLOT_NAMES = new Set<string>(['d', 'm', 'y', 'mon', 'wd', 'q', 'qo', 'h', 'ho', 'n']);

interface CompiledPattern {
  spec: PatternSpec;
  /** Index of the capturing group wrapping the whole pattern. */
  group: number;
  slots: { name: SlotName; group: number }[];
  unlessNext: RegExp | null;
}

interface Compiled {
  patterns: CompiledPattern[];
  all: RegExp;
  lookups: Record<'mon' | 'wd' | 'q' | 'qo' | 'h' | 'ho' | 'n', Map<string, number>>;
  horizon: RegExp;
  since: RegExp;
  sinceGap: RegExp;
  /** A relative chrono result naming a span ("20 dernières années")… */
  span: RegExp;
  /** …unless it is an offset from the reference ("il y a deux ans"). */
  offset: RegExp;
  /** A number, in digits or words: a relative result with one is a duration unless an offset cue makes it a point. */
  count: RegExp;
  /** Pre-filter of chrono: a digit or a trigger word (see chrono_triggers in dict/dates.yaml). */
  chronoGate: RegExp;
}

/** Normalise a literal of a template like the match view, keeping its spaces (no trim). */
function normLiteral(s: string, lang: Lang): string {
  return s.replace(/\S+/g, (w) => normEntry(w, lang));
}

/** Regex source of a literal: escaped, white space → \s+, hyphen → any dash. */
function literalSource(s: string, lang: Lang): string {
  return normLiteral(s, lang)
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\s+/g, '\\s+')
    .replace(/-/g, '[-\\u2010\\u2011\\u2012\\u2013]');
}

interface Piece {
  src: string;
  slots: SlotName[];
  /** Rough length, to try longer alternatives first. */
  weight: number;
}

/** Recursive-descent compiler of one template: sequence := (literal | {slot} | (alt|alt…))*. */
function compileTemplate(t: string, lang: Lang, slotSource: (s: SlotName) => string): Piece {
  let i = 0;
  function seq(): Piece {
    let src = '';
    let lit = '';
    const slots: SlotName[] = [];
    let weight = 0;
    const flush = () => {
      if (lit) {
        src += literalSource(lit, lang);
        weight += lit.length;
        lit = '';
      }
    };
    while (i < t.length) {
      const ch = t[i];
      if (ch === '\\' && i + 1 < t.length) {
        lit += t[i + 1];
        i += 2;
      } else if (ch === '{') {
        const close = t.indexOf('}', i);
        const name = t.slice(i + 1, close);
        if (close < 0 || !SLOT_NAMES.has(name)) throw new Error(`dict/dates.yaml: bad slot in pattern "${t}"`);
        flush();
        src += `(${slotSource(name as SlotName)})`;
        slots.push(name as SlotName);
        weight += 4;
        i = close + 1;
      } else if (ch === '(') {
        flush();
        i++;
        const alts: Piece[] = [seq()];
        while (t[i] === '|') {
          i++;
          alts.push(seq());
        }
        if (t[i] !== ')') throw new Error(`dict/dates.yaml: unbalanced parentheses in pattern "${t}"`);
        i++;
        // Longest alternative first; slots inside alternatives keep their order of appearance.
        const ordered = alts.map((a, k) => ({ a, k })).sort((x, y) => y.a.weight - x.a.weight || x.k - y.k);
        if (ordered.some((o) => o.a.slots.length) && ordered.some((o, k) => o.k !== k)) {
          // Reordering would change group numbering of slots: keep the written order.
          src += `(?:${alts.map((a) => a.src).join('|')})`;
        } else src += `(?:${ordered.map((o) => o.a.src).join('|')})`;
        for (const a of alts) slots.push(...a.slots);
        weight += Math.max(...alts.map((a) => a.weight));
      } else if (ch === '|' || ch === ')') {
        break;
      } else {
        lit += ch;
        i++;
      }
    }
    flush();
    return { src, slots, weight };
  }
  const piece = seq();
  if (i !== t.length) throw new Error(`dict/dates.yaml: unbalanced parentheses in pattern "${t}"`);
  return piece;
}

const compiled = perLangCache<Compiled>((lang) => {
  const alt = (list: Iterable<string>) => alternation(list, lang);
  const lookups: Compiled['lookups'] = {
    mon: lookupMap(mapFor(DICT.months, lang), lang),
    wd: lookupMap(mapFor(DICT.weekdays, lang), lang),
    q: lookupMap(Object.entries(DICT.quarter_numbers ?? {}), lang),
    qo: lookupMap(mapFor(DICT.quarter_ordinals, lang), lang),
    h: lookupMap(Object.entries(DICT.half_numbers ?? {}), lang),
    ho: lookupMap(mapFor(DICT.half_ordinals, lang), lang),
    n: lookupMap([...mapFor(QWORDS.number_words, lang), ...mapFor(QWORDS.weak_number_words, lang)], lang),
  };
  const slotSource = (s: SlotName): string => {
    switch (s) {
      case 'd':
      case 'm':
        return '\\d{1,2}';
      case 'y':
        return '\\d{4}';
      case 'n':
        return `\\d{1,3}|${alt(lookups.n.keys())}`;
      default:
        return alt(lookups[s].keys());
    }
  };
  const specs = listFor(DICT.patterns, lang);
  const pieces = specs.map((spec) => ({ spec, piece: compileTemplate(spec.p, lang, slotSource) }));
  // More slots first, then longer: the first alternative that matches at a position is taken.
  pieces.sort((a, b) => b.piece.slots.length - a.piece.slots.length || b.piece.weight - a.piece.weight);
  const patterns: CompiledPattern[] = [];
  let group = 1;
  const sources: string[] = [];
  for (const { spec, piece } of pieces) {
    const slots = piece.slots.map((name, k) => ({ name, group: group + 1 + k }));
    patterns.push({
      spec,
      group,
      slots,
      unlessNext: spec.unless_next?.length ? new RegExp(`\\s+${alt(spec.unless_next)}${RB}`, 'uy') : null,
    });
    sources.push(`(${piece.src})`);
    group += 1 + piece.slots.length;
  }
  const articles = listFor(DICT.cue_articles, lang);
  const articleSrc = articles.length ? `(?:${alt(articles)}\\s*)?` : '';
  return {
    patterns,
    all: new RegExp(`${LB}(?:${sources.join('|')})${RB}`, 'gu'),
    lookups,
    horizon: new RegExp(`${LB}${alt(listFor(DICT.horizon_cues, lang))}\\s*${articleSrc}$`, 'u'),
    since: new RegExp(`${LB}${alt(listFor(DICT.since_cues, lang))}\\s*${articleSrc}$`, 'u'),
    span: new RegExp(`${LB}${alt(listFor(DICT.chrono_span_words, lang))}${RB}`, 'u'),
    offset: new RegExp(`${LB}${alt(listFor(DICT.chrono_offset_cues, lang))}${RB}`, 'u'),
    count: new RegExp(`\\d|${LB}${alt(lookups.n.keys())}${RB}`, 'u'),
    sinceGap: new RegExp(`${LB}${alt(listFor(DICT.since_gap_cues, lang))}(?:\\s+[^\\s.,;:!?()«»"]+){1,6}\\s+$`, 'u'),
    chronoGate: chronoGate(lang),
  };
});

const DIGIT = /\d/;
const NUM_JOINERS = '/-\u2010\u2011\u2012\u2013.,:';

/** Candidates from our templates: every match at every position (overlaps are settled later). */
function templateCandidates(text: string, view: string, C: Compiled): Candidate[] {
  const out: Candidate[] = [];
  const re = C.all;
  re.lastIndex = 0;
  for (let m = re.exec(view); m; m = re.exec(view)) {
    const start = m.index;
    const end = start + m[0].length;
    re.lastIndex = start + 1;
    if (end === start) continue;
    const pat = C.patterns.find((p) => m![p.group] !== undefined);
    if (!pat) continue;
    // A number glued to more digits is part of something else: "13/2023/NĐ-CP", "2021-2030", "1.2030".
    if (DIGIT.test(text[end - 1]) && NUM_JOINERS.includes(text[end] ?? 'x') && DIGIT.test(text[end + 1] ?? '')) continue;
    if (DIGIT.test(text[start]) && NUM_JOINERS.includes(text[start - 1] ?? 'x') && DIGIT.test(text[start - 2] ?? '')) continue;
    if (pat.unlessNext) {
      pat.unlessNext.lastIndex = end;
      if (pat.unlessNext.test(view)) continue;
    }
    const c = fromTemplate(pat, m, C, start, end);
    if (c) out.push(c);
  }
  return out;
}

/** A slot's word looked up in its table (a module function: no closure per slot). */
function look(C: Compiled, k: keyof Compiled['lookups'], raw: string): number | undefined {
  return C.lookups[k].get(keyOf(raw));
}

function fromTemplate(pat: CompiledPattern, m: RegExpExecArray, C: Compiled, start: number, end: number): Candidate | null {
  const spec = pat.spec;
  const c: Candidate = { start, end, prio: 2, rel: null, endOfYear: !!spec.end, role: spec.role, cue: !!spec.cue };
  let n: number | undefined;
  for (const s of pat.slots) {
    const raw = m[s.group];
    if (raw === undefined) continue;
    const num = /^\d+$/.test(raw) ? Number(raw) : undefined;
    switch (s.name) {
      case 'd':
        c.d = num;
        break;
      case 'm':
        c.m = num;
        break;
      case 'y':
        c.y = num;
        break;
      case 'mon':
        c.m = look(C, 'mon', raw);
        break;
      case 'wd':
        c.wd = look(C, 'wd', raw);
        break;
      case 'q':
      case 'qo':
        c.q = look(C, s.name, raw);
        break;
      case 'h':
      case 'ho':
        c.h = look(C, s.name, raw);
        break;
      case 'n':
        n = num ?? look(C, 'n', raw);
        break;
    }
  }
  if (c.y !== undefined && (c.y < MIN_YEAR || c.y > MAX_YEAR)) return null;
  if (c.m !== undefined && (c.m < 1 || c.m > 12)) return null;
  if (c.d !== undefined && (c.d < 1 || c.d > 31)) return null;
  if (spec.years !== undefined) c.rel = { unit: 'year', n: Number(spec.years) };
  else if (spec.months !== undefined) c.rel = { unit: 'month', n: Number(spec.months) };
  else if (spec.per) {
    if (n === undefined || n <= 0) return null;
    c.rel = { unit: spec.per, n: spec.ago ? -n : n };
  } else if (c.y === undefined && c.m === undefined) return null;
  return c;
}

// ---------------------------------------------------------------------------------------------
// chrono

/**
 * chrono parses against a far-away reference year, so that anything it computed from the reference
 * ("l'année prochaine", "last week") stands out by its year; such results are then re-applied to
 * the real publication date. One parse per sentence serves both cases.
 */
const SENTINEL_YEAR = 1000;
const SENTINEL = new Date(SENTINEL_YEAR, 6, 1, 12, 0, 0);
const SENTINEL_DAY = Date.UTC(SENTINEL_YEAR, 6, 1);

/**
 * English: day-first numeric dates ("10/03/2025" = 10 March, chrono's en.GB) but "June 19" read as
 * the 19th of June — en.GB reads a two-digit number after a month name as a year (June 2019).
 * So: a copy of en.GB whose month-name-first parser is the one of the US configuration.
 */
const EN_CHRONO = (() => {
  const c = chrono.en.GB.clone();
  const monthFirst = (p: object) => Object.hasOwn(p, 'shouldSkipYearLikeDate');
  const us = chrono.en.casual.parsers.find(monthFirst);
  if (us) c.parsers = c.parsers.map((p) => (monthFirst(p) ? us : p));
  return c;
})();

function chronoFor(lang: Lang): chrono.Chrono | null {
  if (lang === 'fr') return chrono.fr.casual;
  if (lang === 'en' || lang === 'und') return EN_CHRONO;
  return null;
}

/**
 * chrono runs a score of parsers and refiners over the sentence: only worth it where a date can be,
 * i.e. where the match view holds a digit or a trigger word — possibly glued to chrono's number and
 * modifier words ("lastnight"). Months and weekdays of our own lists count too.
 */
function chronoGate(lang: Lang): RegExp {
  const words = [...listFor(DICT.chrono_triggers, lang), ...mapFor(DICT.months, lang).map(([k]) => k), ...mapFor(DICT.weekdays, lang).map(([k]) => k)];
  const prefixes = alternation(listFor(DICT.chrono_trigger_prefixes, lang), lang);
  const suffixes = alternation(listFor(DICT.chrono_trigger_suffixes, lang), lang);
  return new RegExp(`\\d|${LB}(?:${prefixes})*${alternation(words, lang)}(?:${suffixes})?${RB}`, 'u');
}

/** Whether chrono is run on `text` at all (the pre-filter above; exported for its test). */
export function chronoMayFindDates(text: string, lang: Lang): boolean {
  return chronoFor(lang) !== null && compiled(lang).chronoGate.test(matchView(text, lang));
}

function chronoCandidates(text: string, view: string, lang: Lang, C: Compiled): Candidate[] {
  const parser = chronoFor(lang);
  if (!parser || !C.chronoGate.test(view)) return [];
  const out: Candidate[] = [];
  for (const r of parser.parse(text, SENTINEL)) {
    const c = r.start;
    const tags = r.tags();
    if (tags.has('casualReference/now')) continue;
    const yC = c.isCertain('year');
    const mC = c.isCertain('month');
    const dC = c.isCertain('day');
    if (!yC && !mC && !dC) continue; // times, bare weekdays
    const start = r.index;
    const end = r.index + r.text.length;
    const y = c.get('year') ?? 0;
    const base: Candidate = { start, end, prio: 1, rel: null };
    if (yC && Math.abs(y - SENTINEL_YEAR) < 200) {
      // Relative to the reference: keep the offset, re-applied to the publication date later.
      const seen = view.slice(start, end);
      // "au cours des 20 dernières années", "une mission de six mois": spans and durations, not dates.
      if ((C.span.test(seen) || C.count.test(seen)) && !C.offset.test(seen)) continue;
      // An offset in hours or seconds ("for a second") is no date; "tomorrow at 3pm" is.
      if ((c.isCertain('hour') || c.isCertain('minute')) && ![...tags].some((t) => t.startsWith('casualReference/'))) continue;
      const mo = c.get('month') ?? 1;
      const da = c.get('day') ?? 1;
      if (dC) base.rel = { unit: 'day', n: Math.round((Date.UTC(y, mo - 1, da) - SENTINEL_DAY) / 86400000) };
      else if (mC) base.rel = { unit: 'month', n: (y - SENTINEL_YEAR) * 12 + (mo - 7) };
      else base.rel = { unit: 'year', n: y - SENTINEL_YEAR };
      out.push(base);
      continue;
    }
    if (!mC && !yC) continue; // a day number alone
    if (mC && !dC && !yC) continue; // a month name alone ("march" the verb, "May" the modal): our templates need a preposition
    if (yC) {
      if (y < MIN_YEAR || y > MAX_YEAR) continue;
      base.y = y;
    }
    if (mC) base.m = c.get('month') ?? undefined;
    if (mC && dC) base.d = c.get('day') ?? undefined;
    if (c.isCertain('weekday')) base.wd = ((c.get('weekday') ?? 0) + 6) % 7 + 1;
    out.push(base);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Resolution

interface RefDate {
  y: number;
  m?: number;
  d?: number;
  precision: DatePrecision;
}

const RANK: Record<DatePrecision, number> = { year: 0, month: 1, day: 2 };

function parseRef(ref: PartialDate | null): RefDate | null {
  if (!ref) return null;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(ref.value);
  if (!m) return null;
  const r: RefDate = { y: Number(m[1]), precision: 'year' };
  if (m[2] && ref.precision !== 'year') {
    r.m = Number(m[2]);
    r.precision = 'month';
    if (m[3] && ref.precision === 'day') {
      r.d = Number(m[3]);
      r.precision = 'day';
    }
  }
  return r;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const dayValue = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
const monthValue = (y: number, m: number) => `${pad(y, 4)}-${pad(m)}`;
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const isoWeekday = (y: number, m: number, d: number) => ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
const validDay = (y: number, m: number, d: number) => m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m);

interface Resolved {
  value: string;
  precision: DatePrecision;
}

/**
 * Year of a day/month written without one.
 * With a publication date: its year, except that a point more than 6 months after the publication
 * date is taken from the year before (news reports the past: "le 28 octobre" in a March article is
 * last October), a start ("since") after it likewise, and a deadline before it from the year after.
 * A weekday given with the date, when it does not match, moves the year by one if that fixes it.
 * Without a publication date: only a weekday + day + month pins the year: the latest year ≤ now
 * where that day is that weekday (a 28-year calendar cycle is searched); otherwise none.
 */
function chooseYear(m: number, d: number | undefined, wd: number | undefined, role: DateRole, ref: RefDate | null, now: Date): number | null {
  if (!ref) {
    if (wd === undefined || d === undefined) return null;
    for (let y = now.getUTCFullYear(); y >= now.getUTCFullYear() - 28; y--) if (validDay(y, m, d) && isoWeekday(y, m, d) === wd) return y;
    return null;
  }
  const at = (y: number) => Date.UTC(y, m - 1, d ?? 1);
  const refStart = Date.UTC(ref.y, (ref.m ?? 1) - 1, ref.d ?? 1);
  const refEnd = ref.precision === 'day' ? refStart : ref.precision === 'month' ? Date.UTC(ref.y, ref.m!, 0) : Date.UTC(ref.y, 11, 31);
  let y = ref.y;
  if (role === 'point') {
    const e = new Date(refEnd);
    if (at(y) > Date.UTC(e.getUTCFullYear(), e.getUTCMonth() + 6, e.getUTCDate())) y--;
  } else if (role === 'since') {
    if (at(y) > refEnd) y--;
  } else {
    const periodEnd = d !== undefined ? at(y) : Date.UTC(y, m, 0);
    if (periodEnd < refStart) y++;
  }
  if (wd !== undefined && d !== undefined && validDay(y, m, d) && isoWeekday(y, m, d) !== wd) {
    for (const alt of [y - 1, y + 1]) {
      if (validDay(alt, m, d) && isoWeekday(alt, m, d) === wd) {
        y = alt;
        break;
      }
    }
  }
  return y;
}

/**
 * Value and precision of a candidate in its role. A quarter or half-year has month precision: its
 * first month ("quý III/2025" → 2025-07), or its last month as a deadline ("by Q3 2025" → 2025-09).
 * An end-of-year expression is YYYY-12-31 (day) as a deadline, else the year.
 */
function resolve(c: Candidate, role: DateRole, ref: RefDate | null, now: Date): Resolved | null {
  if (c.rel) {
    if (!ref || RANK[ref.precision] < RANK[c.rel.unit]) return null;
    const { unit, n } = c.rel;
    if (unit === 'year') {
      const y = ref.y + n;
      return c.endOfYear && role === 'deadline' ? { value: dayValue(y, 12, 31), precision: 'day' } : { value: pad(y, 4), precision: 'year' };
    }
    if (unit === 'month') {
      const total = ref.y * 12 + (ref.m! - 1) + n;
      return { value: monthValue(Math.floor(total / 12), (total % 12) + 1), precision: 'month' };
    }
    const t = new Date(Date.UTC(ref.y, ref.m! - 1, ref.d! + n));
    return { value: dayValue(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()), precision: 'day' };
  }
  let y = c.y;
  if (y === undefined) {
    if (c.m === undefined) return null;
    const chosen = chooseYear(c.m, c.d, c.wd, role, ref, now);
    if (chosen === null) return null;
    y = chosen;
  }
  if (c.q !== undefined) return { value: monthValue(y, role === 'deadline' ? c.q * 3 : c.q * 3 - 2), precision: 'month' };
  if (c.h !== undefined) return { value: monthValue(y, role === 'deadline' ? c.h * 6 : c.h * 6 - 5), precision: 'month' };
  if (c.m !== undefined && c.d !== undefined) return validDay(y, c.m, c.d) ? { value: dayValue(y, c.m, c.d), precision: 'day' } : null;
  if (c.m !== undefined) return { value: monthValue(y, c.m), precision: 'month' };
  if (c.endOfYear && role === 'deadline') return { value: dayValue(y, 12, 31), precision: 'day' };
  return { value: pad(y, 4), precision: 'year' };
}

// ---------------------------------------------------------------------------------------------

/** Longest first (our templates on ties), then keep what does not overlap; sorted by start. */
function selectLongest(cands: Candidate[]): Candidate[] {
  const sorted = [...cands].sort((a, b) => b.end - b.start - (a.end - a.start) || b.prio - a.prio || a.start - b.start);
  const kept: Candidate[] = [];
  for (const c of sorted) if (!kept.some((k) => c.start < k.end && k.start < c.end)) kept.push(c);
  return kept.sort((a, b) => a.start - b.start);
}

const WORDCHAR = /[\p{L}\p{N}]/u;
const LOOKBACK = 60;

/** A cue regex anchored at the end of the text before `start` (bounded by `from`); returns the cue's start or -1. */
function cueStart(re: RegExp, text: string, view: string, from: number, start: number): number {
  const lo = Math.max(from, start - LOOKBACK);
  const m = re.exec(view.slice(lo, start));
  if (!m) return -1;
  const at = lo + m.index;
  // The slice may begin inside a word: the cue must start a word of the whole sentence.
  if (m.index === 0 && at > 0 && WORDCHAR.test(text[at - 1])) return -1;
  return at;
}

/**
 * Dates in one sentence `text` of language `lang`, resolved against the publication date `ref`.
 * Offsets are relative to `text`; mentions are sorted by start and do not overlap. A mention
 * preceded by a role cue includes it ("d'ici 2030", "since 1995").
 */
export function findDates(text: string, lang: Lang, ref: PartialDate | null, opts: FindDatesOptions = {}): DateMention[] {
  const C = compiled(lang);
  const view = matchView(text, lang);
  const refDate = parseRef(ref);
  const now = opts.now ?? new Date();
  const cands = selectLongest([...templateCandidates(text, view, C), ...chronoCandidates(text, view, lang, C)]);
  const out: DateMention[] = [];
  let prevEnd = 0;
  for (const c of cands) {
    let start = c.start;
    let role: DateRole | null = null;
    let at = cueStart(C.horizon, text, view, prevEnd, c.start);
    if (at >= 0) role = 'deadline';
    else if ((at = cueStart(C.since, text, view, prevEnd, c.start)) >= 0) role = 'since';
    if (role) start = at;
    if (c.cue && (!role || hasQuantityTail(text, c.end, lang))) continue; // "2030" alone, "jusqu'à 2000 personnes"
    if (!role) role = c.role ?? (cueStart(C.sinceGap, text, view, prevEnd, c.start) >= 0 ? 'since' : 'point');
    const v = resolve(c, role, refDate, now);
    if (!v) continue;
    out.push({ start, end: c.end, text: text.slice(start, c.end), value: v.value, precision: v.precision, role });
    prevEnd = c.end;
  }
  return out;
}
