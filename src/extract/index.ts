/**
 * The extractor: SegmentedDocument → Extraction (events, commitments, policies, entities and the
 * document's technology domains), every fact traced to its sentence.
 *
 * Two passes over the non-boilerplate sentences, each a single trie match per sentence:
 *  1. analyse sentences, find people, count parties → home country, main partner pair, speakers;
 *  2. resolve parties per sentence, then events, commitments, policies, domains.
 * Deterministic: same input → same output and ids (hash of doc id + type + sentence + ordinal).
 */
import * as nodeCrypto from 'node:crypto';
import type {
  CommitmentRecord,
  EntityRecord,
  EventRecord,
  Extraction,
  Lang,
  PartialDate,
  PolicyRecord,
  SegmentedDocument,
  Sentence,
} from '../types.ts';
import { fold } from '../util/fold.ts';
import { loadKnowledgeBase as loadKb, type KnowledgeBase } from './kb.ts';
import { analyseSentence, type SentenceInfo } from './sentence.ts';
import { findPersons, resolvePersonCountries, type Person } from './persons.ts';
import { homeCountry, mainPair } from './context.ts';
import { sentenceParties, type PartyContext, type PartyMention, type LocationMention } from './parties.ts';
import { sentenceEvents, round2, type EventCandidate } from './events.ts';
import { sentenceCommitment, type CommitmentCandidate } from './commitments.ts';
import { policySpans, sentencePolicies, type PolicyCandidate } from './policies.ts';
import { combine, sentenceDomains, type SentenceDomains } from './domains.ts';

/** Bump when rules or dictionaries change. */
export const EXTRACTOR_VERSION = '0.3.0';

export type { KnowledgeBase } from './kb.ts';

/** Compile the built-in dict/ and then each user directory (later entries add to or override earlier ones). */
export function loadKnowledgeBase(opts: { dictDirs?: string[] } = {}): KnowledgeBase {
  return loadKb(opts);
}

interface Analysed {
  si: SentenceInfo;
  parties: PartyMention[];
  locations: LocationMention[];
  domains: SentenceDomains;
}

