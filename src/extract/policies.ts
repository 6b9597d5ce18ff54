/**
 * Policies: a policy noun (loi, stratégie nationale, Nghị quyết, Act…) followed by its name
 * ("sur l'intelligence artificielle", "57-NQ/TW", "Trí tuệ nhân tạo"), or a named programme
 * (Horizon Europe). Only named policies count: the name must hold a number, a capitalised word, a
 * technology-domain term, or the noun must be qualified as national. Jurisdiction comes from an
 * entity inside the name ("loi européenne" → EU), else the sentence's subject party, else the home
 * country. Status from cues in the sentence (adopted / drafting / announced / signed).
 */
import type { PolicyStatus } from '../types.ts';
import type { PartyMention } from './parties.ts';
import type { M, SentenceInfo } from './sentence.ts';

export interface PolicyCandidate {
  k: number;
  name: string;
  i: number;
  j: number;
  jurisdiction: string | null;
  status: PolicyStatus;
  date: string | null;
  date_precision: 'day' | 'month' | 'year' | null;
}

const STOP = new Set(['qui', 'que', 'dont', 'which', 'that', 'who', 'ma', 'duoc', 'da', 'se', 'dang', 'a', 'ont', 'est', 'sont', 'has', 'have', 'is', 'was', 'were', 'will', 'sera', 'etait', 'visant', 'aimed', 'nham', 'afin', 'to', 'et', 'and', 'va', 'ainsi', 'with', 'avec', 'voi', 'en', 'dans', 'in', 'tai', 'lors', 'during', 'trong']);
const NATIONAL = new Set(['national', 'nationale', 'quoc', 'gia']);

/** Policy name spans of a sentence (computed before parties, so entities inside names are not partners). */
export function policySpans(si: SentenceInfo): { m: M; i: number; j: number }[] {
  const out: { m: M; i: number; j: number }[] = [];
  for (const m of si.pols) {
    if (m.payload.k === 'pnamed') {
      out.push({ m, i: m.i, j: m.j });
      continue;
    }
    if (m.payload.k !== 'pnoun') continue;
    let e = m.j;
    while (e < si.toks.length && e - m.j < 14 && si.sub[e] === si.sub[m.j - 1]) {
      const t = si.toks[e];
      if (STOP.has(t.f) && !(t.f === 'et' || t.f === 'and' || t.f === 'va') ) break;
      // "et"/"and" continue only inside a capitalised name ("Industrie et Commerce") or a domain term.
      if ((t.f === 'et' || t.f === 'and' || t.f === 'va') && !(si.toks[e + 1]?.cap && si.toks[e - 1]?.cap)) break;
      if (si.events.some((x) => x.i === e) || si.pstats.some((x) => x.i === e) || si.pols.some((x) => x.i === e && x !== m)) break;
      e++;
      if (/[,;:()«»"“”]/.test(t.gap)) break;
    }
    const named = hasName(si, m, e);
    if (named) out.push({ m, i: m.i, j: e });
  }
  return out;
}

function hasName(si: SentenceInfo, m: M, e: number): boolean {
  if (m.payload.k === 'pnoun' && m.payload.needsNumber) return e > m.j && /^\d/.test(si.toks[m.j].raw);
  if (e <= m.j && !(m.j - m.i > 1 && si.toks.slice(m.i, m.j).some((t) => NATIONAL.has(t.f)))) return false;
  for (let q = m.j; q < e; q++) {
    const t = si.toks[q];
    if (/^\d/.test(t.raw) || t.cap) return true;
  }
  if (si.toks.slice(m.i, e).some((t) => NATIONAL.has(t.f))) return true;
  return si.doms.some((d) => d.payload.k === 'domain' && !d.payload.weak && d.i >= m.j && d.j <= e);
}

export function sentencePolicies(si: SentenceInfo, spans: { m: M; i: number; j: number }[], parties: PartyMention[], home: string | null): PolicyCandidate[] {
  const out: PolicyCandidate[] = [];
  for (const sp of spans) {
    const pl = sp.m.payload;
    const name = si.text.slice(si.toks[sp.i].start - si.s.start, si.toks[sp.j - 1].end - si.s.start).trim();
    let jurisdiction: string | null = null;
    if (pl.k === 'pnamed') jurisdiction = pl.jurisdiction;
    for (const em of si.ents) {
      if (jurisdiction) break;
      if (em.i >= sp.i && em.j <= sp.j && (em.payload.k === 'country' || em.payload.k === 'org' || em.payload.k === 'demonym' || em.payload.k === 'inst')) jurisdiction = em.payload.code;
    }
    if (!jurisdiction) {
      const subj = parties.filter((p) => p.j <= sp.i && p.via !== 'coref');
      jurisdiction = subj.length ? subj[subj.length - 1].code : home;
    }
    let status: PolicyStatus = pl.k === 'pnoun' && pl.drafting ? 'drafting' : 'adopted';
    let bestDist = Infinity;
    for (const st of si.pstats) {
      if (st.payload.k !== 'pstatus') continue;
      const dist = st.j <= sp.i ? sp.i - st.j : st.i >= sp.j ? st.i - sp.j + 0.5 : 0;
      if (dist < bestDist) {
        bestDist = dist;
        status = st.payload.status;
      }
    }
    const d = /\d/.test(si.text) ? (si.dates().find((x) => x.role === 'point') ?? null) : null;
    out.push({ k: si.k, name, i: sp.i, j: sp.j, jurisdiction, status, date: d?.value ?? null, date_precision: d?.precision ?? null });
  }
  return out;
}
