/**
 * Commitments: a commitment cue (dict/commitments.*.yaml) with a quantity and/or a deadline in the
 * same sentence ("objectif de former 50.000 ingénieurs d'ici 2030", "mục tiêu … đến năm 2030"),
 * or an explicit pledge on its own ("s'est engagée à envoyer une délégation"). The actor is the
 * party on the subject side of the cue (else the speaker, else the first party of the sentence).
 * Status follows the cue (AidData lifecycle). Negated or hypothetical cues make no commitment.
 */
import type { CommitmentStatus, Party, PartialDate } from '../types.ts';
import { cuesInScope } from './modality.ts';
import type { PartyMention } from './parties.ts';
import type { M, SentenceInfo } from './sentence.ts';
import { tokenAt } from './sentence.ts';

export interface CommitmentCandidate {
  k: number;
  actor: Party[];
  what: string;
  quantity: number | null;
  unit: string | null;
  deadline: string | null;
  deadline_precision: 'day' | 'month' | 'year' | null;
  status: CommitmentStatus;
  confidence: number;
}

const RANK: Record<CommitmentStatus, number> = { cancelled: 5, completion: 4, commitment: 3, pledge: 2, implementation: 1 };

export function sentenceCommitment(si: SentenceInfo, parties: PartyMention[], published: PartialDate | null): CommitmentCandidate | null {
  if (!si.commits.length) return null;
  // Only strong cues and those that can use a quantity/deadline are worth parsing numbers for.
  // "les deux pays" is not a quantity; nor are tiny counts ("two lines").
  const quantities = (/\d/.test(si.text) ? si.quantities() : []).filter((q) => !(q.kind === 'count' && q.value <= 2) && !si.corefs.some((c) => c.start <= q.start && c.end >= q.start));
  const dates = si.dates();
  const deadline = dates.find((d) => d.role === 'deadline') ?? dates.find((d) => d.role === 'point' && published && d.value.slice(0, 4) > published.value.slice(0, 4));
  let best: M | null = null;
  for (const c of si.commits) {
    if (c.payload.k !== 'commit') continue;
    const strong = c.payload.strong;
    const hasQD = c.payload.needsDeadline ? !!deadline : quantities.some((q) => q.start >= c.start - 80) || !!deadline;
    if (!strong && !hasQD) continue;
    const kinds = cuesInScope(si, c.i, c.j, 6);
    if (kinds.has('negated') || kinds.has('hypothetical')) continue;
    if (!best || (best.payload.k === 'commit' && (Number(strong) - Number(best.payload.strong) || RANK[c.payload.status] - RANK[best.payload.status]) > 0)) best = c;
  }
  if (!best || best.payload.k !== 'commit') return null;
  const subj = parties.filter((p) => p.j <= best!.i);
  const pool = subj.length ? subj : parties;
  if (!pool.length) return null;
  // The committing party: the last subject-side party (closest to the cue), one per code.
  const actorP = pool === subj ? [subj[subj.length - 1]] : [pool[0]];
  const q = quantities.find((x) => x.start >= best!.start) ?? quantities[0] ?? null;
  return {
    k: si.k,
    actor: actorP.map((p) => ({ code: p.code, name: p.name, raw_text: p.raw, sector: p.sector })),
    what: clauseAfter(si, best),
    quantity: q ? q.value : null,
    unit: q ? q.unit : null,
    deadline: deadline?.value ?? null,
    deadline_precision: deadline?.precision ?? null,
    status: best.payload.status,
    confidence: best.payload.strong || (q && deadline) ? 0.8 : 0.65,
  };
}

/** A short "what": from the cue to the end of its clause, at most ~18 words. */
function clauseAfter(si: SentenceInfo, cue: M): string {
  let e = cue.j;
  while (e < si.toks.length && si.clause[e] === si.clause[cue.j < si.toks.length ? cue.j : cue.i] && e - cue.j < 18) e++;
  const from = cue.j < si.toks.length ? si.toks[cue.j].start : cue.end;
  const to = e > cue.j ? si.toks[e - 1].end : cue.end;
  const s = si.text.slice(from - si.s.start, to - si.s.start).trim();
  return s || si.text.trim();
}

export { tokenAt };