export function extractDocument(doc: SegmentedDocument, kb: KnowledgeBase): Extraction {
  const lang: Lang = doc.lang;
  const folded = null; // tokens are folded one by one (cached): cheaper than folding boilerplate too
  const ref = doc.published;
  const sentences = doc.sentences.filter((s) => !s.boilerplate && s.end > s.start);
  const infos = sentences.map((s, k) => analyseSentence(doc.text, folded, s, k, lang, kb, ref));
  const titleInfo = doc.title ? analyseTitle(doc.title, lang, kb, ref) : null;

  // ---- pass 1: people, mention counts, home country, main pair, speakers
  const people = findPersons(infos, kb, lang);
  const counts = new Map<string, number>();
  const bump = (c: string | null | undefined, n = 1) => c && counts.set(c, (counts.get(c) ?? 0) + n);
  for (const si of infos)
    for (const m of si.ents) {
      const p = m.payload;
      if (p.k === 'country' || p.k === 'org' || p.k === 'inst' || p.k === 'place') bump(p.code);
    }
  for (const p of people) if (p.country) bump(p.country, p.mentions.length);
  const home = homeCountry(doc, infos, kb, counts);
  resolvePersonCountries(people, home);
  const titleCodes: string[] = [];
  if (titleInfo) for (const m of titleInfo.ents) if (m.payload.k === 'country' || m.payload.k === 'org' || m.payload.k === 'inst') titleCodes.push(m.payload.code);
  const pair = mainPair(titleCodes, home, counts);
  const speakers = speakerPerSentence(doc, infos, people, kb);

  // ---- pass 2: parties, events, commitments, policies, domains per sentence
  const analysed: Analysed[] = [];
  const events: EventCandidate[] = [];
  const commitments: CommitmentCandidate[] = [];
  const policies: PolicyCandidate[] = [];
  const mentionsByK = new Map<number, { p: Person; mm: Person['mentions'][number] }[]>();
  for (const p of people)
    for (const mm of p.mentions) {
      const l = mentionsByK.get(mm.k) ?? [];
      l.push({ p, mm });
      mentionsByK.set(mm.k, l);
    }
  // Parties of the last sentence that named one: who "It will also offer …" refers to.
  let lastParties: PartyMention[] = [];
  const recentHeads: PartyContext['recentHeads'] = new Map();
  for (const si of infos) {
    const spans = policySpans(si);
    const sp = speakers[si.k];
    const ctx: PartyContext = { kb, lang, home, pair, speaker: sp?.code ?? null, speakerName: sp?.name ?? null, people, personMentions: mentionsByK.get(si.k) ?? [], policySpans: spans.map((x) => [x.i, x.j]), recentHeads };
    const { parties, locations } = sentenceParties(si, ctx);
    analysed.push({ si, parties, locations, domains: sentenceDomains(si) });
    events.push(...sentenceEvents(si, parties, locations, kb, ref));
    const c = sentenceCommitment(si, parties, ref, lastParties);
    if (c) commitments.push(c);
    const named = parties.filter((p) => p.via !== 'coref' && p.via !== 'speaker');
    if (named.length) lastParties = named;
    policies.push(...sentencePolicies(si, spans, parties, home));
  }

  // ---- domains: per event (its sentence, else its paragraph), per document (cooperation content)
  const paraDomains = new Map<number, SentenceDomains[]>();
  for (const a of analysed) {
    const l = paraDomains.get(a.si.s.paragraph) ?? [];
    l.push(a.domains);
    paraDomains.set(a.si.s.paragraph, l);
  }
  const strongOf = (parts: SentenceDomains[]) => new Set(parts.flatMap((p) => [...p.strong]));
  const domainsOfSentence = (k: number, extra: string[] = []): string[] => {
    const a = analysed[k];
    let ds = combine([a.domains], a.domains.strong);
    if (!ds.length) {
      const para = paraDomains.get(a.si.s.paragraph) ?? [];
      ds = [...strongOf(para)];
    }
    return order([...new Set([...ds, ...extra])], kb);
  };

  const titleK = doc.title && infos.length && infos[0].text.trim() === doc.title.trim() ? 0 : -1;
  const mergedEvents = mergeEvents(events, titleK);
  const eventRecords: EventRecord[] = [];
  const ordinal = new Map<number, number>();
  for (const e of mergedEvents) {
    const si = infos[e.k];
    const n = (ordinal.get(e.k) ?? 0) + 1;
    ordinal.set(e.k, n);
    const domains = domainsOfSentence(e.k, e.def.domains);
    const context = contextOf(e, domains);
    eventRecords.push({
      type: 'event',
      doc_id: doc.id,
      source_path: doc.source_path,
      id: factId(doc.id, 'event', si.s.index, n),
      date: e.date,
      date_precision: e.date_precision,
      actor: e.actor,
      recipient: e.recipient,
      event: e.event,
      mode: e.def.mode,
      context,
      modality: e.modality,
      domains,
      cameo: e.cameo,
      goldstein: goldstein(kb, e.cameo),
      event_loc: e.event_loc,
      event_text: si.text,
      text_info: textInfo(si.s),
      confidence: e.confidence,
      extractor_version: EXTRACTOR_VERSION,
    });
  }

  // Commitments only in documents about cooperation or in sentences naming two parties (a sports
  // team's or a ministry's domestic target is not a commitment this system tracks).
  const commitmentRecords: CommitmentRecord[] = [];
  const seenC = new Set<string>();
  const byAmount = new Map<string, number>();
  for (const c of commitments) {
    const si = infos[c.k];
    const domains = domainsOfSentence(c.k);
    const partners = new Set(analysed[c.k].parties.map((p) => p.code)).size;
    // Without any cooperation event, only a sentence naming two parties can hold a cooperation
    // commitment: a purely domestic target ("le Vietnam vise … d'ici 2030") belongs to a policy.
    if (!eventRecords.length && partners < 2) continue;
    // An actor carried over from an earlier sentence only in articles about cooperation.
    if (c.inferredActor && !eventRecords.length) continue;
    // Restatements of one pledge (same actor, quantity, deadline and verb) are one commitment.
    // With an amount, actor + amount + deadline identify it (a headline and its lead restate it in other words).
    const verb = c.quantity !== null ? '' : (fold(c.what).split(/[^\p{L}\p{N}]+/u).filter(Boolean)[0] ?? '');
    const actors = c.actor.map((a) => a.code).join(',');
    const key = [actors, c.deadline, c.quantity, verb].join('|');
    // The same amount pledged by the same actor, once without a deadline (a headline, a lead) and
    // once with one, is one commitment: the dated statement wins, and a body sentence wins over the
    // headline as its evidence.
    let replace = -1;
    if (c.quantity !== null) {
      const amountKey = [actors, c.quantity, c.unit].join('|');
      const at = byAmount.get(amountKey);
      if (at !== undefined) {
        const prev = commitmentRecords[at];
        const prevInTitle = titleK >= 0 && prev.text_info.sequence === infos[titleK].s.index;
        if ((prev.deadline === null && c.deadline !== null) || (prevInTitle && c.k !== titleK && (c.deadline === prev.deadline || c.deadline !== null))) replace = at;
        else if (c.deadline === null || c.deadline === prev.deadline) continue;
      } else byAmount.set(amountKey, commitmentRecords.length);
    }
    if (replace < 0 && seenC.has(key)) continue;
    seenC.add(key);
    const n = commitmentRecords.filter((x, i) => i !== replace && x.text_info.sequence === si.s.index).length + 1;
    const record: CommitmentRecord = {
      type: 'commitment',
      doc_id: doc.id,
      source_path: doc.source_path,
      id: factId(doc.id, 'commitment', si.s.index, n),
      actor: c.actor,
      what: c.what,
      quantity: c.quantity,
      unit: c.unit,
      deadline: c.deadline,
      deadline_precision: c.deadline_precision,
      domains,
      status: c.status,
      event_text: si.text,
      text_info: textInfo(si.s),
      confidence: c.confidence,
      extractor_version: EXTRACTOR_VERSION,
    };
    if (replace >= 0) commitmentRecords[replace] = record;
    else commitmentRecords.push(record);
  }

  const policyRecords: PolicyRecord[] = [];
  const seenP = new Set<string>();
  for (const p of policies) {
    const key = fold(p.name).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    if (seenP.has(key)) continue;
    seenP.add(key);
    const si = infos[p.k];
    const n = policyRecords.filter((x) => x.text_info.sequence === si.s.index).length + 1;
    const inName = analysed[p.k].si.doms.filter((d) => d.i >= p.i && d.j <= p.j && d.payload.k === 'domain' && !d.payload.weak).map((d) => (d.payload.k === 'domain' ? d.payload.id : ''));
    policyRecords.push({
      type: 'policy',
      doc_id: doc.id,
      source_path: doc.source_path,
      id: factId(doc.id, 'policy', si.s.index, n),
      name: p.name,
      jurisdiction: p.jurisdiction,
      status: p.status,
      date: p.date,
      date_precision: p.date_precision,
      domains: inName.length ? order([...new Set(inName)], kb) : domainsOfSentence(p.k),
      event_text: si.text,
      text_info: textInfo(si.s),
      confidence: 0.7,
      extractor_version: EXTRACTOR_VERSION,
    });
  }

  const docDomains = documentDomains(analysed, eventRecords, events, commitmentRecords, titleInfo, kb);
  const entities = buildEntities(doc, infos, analysed, people, kb);
  return {
    doc_id: doc.id,
    extractor_version: EXTRACTOR_VERSION,
    domains: docDomains,
    events: eventRecords,
    commitments: commitmentRecords,
    policies: policyRecords,
    entities,
  };
}

