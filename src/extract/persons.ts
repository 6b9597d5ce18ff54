/**
 * People: a title/role next to a capitalised name ("le vice-ministre Bui The Duy", "Chen Gang,
 * secrétaire du Parti du Guangxi", "Bộ trưởng Nguyễn Mạnh Hùng"), a Vietnamese family name
 * starting a run of capitalised syllables, or an honorific ("M. Tran Cuong").
 *
 * A person's country comes from their title's qualifier (a demonym, a country, organisation or
 * place in the title's complement: "le ministre lao des Technologies" → LAO), else from a
 * Vietnamese family name, else — for national offices — from the article's home country.
 * Spelling variants are one person when they fold alike (Trần Cương / Tran Cuong); two names are
 * aliases when they hold the same role for the same qualifier (Chen Gang ↔ Tran Cuong, both
 * "Party Secretary" of Guangxi).
 */
import type { Lang, Sector } from '../types.ts';
import { fold } from '../util/fold.ts';
import type { KnowledgeBase } from './kb.ts';
import { institutionCode, zeros, type M, type SentenceInfo } from './sentence.ts';

export interface PersonMention {
  k: number; // sentence position
  i: number; // token span
  j: number;
  start: number;
  end: number;
  raw: string;
}

export interface Person {
  id: number;
  name: string;
  key: string;
  aliases: Set<string>;
  keys: Set<string>;
  roles: Set<string>;
  role: string | null;
  sector: Sector | null;
  gov: boolean;
  country: string | null;
  /** Where the country came from: the title's qualifier beats a family name beats the home country. */
  countrySource: 'qualifier' | 'surname' | 'home' | null;
  qualifier: string | null;
  vietnameseName: boolean;
  mentions: PersonMention[];
}

const ARTICLES = new Set(['de', 'du', 'des', 'd', 'la', 'le', 'les', 'l', 'of', 'the', 'au', 'aux', 'a', 'en', 'for', 'pour', 'et', 'and']);

