/**
 * The knowledge base: every dictionary of dict/ (and of user --dict directories) compiled once into
 * one token trie plus a few small lookup tables. Nothing here scans text; see matcher.ts.
 *
 * Override rule: files are read built-in first, then each user directory in order. Keyed entries
 * (institutions by name, organisations by code, places by name) take the later attributes and the
 * union of forms; for phrase lists (event words, cues…) a later entry with the same phrase in the
 * same language replaces the earlier one.
 */
import { createRequire } from 'node:module';
import type { Lang, PloverEvent, Sector, CommitmentStatus, PolicyStatus, Modality } from '../types.ts';
import { BUILTIN_DICT_DIR, formsOf, loadDictFiles, type DictFile } from '../dict/load.ts';
import { fold } from '../util/fold.ts';
import { TokenTrie, type EntryConditions } from './matcher.ts';
import { exactKey, phraseTokens } from './tokenize.ts';

// ---------------------------------------------------------------------------------------------
// Payloads carried by trie entries

export interface EventDef {
  event: PloverEvent;
  cameo: string;
  mode: string | null;
  priority: number;
  weak: boolean;
  symmetric: boolean;
  /** The grammatical object is the actor ("A a reçu B": B visits A). */
  objectIsActor: boolean;
  modality: Modality | null;
  context: string[];
  domains: string[];
  confidence: number;
  /** Folded token sequences, one of which must follow within `window` tokens. */
  with: string[][] | null;
  window: number;
  /** The trigger may be capitalised: it names a meeting or body ("Joint Committee", "Ủy ban hỗn hợp"). */
  named: boolean;
  /** Folded endings of the simple future in the trigger's language ("formera", "signeront"). */
  futureEndings: string[];
}

/**
 * 'reported': a backshifted future ("would", "serait") — future under a preceding speech verb
 * ("said France would fund …", reported speech), hypothetical otherwise ("a corridor would need …").
 */
export type ModKind = 'intent' | 'future' | 'agree' | 'hypothetical' | 'negated' | 'historical' | 'reported';

export type Payload =
  | { k: 'country'; code: string; name: string }
  | { k: 'demonym'; code: string }
  | { k: 'prefix'; code: string }
  | { k: 'org'; code: string; name: string }
  | { k: 'inst'; code: string; name: string; sector: Sector | null }
  | { k: 'place'; code: string; name: string; kind: string }
  | { k: 'role'; role: string; sector: Sector | null; gov: boolean }
  | { k: 'noun'; sector: Sector | null }
  | { k: 'event'; def: EventDef }
  | { k: 'mod'; kind: ModKind; after: boolean; before: boolean; far: boolean }
  | { k: 'commit'; status: CommitmentStatus; strong: boolean; needsDeadline: boolean; needsQuantity: boolean }
  | { k: 'pnoun'; kind: string; drafting: boolean; needsNumber: boolean }
  | { k: 'pstatus'; status: PolicyStatus }
  | { k: 'pnamed'; name: string; jurisdiction: string | null; kind: string }
  | { k: 'coref'; kind: 'pair' | 'side' | 'incl' | 'ex' | 'speech' | 'frame' | 'sport' | 'contrast' | 'continuation' | 'condition' }
  | { k: 'domain'; id: string; weak: boolean }
  | { k: 'domx'; id: string }
  | { k: 'outlet'; code: string }
  | { k: 'surname' };

/** Trie layers: longest-match selection happens inside a layer, never across layers. */
export const LAYER = {
  ent: 'ent',
  role: 'role',
  noun: 'noun',
  event: 'event',
  mod: 'mod',
  commit: 'commit',
  pol: 'pol',
  pstat: 'pstat',
  coref: 'coref',
  dom: 'dom',
  domx: 'domx',
  outlet: 'outlet',
  sur: 'sur',
} as const;

export interface DomainInfo {
  id: string;
  label: string;
}