/**
 * The extractor alone on pre-segmented text (benchmarks, quick checks): each string is one
 * sentence, each its own paragraph.
 */
export function extractSentences(sentences: string[], lang: Lang, kb: KnowledgeBase, opts: { published?: PartialDate | null; id?: string } = {}): Extraction {
  let text = '';
  const sents: Sentence[] = [];
  const paragraphs = [];
  for (const [i, s] of sentences.entries()) {
    if (i) text += '\n\n';
    const start = text.length;
    text += s.normalize('NFC');
    sents.push({ index: i, paragraph: i, start, end: text.length, boilerplate: false });
    paragraphs.push({ index: i, start, end: text.length, boilerplate: false });
  }
  const doc: SegmentedDocument = {
    id: opts.id ?? 'sentences',
    source_path: '-',
    item_index: null,
    format: 'text',
    title: null,
    text,
    lang,
    published: opts.published ?? null,
    url: null,
    site_name: null,
    source: null,
    boilerplate: [],
    content_hash: '',
    minhash: new Uint32Array(0),
    bytes: text.length,
    paragraphs,
    sentences: sents,
  };
  return extractDocument(doc, kb);
}

// ---------------------------------------------------------------------------------------------

function analyseTitle(title: string, lang: Lang, kb: KnowledgeBase, ref: PartialDate | null): SentenceInfo {
  const t = title.normalize('NFC');
  return analyseSentence(t, null, { index: -1, paragraph: -1, start: 0, end: t.length, boilerplate: false }, -1, lang, kb, ref);
}

