/**
 * Token trie: every dictionary phrase of every kind, compiled once into one trie keyed by folded
 * tokens, then matched in one left-to-right pass per sentence.
 *
 * Entries carry the conditions that make a whole-token match acceptable (case-sensitive acronym,
 * exact diacritics, capitalised, not before/after given words, language). Matches are grouped into
 * layers (entities, events, cues, domains, policies…); within one layer the longest match wins and
 * matches do not overlap, while different layers may match the same words ("transfert de
 * technologie" is both an event trigger and a domain trigger).
 */
import type { Lang } from '../types.ts';
import { exactKey, phraseRawTokens, phraseTokens, type Token } from './tokenize.ts';

export interface EntryConditions {
  /** Case-sensitive: the original tokens must equal these (a trailing plural "s" is tolerated). */
  cs?: string[];
  /** Diacritic-exact: exactKey of the tokens must equal these. */
  exact?: string[];
  requiresCapital?: boolean;
  /** Folded tokens that must not follow / precede the match. */
  notBefore?: ReadonlySet<string>;
  notAfter?: ReadonlySet<string>;
  /** When set, the token before the match must be one of these (folded). */
  afterAny?: ReadonlySet<string>;
  /** Reject when the previous token is capitalised (inside a personal name), unless it is one of `afterAny`/`capOk`. */
  notAfterCap?: ReadonlySet<string>;
  /** Only match when the last token is followed by a hyphen (combining forms: "sino-", "franco-"). */
  hyphenAfter?: boolean;
  /** Languages the entry applies to; null = all. */
  langs?: ReadonlySet<Lang> | null;
}

export interface TrieEntry<P> extends EntryConditions {
  layer: string;
  payload: P;
  /** Number of tokens. */
  n: number;
  /**
   * Names only: the phrase's folded last token as written. Plural tolerance is for common words;
   * a name must not lose its final s/x ("SpaceX" is not "Space", "the States" is not "the State").
   */
  lastF?: string;
}

interface Node<P> {
  next: Map<string, Node<P>> | null;
  entries: TrieEntry<P>[] | null;
}

export interface Match<P> {
  layer: string;
  payload: P;
  /** Token indices [i, j). */
  i: number;
  j: number;
  start: number;
  end: number;
}

/** The layer of names (countries, organisations, institutions, places): see TrieEntry.lastF. */
const NAME_LAYER = 'ent';

export class TokenTrie<P> {
  private root: Node<P> = { next: null, entries: null };
  size = 0;

  /** Add a phrase. Returns false when the phrase has no tokens. */
  add(phrase: string, layer: string, payload: P, cond: EntryConditions = {}): boolean {
    const toks = phraseTokens(phrase).map(stripPlural);
    if (toks.length === 0) return false;
    let node = this.root;
    for (const t of toks) {
      if (!node.next) node.next = new Map();
      let child = node.next.get(t);
      if (!child) node.next.set(t, (child = { next: null, entries: null }));
      node = child;
    }
    // The same item often has spellings that fold alike ("Hanoi", "Hanoï"): keep one entry.
    const entry: TrieEntry<P> = { ...cond, layer, payload, n: toks.length };
    if (cond.cs) entry.cs = phraseRawTokens(phrase);
    if (cond.exact) entry.exact = phraseRawTokens(phrase).map(exactKey);
    const last = phraseTokens(phrase).at(-1)!;
    if (layer === NAME_LAYER && stripPlural(last) !== last) entry.lastF = last;
    const same = (a?: string[], b?: string[]) => (!a && !b) || (!!a && !!b && a.join('\u0000') === b.join('\u0000'));
    if (node.entries?.some((e) => e.payload === payload && e.layer === layer && same(e.cs, entry.cs) && same(e.exact, entry.exact))) return true;
    (node.entries ??= []).push(entry);
    this.size++;
    return true;
  }