export interface KnowledgeBase {
  trie: TokenTrie<Payload>;
  /** Canonical English name per party code (countries and organisations). */
  names: Map<string, string>;
  domains: DomainInfo[];
  goldstein: Map<string, number>;
  intentCameo: Map<string, string>;
  /** Per language: exact keys of first-person pronouns and locative prepositions. */
  firstPerson: Map<Lang, Set<string>>;
  locative: Map<Lang, Set<string>>;
  /** Per language: exact keys of prepositions that make a following country a venue ("in Singapore"). */
  venue: Map<Lang, Set<string>>;
  /** Folded forms of the same words (cheap pre-check before the exact comparison). */
  firstPersonFolded: Set<string>;
  /** Per language: folded determiners that make an actor noun definite, before it ("le groupe", "the agency") or after it ("tập đoàn này"). */
  definiteBefore: Map<Lang, Set<string>>;
  definiteAfter: Map<Lang, Set<string>>;
  locativeFolded: Set<string>;
  honorifics: Set<string>;
  /** Folded capitalised words that are never part of a personal name. */
  notNames: Set<string>;
  /** Folded Vietnamese surnames that are also common words (need a longer name). */
  ambiguousSurnames: Set<string>;
  outletHosts: { suffix: string; code: string }[];
  /** Versions of the dictionary files, for provenance. */
  dictVersions: Record<string, string>;
  dictDirs: string[];
}

const KINDS = new Set([
  'countries', 'places', 'orgs', 'institutions', 'roles', 'events', 'modality', 'commitments',
  'policies', 'coref', 'domains', 'outlets', 'people', 'cameo',
]);

const require = createRequire(import.meta.url);

export function loadKnowledgeBase(opts: { dictDirs?: string[] } = {}): KnowledgeBase {
  const dirs = [BUILTIN_DICT_DIR, ...(opts.dictDirs ?? [])];
  const files = loadDictFiles(dirs, KINDS);
  const b = new Builder();
  const kb: KnowledgeBase = {
    trie: b.trie,
    names: new Map(),
    domains: [],
    goldstein: new Map(),
    intentCameo: new Map(),
    firstPerson: new Map(),
    definiteBefore: new Map(),
    definiteAfter: new Map(),
    locative: new Map(),
    venue: new Map(),
    firstPersonFolded: new Set(),
    locativeFolded: new Set(),
    honorifics: new Set(),
    notNames: new Set(),
    ambiguousSurnames: new Set(),
    outletHosts: [],
    dictVersions: {},
    dictDirs: dirs,
  };
  for (const f of files) kb.dictVersions[`${f.kind}${f.lang ? '.' + f.lang : ''}`] = f.version;
  const byKind = (k: string) => files.filter((f) => f.kind === k);

  compileCountries(b, kb, byKind('countries'));
  compilePlaces(b, byKind('places'));
  compileOrgs(b, kb, byKind('orgs'));
  compileInstitutions(b, byKind('institutions'));
  for (const f of byKind('roles')) compileRoles(b, f);
  for (const f of byKind('events')) compileEvents(b, f);
  for (const f of byKind('modality')) compileModality(b, f);
  for (const f of byKind('commitments')) compileCommitments(b, f);
  for (const f of byKind('policies')) compilePolicies(b, f);
  for (const f of byKind('coref')) compileCoref(b, kb, f);
  for (const f of byKind('domains')) compileDomains(b, kb, f);
  for (const f of byKind('outlets')) compileOutlets(b, kb, f);
  for (const f of byKind('people')) compilePeople(b, kb, f);
  for (const f of byKind('cameo')) compileCameo(kb, f);
  b.flush();
  return kb;
}

// ---------------------------------------------------------------------------------------------
// Builder: collects entries keyed by (layer, lang, phrase) so later files override, then adds them.

interface Pending {
  phrase: string;
  layer: string;
  payload: Payload;
  cond: EntryConditions;
}

