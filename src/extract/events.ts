/**
 * Cooperation events of one sentence, in PLOVER form.
 *
 * Type: from the trigger word (dict/events.*.yaml), then modality: a promise/intent cue in the
 * trigger's clause makes it AGREE with modality future ("s'est engagée à coopérer", "cam kết hỗ
 * trợ", "pledged to train"); an agreement cue makes it AGREE realized ("ont convenu de …"). Weak,
 * generic triggers ("coopérer", "soutien") only produce an event under such a cue.
 *
 * Parties: subject side (before the trigger) → actor, object side → recipient. Symmetric acts
 * (talks, forums, consensus, "les deux pays", a coordinated subject "A et B ont signé") list every
 * party as actor and no recipient, as PLOVER does. For visits the visitor is the actor and the host
 * the recipient (CAMEO 042/043 folded into PLOVER CONSULT/visit): "A a reçu B" → actor B.
 * A cooperation event needs two distinct parties (codes); anything less yields nothing.
 */
import type { EventRecord, Modality, Party, PartialDate, PloverEvent } from '../types.ts';
import type { EventDef, KnowledgeBase } from './kb.ts';
import { cuesInScope, historicalByDate, verdict } from './modality.ts';
import type { LocationMention, PartyMention } from './parties.ts';
import type { M, SentenceInfo } from './sentence.ts';
import { tokenAt } from './sentence.ts';

export interface EventCandidate {
  k: number;
  def: EventDef;
  trigger: M;
  event: PloverEvent;
  cameo: string;
  modality: Modality;
  actor: Party[];
  recipient: Party[];
  codes: string[];
  date: string | null;
  date_precision: EventRecord['date_precision'];
  event_loc: string | null;
  confidence: number;
  fromWeak: boolean;
}

