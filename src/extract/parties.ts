/**
 * Parties of one sentence, in PLOVER form (code + name + raw text + sector), with their token
 * position (events split them into subject side and object side).
 *
 * Rules (all general; the words are in dict/):
 *  - countries, organisations, institutions are parties; sub-national places and capitals count as
 *    their country with their own name, unless they follow a locative preposition ("à Hanoi":
 *    a location, not an actor);
 *  - a demonym is a party only when it qualifies an actor noun, a title or a side noun
 *    ("le gouvernement tchèque", "the Vietnamese side", "le ministre lao"), never on its own
 *    ("le vietnamien" is a language);
 *  - "les deux pays" / "hai bên" / "the two sides" → the document's main partner pair;
 *  - first-person pronouns → the current speaker; people → their country;
 *  - an unqualified national office or government body ("le vice-ministre", "Bộ Tài chính") → the
 *    home country;
 *  - parties listed as examples ("telles que Samsung, Intel") or as members of a group just named
 *    ("les pays de l'ASEAN, dont le Vietnam") are not separate partners, nor are entities inside a
 *    policy name ("Convention des Nations unies contre la cybercriminalité").
 */
import type { Lang, Sector } from '../types.ts';
import type { KnowledgeBase } from './kb.ts';
import { exactKey } from './tokenize.ts';
import type { Person, PersonMention } from './persons.ts';
import { institutionCode, zeros, type M, type SentenceInfo } from './sentence.ts';

export interface PartyMention {
  code: string;
  name: string;
  raw: string;
  sector: Sector | null;
  i: number;
  j: number;
  start: number;
  end: number;
  via: 'explicit' | 'demonym' | 'person' | 'role' | 'coref' | 'speaker' | 'home' | 'anaphora';
}

export interface LocationMention {
  name: string;
  code: string;
  start: number;
  end: number;
}

export interface PartyContext {
  kb: KnowledgeBase;
  lang: Lang;
  home: string | null;
  pair: string[];
  /** Party code of the current speaker (interview answers), if any. */
  speaker: string | null;
  speakerName: string | null;
  people: Person[];
  /** Mentions of people in this sentence. */
  personMentions: { p: Person; mm: PersonMention }[];
  /** Token spans [i, j) of policy names in this sentence. */
  policySpans: [number, number][];
  /**
   * Actor nouns seen so far in the document with the party they named (folded noun → party):
   * "le groupe américain Redwood" records groupe → USA, so a later "le groupe" is the same party.
   * Shared by the sentences of one document, in order.
   */
  recentHeads: Map<string, { code: string; name: string; sector: Sector | null }>;
}

const LIST_GLUE = new Set(['et', 'and', 'va', 'l', 'la', 'le', 'les', 'd', 'de', 'du', 'des', 'the', 'of', 'cua']);

