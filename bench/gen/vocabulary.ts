/**
 * Slot values for the corpus generator, drawn from the project's own dictionaries (dict/) so the
 * synthetic text contains the names, institutions, domains and titles the extractor knows — at a
 * realistic density — plus the per-language templates of bench/templates/<lang>.yaml.
 *
 * Loaded once per generator run; everything here is plain arrays for fast random picks.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import YAML from 'yaml';
import { BUILTIN_DICT_DIR, expandForms } from '../../src/dict/load.ts';
import { compileTemplate, type Compiled } from './grammar.ts';
import { rootPath } from '../../src/util/paths.ts';

export type GenLang = 'en' | 'fr' | 'vi';
export const GEN_LANGS: readonly GenLang[] = ['en', 'fr', 'vi'];

export const TEMPLATES_DIR = rootPath('bench', 'templates');

/** The domain taxonomy: the project's dict/domains.yaml once it exists, else the shared draft. */
function domainsFile(dictDir: string): string | null {
  const own = path.join(dictDir, 'domains.yaml');
  if (existsSync(own)) return own;
  const shared = path.resolve(dictDir, '../../shared/reference/domains.yaml');
  return existsSync(shared) ? shared : null;
}

export interface Country {
  code: string;
  /** One natural name (chosen per article among `names`). */
  names: string[];
  /** Masculine / feminine demonym (en: both the same); null when the dictionary has none. */
  adjM: string | null;
  adjF: string | null;
}

export interface LangVocabulary {
  lang: GenLang;
  countries: Map<string, Country>;
  /** Codes with a demonym in this language: usable as the article's A / B. */
  castCodes: string[];
  /** Institutions by country code (names in this language). */
  institutions: Map<string, string[]>;
  allInstitutions: string[];
  orgs: string[];
  /** Domain id → trigger terms in this language. */
  domains: { id: string; terms: string[] }[];
  roles: string[];
  places: { country: string; name: string }[];
  placesByCountry: Map<string, string[]>;
  /** Month names 1..12 (index 0 unused). */
  months: string[];
  teaserOpeners: string[];
  footerLines: string[];
  given: string[];
  family: string[];
  familyFirst: boolean;
  outlets: string[];
  dateFormats: Compiled[];
  rules: Map<string, Compiled[]>;
  /** French article grammar of country names (empty for other languages). */
  countryGrammar: { masculine: Set<string>; plural: Set<string>; noArticle: Set<string> };
  elision: string[];
  contractions: Record<string, string>;
}

function readYaml(p: string): Record<string, unknown> {
  return (YAML.parse(readFileSync(p, 'utf8')) ?? {}) as Record<string, unknown>;
}

function readDict(dictDir: string, name: string): Record<string, unknown> {
  const p = path.join(dictDir, name);
  return existsSync(p) ? readYaml(p) : {};
}

/** First spelling of a dictionary form ("a|b" → a; braces expanded). */
function firstForm(form: string): string {
  return expandForms(form)[0] ?? form;
}

const require = createRequire(import.meta.url);
let isoCountries: { registerLocale(l: unknown): void; getName(code: string, lang: string): string | undefined; alpha3ToAlpha2(c: string): string | undefined } | null = null;
function isoName(code: string, lang: GenLang): string | null {
  try {
    if (!isoCountries) {
      isoCountries = require('i18n-iso-countries');
      for (const l of GEN_LANGS) isoCountries!.registerLocale(require(`i18n-iso-countries/langs/${l}.json`));
    }
    const a2 = isoCountries!.alpha3ToAlpha2(code);
    return (a2 && isoCountries!.getName(a2, lang)) || null;
  } catch {
    return null;
  }
}