  /**
   * All acceptable matches in `tokens`, longest-first per layer, without overlaps inside a layer.
   * `lang` selects language-scoped entries ('und' accepts all).
   */
  match(tokens: Token[], lang: Lang): Match<P>[] {
    const cands: Match<P>[] = [];
    // exactKey per token, computed on first use by accept().
    const exactCache: (string | undefined)[] = new Array(tokens.length);
    const stripped: string[] = new Array(tokens.length);
    for (let k = 0; k < tokens.length; k++) stripped[k] = strippedToken(tokens[k].f);
    const root = this.root.next;
    if (!root) return [];
    for (let i = 0; i < tokens.length; i++) {
      // Most tokens start nothing: one lookup each, whose result is also the first trie step.
      // (A token without a plural ending is its own stripped form: one lookup is enough.)
      const f0 = tokens[i].f;
      let node: Node<P> | undefined = root.get(f0);
      if (!node && stripped[i] !== f0) node = root.get(stripped[i]);
      if (!node) continue;
      for (let j = i; ; ) {
        if (node.entries)
          for (const e of node.entries) {
            if (accept(e, tokens, i, j + 1, lang, exactCache)) cands.push({ layer: e.layer, payload: e.payload, i, j: j + 1, start: tokens[i].start, end: tokens[j].end });
          }
        if (++j >= tokens.length || !node.next) break;
        const f = tokens[j].f;
        // Plural tolerance (fr/en): keys are stored without a final -s/-x, so "semi-conducteurs",
        // "énergie renouvelable" and "énergies renouvelables" all meet the same trie path.
        let child: Node<P> | undefined = node.next.get(f);
        if (!child && stripped[j] !== f) child = node.next.get(stripped[j]);
        if (!child) break;
        node = child;
      }
    }
    return selectLongest(cands);
  }
}

// stripPlural of the folded tokens of the text, cached: a hit returns the same string object each
// time, whose hash the trie lookups then reuse (a fresh slice would be hashed again).
const stripCache = new Map<string, string>();
function strippedToken(f: string): string {
  if (f.length <= 3) return f;
  const last = f.charCodeAt(f.length - 1);
  if (last !== 115 && last !== 120) return f;
  let s = stripCache.get(f);
  if (s === undefined) {
    if (stripCache.size > 100_000) stripCache.clear();
    stripCache.set(f, (s = f.slice(0, -1)));
  }
  return s;
}

/** Drop a final plural -s/-x from tokens longer than 3 characters (trie keys and lookups). */
export function stripPlural(f: string): string {
  if (f.length <= 3) return f;
  const last = f.charCodeAt(f.length - 1);
  return last === 115 /* s */ || last === 120 /* x */ ? f.slice(0, -1) : f;
}

function accept<P>(e: TrieEntry<P>, tokens: Token[], i: number, j: number, lang: Lang, exactCache: (string | undefined)[]): boolean {
  if (e.langs && lang !== 'und' && !e.langs.has(lang)) return false;
  if (e.cs) {
    for (let k = 0; k < e.cs.length; k++) {
      const raw = tokens[i + k].raw;
      const want = e.cs[k];
      if (raw !== want && !(k === e.cs.length - 1 && raw === want + 's')) return false;
    }
  }
  if (e.exact)
    for (let k = 0; k < e.exact.length; k++) {
      const x = (exactCache[i + k] ??= exactKey(tokens[i + k].raw));
      if (x !== e.exact[k] && stripPlural(x) !== stripPlural(e.exact[k])) return false;
    }
  if (e.lastF && tokens[j - 1].f !== e.lastF) return false;
  if (e.requiresCapital && !tokens[i].cap) return false;
  if (e.notBefore && j < tokens.length && e.notBefore.has(tokens[j].f)) return false;
  if (e.notAfter && i > 0 && e.notAfter.has(tokens[i - 1].f)) return false;
  if (e.afterAny && (i === 0 || !e.afterAny.has(tokens[i - 1].f))) return false;
  if (e.notAfterCap && i > 1 && tokens[i - 1].cap && !e.notAfterCap.has(tokens[i - 1].f) && !/[.:;!?»"]\s*$/.test(tokens[i - 1].gap)) return false;
  if (e.hyphenAfter && !/^\s*[-‐‑–]\s*$/.test(tokens[j - 1].gap)) return false;
  return true;
}

/** Per layer: sort by start, longer first; keep greedily the non-overlapping ones. Several payloads on the same span all survive. */
function selectLongest<P>(cands: Match<P>[]): Match<P>[] {
  const byLayer = new Map<string, Match<P>[]>();
  for (const c of cands) {
    let l = byLayer.get(c.layer);
    if (!l) byLayer.set(c.layer, (l = []));
    l.push(c);
  }
  const out: Match<P>[] = [];
  for (const list of byLayer.values()) {
    list.sort((a, b) => a.i - b.i || b.j - a.j);
    let lastEnd = -1;
    let keptI = -1;
    let keptJ = -1;
    for (const m of list) {
      if (m.i === keptI && m.j === keptJ) {
        out.push(m); // same span, another payload (e.g. a word that is two domains' trigger)
        continue;
      }
      if (m.i < lastEnd) continue;
      out.push(m);
      lastEnd = m.j;
      keptI = m.i;
      keptJ = m.j;
    }
  }
  out.sort((a, b) => a.i - b.i || b.j - a.j);
  return out;
}