export function sentenceParties(si: SentenceInfo, ctx: PartyContext): { parties: PartyMention[]; locations: LocationMention[] } {
  const { toks } = si;
  const { kb } = ctx;
  const out: PartyMention[] = [];
  const locations: LocationMention[] = [];
  const excluded = zeros(toks.length);
  const locSet = kb.locative.get(ctx.lang) ?? new Set<string>();
  const venueSet = kb.venue.get(ctx.lang) ?? new Set<string>();
  const firstPerson = kb.firstPerson.get(ctx.lang) ?? new Set<string>();

  for (const [a, b] of ctx.policySpans) for (let i = a; i < b; i++) excluded[i] = 1;
  for (const c of si.corefs) {
    if (c.payload.k !== 'coref') continue;
    if (c.payload.kind === 'ex') {
      // Example list: continues over names, commas and "et/and/và" until a plain lower-case word.
      let i = c.j;
      while (i < toks.length && si.clause[i] === si.clause[c.j]) {
        const t = toks[i];
        if (!(t.cap || si.entAt[i] || LIST_GLUE.has(t.f) || /^\d/.test(t.raw))) break;
        excluded[i] = 1;
        i++;
      }
    } else if (c.payload.kind === 'incl') {
      // "…, dont le Vietnam": the next entity (after an article) is a member, not a partner.
      for (let i = c.j; i < Math.min(toks.length, c.j + 3); i++) {
        if (si.entAt[i]) {
          const m = si.entAt[i]!;
          for (let q = m.i; q < m.j; q++) excluded[q] = 1;
          break;
        }
        if (!LIST_GLUE.has(toks[i].f)) break;
      }
    }
  }

  // Heads (actor nouns, titles, side nouns) indexed by their first and last token.
  const heads = new Map<number, M>();
  for (const list of [si.corefs, si.roles, si.nouns])
    for (const m of list) {
      if (m.payload.k === 'coref' && m.payload.kind !== 'side') continue;
      heads.set(m.i, m);
      heads.set(m.j - 1, m);
    }

  // Demonyms attached to a head: "noun (adj)? demonym" (fr), "demonym noun" (en), coordinated ones.
  const attached = new Map<M, number>(); // demonym match → head token index
  const dems = si.ents.filter((m) => m.payload.k === 'demonym' || m.payload.k === 'prefix');
  for (const m of dems) {
    const prev = m.i - 1;
    const prev2 = m.i - 2;
    if (prev >= 0 && heads.has(prev) && !/[,;:]/.test(toks[prev].gap)) attached.set(m, prev);
    else if (prev2 >= 0 && heads.has(prev2) && !toks[prev].cap && !si.entAt[prev] && !/[,;:]/.test(toks[prev2].gap + toks[prev].gap)) attached.set(m, prev2);
    else if (m.j < toks.length && heads.has(m.j)) attached.set(m, m.j);
  }
  // coordination / compounds: "vietnamiens et américains", "sino-vietnamiennes"
  for (let pass = 0; pass < 2; pass++)
    for (const m of dems) {
      if (attached.has(m)) continue;
      const prevDem = dems.find((d) => attached.has(d) && (d.j === m.i || (d.j === m.i - 1 && LIST_GLUE.has(toks[m.i - 1].f))));
      const nextDem = dems.find((d) => attached.has(d) && d.i === m.j && m.payload.k === 'prefix');
      if (prevDem) attached.set(m, attached.get(prevDem)!);
      else if (nextDem) attached.set(m, attached.get(nextDem)!);
    }

  for (const m of si.ents) {
    if (excluded[m.i]) continue;
    const pl = m.payload;
    const raw = si.text.slice(m.start - si.s.start, m.end - si.s.start);
    if (pl.k === 'country') {
      const prev = m.i > 0 ? toks[m.i - 1] : null;
      // "at a meeting … in Singapore": a third country after a venue preposition is where things
      // happen, not a partner. The home country and the main pair stay parties ("invest in Vietnam").
      if (prev && venueSet.has(exactKey(prev.raw)) && pl.code !== ctx.home && !ctx.pair.includes(pl.code) && !(m.i > 0 && headSector(heads, m.i - 1) !== null)) {
        locations.push({ name: pl.name, code: pl.code, start: m.start, end: m.end });
        continue;
      }
      out.push(entityMention(m, raw, pl.code, pl.name, headSector(heads, m.i - 1) ?? sectorOfComplement(si, m.i), 'explicit'));
      void prev;
    } else if (pl.k === 'org') out.push(entityMention(m, raw, pl.code, pl.name, 'IGO', 'explicit'));
    else if (pl.k === 'inst') {
      // "Bộ Khoa học và Công nghệ Lào": a country right after a generic institution name overrides it.
      const code = institutionCode(si, m, ctx.lang);
      if (code) out.push(entityMention(m, raw, code, pl.name, pl.sector, 'explicit'));
    } else if (pl.k === 'place') {
      const prev = m.i > 0 && kb.locativeFolded.has(toks[m.i - 1].f) ? exactKey(toks[m.i - 1].raw) : '';
      if (locSet.has(prev)) locations.push({ name: pl.name, code: pl.code, start: m.start, end: m.end });
      else out.push(entityMention(m, raw, pl.code, pl.name, 'GOV', 'explicit'));
    } else if (pl.k === 'demonym' || pl.k === 'prefix') {
      const head = attached.get(m);
      if (head === undefined) continue;
      const h = heads.get(head);
      const hraw = h ? si.text.slice(Math.min(h.start, m.start) - si.s.start, Math.max(h.end, m.end) - si.s.start) : raw;
      out.push(entityMention(m, hraw, pl.code, kb.names.get(pl.code) ?? pl.code, headSector(heads, head), 'demonym'));
      if (h && h.payload.k === 'noun') ctx.recentHeads.set(nounKey(si, h), { code: pl.code, name: kb.names.get(pl.code) ?? pl.code, sector: headSector(heads, head) });
    }
  }

  // People.
  for (const { p, mm } of ctx.personMentions) {
    if (!p.country || excluded[mm.i]) continue;
    out.push({ code: p.country, name: p.name, raw: mm.raw, sector: p.sector, i: mm.i, j: mm.j, start: mm.start, end: mm.end, via: 'person' });
  }

  // Coreference: the two parties, first person → speaker.
  for (const c of si.corefs) {
    if (c.payload.k !== 'coref' || c.payload.kind !== 'pair' || ctx.pair.length < 2) continue;
    // "Viettel and ETRI agreed …, with both sides contributing engineers": when two parties are
    // already named before it, "both sides" means them, not the article's main pair.
    const named = new Set(out.filter((p) => p.j <= c.i && (p.via === 'explicit' || p.via === 'demonym' || p.via === 'person')).map((p) => p.code));
    if (named.size >= 2) continue;
    const raw = si.text.slice(c.start - si.s.start, c.end - si.s.start);
    for (const code of ctx.pair) out.push({ code, name: kb.names.get(code) ?? code, raw, sector: null, i: c.i, j: c.j, start: c.start, end: c.end, via: 'coref' });
  }
  if (ctx.speaker) {
    for (let i = 0; i < toks.length; i++) {
      if (!kb.firstPersonFolded.has(toks[i].f) || !firstPerson.has(exactKey(toks[i].raw))) continue;
      // French "nous"/"m'" only as pronouns: skip capitalised "Nous" inside titles is fine too.
      out.push({ code: ctx.speaker, name: ctx.speakerName ?? ctx.kb.names.get(ctx.speaker) ?? ctx.speaker, raw: toks[i].raw, sector: null, i, j: i + 1, start: toks[i].start, end: toks[i].end, via: 'speaker' });
      break;
    }
  }

  // Named organisations whose name ends with an actor noun ("International Atomic Energy Agency",
  // "Société … Holdings Group"): a later "the agency" refers to them.
  // Keyed by the name's last word: only actor nouns are ever looked up, so other keys stay unused.
  for (const p of out) if (p.via === 'explicit' && p.j - p.i >= 2) ctx.recentHeads.set(toks[p.j - 1].f, { code: p.code, name: p.name, sector: p.sector });
  // Definite actor nouns that refer back ("le groupe", "the agency", "tập đoàn này"): the party
  // last named with that noun in the document.
  const defBefore = kb.definiteBefore.get(ctx.lang);
  const defAfter = kb.definiteAfter.get(ctx.lang);
  if (ctx.recentHeads.size && (defBefore?.size || defAfter?.size)) {
    for (const n of si.nouns) {
      if (n.payload.k !== 'noun' || excluded[n.i]) continue;
      const definite = (n.i > 0 && defBefore?.has(toks[n.i - 1].f)) || (n.j < toks.length && defAfter?.has(toks[n.j].f));
      if (!definite) continue;
      const ref = ctx.recentHeads.get(nounKey(si, n));
      if (!ref || covered(out, si, n.i, qualifierEnd(si, n.j), true)) continue;
      out.push({ code: ref.code, name: ref.name, raw: si.text.slice(n.start - si.s.start, n.end - si.s.start), sector: ref.sector, i: n.i, j: n.j, start: n.start, end: n.end, via: 'anaphora' });
    }
  }

  // Unqualified national offices and government bodies → home country.
  if (ctx.home) {
    // Qualified by a party or a demonym in its complement ("… du peuple chinois"): not the home country.
    for (const r of si.roles) {
      if (r.payload.k !== 'role' || !r.payload.gov || excluded[r.i]) continue;
      if (covered(out, si, r.i, qualifierEnd(si, r.j))) continue;
      out.push({ code: ctx.home, name: r.payload.role, raw: si.text.slice(r.start - si.s.start, r.end - si.s.start), sector: r.payload.sector, i: r.i, j: r.j, start: r.start, end: r.end, via: 'role' });
    }
    for (const n of si.nouns) {
      if (n.payload.k !== 'noun' || excluded[n.i]) continue;
      if (n.payload.sector !== 'GOV' && n.payload.sector !== 'LEG') continue;
      // Only bodies named with a capitalised complement ("ministère des Sciences", "Bộ Tài chính") or capitalised themselves.
      const capName = toks[n.i].cap || (n.j + 1 < toks.length && toks[n.j + 1]?.cap && LIST_GLUE.has(toks[n.j].f)) || (n.j < toks.length && toks[n.j].cap && ctx.lang === 'vi');
      if (!capName) continue;
      if (si.roles.some((r) => r.i <= n.i && r.j >= n.j)) continue;
      if (covered(out, si, n.i, qualifierEnd(si, n.j))) continue;
      out.push({ code: ctx.home, name: si.text.slice(n.start - si.s.start, n.end - si.s.start), raw: si.text.slice(n.start - si.s.start, n.end - si.s.start), sector: n.payload.sector, i: n.i, j: n.j, start: n.start, end: n.end, via: 'home' });
    }
  }
  out.sort((a, b) => a.i - b.i || b.j - a.j);
  return { parties: out, locations };
}

