/**
 * Modality of an event or commitment, from cues scoped to the clause around its trigger — not the
 * whole sentence: "X a signé l'accord et Y devrait suivre" keeps X's signing realized.
 *
 * Precedence: negated > hypothetical > intent > agree > future > historical > realized. An explicit
 * 'since' date or a date well before publication in the same clause also makes it historical.
 */
import type { PartialDate } from '../types.ts';
import type { ModKind } from './kb.ts';
import type { SentenceInfo } from './sentence.ts';
import { tokenAt } from './sentence.ts';

const YEAR = /(?<!\d)(1[89]|20)\d\d(?!\d)/;

export type ModalityVerdict = 'negated' | 'hypothetical' | 'intent' | 'agree' | 'future' | 'historical' | 'realized';

const ORDER: ModalityVerdict[] = ['negated', 'hypothetical', 'intent', 'agree', 'future', 'historical'];

/** Cue kinds in scope of tokens [i, j): up to `back` tokens before in the same sub-clause, and `after`-scoped cues up to 6 tokens after in the same clause. */
export function cuesInScope(si: SentenceInfo, i: number, j: number, back = 10): Set<ModKind> {
  const kinds = new Set<ModKind>();
  for (const m of si.mods) {
    if (m.payload.k !== 'mod') continue;
    const before = m.payload.before && m.j <= i && i - m.j <= back && sameScope(si, m.i, i);
    const after = m.payload.after && m.i >= j && m.i - j <= (m.payload.far ? 40 : 6) && si.clause[m.i] === si.clause[Math.max(0, j - 1)];
    // A cue starting before the trigger and running into it ("mà không đạt được" over "đạt được thỏa thuận").
    const over = m.i < i && m.j > i;
    // "X cam kết cấp học bổng …, đồng thời hỗ trợ kỹ thuật …": a promise carries into the
    // sub-clauses that continue it.
    const carried = !before && m.payload.before && m.j <= i && (m.payload.kind === 'intent' || m.payload.kind === 'future') && continues(si, m.i, i);
    if (before || after || over || carried) kinds.add(m.payload.kind === 'reported' ? (reportedSpeechBefore(si, m.i) ? 'future' : 'hypothetical') : m.payload.kind);
  }
  return kinds;
}

/** A speech verb earlier in the sentence ("X said (that) Y would …"): the backshifted "would" is a reported future. */
export function reportedSpeechBefore(si: SentenceInfo, i: number): boolean {
  return si.corefs.some((c) => c.payload.k === 'coref' && c.payload.kind === 'speech' && c.j <= i);
}

/**
 * Token b sits in a sub-clause that continues the one of token a: same hard clause, and every
 * sub-clause after a's, up to b's, opens (after its comma) with a continuation connective
 * (dict/coref.*.yaml `continuation`: "đồng thời", "tout en", "as well as").
 */
function continues(si: SentenceInfo, a: number, b: number): boolean {
  if (si.clause[a] !== si.clause[b] || si.sub[a] === si.sub[b]) return false;
  const opened = new Set<number>();
  for (const c of si.corefs) {
    if (c.payload.k === 'coref' && c.payload.kind === 'continuation' && c.i > 0 && si.toks[c.i - 1].gap.includes(',')) opened.add(si.sub[c.i]);
  }
  for (let s = si.sub[a] + 1; s <= si.sub[b]; s++) if (!opened.has(s)) return false;
  return true;
}

/** Same sub-clause, or the cue governs a coordinated infinitive in the same clause ("s'engage à créer … et à soutenir"). */
function sameScope(si: SentenceInfo, a: number, b: number): boolean {
  return si.sub[a] === si.sub[b] || (si.clause[a] === si.clause[b] && b - a <= 6);
}

export function verdict(kinds: Set<ModKind>): ModalityVerdict {
  for (const k of ORDER) if (kinds.has(k as ModKind)) return k;
  return 'realized';
}

/** True when a 'since' date or a date at least a year before publication sits in the clause of token `i`. */
export function historicalByDate(si: SentenceInfo, i: number, published: PartialDate | null): boolean {
  // Only explicit years can make background ("depuis 1995", "en 2019"): skip the date parser otherwise.
  if (!YEAR.test(si.text)) return false;
  for (const d of si.dates()) {
    const di = tokenAt(si.toks, d.start);
    if (di >= si.toks.length || si.clause[di] !== si.clause[i]) continue;
    if (d.role === 'since') return true;
    // A horizon long past ("in 1970–1980", "by 1990") is background too.
    if ((d.role === 'point' || d.role === 'deadline') && published && isWellBefore(d.value, published.value)) return true;
  }
  return false;
}

/** `value` ends at least a year before `ref` (ISO prefixes). */
export function isWellBefore(value: string, ref: string): boolean {
  const y = Number(value.slice(0, 4));
  const ry = Number(ref.slice(0, 4));
  if (!Number.isFinite(y) || !Number.isFinite(ry)) return false;
  if (value.length === 4) return y <= ry - 1 && (ref.length === 4 ? y < ry : true) && y < ry;
  const vm = y * 12 + Number(value.slice(5, 7) || 12);
  const rm = ry * 12 + Number(ref.slice(5, 7) || 1);
  return rm - vm >= 12;
}