class Builder {
  trie = new TokenTrie<Payload>();
  private pending = new Map<string, Pending[]>();
  /** Add `phrase`. `replace` makes a later entry with the same key replace earlier ones. */
  add(phrase: string, layer: string, payload: Payload, cond: EntryConditions, replaceKey?: string): void {
    // Same layer, language, spelling and kind of item → the later entry replaces the earlier one.
    const spelling = cond.cs ? `cs:${phrase}` : cond.exact ? `x:${exactKey(phrase)}` : phraseTokens(phrase).join(' ');
    const item0 = payload as { k: string; code?: string; id?: string };
    const key = replaceKey ?? `${layer}\u0000${[...(cond.langs ?? [])].join(',')}\u0000${spelling}\u0000${item0.k}\u0000${item0.code ?? item0.id ?? ''}`;
    const item = { phrase, layer, payload, cond };
    const list = this.pending.get(key);
    if (list && replaceKey === undefined) this.pending.set(key, [item]);
    else if (list) list.push(item);
    else this.pending.set(key, [item]);
  }
  flush(): void {
    for (const list of this.pending.values()) for (const p of list) this.trie.add(p.phrase, p.layer, p.payload, p.cond);
    this.pending.clear();
  }
}

const ALL: null = null;
function langSet(lang: string | null): ReadonlySet<Lang> | null {
  return lang ? new Set([lang as Lang]) : ALL;
}
const isUpper = (s: string) => /^\p{Lu}/u.test(s);
const isAcronym = (s: string) => /^[\p{Lu}\d.&-]+$/u.test(s) && /\p{Lu}/u.test(s) && s.replace(/[.&-]/g, '').length <= 6;
/** Letters that only Vietnamese uses among our languages: a weak trigger written with them needs its diacritics. */
const VI_LETTERS = /[ăđơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹĩũãõ]/i;
const foldSet = (v: unknown) => new Set(formsOf(v).flatMap((x) => phraseTokens(x)));
const exactSet = (v: unknown) => new Set(formsOf(v).map((x) => exactKey(x)));

/** Conditions for a proper-noun form in a given language file: vi exact, fr/en capitalised, acronyms case-sensitive. */
function nameCond(form: string, lang: string | null, extra: EntryConditions = {}): EntryConditions {
  if (isAcronym(form)) return { cs: [], ...extra };
  if (lang === 'vi') return { exact: [], ...extra };
  return isUpper(form) ? { requiresCapital: true, ...extra } : { ...extra };
}

// ---------------------------------------------------------------------------------------------
// Countries: names from i18n-iso-countries (maintained source) + hand-written short forms.