/** Folded text of a matched actor noun: the key under which an anaphoric "le groupe" finds its party. */
function nounKey(si: SentenceInfo, n: M): string {
  let k = '';
  for (let i = n.i; i < n.j; i++) k += (i > n.i ? ' ' : '') + si.toks[i].f;
  return k;
}

/** A party named by dictionary match `m` (one object shape for all: cheaper than spreading a base). */
function entityMention(m: M, raw: string, code: string, name: string, sector: Sector | null, via: PartyMention['via']): PartyMention {
  return { i: m.i, j: m.j, start: m.start, end: m.end, raw, code, name, sector, via };
}

/** Sector of the head (actor noun or title) at token `idx`, if any. */
function headSector(heads: Map<number, M>, idx: number): Sector | null {
  const h = heads.get(idx);
  if (!h) return null;
  return h.payload.k === 'noun' || h.payload.k === 'role' ? h.payload.sector : null;
}

/**
 * A party or an entity in tokens [i − 1, j): an office so qualified is not the home country's, a
 * noun so qualified refers to nobody earlier. The pair ("les deux pays") counts only with
 * `withPair`. A module function, not a closure per sentence: under tsx (esbuild keepNames) each
 * named closure also costs a defineProperty.
 */
function covered(out: PartyMention[], si: SentenceInfo, i: number, j: number, withPair = false): boolean {
  return out.some((p) => p.i < j && p.j > i - 1 && (withPair || p.via !== 'coref')) || si.ents.some((m) => m.i >= i && m.i < j);
}

/** End (exclusive) of a title's/body's complement: "ministre des Affaires étrangères de la Chine". */
function qualifierEnd(si: SentenceInfo, j: number): number {
  let e = j;
  while (e < si.toks.length && e - j < 12 && si.sub[e] === si.sub[j - 1]) {
    if (si.events.some((m) => m.i === e) || si.roles.some((m) => m.i === e)) break;
    e++;
  }
  return e;
}

/** Sector of a country mentioned as the complement of an actor noun ("ministère … de la République tchèque"). */
function sectorOfComplement(si: SentenceInfo, i: number): Sector | null {
  for (let q = i - 1; q >= 0 && i - q <= 8; q--) {
    let n: M | undefined;
    for (const m of si.nouns)
      if (m.j - 1 === q) {
        n = m;
        break;
      }
    if (n && n.payload.k === 'noun') return n.payload.sector;
    if (si.entAt[q]) return null;
  }
  return null;
}