function loadCountries(dictDir: string, lang: GenLang): Map<string, Country> {
  const d = readDict(dictDir, `countries.${lang}.yaml`);
  const names = (d.names ?? {}) as Record<string, string[]>;
  const demonyms = (d.demonyms ?? {}) as Record<string, string[]>;
  const codes = new Set([...Object.keys(names), ...Object.keys(demonyms)]);
  const out = new Map<string, Country>();
  for (const code of codes) {
    if (!/^[A-Z]{3}$/.test(code)) continue;
    const list = (names[code] ?? []).map(firstForm).filter((n) => !/^(?:nước ta|the States)$/.test(n));
    const iso = isoName(code, lang);
    if (iso && !list.includes(iso)) list.push(iso);
    if (list.length === 0) continue;
    let adjM: string | null = null;
    let adjF: string | null = null;
    const dem = demonyms[code]?.[0];
    if (dem) {
      const alts = dem.split('|');
      adjM = alts[0];
      adjF = alts[1] ?? alts[0];
    }
    out.set(code, { code, names: list, adjM, adjF });
  }
  return out;
}

interface InstEntry {
  name?: string;
  country?: string;
  forms?: string[];
  cs?: string[];
}

function loadInstitutions(dictDir: string, lang: GenLang): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (code: string | undefined, name: string) => {
    if (!code || !name) return;
    let l = out.get(code);
    if (!l) out.set(code, (l = []));
    if (!l.includes(name)) l.push(name);
  };
  const own = ((readDict(dictDir, `institutions.${lang}.yaml`).institutions ?? []) as InstEntry[]);
  for (const e of own) for (const f of e.forms ?? []) add(e.country, firstForm(f));
  if (lang !== 'en') {
    // Brand names and acronyms are language-neutral: keep the English file's short names.
    const en = (readDict(dictDir, 'institutions.en.yaml').institutions ?? []) as InstEntry[];
    for (const e of en) {
      if (e.name && !/\(|\bMinistry\b|\bUniversity\b|\bAcademy\b/.test(e.name)) add(e.country, e.name);
      for (const c of e.cs ?? []) add(e.country, c);
    }
  } else {
    for (const e of own) {
      if (e.name && !e.name.includes('(')) add(e.country, e.name);
      for (const c of e.cs ?? []) add(e.country, c);
    }
  }
  return out;
}

function loadOrgs(dictDir: string, lang: GenLang): string[] {
  const orgs = (readDict(dictDir, 'orgs.yaml').orgs ?? []) as { code: string; cs?: string[]; forms?: Record<string, string[]> }[];
  const out: string[] = [];
  for (const o of orgs) {
    for (const f of o.forms?.[lang] ?? []) out.push(firstForm(f));
    if (o.cs?.[0]) out.push(o.cs[0]);
  }
  return out;
}

function loadDomains(dictDir: string, lang: GenLang): { id: string; terms: string[] }[] {
  const file = domainsFile(dictDir);
  if (!file) return [{ id: 'general', terms: [lang === 'vi' ? 'khoa học' : lang === 'fr' ? 'sciences' : 'science'] }];
  const doms = (readYaml(file).domains ?? []) as { id: string; triggers?: Record<string, string[]> }[];
  const out: { id: string; terms: string[] }[] = [];
  for (const d of doms) {
    const terms = [...(d.triggers?.[lang] ?? []), ...(d.triggers?.any ?? [])].map(firstForm).filter(Boolean);
    if (terms.length) out.push({ id: d.id, terms });
  }
  return out;
}

function loadRoles(dictDir: string, lang: GenLang): string[] {
  const roles = (readDict(dictDir, `roles.${lang}.yaml`).roles ?? []) as { forms?: string[] }[];
  const out: string[] = [];
  for (const r of roles) for (const f of r.forms ?? []) out.push(firstForm(f));
  return out.length ? out : ['Minister'];
}

function loadPlaces(dictDir: string, lang: GenLang): { country: string; name: string }[] {
  const places = (readDict(dictDir, 'places.yaml').places ?? []) as { name: string; country: string; forms?: string[] }[];
  const out: { country: string; name: string }[] = [];
  const viMark = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;
  for (const p of places) {
    const alts = (p.forms ?? [p.name]).flatMap((f) => f.split('|'));
    // Vietnamese pages spell places the Vietnamese way when the dictionary has such a spelling.
    const name = lang === 'vi' ? (alts.find((a) => viMark.test(a)) ?? alts[0]) : lang === 'fr' ? (alts.find((a) => /[éèëïô]/.test(a)) ?? alts[0]) : alts[0];
    out.push({ country: p.country, name });
  }
  return out;
}