function compileCountries(b: Builder, kb: KnowledgeBase, files: DictFile[]): void {
  const countries = require('i18n-iso-countries') as {
    registerLocale(l: unknown): void;
    getNames(lang: string, o: { select: 'all' }): Record<string, string[]>;
    alpha2ToAlpha3(a2: string): string | undefined;
  };
  const display = new Intl.DisplayNames(['en'], { type: 'region' });
  // One payload object per country, so spellings that fold alike collapse into one trie entry.
  const payloads = new Map<string, Payload>();
  const countryPayload = (code: string): Payload => {
    let p = payloads.get(code);
    if (!p) payloads.set(code, (p = { k: 'country', code, name: kb.names.get(code) ?? code }));
    return p;
  };
  for (const lang of ['en', 'fr', 'vi']) {
    countries.registerLocale(require(`i18n-iso-countries/langs/${lang}.json`));
    const names = countries.getNames(lang, { select: 'all' });
    for (const [a2, list] of Object.entries(names)) {
      const code = countries.alpha2ToAlpha3(a2);
      if (!code) continue;
      if (!kb.names.has(code)) kb.names.set(code, display.of(a2) ?? list[0]);
      for (let name of list) {
        if (name.includes(',')) continue; // inverted forms ("Korea, Republic of")
        name = name.replace(/\s*\(.*\)\s*/g, ' ').trim();
        const toks = phraseTokens(name);
        if (toks.length === 0) continue;
        // Single-syllable Vietnamese short forms (Mỹ, Pháp, Đức…) collide with common words: they
        // are handled by the constrained `short_forms` of countries.vi.yaml instead.
        if (lang === 'vi' && toks.length === 1 && !isAcronym(name)) continue;
        b.add(name, LAYER.ent, countryPayload(code), nameCond(name, lang));
      }
    }
  }
  for (const f of files) {
    const lang = f.lang;
    const d = f.data as Record<string, Record<string, unknown> | unknown[] | undefined>;
    for (const [code, forms] of Object.entries((d.names as Record<string, unknown>) ?? {}))
      for (const form of formsOf(forms)) b.add(form, LAYER.ent, countryPayload(code), nameCond(form, lang));
    for (const [code, forms] of Object.entries((d.acronyms as Record<string, unknown>) ?? {}))
      for (const form of formsOf(forms)) b.add(form, LAYER.ent, countryPayload(code), { cs: [] });
    const demRules = (d.demonym_rules as Record<string, unknown>) ?? {};
    for (const [code, forms] of Object.entries((d.demonyms as Record<string, unknown>) ?? {}))
      for (const form of formsOf(forms))
        b.add(form, LAYER.ent, { k: 'demonym', code }, { requiresCapital: demRules.requires_capital === true, exact: lang === 'vi' ? [] : undefined });
    for (const [code, forms] of Object.entries((d.prefixes as Record<string, unknown>) ?? {}))
      for (const form of formsOf(forms)) b.add(form, LAYER.ent, { k: 'prefix', code }, { hyphenAfter: true });
    for (const sf of (d.short_forms as Record<string, unknown>[]) ?? []) {
      const code = String(sf.code);
      const capOk = new Set(['viet', 'nam', 'phia', 'nuoc', ...foldSet(sf.after_any)]);
      for (const form of formsOf(sf.form))
        b.add(form, LAYER.ent, countryPayload(code), {
          exact: [],
          requiresCapital: true,
          notBefore: sf.not_before ? foldSet(sf.not_before) : undefined,
          afterAny: sf.after_any ? foldSet(sf.after_any) : undefined,
          notAfterCap: capOk,
        });
    }
  }
}

function compilePlaces(b: Builder, files: DictFile[]): void {
  const byName = new Map<string, { code: string; kind: string; forms: Set<string> }>();
  for (const f of files)
    for (const p of (f.data.places as Record<string, unknown>[]) ?? []) {
      const name = String(p.name);
      const cur = byName.get(name) ?? { code: '', kind: 'city', forms: new Set<string>() };
      cur.code = String(p.country ?? cur.code);
      cur.kind = String(p.kind ?? cur.kind);
      for (const form of formsOf(p.forms)) cur.forms.add(form);
      byName.set(name, cur);
    }
  for (const [name, p] of byName) {
    const payload: Payload = { k: 'place', code: p.code, name, kind: p.kind };
    // Spellings with diacritics must keep them: folded, "Văn Nam" (a given name) would be "Vân Nam" (Yunnan).
    for (const form of p.forms)
      b.add(form, LAYER.ent, payload, isAcronym(form) ? { cs: [] } : /[^\x00-\x7f]/.test(form) ? { requiresCapital: true, exact: [] } : { requiresCapital: true }, `place\u0000${name}\u0000${form}`);
  }
}

function compileOrgs(b: Builder, kb: KnowledgeBase, files: DictFile[]): void {
  const byCode = new Map<string, { name: string; cs: Set<string>; forms: Map<string, Set<string>>; dem: Map<string, Set<string>> }>();
  for (const f of files) {
    for (const o of (f.data.orgs as Record<string, unknown>[]) ?? []) {
      const code = String(o.code);
      const cur = byCode.get(code) ?? { name: code, cs: new Set<string>(), forms: new Map(), dem: new Map() };
      cur.name = String(o.name ?? cur.name);
      for (const c of formsOf(o.cs)) cur.cs.add(c);
      for (const [lang, forms] of Object.entries((o.forms as Record<string, unknown>) ?? {})) {
        const set = cur.forms.get(lang) ?? new Set<string>();
        for (const form of formsOf(forms)) set.add(form);
        cur.forms.set(lang, set);
      }
      byCode.set(code, cur);
    }
    for (const [code, perLang] of Object.entries((f.data.demonyms as Record<string, Record<string, unknown>>) ?? {})) {
      const cur = byCode.get(code);
      if (!cur) continue;
      for (const [lang, forms] of Object.entries(perLang)) {
        const set = cur.dem.get(lang) ?? new Set<string>();
        for (const form of formsOf(forms)) set.add(form);
        cur.dem.set(lang, set);
      }
    }
  }
  for (const [code, o] of byCode) {
    kb.names.set(code, o.name);
    const payload: Payload = { k: 'org', code, name: o.name };
    for (const c of o.cs) b.add(c, LAYER.ent, payload, { cs: [] }, `org\u0000${code}\u0000cs\u0000${c}`);
    for (const [lang, forms] of o.forms) for (const form of forms) b.add(form, LAYER.ent, payload, nameCond(form, lang), `org\u0000${code}\u0000${lang}\u0000${form}`);
    for (const [lang, forms] of o.dem)
      for (const form of forms) b.add(form, LAYER.ent, { k: 'demonym', code }, { requiresCapital: lang === 'en' }, `orgdem\u0000${code}\u0000${lang}\u0000${form}`);
  }
}