export function sentenceEvents(si: SentenceInfo, parties: PartyMention[], locations: LocationMention[], kb: KnowledgeBase, published: PartialDate | null): EventCandidate[] {
  const byType = new Map<string, EventCandidate>();
  // Sport fixtures: national teams that "meet", "face" or "host" each other do not cooperate.
  if (isSportSentence(si)) return [];
  const side = si.events.length ? coordinateSides(si) : null;
  for (const trig of si.events) {
    if (trig.payload.k !== 'event') continue;
    const def = trig.payload.def;
    if (def.with && !followedBy(si, trig.j, def.with, def.window)) continue;
    // Inside a framing phrase, or part of a name ("Ministère du Plan et de l'Investissement",
    // "Japan International Cooperation Agency"): not an event. Meeting nouns keep their capital
    // ("lors du Forum").
    if (si.framed[trig.i] || si.entAt[trig.i]) continue;
    // Inside a condition ("… si les discussions avec X étaient abandonnées", "if the talks fail"):
    // the condition is not an event; the main clause, if it holds one, has its own trigger.
    if (inCondition(si, trig.i)) continue;
    if (trig.i > 0 && si.toks[trig.i].cap && def.mode !== 'multilateral' && def.mode !== 'phone' && !def.named && !/[.:;!?»"]\s*$/.test(si.toks[trig.i - 1].gap)) continue;

    const kinds = cuesInScope(si, trig.i, trig.j);
    let v = verdict(kinds);
    // A trigger verb in the simple future tells a future event by itself ("l'Australie formera …").
    if (v === 'realized' && inFutureTense(si, trig, def)) v = 'future';
    // Generic help/support/training words count under a promise, an agreement, or a plain future
    // ("the Korean side will help Vietnam train …" is a pledge); generic "cooperation" only under
    // a promise or an agreement.
    if (def.weak && v !== 'intent' && v !== 'agree' && !(v === 'future' && def.event === 'AID')) continue;
    if (def.modality && v !== 'negated') v = def.modality === 'historical' ? 'historical' : v;
    // Background is not news: cooperation dated well before publication or "since …" yields no
    // event ("a ground station set up in 2018", "since joining the agency in 1978"), nor does a
    // historical cue ("have cooperated since …", "previously"). Only triggers that name past
    // agreements as such (def.modality historical: "accords signés") keep a historical record.
    if ((v === 'realized' || v === 'future') && historicalByDate(si, trig.i, published)) continue;
    if (v === 'historical' && def.modality !== 'historical') continue;

    let event: PloverEvent = def.event;
    let cameo = def.cameo;
    let modality: Modality;
    let confidence = def.confidence;
    // A future aid, joint project or signing is a promise (PLOVER AGREE, future): "X will provide a
    // grant", "Y will lend sensors", "Z is expected to sign". Future meetings stay CONSULT.
    if (v === 'future' && (def.event === 'AID' || def.event === 'COOPERATE' || def.event === 'SUPPORT')) v = 'intent';
    if (v === 'intent') {
      if (def.event !== 'AGREE') cameo = kb.intentCameo.get(def.event) ?? '030';
      event = 'AGREE';
      modality = 'future';
    } else if (v === 'agree') {
      event = 'AGREE';
      cameo = '030';
      modality = 'realized';
    } else if (def.weak) {
      // Generic cooperation talk ("favorisera la coopération") with no promise or agreement: nothing.
      continue;
    } else {
      modality = v;
      if (modality === 'hypothetical') confidence *= 0.6;
    }
    if (def.weak && (v === 'negated' || v === 'hypothetical')) continue;

    // Parties: subject side / object side of the trigger.
    // Media (journalists, newspapers) report; they are not partners.
    // Coordinated clauses with their own actors ("A will lend sensors, while B will train …"): an
    // event's parties come from its own side.
    const ps = parties.filter((p) => p.sector !== 'JRN' && !si.framed[p.i] && (side === null || side[p.i] === side[trig.i]));
    const subj = uniq(ps.filter((p) => p.j <= trig.i));
    const obj = uniq(ps.filter((p) => p.i >= trig.j));
    const all = uniq(ps);
    if (new Set(all.map((p) => p.code)).size < 2) continue;
    // "A hosted B" / "A received B" need the guest on the object side; "A and B compete to host
    // the next hub" is no visit.
    if (def.objectIsActor && obj.length === 0) continue;
    let actor: PartyMention[];
    let recipient: PartyMention[];
    const subjCodes = new Set(subj.map((p) => p.code));
    const symmetric = def.symmetric || (event === 'AGREE' && v === 'agree') || ps.some((p) => p.via === 'coref' && p.j <= trig.i) || subjCodes.size >= 2;
    if (symmetric || subj.length === 0 || obj.length === 0) {
      actor = all;
      recipient = [];
      if (def.objectIsActor && subj.length && obj.length) {
        actor = obj;
        recipient = subj;
      }
    } else if (def.objectIsActor) {
      actor = obj;
      recipient = subj;
    } else {
      actor = subj;
      recipient = obj;
    }
    const actorCodes = new Set(actor.map((p) => p.code));
    recipient = recipient.filter((p) => !actorCodes.has(p.code));
    const codes = [...new Set([...actor, ...recipient].map((p) => p.code))];
    if (codes.length < 2) continue;
    if (ps.some((p) => p.via === 'home' || p.via === 'role' || p.via === 'coref' || p.via === 'anaphora')) confidence -= 0.1;

    const date = firstDate(si);
    const loc = locations.find((l) => l.start >= trig.end - 200) ?? null;
    const cand: EventCandidate = {
      k: si.k,
      def,
      trigger: trig,
      event,
      cameo,
      modality,
      actor: toParties(actor),
      recipient: toParties(recipient),
      codes: codes.sort(),
      date: date?.value ?? null,
      date_precision: date?.precision ?? null,
      event_loc: loc?.name ?? null,
      confidence: round2(Math.max(0.1, Math.min(1, confidence))),
      fromWeak: def.weak,
    };
    const keep = (c: EventCandidate) => {
      // One event per type per side of a sentence: the most specific trigger wins.
      const key = side === null ? c.event : `${c.event}|${side[c.trigger.i]}`;
      const prev = byType.get(key);
      if (!prev || prev.def.priority < c.def.priority) byType.set(key, c);
    };
    // A failed negotiation or an agreement not reached is PLOVER REJECT (negated): "talks ended
    // without agreement", "la négociation n'a pas abouti", "không đạt được thỏa thuận". The talks
    // themselves did take place (CONSULT, realized); a negated visit or signing is no meeting.
    if (modality === 'negated' && (event === 'AGREE' || event === 'SUPPORT' || (event === 'CONSULT' && def.mode !== 'visit' && def.mode !== 'phone'))) {
      keep({ ...cand, event: 'REJECT', cameo: '120' });
      if (event === 'CONSULT') keep({ ...cand, modality: 'realized' });
      continue;
    }
    // Aid not given, a project not carried out: no fact (the refusal, if any, has its own trigger).
    if (modality === 'negated' && (event === 'AID' || event === 'COOPERATE')) continue;
    keep(cand);
  }
  return [...byType.values()].sort((a, b) => a.trigger.i - b.trigger.i);
}

/**
 * Side id per token: a new side starts after a semicolon and at a contrast connective that follows
 * a comma ("…, while …", "…, tandis que …", "…, trong khi …"; dict/coref.*.yaml `contrast`).
 * A sentence-initial "While A …, B …" is one side: its comma is not a boundary of this kind.
 * Null when the sentence is one side (most sentences): nothing to allocate.
 */
function coordinateSides(si: SentenceInfo): Int32Array | null {
  const starts = new Set<number>();
  for (const c of si.corefs) {
    if (c.payload.k === 'coref' && c.payload.kind === 'contrast' && c.i > 0 && /,/.test(si.toks[c.i - 1].gap)) starts.add(c.i);
  }
  if (!starts.size && !si.toks.some((t) => t.gap.includes(';'))) return null;
  const side = new Int32Array(si.toks.length);
  let s = 0;
  for (let i = 0; i < si.toks.length; i++) {
    if (starts.has(i)) s++;
    side[i] = s;
    if (si.toks[i].gap.includes(';')) s++;
  }
  return side;
}

/** Token i sits in a condition clause: after a condition connective (dict/coref.*.yaml `condition`), in its sub-clause. */
function inCondition(si: SentenceInfo, i: number): boolean {
  return si.corefs.some((c) => c.payload.k === 'coref' && c.payload.kind === 'condition' && c.j <= i && si.sub[c.i] === si.sub[i]);
}

/** The trigger's last token ends with a simple-future ending of its language (dict/events.*.yaml `future_endings`). */
function inFutureTense(si: SentenceInfo, trig: M, def: EventDef): boolean {
  if (!def.futureEndings.length) return false;
  const f = si.toks[trig.j - 1].f;
  return def.futureEndings.some((e) => f.length >= e.length + 3 && f.endsWith(e));
}

/** The sentence speaks of a match or a tournament (dict/coref.*.yaml `sport`). */
export function isSportSentence(si: SentenceInfo): boolean {
  return si.corefs.some((c) => c.payload.k === 'coref' && c.payload.kind === 'sport');
}

function followedBy(si: SentenceInfo, j: number, seqs: string[][], window: number): boolean {
  for (let s = j; s < Math.min(si.toks.length, j + window + 1); s++)
    for (const seq of seqs) {
      let ok = s + seq.length <= si.toks.length;
      for (let q = 0; ok && q < seq.length; q++) {
        const f = si.toks[s + q].f;
        if (f !== seq[q] && f !== seq[q] + 's' && f !== seq[q] + 'x') ok = false;
      }
      if (ok) return true;
    }
  return false;
}

/** One party per code, keeping the most specific mention (institution/person over a bare country). */
/** Which mention of a party names it best: explicit with a sector, or a person/demonym, over the rest. */
function rank(p: PartyMention): number {
  return p.via === 'explicit' ? (p.sector ? 3 : 2) : p.via === 'person' || p.via === 'demonym' ? 3 : 1;
}

function uniq(ps: PartyMention[]): PartyMention[] {
  const by = new Map<string, PartyMention>();
  for (const p of ps) {
    const cur = by.get(p.code);
    if (!cur || rank(p) > rank(cur)) by.set(p.code, p);
  }
  return [...by.values()].sort((a, b) => a.i - b.i);
}

function toParties(ps: PartyMention[]): Party[] {
  return ps.map((p) => ({ code: p.code, name: p.name, raw_text: p.raw, sector: p.sector }));
}

function firstDate(si: SentenceInfo): { value: string; precision: EventRecord['date_precision'] } | null {
  // Event dates are written with digits ("le 22 septembre", "29/5", "2019"); skip the parser otherwise.
  if (!/\d/.test(si.text)) return null;
  const d = si.dates().find((x) => x.role === 'point') ?? null;
  return d ? { value: d.value, precision: d.precision } : null;
}

export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

export { tokenAt };
