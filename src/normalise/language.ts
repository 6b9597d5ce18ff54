/**
 * Language identification restricted to the languages Coopwatch reads (fr, en, vi).
 *
 * eld is asked about ALL its 60 languages, never a subset: a German or Czech text must come out
 * `und`, not be forced into the closest of fr/en/vi. eld only reads ~350 bytes per call, so longer
 * samples are cut into chunks that vote, which also keeps a Vietnamese site header from deciding
 * the language of a French article. A character-class ratio (letters only Vietnamese uses) is a
 * fast path for Vietnamese with diacritics.
 *
 * eld's `extrasmall` n-gram set is used: it decides fr/en/vi/und identically on the seeds, the
 * examples and the test set, and costs ~55 MB of resident memory where `small` costs ~145 MB —
 * which matters against the ingest's memory budget.
 */
import { eld } from 'eld/extrasmall';
import type { Lang } from '../types.ts';
import { loadDictFile } from './dict-file.ts';

interface LanguageDict {
  languages: string[];
  script_cues: { vi: { strong: string; weak: string; min_ratio: number } };
  thresholds: {
    min_letters: number;
    sample_chars: number;
    chunk_chars: number;
    near_margin: number;
    min_share: number;
    agreeing_chunks: number;
  };
}

const dict = loadDictFile<LanguageDict>('language.yaml');
const SUPPORTED = new Set<string>(dict.languages);
const codes = (s: string) => new Set(Array.from(s.replace(/\s/g, ''), (c) => c.charCodeAt(0)));
const VI_STRONG = codes(dict.script_cues.vi.strong);
const VI_WEAK = codes(dict.script_cues.vi.weak);
const T = dict.thresholds;

const LETTER = /\p{L}/u;
const letterCache = new Map<number, boolean>();

/** Is this UTF-16 code unit a letter? ASCII by range, the rest by Unicode property (cached). */
function isLetterUnit(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  let l = letterCache.get(c);
  if (l === undefined) letterCache.set(c, (l = c >= 0xd800 && c <= 0xdfff ? true : LETTER.test(String.fromCharCode(c))));
  return l;
}
/** Tokens that say nothing about the language: URLs, e-mail addresses, anything with digits. */
const NOISE_TOKEN = /[@\d_]|^(?:https?:|www\.)/;

function languageSample(text: string): string {
  return text
    .slice(0, T.sample_chars)
    .normalize('NFC')
    .split(/\s+/)
    .filter((t) => t && !NOISE_TOKEN.test(t))
    .join(' ');
}

export interface LanguageGuess {
  lang: Lang;
  /** 0–1: vote share of the winner scaled by eld's score (1 for a clear script-cue decision). */
  confidence: number;
}

/** `fr-FR`, `vi_VN`, `EN` → fr / vi / en; anything else → null. */
export function normaliseDeclaredLang(declared: string | null | undefined): Lang | null {
  if (!declared) return null;
  const code = declared.trim().toLowerCase().slice(0, 2);
  return SUPPORTED.has(code) ? (code as Lang) : null;
}

/** Letters in `s`, and the weighted count of Vietnamese-only letters among them. */
function scriptStats(s: string): { letters: number; vi: number } {
  let letters = 0;
  let vi = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!isLetterUnit(c)) continue;
    letters++;
    if (c < 128) continue;
    if (VI_STRONG.has(c)) vi += 1;
    else if (VI_WEAK.has(c)) vi += 0.5;
  }
  return { letters, vi };
}

/** Cut `s` into pieces of about `size` characters at whitespace. */
function chunks(s: string, size: number): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    let j = Math.min(s.length, i + size);
    if (j < s.length) {
      const ws = s.lastIndexOf(' ', j);
      if (ws > i + size / 2) j = ws;
    }
    out.push(s.slice(i, j));
    i = j;
  }
  return out;
}

/**
 * Detect the language of `text` (pass the non-boilerplate text; the first ~2000 characters are
 * used). Returns `und` when the text is too short or unreliable, or when a language outside
 * fr/en/vi dominates. `declared` is a hint only: it is used when the text cannot decide.
 */
export function detectLanguage(text: string, declared?: string | null): LanguageGuess {
  const hint = normaliseDeclaredLang(declared);
  const undecided = (): LanguageGuess => (hint ? { lang: hint, confidence: 0.3 } : { lang: 'und', confidence: 0 });

  const sample = languageSample(text);
  const stats = scriptStats(sample);
  if (stats.letters < T.min_letters) return undecided();

  // Fast path: dense Vietnamese-only letters cannot be French or English.
  const viRatio = stats.vi / stats.letters;
  if (viRatio >= dict.script_cues.vi.min_ratio) return { lang: 'vi', confidence: Math.min(1, 0.8 + viRatio) };

  // Chunk vote over all eld languages, weighted by letters.
  const votes = new Map<string, number>();
  const scoreSum = new Map<string, number>();
  let total = 0;
  let agreed = 0; // leading chunks reliably won by the same fr/en/vi language
  for (const chunk of chunks(sample, T.chunk_chars)) {
    const letters = scriptStats(chunk).letters;
    if (letters < T.min_letters) continue;
    const r = eld.detect(chunk);
    if (!r.language) continue;
    const scores = r.getScores();
    let winner = r.language;
    if (!SUPPORTED.has(winner)) {
      // Another language wins this chunk; keep the vote in fr/en/vi only if it is a near tie.
      let best: string | null = null;
      for (const l of SUPPORTED) if ((scores[l] ?? 0) > (best ? scores[best] ?? 0 : 0)) best = l;
      if (best && (scores[winner] ?? 0) - (scores[best] ?? 0) <= T.near_margin) winner = best;
    }
    const weight = letters * (r.isReliable() ? 1 : 0.5);
    votes.set(winner, (votes.get(winner) ?? 0) + weight);
    scoreSum.set(winner, (scoreSum.get(winner) ?? 0) + (scores[winner] ?? 0) * weight);
    total += weight;
    // Early stop: the first chunks agree reliably on one supported language.
    if (SUPPORTED.has(winner) && r.isReliable() && votes.size === 1) {
      if (++agreed >= T.agreeing_chunks) break;
    }
  }
  if (total === 0) return undecided();

  let top: string | null = null;
  for (const [l, v] of votes) if (!top || v > votes.get(top)!) top = l;
  const share = votes.get(top!)! / total;
  if (!SUPPORTED.has(top!)) return { lang: 'und', confidence: 0 };
  if (share < T.min_share) return undecided();
  const meanScore = scoreSum.get(top!)! / votes.get(top!)!;
  const confidence = Math.round(share * Math.min(1, meanScore / 0.75) * 1000) / 1000;
  return { lang: top as Lang, confidence };
}