function compileInstitutions(b: Builder, files: DictFile[]): void {
  const byName = new Map<string, { code: string; sector: Sector | null; forms: Map<string, { lang: string | null; requiresCapital: boolean }> }>();
  for (const f of files)
    for (const it of (f.data.institutions as Record<string, unknown>[]) ?? []) {
      const name = String(it.name);
      const cur = byName.get(name) ?? { code: '', sector: null, forms: new Map() };
      if (it.country) cur.code = String(it.country);
      if (it.sector !== undefined) cur.sector = (it.sector as Sector | null) ?? null;
      const rc = it.requires_capital === true;
      for (const c of formsOf(it.cs)) cur.forms.set(c, { lang: 'cs', requiresCapital: false });
      for (const form of formsOf(it.forms)) cur.forms.set(form, { lang: f.lang, requiresCapital: rc });
      byName.set(name, cur);
    }
  for (const [name, it] of byName) {
    const payload: Payload = { k: 'inst', code: it.code, name, sector: it.sector };
    for (const [form, o] of it.forms) {
      const cond: EntryConditions = o.lang === 'cs' ? { cs: [] } : nameCond(form, o.lang, o.requiresCapital ? { requiresCapital: true } : {});
      b.add(form, LAYER.ent, payload, cond, `inst\u0000${name}\u0000${form}`);
    }
  }
}

/** Conditions for a lexical (non-name) phrase of a language file. */
function lexCond(form: string, lang: string | null, extra: EntryConditions = {}): EntryConditions {
  const langs = langSet(lang);
  if (lang === 'vi') return { langs, exact: [], ...extra };
  // French single words keep their accents: "dès" is not "des", "à" is not "a", "où" is not "ou".
  if (lang === 'fr' && phraseTokens(form).length === 1 && !isAcronym(form)) return { langs, exact: [], ...extra };
  if (isAcronym(form)) return { langs, cs: [], ...extra };
  return { langs, ...extra };
}

function compileRoles(b: Builder, f: DictFile): void {
  for (const r of (f.data.roles as Record<string, unknown>[]) ?? []) {
    const payload: Payload = { k: 'role', role: String(r.role), sector: (r.sector as Sector | null) ?? null, gov: r.gov === true };
    for (const form of formsOf(r.forms)) b.add(form, LAYER.role, payload, lexCond(form, f.lang));
  }
  for (const n of (f.data.actor_nouns as Record<string, unknown>[]) ?? []) {
    const payload: Payload = { k: 'noun', sector: (n.sector as Sector | null) ?? null };
    for (const form of formsOf(n.forms)) b.add(form, LAYER.noun, payload, lexCond(form, f.lang, f.lang === 'vi' && isUpper(form) ? { requiresCapital: true } : {}));
  }
}

