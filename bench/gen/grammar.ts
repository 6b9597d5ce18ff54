/**
 * Template expansion for the corpus generator. A template is text with `{slot}` markers; it is
 * compiled once into literal / slot parts, so expanding it is a walk over a short array rather than
 * a regex replace per sentence.
 */

/** Literal text, or a slot name. */
export type Part = string | { slot: string };
export type Compiled = Part[];

const SLOT = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

export function compileTemplate(t: string): Compiled {
  const out: Compiled = [];
  let last = 0;
  for (const m of t.matchAll(SLOT)) {
    if (m.index! > last) out.push(t.slice(last, m.index));
    out.push({ slot: m[1] });
    last = m.index! + m[0].length;
  }
  if (last < t.length) out.push(t.slice(last));
  return out;
}

/** Slot names used by a compiled template (for validation). */
export function slotsOf(c: Compiled): string[] {
  return c.filter((p): p is { slot: string } => typeof p !== 'string').map((p) => p.slot);
}

export interface Expander {
  /** Grammar rules of the language: name → alternatives. */
  rules: ReadonlyMap<string, Compiled[]>;
  /** Value of a built-in slot, or null when `name` is not a built-in. */
  builtin(name: string): string | null;
  pick<T>(list: readonly T[]): T;
}

const MAX_DEPTH = 8;

/** Expand a compiled template. Unknown slots throw: a typo in a template must not pass silently. */
export function expand(c: Compiled, x: Expander, depth = 0): string {
  let out = '';
  for (const p of c) {
    if (typeof p === 'string') {
      out += p;
      continue;
    }
    const alts = x.rules.get(p.slot);
    if (alts) {
      if (depth >= MAX_DEPTH) throw new Error(`template recursion too deep at {${p.slot}}`);
      out += expand(x.pick(alts), x, depth + 1);
      continue;
    }
    const v = x.builtin(p.slot);
    if (v === null) throw new Error(`unknown template slot {${p.slot}}`);
    out += v;
  }
  return out;
}

/** Expand the named rule. */
export function expandRule(name: string, x: Expander): string {
  const alts = x.rules.get(name);
  if (!alts) throw new Error(`template rule "${name}" is missing`);
  return expand(x.pick(alts), x);
}

/** Upper-case the first letter (after any opening quote/bracket). */
export function capitaliseFirst(s: string): string {
  const m = /^([«"“(\[\s]*)(\p{Ll})/u.exec(s);
  return m ? m[1] + m[2].toUpperCase() + s.slice(m[0].length) : s;
}

/**
 * French elision after expansion: "de intelligence" → "d'intelligence", "le hôpital" →
 * "l'hôpital". Built once per word list.
 */
export function elisionFixer(words: readonly string[]): (s: string) => string {
  if (words.length === 0) return (s) => s;
  const re = new RegExp(`(^|[\\s(«"])(${words.join('|')}) (?=[aeiouyhàâäéèêëîïôöûüœAEIOUYHÀÂÉÈÊÎÔÛŒ])`, 'gi');
  return (s) => s.replace(re, (_m, pre: string, w: string) => `${pre}${w.slice(0, -1)}'`);
}

/** Fixed-string contractions ("de le " → "du "), applied in one pass. */
export function contractionFixer(map: Readonly<Record<string, string>>): (s: string) => string {
  const keys = Object.keys(map);
  if (keys.length === 0) return (s) => s;
  const re = new RegExp(`(^|[\\s(«"])(${keys.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'g');
  return (s) => s.replace(re, (_m, pre: string, k: string) => pre + map[k]);
}
