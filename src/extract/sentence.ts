/**
 * Per-sentence analysis shared by all extractors: tokens, dictionary matches grouped by layer,
 * clause boundaries, and (lazily) dates and quantities. Built once per sentence.
 */
import type { Lang, PartialDate, Sentence } from '../types.ts';
import { tokenize, type Token } from './tokenize.ts';
import type { Match } from './matcher.ts';
import { LAYER, type KnowledgeBase, type Payload } from './kb.ts';
import { findDates, type DateMention } from './dates.ts';
import { findQuantities, type QuantityMention } from './quantities.ts';

export type M = Match<Payload>;

export interface SentenceInfo {
  s: Sentence;
  /** Position of this sentence among the analysed (non-boilerplate) ones. */
  k: number;
  text: string;
  toks: Token[];
  all: M[];
  ents: M[];
  roles: M[];
  nouns: M[];
  events: M[];
  mods: M[];
  commits: M[];
  pols: M[];
  pstats: M[];
  corefs: M[];
  doms: M[];
  domx: M[];
  outlets: M[];
  surnames: M[];
  /** Hard clause id per token (; : ( ) « » ? ! and sentence end). */
  clause: number[];
  /** Sub-clause id per token (hard boundaries plus commas). */
  sub: number[];
  /** Tokens inside a framing phrase ("dans le cadre de …", "on the sidelines of …"): setting, not news. */
  framed: number[];
  /** Token index → ent match covering it (or undefined). */
  entAt: (M | undefined)[];
  dates(): DateMention[];
  quantities(): QuantityMention[];
}

const HARD = /[;:()«»"“”?!\[\]]|[.]\s|—|–\s/;
const SOFT = /,/;

export function analyseSentence(text: string, folded: string | null, s: Sentence, k: number, lang: Lang, kb: KnowledgeBase, ref: PartialDate | null): SentenceInfo {
  const toks = tokenize(text, folded, s.start, s.end);
  const all = kb.trie.match(toks, lang);
  // One pass: matches bucketed by layer.
  const buckets = new Map<string, M[]>();
  for (const m of all) {
    const b = buckets.get(m.layer);
    if (b) b.push(m);
    else buckets.set(m.layer, [m]);
  }
  const clause = zeros(toks.length);
  const sub = zeros(toks.length);
  let c = 0;
  let d = 0;
  for (let i = 0; i < toks.length; i++) {
    clause[i] = c;
    sub[i] = d;
    const gap = toks[i].gap;
    if (gap === ' ') continue; // the usual gap: no boundary
    if (HARD.test(gap)) {
      c++;
      d++;
    } else if (SOFT.test(gap)) d++;
  }
  const ents = bucket(buckets, LAYER.ent);
  const entAt: (M | undefined)[] = new Array(toks.length);
  for (const m of ents) for (let i = m.i; i < m.j; i++) entAt[i] ??= m;
  const corefs = bucket(buckets, LAYER.coref);
  const framed = zeros(toks.length);
  for (const m of corefs) {
    if (m.payload.k !== 'coref' || m.payload.kind !== 'frame') continue;
    for (let i = m.i; i < toks.length; i++) {
      framed[i] = 1;
      if (i >= m.j && /,/.test(toks[i].gap)) break;
    }
  }
  const sentText = text.slice(s.start, s.end);
  let dates: DateMention[] | null = null;
  let quantities: QuantityMention[] | null = null;
  return {
    s,
    k,
    text: sentText,
    toks,
    all,
    ents,
    roles: bucket(buckets, LAYER.role),
    nouns: bucket(buckets, LAYER.noun),
    events: bucket(buckets, LAYER.event),
    mods: bucket(buckets, LAYER.mod),
    commits: bucket(buckets, LAYER.commit),
    pols: bucket(buckets, LAYER.pol),
    pstats: bucket(buckets, LAYER.pstat),
    corefs,
    framed,
    doms: bucket(buckets, LAYER.dom),
    domx: bucket(buckets, LAYER.domx),
    outlets: bucket(buckets, LAYER.outlet),
    surnames: bucket(buckets, LAYER.sur),
    clause,
    sub,
    entAt,
    // Offsets of date/quantity mentions are made document-relative here.
    // Methods, not arrow properties: no function-name bookkeeping per sentence under tsx.
    dates() {
      return (dates ??= safe(() => findDates(sentText, lang, ref)).map((x) => ({ ...x, start: x.start + s.start, end: x.end + s.start })));
    },
    quantities() {
      return (quantities ??= safe(() => findQuantities(sentText, lang)).map((x) => ({ ...x, start: x.start + s.start, end: x.end + s.start })));
    },
  };
}

/**
 * `n` zeros in a plain array: per-token flags and ids of one sentence. (Small typed arrays cost
 * 5× more to allocate than plain arrays, and a sentence needs several.)
 */
export function zeros(n: number): number[] {
  return new Array<number>(n).fill(0);
}

/** The matches of one layer (a fresh empty list when none). */
function bucket(buckets: Map<string, M[]>, layer: string): M[] {
  return buckets.get(layer) ?? [];
}

/** A broken date/quantity pattern must not lose the whole document's facts. */
function safe<T>(f: () => T[]): T[] {
  try {
    return f();
  } catch {
    return [];
  }
}

/** Index of the first token starting at or after document offset `pos` (tokens.length if none). */
export function tokenAt(toks: Token[], pos: number): number {
  let lo = 0;
  let hi = toks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (toks[mid].start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Country of an institution mention. Vietnamese names put the country last ("Bộ Khoa học và Công
 * nghệ thông tin Hàn Quốc"), so a country right after a generic institution name (within two words)
 * overrides the dictionary's country.
 */
export function institutionCode(si: SentenceInfo, m: M, lang: Lang): string {
  const pl = m.payload;
  if (pl.k !== 'inst') return 'code' in pl ? pl.code : '';
  if (lang !== 'vi') return pl.code;
  for (let q = m.j; q < Math.min(si.toks.length, m.j + 3) && si.sub[q] === si.sub[m.i]; q++) {
    const e = si.entAt[q];
    if (e) return e.payload.k === 'country' ? e.payload.code : pl.code;
    if (si.toks[q].cap) break;
  }
  return pl.code;
}
