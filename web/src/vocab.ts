/** Closed vocabularies shown in filters (mirroring src/types.ts), and label helpers. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { UiLang } from './i18n/index.ts';
import type { DomainLabel, Names } from './types.ts';

export const EVENT_TYPES = [
  'AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT', 'REQUEST',
  'ACCUSE', 'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT',
];
export const MODALITIES = ['realized', 'future', 'hypothetical', 'negated', 'historical'];
export const DOC_LANGS = ['fr', 'en', 'vi'];
export const COMMITMENT_STATUSES = ['pledge', 'commitment', 'implementation', 'completion', 'cancelled'];
export const COMMITMENT_SORTS = ['deadline', '-deadline', 'status', 'actor', 'recent'];
/** The country whose cooperation the corpus follows: the matrix can hide it. */
export const HOME = 'VNM';

/** Filters of the analytic views, as URL query keys (same names as the API). */
export const FILTER_KEYS = ['since', 'until', 'lang', 'domain', 'type', 'modality'] as const;

export function filtersOf(query: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of FILTER_KEYS) {
    const v = query.get(k);
    if (v) out[k] = v;
  }
  return out;
}

export interface Vocab {
  domains: DomainLabel[];
  /** Party names seen so far (from /api/partners), by code. */
  parties: Map<string, Names>;
}

export const VocabContext = createContext<Vocab>({ domains: [], parties: new Map() });

export function useVocab(): Vocab {
  return useContext(VocabContext);
}

export function domainLabel(v: Vocab, id: string, lang: UiLang): string {
  return v.domains.find((d) => d.id === id)?.label[lang] ?? id;
}

export function partyLabel(v: Vocab, code: string, lang: UiLang, names?: Names): string {
  return (names ?? v.parties.get(code))?.[lang] ?? code;
}