function loadMonths(dictDir: string, lang: GenLang): string[] {
  const months = ((readDict(dictDir, 'dates.yaml').months ?? {}) as Record<string, Record<string, number>>)[lang] ?? {};
  const out: string[] = new Array(13).fill('');
  for (const [name, n] of Object.entries(months)) if (name.length > out[n].length) out[n] = name;
  for (let i = 1; i <= 12; i++) {
    if (lang === 'vi') out[i] = `tháng ${i}`; // the numeric form is the common one in Vietnamese news
    else if (!out[i]) out[i] = String(i);
    else if (lang === 'en') out[i] = out[i][0].toUpperCase() + out[i].slice(1);
  }
  return out;
}

function loadBoilerplate(dictDir: string, lang: GenLang): { openers: string[]; footer: string[] } {
  const b = readDict(dictDir, 'boilerplate.yaml') as {
    teaser_openers?: { exact?: Record<string, string[]> };
    cues?: { footer?: { exact?: Record<string, string[]> } };
  };
  const cap = (s: string) => s[0].toUpperCase() + s.slice(1);
  return {
    openers: (b.teaser_openers?.exact?.[lang] ?? []).map(cap),
    footer: (b.cues?.footer?.exact?.[lang] ?? []).map(cap),
  };
}

/** Load one language's vocabulary and templates. */
export function loadLangVocabulary(lang: GenLang, opts: { dictDir?: string; templatesDir?: string } = {}): LangVocabulary {
  const dictDir = opts.dictDir ?? BUILTIN_DICT_DIR;
  const tpl = readYaml(path.join(opts.templatesDir ?? TEMPLATES_DIR, `${lang}.yaml`));
  const countries = loadCountries(dictDir, lang);
  const castCodes = [...countries.values()].filter((c) => lang === 'vi' || c.adjM).map((c) => c.code);
  const institutions = loadInstitutions(dictDir, lang);
  const places = loadPlaces(dictDir, lang);
  const placesByCountry = new Map<string, string[]>();
  for (const p of places) {
    let l = placesByCountry.get(p.country);
    if (!l) placesByCountry.set(p.country, (l = []));
    l.push(p.name);
  }
  const bp = loadBoilerplate(dictDir, lang);
  const rulesRaw = (tpl.rules ?? {}) as Record<string, string[]>;
  const rules = new Map<string, Compiled[]>();
  for (const [k, v] of Object.entries(rulesRaw)) rules.set(k, v.map(String).map(compileTemplate));
  const names = (tpl.names ?? {}) as { given?: string[]; family?: string[]; order?: string };
  const cg = (tpl.country_grammar ?? {}) as { masculine?: string[]; plural?: string[]; no_article?: string[] };
  return {
    lang,
    countries,
    castCodes,
    institutions,
    allInstitutions: [...institutions.values()].flat(),
    orgs: loadOrgs(dictDir, lang),
    domains: loadDomains(dictDir, lang),
    roles: loadRoles(dictDir, lang),
    places,
    placesByCountry,
    months: loadMonths(dictDir, lang),
    teaserOpeners: bp.openers.length ? bp.openers : ((rulesRaw.teaser_opener ?? ['Read more']) as string[]),
    footerLines: bp.footer,
    given: names.given ?? ['Alex'],
    family: names.family ?? ['Doe'],
    familyFirst: names.order === 'family-given',
    outlets: ((tpl.outlets ?? ['Newsroom']) as string[]).map(String),
    dateFormats: ((tpl.date_formats ?? ['{day} {month} {year}']) as string[]).map(compileTemplate),
    rules,
    countryGrammar: { masculine: new Set(cg.masculine ?? []), plural: new Set(cg.plural ?? []), noArticle: new Set(cg.no_article ?? []) },
    elision: ((tpl.elision ?? []) as string[]).map(String),
    contractions: (tpl.contractions ?? {}) as Record<string, string>,
  };
}

export type Vocabulary = Record<GenLang, LangVocabulary>;

export function loadVocabulary(opts: { dictDir?: string; templatesDir?: string } = {}): Vocabulary {
  return { en: loadLangVocabulary('en', opts), fr: loadLangVocabulary('fr', opts), vi: loadLangVocabulary('vi', opts) };
}