function compileEvents(b: Builder, f: DictFile): void {
  // One list per file, shared by its definitions.
  const futureEndings = [...foldSet(f.data.future_endings ?? [])];
  for (const e of (f.data.events as Record<string, unknown>[]) ?? []) {
    const withForms = formsOf(e.with);
    const def: EventDef = {
      event: e.event as PloverEvent,
      cameo: String(e.cameo ?? ''),
      mode: (e.mode as string) ?? null,
      priority: Number(e.priority ?? 1),
      weak: e.strength === 'weak',
      symmetric: e.symmetric === true,
      objectIsActor: e.actor_side === 'object',
      modality: (e.modality as Modality) ?? null,
      context: formsOf(e.context),
      domains: formsOf(e.domains),
      confidence: Number(e.confidence ?? 0.8),
      with: withForms.length ? withForms.map((w) => phraseTokens(w)) : null,
      window: Number(e.window ?? 4),
      futureEndings,
      named: e.named === true,
    };
    const notBefore = e.not_before ? foldSet(e.not_before) : undefined;
    const payload: Payload = { k: 'event', def };
    for (const form of formsOf(e.forms)) b.add(form, LAYER.event, payload, lexCond(form, f.lang, { notBefore }));
  }
}

function compileModality(b: Builder, f: DictFile): void {
  for (const c of (f.data.cues as Record<string, unknown>[]) ?? []) {
    const scope = String(c.scope ?? 'before');
    // scope outcome: an outcome told after its event, anywhere later in the clause ("talks between
    // A and B on … ended without agreement").
    const payload: Payload = { k: 'mod', kind: c.kind as ModKind, after: scope !== 'before', before: scope !== 'after' && scope !== 'outcome', far: scope === 'outcome' };
    const notBefore = c.not_before ? foldSet(c.not_before) : undefined;
    const notAfter = c.not_after ? foldSet(c.not_after) : undefined;
    for (const form of formsOf(c.forms)) b.add(form, LAYER.mod, payload, lexCond(form, f.lang, { notBefore, notAfter }), `mod\u0000${f.lang}\u0000${scope}\u0000${form}`);
  }
}

function compileCommitments(b: Builder, f: DictFile): void {
  for (const c of (f.data.cues as Record<string, unknown>[]) ?? []) {
    const payload: Payload = { k: 'commit', status: c.status as CommitmentStatus, strong: c.strong === true, needsDeadline: c.needs === 'deadline', needsQuantity: c.needs === 'quantity' };
    // `not_after`: stance phrases that look like pledges ("remained committed to …").
    const notAfter = c.not_after ? foldSet(c.not_after) : undefined;
    for (const form of formsOf(c.forms)) b.add(form, LAYER.commit, payload, lexCond(form, f.lang, { notAfter }));
  }
}

function compilePolicies(b: Builder, f: DictFile): void {
  for (const n of (f.data.nouns as Record<string, unknown>[]) ?? [])
    for (const form of formsOf(n.forms))
      b.add(form, LAYER.pol, { k: 'pnoun', kind: String(n.kind), drafting: n.drafting === true, needsNumber: n.needs_number === true }, lexCond(form, f.lang, isUpper(form) ? { requiresCapital: true } : {}));
  for (const s of (f.data.statuses as Record<string, unknown>[]) ?? [])
    for (const form of formsOf(s.forms)) b.add(form, LAYER.pstat, { k: 'pstatus', status: s.status as PolicyStatus }, lexCond(form, f.lang));
  for (const n of (f.data.named as Record<string, unknown>[]) ?? [])
    for (const form of formsOf(n.forms))
      b.add(form, LAYER.pol, { k: 'pnamed', name: String(n.name), jurisdiction: (n.jurisdiction as string) ?? null, kind: String(n.kind ?? 'programme') }, nameCond(form, null));
}