/**
 * Merge duplicates within a document: same type + party set + modality → the first, with the best
 * confidence (a headline restates the lead; the body restates itself).
 */
function mergeEvents(events: EventCandidate[], titleK: number): EventCandidate[] {
  const by = new Map<string, EventCandidate>();
  const inTitle = new Map<string, EventCandidate>();
  const out: EventCandidate[] = [];
  for (const e of events) {
    const base = `${e.event}|${e.codes.join(',')}|${e.modality}`;
    const key = base;
    let prev = by.get(key);
    if (!prev && e.k !== titleK && inTitle.has(base)) {
      // The headline's fact is restated once in the body.
      prev = inTitle.get(base)!;
      inTitle.delete(base);
      by.set(key, prev);
    }
    if (prev) {
      prev.confidence = round2(Math.max(prev.confidence, e.confidence));
      if (!prev.date && e.date) ((prev.date = e.date), (prev.date_precision = e.date_precision));
      if (!prev.event_loc && e.event_loc) prev.event_loc = e.event_loc;
      continue;
    }
    if (e.k === titleK) inTitle.set(base, e);
    else by.set(key, e);
    out.push(e);
  }
  return out;
}

function contextOf(e: EventCandidate, domains: string[]): string[] {
  const c = new Set<string>(e.def.context);
  if (domains.length) c.add('technology');
  if (e.event === 'CONSULT' || e.event === 'SUPPORT' || e.event === 'AGREE' || e.event === 'REQUEST' || e.event === 'REJECT') c.add('diplomatic');
  if (e.event === 'COOPERATE' && e.cameo.startsWith('06')) c.add('economic');
  return [...c].sort();
}

function goldstein(kb: KnowledgeBase, cameo: string): number {
  for (let n = cameo.length; n >= 2; n--) {
    const v = kb.goldstein.get(cameo.slice(0, n));
    if (v !== undefined) return v;
  }
  return 0;
}

/**
 * Document domains: the technology domains of the article's cooperation content — the title, the
 * sentences that carry its events and commitments — plus any domain the whole article keeps
 * returning to (strong triggers in at least three sentences). Weak triggers only count when a
 * strong trigger of the same domain is present.
 */
function documentDomains(analysed: Analysed[], events: EventRecord[], candidates: EventCandidate[], commitments: CommitmentRecord[], title: SentenceInfo | null, kb: KnowledgeBase): string[] {
  // No cooperation content: no domains of cooperation.
  if (!events.length && !commitments.length) return [];
  // Cooperation content: the sentences of every event mention (also those merged into an earlier
  // record) and of commitments; praise alone (low confidence) is not what the article is about.
  const factKs = new Set<number>();
  for (const c of candidates) if (c.confidence >= 0.6) factKs.add(c.k);
  const factSeqs = new Set(commitments.map((r) => r.text_info.sequence));
  const parts: SentenceDomains[] = [];
  if (title) parts.push(sentenceDomains(title));
  for (const a of analysed) if (factKs.has(a.si.k) || factSeqs.has(a.si.s.index)) parts.push(a.domains);
  const support = new Set(parts.flatMap((p) => [...p.strong]));
  const out = new Set(combine(parts, support));
  for (const c of candidates) if (c.confidence >= 0.6) for (const d of c.def.domains) out.add(d);
  const freq = new Map<string, number>();
  for (const a of analysed) for (const d of a.domains.strong) freq.set(d, (freq.get(d) ?? 0) + 1);
  for (const [d, n] of freq) if (n >= 3) out.add(d);
  return order([...out], kb);
}

function order(ids: string[], kb: KnowledgeBase): string[] {
  const pos = new Map(kb.domains.map((d, i) => [d.id, i]));
  return ids.sort((a, b) => (pos.get(a) ?? 99) - (pos.get(b) ?? 99));
}

