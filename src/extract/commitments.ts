/**
 * Commitments: a commitment cue (dict/commitments.*.yaml) with a quantity and/or a deadline in the
 * same sentence ("objectif de former 50.000 ingénieurs d'ici 2030", "mục tiêu … đến năm 2030"),
 * or an explicit pledge on its own ("s'est engagée à envoyer une délégation"). The actor is the
 * party on the subject side of the cue (else the speaker, else the first party of the sentence).
 * Status follows the cue (AidData lifecycle). Negated or hypothetical cues make no commitment.
 */
import type { CommitmentStatus, Party, PartialDate } from '../types.ts';
import { cuesInScope, historicalByDate, reportedSpeechBefore } from './modality.ts';
import type { PartyMention } from './parties.ts';
import type { M, SentenceInfo } from './sentence.ts';
import { tokenAt } from './sentence.ts';

export interface CommitmentCandidate {
  k: number;
  /** The actor comes from an earlier sentence ("It will also offer …", "The lab is expected to open …"). */
  inferredActor: boolean;
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

export function sentenceCommitment(si: SentenceInfo, parties: PartyMention[], published: PartialDate | null, fallback: PartyMention[] = []): CommitmentCandidate | null {
  const aid = fundedAid(si);
  if (!si.commits.length && !aid) return null;
  // A team's goal for a tournament is no commitment this system tracks.
  if (si.corefs.some((c) => c.payload.k === 'coref' && c.payload.kind === 'sport')) return null;
  // Only strong cues and those that can use a quantity/deadline are worth parsing numbers for.
  // "les deux pays" is not a quantity; nor are tiny counts ("two lines").
  const quantities = (/\d/.test(si.text) ? si.quantities() : []).filter((q) => !(q.kind === 'count' && q.value <= 2) && !si.corefs.some((c) => c.start <= q.start && c.end >= q.start));
  const dates = si.dates();
  const deadline = dates.find((d) => d.role === 'deadline') ?? dates.find((d) => d.role === 'point' && published && d.value.slice(0, 4) > published.value.slice(0, 4));
  let best: M | null = null;
  for (const c of si.commits) {
    if (c.payload.k !== 'commit') continue;
    const strong = c.payload.strong;
    const hasQ = quantities.some((q) => q.start >= c.start - 80);
    const hasQD = c.payload.needsDeadline ? !!deadline : c.payload.needsQuantity ? hasQ : hasQ || !!deadline;
    if (!strong && !hasQD) continue;
    const kinds = cuesInScope(si, c.i, c.j, 6);
    if (kinds.has('negated') || kinds.has('hypothetical') || kinds.has('historical')) continue;
    // Background ("since 1973, Japan has been …", "in 2019 it pledged …") is no news commitment.
    // A deadline still ahead keeps it news, whatever older dates the sentence also cites.
    const ahead = !!deadline && (!published || deadline.value.slice(0, 4) >= published.value.slice(0, 4));
    if (!ahead && historicalByDate(si, c.i, published)) continue;
    // A cue that is itself a backshifted "would" is a pledge only in reported speech.
    if (si.mods.some((m) => m.i === c.i && m.payload.k === 'mod' && m.payload.kind === 'reported') && !reportedSpeechBefore(si, c.i)) continue;
    if (!best || (best.payload.k === 'commit' && (Number(strong) - Number(best.payload.strong) || RANK[c.payload.status] - RANK[best.payload.status]) > 0)) best = c;
  }
  if (!best || best.payload.k !== 'commit') return aid ? aidCommitment(si, aid, parties, fallback, quantities, deadline, published) : null;
  const actorP = committingParty(parties, best.i, fallback);
  if (!actorP) return null;
  const q = quantities.find((x) => x.start >= best!.start) ?? quantities[0] ?? null;
  return {
    k: si.k,
    inferredActor: actorP.inferred,
    actor: [actorP.p].map((p) => ({ code: p.code, name: p.name, raw_text: p.raw, sector: p.sector })),
    what: clauseAfter(si, best),
    quantity: q ? q.value : null,
    unit: q ? q.unit : null,
    deadline: deadline?.value ?? null,
    deadline_precision: deadline?.precision ?? null,
    status: best.payload.status,
    confidence: best.payload.strong || (q && deadline) ? 0.8 : 0.65,
  };
}

/**
 * The committing party: the last subject-side party (closest to the cue), else the first party of
 * the sentence, else — for a sentence naming no party ("It will also offer …", "The laboratory is
 * expected to open …") — the subject of the last sentence that named one.
 */
function committingParty(parties: PartyMention[], cueI: number, fallback: PartyMention[]): { p: PartyMention; inferred: boolean } | null {
  const subj = parties.filter((p) => p.j <= cueI);
  if (subj.length) return { p: subj[subj.length - 1], inferred: false };
  if (parties.length) return { p: parties[0], inferred: false };
  if (fallback.length) return { p: fallback[0], inferred: true };
  return null;
}

/**
 * A loan, grant or funding with an amount is a commitment even without a commitment cue ("signed
 * a loan agreement worth USD 150 million", "will provide a grant of AUD 12 million"): the (strong)
 * AID trigger with a money amount in the same sentence.
 */
function fundedAid(si: SentenceInfo): M | null {
  if (!/\d/.test(si.text)) return null;
  const trig = si.events.find((m) => m.payload.k === 'event' && m.payload.def.event === 'AID' && !m.payload.def.weak);
  if (!trig) return null;
  return si.quantities().some((q) => q.kind === 'money') ? trig : null;
}

/** Status by modality: signed/realized → commitment; promised or expected → pledge; negated or hypothetical → none. */
function aidCommitment(si: SentenceInfo, trig: M, parties: PartyMention[], fallback: PartyMention[], quantities: ReturnType<SentenceInfo['quantities']>, deadline: ReturnType<SentenceInfo['dates']>[number] | undefined, published: PartialDate | null): CommitmentCandidate | null {
  const kinds = cuesInScope(si, trig.i, trig.j);
  if (kinds.has('negated') || kinds.has('hypothetical') || kinds.has('historical')) return null;
  if (historicalByDate(si, trig.i, published)) return null;
  const status: CommitmentStatus = kinds.has('intent') || kinds.has('future') ? 'pledge' : 'commitment';
  const money = quantities.filter((q) => q.kind === 'money');
  const q = money.find((x) => x.start >= trig.start) ?? money[0];
  const actorP = committingParty(parties, trig.i, fallback);
  if (!q || !actorP) return null;
  return {
    k: si.k,
    inferredActor: actorP.inferred,
    actor: [{ code: actorP.p.code, name: actorP.p.name, raw_text: actorP.p.raw, sector: actorP.p.sector }],
    what: clauseAfter(si, trig),
    quantity: q.value,
    unit: q.unit,
    deadline: deadline?.value ?? null,
    deadline_precision: deadline?.precision ?? null,
    status,
    confidence: 0.7,
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