function compileCoref(b: Builder, kb: KnowledgeBase, f: DictFile): void {
  const lang = (f.lang ?? 'und') as Lang;
  const kinds: [string, 'pair' | 'side' | 'incl' | 'ex' | 'speech' | 'frame' | 'sport' | 'contrast' | 'continuation' | 'condition'][] = [['pair', 'pair'], ['side', 'side'], ['inclusion', 'incl'], ['examples', 'ex'], ['speech', 'speech'], ['frame', 'frame'], ['sport', 'sport'], ['contrast', 'contrast'], ['continuation', 'continuation'], ['condition', 'condition']];
  for (const [key, kind] of kinds) for (const form of formsOf(f.data[key])) b.add(form, LAYER.coref, { k: 'coref', kind }, lexCond(form, f.lang, { cs: undefined }));
  kb.firstPerson.set(lang, exactSet(f.data.first_person));
  kb.locative.set(lang, exactSet(f.data.locative));
  kb.venue.set(lang, exactSet(f.data.venue));
  kb.definiteBefore.set(lang, foldSet(f.data.definite_before));
  kb.definiteAfter.set(lang, foldSet(f.data.definite_after));
  for (const w of foldSet(f.data.first_person)) kb.firstPersonFolded.add(w);
  for (const w of foldSet(f.data.locative)) kb.locativeFolded.add(w);
}

function compileDomains(b: Builder, kb: KnowledgeBase, f: DictFile): void {
  for (const d of (f.data.domains as Record<string, unknown>[]) ?? []) {
    const id = String(d.id);
    const label = (d.label as Record<string, string>)?.en ?? id;
    if (!kb.domains.some((x) => x.id === id)) kb.domains.push({ id, label });
    const trig = (d.triggers as Record<string, unknown>) ?? {};
    const strongP: Payload = { k: 'domain', id, weak: false };
    const weakP: Payload = { k: 'domain', id, weak: true };
    const exclP: Payload = { k: 'domx', id };
    for (const [lang, forms] of Object.entries(trig)) {
      for (const form of formsOf(forms)) {
        // Domain triggers of every language apply to every document (loanwords such as "big data"
        // appear in French and Vietnamese text); Vietnamese ones need their diacritics.
        const cond: EntryConditions = lang === 'cs' ? { cs: [] } : lang === 'vi' ? { exact: [] } : {};
        b.add(form, LAYER.dom, strongP, cond, `dom\u0000${id}\u0000${lang}\u0000${form}`);
      }
    }
    for (const form of formsOf(d.weak)) {
      const cond: EntryConditions = isAcronym(form) ? { cs: [] } : VI_LETTERS.test(form) ? { exact: [] } : {};
      b.add(form, LAYER.dom, weakP, cond, `domw\u0000${id}\u0000${form}`);
    }
    for (const form of formsOf(d.exclude)) b.add(form, LAYER.domx, exclP, {}, `domx\u0000${id}\u0000${form}`);
  }
}

function compileOutlets(b: Builder, kb: KnowledgeBase, f: DictFile): void {
  for (const o of (f.data.outlets as Record<string, unknown>[]) ?? []) {
    const code = String(o.country);
    for (const form of formsOf(o.cs)) b.add(form, LAYER.outlet, { k: 'outlet', code }, isAcronym(form) ? { cs: [] } : { requiresCapital: true }, `outlet\u0000${form}`);
    for (const h of formsOf(o.hosts)) kb.outletHosts.push({ suffix: h.toLowerCase(), code });
  }
}

function compilePeople(b: Builder, kb: KnowledgeBase, f: DictFile): void {
  const sur: Payload = { k: 'surname' };
  for (const s of formsOf(f.data.vi_surnames)) b.add(s, LAYER.sur, sur, { requiresCapital: true }, `sur\u0000${s}`);
  for (const a of formsOf(f.data.ambiguous)) kb.ambiguousSurnames.add(fold(a));
  const hon = (f.data.honorifics as Record<string, unknown>) ?? {};
  for (const list of Object.values(hon)) for (const h of formsOf(list)) kb.honorifics.add(fold(h).replace(/\.$/, ''));
  for (const w of formsOf(f.data.not_names)) kb.notNames.add(fold(w));
}

function compileCameo(kb: KnowledgeBase, f: DictFile): void {
  for (const [code, v] of Object.entries((f.data.goldstein as Record<string, number>) ?? {})) kb.goldstein.set(code, Number(v));
  for (const [ev, code] of Object.entries((f.data.intent as Record<string, string>) ?? {})) kb.intentCameo.set(ev, String(code));
}
