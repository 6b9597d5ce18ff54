/**
 * Technology domains (ids of dict/domains.yaml) found in a sentence: strong triggers, weak ones
 * (which only count next to a strong trigger of the same domain), and exclusions ("quantum leap",
 * "vũ trụ ảo") that suppress a trigger inside them.
 */
import type { SentenceInfo } from './sentence.ts';

export interface SentenceDomains {
  strong: Set<string>;
  weak: Set<string>;
}

export function sentenceDomains(si: SentenceInfo): SentenceDomains {
  const strong = new Set<string>();
  const weak = new Set<string>();
  for (const m of si.doms) {
    if (m.payload.k !== 'domain') continue;
    const id = m.payload.id;
    if (si.domx.some((x) => x.payload.k === 'domx' && x.payload.id === id && x.i <= m.i && x.j >= m.j)) continue;
    (m.payload.weak ? weak : strong).add(id);
  }
  return { strong, weak };
}

/** Domains of a set of sentences: strong ones, plus weak ones whose domain has a strong trigger in `support`. */
export function combine(parts: SentenceDomains[], support: Set<string>): string[] {
  const out = new Set<string>();
  for (const p of parts) for (const d of p.strong) out.add(d);
  for (const p of parts) for (const d of p.weak) if (support.has(d)) out.add(d);
  return [...out];
}