/** Speaker per sentence: set by a paragraph-initial label "X :" (interviews), kept until the next label. */
function speakerPerSentence(doc: SegmentedDocument, infos: SentenceInfo[], people: Person[], kb: KnowledgeBase): ({ code: string; name: string } | null)[] {
  const out: ({ code: string; name: string } | null)[] = new Array(infos.length).fill(null);
  let current: { code: string; name: string } | null = null;
  let lastPara = -1;
  for (const si of infos) {
    if (si.s.paragraph !== lastPara) {
      lastPara = si.s.paragraph;
      const colon = si.toks.findIndex((t, i) => i < 16 && /^\s*:\s/.test(t.gap) && !/^\s*:\s*\/\//.test(t.gap));
      if (colon >= 0 && !si.toks.slice(0, colon + 1).some((t) => /[.!?]\s/.test(t.gap))) {
        current = null;
        const person = people.find((p) => p.country && p.mentions.some((m) => m.k === si.k && m.i <= colon));
        if (person) current = { code: person.country!, name: person.name };
        else {
          const ent = si.ents.find((m) => m.i <= colon && (m.payload.k === 'country' || m.payload.k === 'place' || m.payload.k === 'org' || m.payload.k === 'inst'));
          if (ent && 'code' in ent.payload && ent.payload.code) current = { code: ent.payload.code, name: 'name' in ent.payload ? ent.payload.name : ent.payload.code };
        }
      }
    }
    out[si.k] = current;
  }
  void doc;
  void kb;
  return out;
}

function buildEntities(doc: SegmentedDocument, infos: SentenceInfo[], analysed: Analysed[], people: Person[], kb: KnowledgeBase): EntityRecord[] {
  const out: EntityRecord[] = [];
  let n = 0;
  const mk = (kind: EntityRecord['kind'], name: string, aliases: string[], country: string | null, role: string | null, sector: EntityRecord['sector'], mentions: EntityRecord['mentions']): EntityRecord => ({
    type: 'entity',
    doc_id: doc.id,
    source_path: doc.source_path,
    id: factId(doc.id, 'entity', mentions[0]?.sequence ?? 0, ++n),
    kind,
    name,
    aliases,
    country,
    role,
    sector,
    mentions,
    extractor_version: EXTRACTOR_VERSION,
  });
  for (const p of people) {
    if (!p.mentions.length) continue;
    const mentions = p.mentions.map((m) => ({ sequence: infos[m.k].s.index, start: m.start, end: m.end, raw_text: m.raw }));
    const aliases = [...p.aliases].filter((a) => a !== p.name);
    out.push(mk('person', p.name, aliases, p.country, p.role, p.sector, mentions));
  }
  const orgs = new Map<string, { country: string | null; sector: EntityRecord['sector']; mentions: EntityRecord['mentions']; kind: 'organisation' | 'place' }>();
  for (const a of analysed)
    for (const m of a.si.ents) {
      const p = m.payload;
      let key: string | null = null;
      let kind: 'organisation' | 'place' = 'organisation';
      let country: string | null = null;
      let sector: EntityRecord['sector'] = null;
      if (p.k === 'org') ((key = p.name), (country = p.code), (sector = 'IGO'));
      else if (p.k === 'inst') ((key = p.name), (country = p.code), (sector = p.sector));
      else if (p.k === 'place') ((key = p.name), (country = p.code), (kind = 'place'));
      if (!key) continue;
      const cur = orgs.get(key) ?? { country, sector, mentions: [], kind };
      cur.mentions.push({ sequence: a.si.s.index, start: m.start, end: m.end, raw_text: a.si.text.slice(m.start - a.si.s.start, m.end - a.si.s.start) });
      orgs.set(key, cur);
    }
  for (const [name, o] of orgs) {
    const aliases = [...new Set(o.mentions.map((m) => m.raw_text))].filter((r) => r !== name);
    out.push(mk(o.kind, name, aliases, o.country, null, o.kind === 'place' ? null : o.sector, o.mentions));
  }
  void kb;
  return out;
}

function textInfo(s: Sentence) {
  return { sequence: s.index, start: s.start, end: s.end };
}

/**
 * SHA-1 in hex of a string's UTF-8 bytes. One-shot `crypto.hash` (Node ≥ 20.12) needs no Hash
 * object per fact; older Node 20 releases (package.json allows them) take the createHash path.
 */
const sha1Hex: (s: string) => string =
  typeof nodeCrypto.hash === 'function' ? (s) => nodeCrypto.hash('sha1', s, 'hex') : (s) => nodeCrypto.createHash('sha1').update(s).digest('hex');

/** Stable fact id: hash of document id + record type + sentence index + ordinal. */
export function factId(docId: string, type: string, sentence: number, ordinalInSentence: number): string {
  return sha1Hex(`${docId}\u0000${type}\u0000${sentence}\u0000${ordinalInSentence}`).slice(0, 16);
}