/** Pass 1: find name spans with their role/qualifier evidence in every sentence, then merge people. */
export function findPersons(sents: SentenceInfo[], kb: KnowledgeBase, lang: Lang): Person[] {
  const people: Person[] = [];
  const byKey = new Map<string, Person>();
  const add = (si: SentenceInfo, i: number, j: number, roleMs: M[], qualifierFrom: number, qualifierTo: number) => {
    const raw = si.text.slice(si.toks[i].start - si.s.start, si.toks[j - 1].end - si.s.start);
    const key = nameKey(raw);
    let p = byKey.get(key);
    if (!p) {
      p = { id: people.length, name: raw, key, aliases: new Set([raw]), keys: new Set([key]), roles: new Set(), role: null, sector: null, gov: false, country: null, countrySource: null, qualifier: null, vietnameseName: false, mentions: [] };
      people.push(p);
      byKey.set(key, p);
    }
    p.aliases.add(raw);
    if (!p.mentions.some((m) => m.k === si.k && m.i === i)) p.mentions.push({ k: si.k, i, j, start: si.toks[i].start, end: si.toks[j - 1].end, raw });
    if (si.surnames.some((m) => m.i === i)) p.vietnameseName = true;
    // roleMs[0] is the title nearest to the name.
    for (const r of roleMs) {
      if (r.payload.k !== 'role') continue;
      p.roles.add(r.payload.role);
      if (!p.role) {
        p.role = r.payload.role;
        p.sector = r.payload.sector;
      }
      p.gov ||= r.payload.gov;
    }
    // Qualifier: first entity between the role and the name (or in the role's complement).
    if (p.countrySource !== 'qualifier') {
      for (const m of si.ents) {
        if (m.i < qualifierFrom || m.j > qualifierTo) continue;
        if (m.i >= i && m.j <= j) continue;
        const pl = m.payload;
        if (pl.k === 'country' || pl.k === 'org' || pl.k === 'inst' || pl.k === 'place' || pl.k === 'demonym') {
          const code = pl.k === 'inst' ? institutionCode(si, m, lang) : pl.code;
          if (!code) continue;
          p.country = code;
          p.countrySource = 'qualifier';
          p.qualifier = pl.k === 'demonym' ? pl.code : pl.name;
          break;
        }
      }
    }
  };

  for (const si of sents) {
    const { toks } = si;
    const runs = nameRuns(si, kb);
    for (const [a, b] of runs) {
      const len = b - a;
      const first = toks[a];
      const surname = si.surnames.some((m) => m.i === a);
      const ambiguous = kb.ambiguousSurnames.has(first.f);
      // (a) the nearest role before the run, with only its complement between (same clause)
      const roleBefore = lastBefore(si.roles, a, 22).filter((r) => si.clause[r.i] === si.clause[a] && !runs.some(([x, y]) => x > r.j && y <= a && x < a));
      const prevTok = a > 0 ? toks[a - 1] : null;
      const afterArticle = prevTok ? ARTICLES.has(prevTok.f) && !/,\s*$/.test(prevTok.gap) : false;
      const honorific = prevTok ? kb.honorifics.has(prevTok.f) : false;
      let roleMs: M[] = [];
      let qFrom = a;
      let qTo = a;
      let ok = false;
      if (roleBefore.length && !afterArticle) {
        const r = roleBefore[roleBefore.length - 1];
        const adjacent = r.j === a;
        if (adjacent || len >= 2) {
          ok = true;
          // Titles of this person: the nearest one first, then coordinated ones just before it.
          roleMs = roleBefore.filter((x) => x.i >= r.i - 12).reverse();
          // A qualifier may also precede the title ("Japanese Ambassador", "Czech Minister").
          const pre = si.ents.find((m) => (m.j === r.i && m.payload.k === 'demonym') || (m.j === r.i - 1 && si.toks[m.j].f === 's' && /^['’]$/.test(si.toks[m.j - 1].gap.trim())));
          qFrom = pre ? pre.i : r.i;
          qTo = a;
        }
      }
      // (b) "Name, role …" apposition
      if (!ok && len >= 2 && /^\s*,\s*$/.test(toks[b - 1].gap)) {
        const after = si.roles.filter((r) => r.i >= b && r.i <= b + 2);
        if (after.length) {
          ok = true;
          // The apposition runs to the end of the clause, or to the next person name.
          let end = b;
          while (end < toks.length && si.clause[end] === si.clause[b] && !runs.some(([x]) => x === end && end > b + 1)) end++;
          roleMs = si.roles.filter((r) => r.i >= b && r.j <= end);
          qFrom = b;
          qTo = end;
        }
      }
      // (c) Vietnamese family name, (d) honorific
      if (!ok && surname && len >= (ambiguous ? 3 : 2) && len <= 5) ok = true;
      if (!ok && honorific && len >= 1 && len <= 4) ok = true;
      if (!ok) continue;
      add(si, a, b, roleMs, qFrom, qTo);
    }
  }

  // Later bare mentions of a known name: the full name, or — for Vietnamese names, which the press
  // shortens to the given name ("Hung said") — the last syllable when no other person shares it.
  const fullNames = people.map((p) => ({ p, toks: p.key.split(' ') }));
  const lastCount = new Map<string, number>();
  for (const p of people) if (p.vietnameseName) lastCount.set(p.key.split(' ').pop()!, (lastCount.get(p.key.split(' ').pop()!) ?? 0) + 1);
  for (const p of people) {
    const last = p.key.split(' ').pop()!;
    if (p.vietnameseName && p.key.includes(' ') && lastCount.get(last) === 1 && last.length >= 3) fullNames.push({ p, toks: [last] });
  }
  // Only names whose first word is the token can match there: bucketed by it (in list order).
  const namesByFirst = new Map<string, typeof fullNames>();
  for (const fn of fullNames) {
    const l = namesByFirst.get(fn.toks[0]);
    if (l) l.push(fn);
    else namesByFirst.set(fn.toks[0], [fn]);
  }
  for (const si of sents) {
    for (let i = 0; i < si.toks.length; i++) {
      if (!si.toks[i].cap) continue;
      const candidates = namesByFirst.get(si.toks[i].f);
      if (!candidates) continue;
      for (const { p, toks } of candidates) {
        const n = toks.length;
        let match = i + n <= si.toks.length;
        for (let q = 0; match && q < n; q++) if (si.toks[i + q].f !== toks[q]) match = false;
        // A short form must stand alone (not inside a longer capitalised name).
        if (match && n === 1 && ((i > 0 && si.toks[i - 1].cap && !/[.:;!?»"]\s*$/.test(si.toks[i - 1].gap)) || (i + 1 < si.toks.length && si.toks[i + 1].cap))) match = false;
        if (match && !p.mentions.some((m) => m.k === si.k && m.i <= i && m.j > i)) {
          p.mentions.push({ k: si.k, i, j: i + n, start: si.toks[i].start, end: si.toks[i + n - 1].end, raw: si.text.slice(si.toks[i].start - si.s.start, si.toks[i + n - 1].end - si.s.start) });
        }
      }
    }
  }

  // Aliases: same role for the same qualifier → one person (the text juxtaposes them).
  const merged: Person[] = [];
  for (const p of people) {
    const twin = merged.find((q) => q.qualifier && q.qualifier === p.qualifier && q.country === p.country && [...p.roles].some((r) => q.roles.has(r) && r !== 'Leader' && r !== 'Representative'));
    if (twin) {
      for (const a of p.aliases) twin.aliases.add(a);
      for (const k of p.keys) twin.keys.add(k);
      for (const r of p.roles) twin.roles.add(r);
      twin.mentions.push(...p.mentions);
      continue;
    }
    merged.push(p);
  }
  for (const p of merged) p.mentions.sort((a, b) => a.k - b.k || a.i - b.i);
  return merged;
}

/** Resolve people's countries that no qualifier gave: Vietnamese family name, else home country for national offices. */
export function resolvePersonCountries(people: Person[], home: string | null): void {
  for (const p of people) {
    if (p.country) continue;
    if (p.vietnameseName) {
      p.country = 'VNM';
      p.countrySource = 'surname';
    } else if (p.gov && home) {
      p.country = home;
      p.countrySource = 'home';
    }
  }
}

export function nameKey(raw: string): string {
  return fold(raw).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function lastBefore(ms: M[], i: number, maxDist: number): M[] {
  return ms.filter((m) => m.j <= i && i - m.j <= maxDist);
}

/**
 * Maximal runs of capitalised tokens that can be part of a personal name: not dictionary
 * entities, roles or actor nouns, not words listed as never-names, separated only by spaces or
 * hyphens, not after a sentence-internal hard boundary inside the run.
 */
function nameRuns(si: SentenceInfo, kb: KnowledgeBase): [number, number][] {
  const { toks } = si;
  const blocked = zeros(toks.length);
  for (const list of [si.ents, si.roles, si.nouns, si.events, si.pols, si.outlets])
    for (const m of list) for (let i = m.i; i < m.j; i++) blocked[i] = 1;
  const out: [number, number][] = [];
  let a = -1;
  for (let i = 0; i <= toks.length; i++) {
    const t = toks[i];
    // Hyphenated given names continue in lower case ("Lee Jong-ho").
    const hyphenated = t && a >= 0 && i > a && /^[-‐‑]$/.test(toks[i - 1].gap) && /^\p{Ll}+$/u.test(t.raw) && !blocked[i];
    const ok = (t && t.cap && !blocked[i] && !kb.notNames.has(t.f) && !/^\d/.test(t.raw) && t.raw.length > 1 && !/^\p{Lu}{2,}$/u.test(t.raw)) || hyphenated;
    if (ok && a < 0) a = i;
    if (a >= 0 && (!ok || (i > a && !/^[ \u00a0-]*$/.test(toks[i - 1].gap)))) {
      const end = ok ? i : i;
      if (end > a) out.push([a, end]);
      a = ok ? i : -1;
    }
  }
  // Surnames are in the sur layer; a run may start with "Le"/"La" only when that is a surname.
  return out.filter(([s]) => !(toks[s].f.length <= 3 && ARTICLES.has(toks[s].f) && !si.surnames.some((m) => m.i === s)));
}
