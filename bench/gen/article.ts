/**
 * One synthetic article: a cast (countries, institutions, people, a technology domain), a title,
 * paragraphs of cooperation / context / filler sentences at news-like density, and the page
 * furniture that real articles carry (datelines, photo credits, "Read more" teaser blocks,
 * footers). Near-duplicates are re-created from their original's seed and lightly edited.
 *
 * Everything is a pure function of (options, article index): see rng.ts.
 */
import { Rng, mixSeed } from './rng.ts';
import { capitaliseFirst, contractionFixer, elisionFixer, expand, expandRule, slotsOf, type Expander } from './grammar.ts';
import type { GenLang, LangVocabulary, Vocabulary } from './vocabulary.ts';

export interface ArticleOptions {
  seed: number;
  /** Share of articles with cooperation content (default 0.4). */
  coopShare: number;
  /** Share of near-duplicates (default 0.05). */
  nearDupShare: number;
  langWeights: Record<GenLang, number>;
  /** Article size bounds in UTF-8 bytes (title + text). */
  minBytes: number;
  maxBytes: number;
}

export const DEFAULT_ARTICLE_OPTIONS: ArticleOptions = {
  seed: 42,
  coopShare: 0.4,
  nearDupShare: 0.05,
  langWeights: { en: 0.4, vi: 0.35, fr: 0.25 },
  minBytes: 3000,
  maxBytes: 10000,
};

export interface Article {
  index: number;
  id: string;
  lang: GenLang;
  coop: boolean;
  /** Index of the original when this article is a near-duplicate. */
  nearDupOf: number | null;
  title: string;
  titleInText: boolean;
  /** Lines before the body (dateline, credit). */
  head: string[];
  /** Body paragraphs, each a list of sentences. */
  paragraphs: string[][];
  /** A credit line placed after the first paragraph, if any. */
  credit: string | null;
  /** Teaser block (opener first) and footer lines. */
  teasers: string[];
  footer: string[];
  /** Paragraph separator of the text: "\n\n" (CMS export) or "\n" (one paragraph per line). */
  sep: string;
  url: string;
  source: string;
  /** ISO date, or null when the record carries none. */
  published: string | null;
  /** Whether the record declares its language. */
  declareLang: boolean;
  /** Related headlines for HTML page chrome (also used as the teaser block). */
  related: string[];
  person: string;
}

/** Slots the generator fills itself (everything else must be a rule of the template file). */
export const BUILTIN_SLOTS: ReadonlySet<string> = new Set([
  'A', 'B', 'C', 'A_adj', 'B_adj', 'A_adj_m', 'B_adj_m', 'A_adj_f', 'B_adj_f', 'A_adj_mp', 'B_adj_mp', 'A_adj_fp', 'B_adj_fp',
  'A_le', 'B_le', 'C_le', 'A_du', 'B_du', 'C_du', 'A_au', 'B_au', 'C_au', 'inst_A', 'inst_B', 'inst', 'org', 'D', 'domain',
  'role', 'P1', 'P2', 'person', 'city', 'city_A', 'date', 'day', 'month', 'month_num', 'month_word', 'year', 'future_year',
  'num', 'small', 'big', 'pct', 'outlet',
]);

/** Rules the generator expands by name. */
const REQUIRED_RULES = ['coop', 'commitment', 'policy', 'context', 'filler', 'coop_title', 'title', 'teaser', 'footer', 'credit', 'dateline', 'inst_generic_A', 'inst_generic_B'];

/** Problems in a language's templates: unknown slots and missing rules (empty when fine). */
export function checkTemplates(v: LangVocabulary): string[] {
  const out: string[] = [];
  for (const r of REQUIRED_RULES) if (!v.rules.has(r)) out.push(`${v.lang}: rule "${r}" is missing`);
  const check = (where: string, c: import('./grammar.ts').Compiled) => {
    for (const s of slotsOf(c)) if (!v.rules.has(s) && !BUILTIN_SLOTS.has(s)) out.push(`${v.lang}: ${where} uses unknown slot {${s}}`);
  };
  for (const [name, alts] of v.rules) for (const c of alts) check(`rule "${name}"`, c);
  for (const c of v.dateFormats) check('date_formats', c);
  return out;
}

const STREAM_BASE = 1;
const STREAM_EDIT = 2;
const STREAM_DUP = 3;

/** Per-article generation state: the cast and the slot resolver. */
class Writer implements Expander {
  readonly rules: LangVocabulary['rules'];
  private readonly names = new Map<string, string>();
  private readonly fix: (s: string) => string;
  readonly P1: string;
  readonly P2: string;
  readonly domainTerm: string;
  readonly outlet: string;
  readonly year: number;
  readonly month: number;
  readonly day: number;

  constructor(
    readonly v: LangVocabulary,
    readonly rng: Rng,
    readonly A: string,
    readonly B: string,
    readonly C: string,
  ) {
    this.rules = v.rules;
    for (const code of [A, B, C]) {
      const c = v.countries.get(code);
      this.names.set(code, c ? rng.pick(c.names) : code);
    }
    this.P1 = this.personName();
    this.P2 = this.personName();
    this.domainTerm = rng.pick(rng.pick(v.domains).terms);
    this.outlet = rng.pick(v.outlets);
    this.year = rng.int(2019, 2026);
    this.month = rng.int(1, 12);
    this.day = rng.int(1, 28);
    const elide = elisionFixer(v.elision);
    const contract = contractionFixer(v.contractions);
    this.fix = (s) => contract(elide(s));
  }

  pick<T>(list: readonly T[]): T {
    return this.rng.pick(list);
  }

  personName(): string {
    const g = this.rng.pick(this.v.given);
    const f = this.rng.pick(this.v.family);
    return this.v.familyFirst ? `${f} ${g}` : `${g} ${f}`;
  }

  /** A finished sentence of the given rule: expanded, elided, capitalised. */
  sentence(rule: string): string {
    return capitaliseFirst(this.fix(expandRule(rule, this)));
  }

  /** French country name with its article: le / du / au forms. */
  private frCountry(code: string, form: 'le' | 'du' | 'au'): string {
    const name = this.names.get(code) ?? code;
    const g = this.v.countryGrammar;
    const first = name.split(/[\s]/)[0];
    if (g.noArticle.has(first) || g.noArticle.has(name)) return form === 'le' ? name : form === 'du' ? `de ${name}` : `à ${name}`;
    if (g.plural.has(first) || g.plural.has(name)) return form === 'le' ? `les ${name}` : form === 'du' ? `des ${name}` : `aux ${name}`;
    const vowel = /^[AEIOUÉÈÊÎÔÛY]/i.test(name);
    const fem = !g.masculine.has(first) && !g.masculine.has(name) && /e$/i.test(first.split('-')[0]);
    if (form === 'au') return fem || vowel ? `en ${name}` : `au ${name}`;
    if (vowel) return form === 'le' ? `l'${name}` : `de l'${name}`;
    if (fem) return form === 'le' ? `la ${name}` : `de la ${name}`;
    return form === 'le' ? `le ${name}` : `du ${name}`;
  }

  private adj(code: string, fem: boolean, plural: boolean): string {
    const c = this.v.countries.get(code);
    let a = (fem ? c?.adjF : c?.adjM) ?? c?.adjM ?? this.names.get(code) ?? code;
    if (plural && !/[sx]$/.test(a)) a += 's';
    return a;
  }

  private institution(code: string, generic: string): string {
    const list = this.v.institutions.get(code);
    if (list?.length && this.rng.chance(0.65)) return this.rng.pick(list);
    return expandRule(generic, this);
  }

  private number(lo: number, hi: number): string {
    return String(this.rng.int(lo, hi));
  }

  private decimal(): string {
    if (this.rng.chance(0.6)) return this.number(10, 950);
    const sep = this.v.lang === 'en' ? '.' : ',';
    return `${this.rng.int(1, 9)}${sep}${this.rng.int(1, 9)}`;
  }

  private date(): string {
    const d = { day: this.rng.int(1, 28), month: this.rng.int(1, 12), year: this.rng.chance(0.7) ? this.year : this.rng.int(2015, 2026) };
    const self = this;
    const x: Expander = {
      rules: new Map(),
      pick: (l) => self.rng.pick(l),
      builtin: (name) => {
        if (name === 'day') return String(d.day);
        if (name === 'month') return self.v.months[d.month];
        if (name === 'month_num') return String(d.month);
        if (name === 'month_word') return `tháng ${d.month}`;
        if (name === 'year') return String(d.year);
        return self.builtin(name);
      },
    };
    return expand(this.rng.pick(this.v.dateFormats), x);
  }

  builtin(name: string): string | null {
    const r = this.rng;
    switch (name) {
      case 'A':
      case 'B':
      case 'C':
        return this.names.get(this[name]) ?? this[name];
      case 'A_adj':
      case 'A_adj_m':
        return this.adj(this.A, false, false);
      case 'B_adj':
      case 'B_adj_m':
        return this.adj(this.B, false, false);
      case 'A_adj_f':
        return this.adj(this.A, true, false);
      case 'B_adj_f':
        return this.adj(this.B, true, false);
      case 'A_adj_mp':
        return this.adj(this.A, false, true);
      case 'B_adj_mp':
        return this.adj(this.B, false, true);
      case 'A_adj_fp':
        return this.adj(this.A, true, true);
      case 'B_adj_fp':
        return this.adj(this.B, true, true);
      case 'A_le':
      case 'B_le':
      case 'C_le':
      case 'A_du':
      case 'B_du':
      case 'C_du':
      case 'A_au':
      case 'B_au':
      case 'C_au': {
        const code = name[0] === 'A' ? this.A : name[0] === 'B' ? this.B : this.C;
        return this.frCountry(code, name.slice(2) as 'le' | 'du' | 'au');
      }
      case 'inst_A':
        return this.institution(this.A, 'inst_generic_A');
      case 'inst_B':
        return this.institution(this.B, 'inst_generic_B');
      case 'inst':
        return this.v.allInstitutions.length ? r.pick(this.v.allInstitutions) : expandRule('inst_generic_B', this);
      case 'org':
        return this.v.orgs.length ? r.pick(this.v.orgs) : 'UNESCO';
      case 'D':
        return this.domainTerm;
      case 'domain':
        return r.pick(r.pick(this.v.domains).terms);
      case 'role':
        return r.pick(this.v.roles);
      case 'P1':
        return this.P1;
      case 'P2':
        return this.P2;
      case 'person':
        return this.personName();
      case 'city':
        return this.v.places.length ? r.pick(this.v.places).name : 'Hanoi';
      case 'city_A': {
        const l = this.v.placesByCountry.get(this.A);
        return l?.length ? r.pick(l) : this.builtin('city');
      }
      case 'date':
        return this.date();
      case 'day':
        return this.number(1, 28);
      case 'month':
        return this.v.months[r.int(1, 12)];
      case 'month_num':
        return this.number(1, 12);
      case 'month_word':
        return `tháng ${r.int(1, 12)}`;
      case 'year':
        return this.number(2015, 2025);
      case 'future_year':
        return this.number(2026, 2035);
      case 'num':
        return this.number(2, 500);
      case 'small':
        return this.number(2, 9);
      case 'big':
        return this.decimal();
      case 'pct':
        return this.number(2, 60);
      case 'outlet':
        return this.outlet;
      default:
        return null;
    }
  }
}

function isNearDup(opts: ArticleOptions, i: number): boolean {
  return i >= 50 && new Rng(mixSeed(opts.seed, i, STREAM_DUP)).chance(opts.nearDupShare);
}

/** The original a near-duplicate copies: an earlier article that is not itself a copy. */
function nearDupSource(opts: ArticleOptions, i: number): number {
  const r = new Rng(mixSeed(opts.seed, i, STREAM_DUP, 1));
  let j = i - r.int(1, Math.min(i, 2000));
  while (j > 0 && isNearDup(opts, j)) j--;
  return j;
}

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

/** Sentence kinds and their weights inside a cooperation article and an ordinary one. */
const COOP_MIX = { coop: 35, commitment: 8, policy: 5, context: 17, filler: 35 } as const;
const PLAIN_MIX = { filler: 92, context: 8 } as const;

function baseArticle(vocab: Vocabulary, opts: ArticleOptions, index: number): Article {
  const rng = new Rng(mixSeed(opts.seed, index, STREAM_BASE));
  const lang = rng.weighted(opts.langWeights);
  const v = vocab[lang];
  const coop = rng.chance(opts.coopShare);
  const codes = v.castCodes;
  const A = codes.includes('VNM') && rng.chance(0.55) ? 'VNM' : rng.pick(codes);
  let B = rng.pick(codes);
  while (B === A) B = rng.pick(codes);
  const all = [...v.countries.keys()];
  let C = rng.pick(all);
  while (C === A || C === B) C = rng.pick(all);
  const w = new Writer(v, rng, A, B, C);

  const title = w.sentence(coop ? 'coop_title' : 'title');
  const head: string[] = [];
  if (rng.chance(0.2)) head.push(w.sentence('dateline'));
  if (rng.chance(0.1)) head.push(w.sentence('credit'));
  const credit = rng.chance(0.3) ? w.sentence('credit') : null;
  const related: string[] = [];
  for (let k = rng.int(6, 12); k > 0; k--) related.push(w.sentence('teaser'));
  const teasers = rng.chance(0.6) ? [rng.pick(v.teaserOpeners), ...related.slice(0, rng.int(3, 6))] : [];
  const footer: string[] = [];
  if (rng.chance(0.5)) {
    footer.push(w.sentence('footer'));
    for (let k = rng.int(0, 2); k > 0; k--) footer.push(v.footerLines.length ? rng.pick(v.footerLines) : w.sentence('footer'));
  }
  const titleInText = rng.chance(0.5);

  // Size: skewed towards shorter articles, as news is; the body fills what the furniture leaves.
  const target = opts.minBytes + Math.floor((opts.maxBytes - opts.minBytes) * Math.pow(rng.next(), 1.6));
  let bytes = utf8(title) + 1;
  for (const l of [...head, ...teasers, ...footer, ...(credit ? [credit] : []), ...(titleInText ? [title] : [])]) bytes += utf8(l) + 2;
  const mix = coop ? COOP_MIX : PLAIN_MIX;
  const paragraphs: string[][] = [];
  let para: string[] = [];
  let paraLen = rng.int(2, 5);
  while (bytes < target) {
    const kind = coop && paragraphs.length === 0 && para.length === 0 ? 'coop' : rng.weighted(mix as Record<string, number>);
    const s = w.sentence(kind);
    const b = utf8(s) + 1;
    if (bytes + b > opts.maxBytes - 2 && bytes >= opts.minBytes) break;
    para.push(s);
    bytes += b;
    if (para.length >= paraLen) {
      paragraphs.push(para);
      para = [];
      paraLen = rng.int(2, 5);
      bytes += 1;
    }
  }
  if (para.length) paragraphs.push(para);

  const published = rng.chance(0.85) ? `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}` : null;
  const slug = `a${index.toString(36)}`;
  return {
    index,
    id: `bench-${opts.seed}-${index}`,
    lang,
    coop,
    nearDupOf: null,
    title,
    titleInText,
    head,
    paragraphs,
    credit,
    teasers,
    footer,
    sep: rng.chance(0.5) ? '\n\n' : '\n',
    url: `https://news${rng.int(1, 40)}.example/${lang}/${w.year}/${slug}`,
    source: w.outlet,
    published,
    declareLang: rng.chance(0.5),
    related,
    person: w.P1,
  };
}

/** Light edits that keep a copy above the near-duplicate threshold: one number or word changed, one sentence added, new furniture. */
function editCopy(vocab: Vocabulary, opts: ArticleOptions, index: number, orig: Article): Article {
  const rng = new Rng(mixSeed(opts.seed, index, STREAM_EDIT));
  const v = vocab[orig.lang];
  const paragraphs = orig.paragraphs.map((p) => [...p]);
  const pi = rng.int(0, paragraphs.length - 1);
  const si = rng.int(0, paragraphs[pi].length - 1);
  const s = paragraphs[pi][si];
  paragraphs[pi][si] = /\d+/.test(s) ? s.replace(/\d+/, String(rng.int(2, 999))) : s.replace(/\s\S+([.!?»"]*)$/, '$1');
  const w = new Writer(v, rng, 'VNM', 'VNM', 'VNM');
  paragraphs[paragraphs.length - 1].push(w.sentence('filler'));
  return {
    ...orig,
    index,
    id: `bench-${opts.seed}-${index}`,
    nearDupOf: orig.index,
    paragraphs,
    teasers: orig.teasers.length ? [rng.pick(v.teaserOpeners), ...orig.related.slice(rng.int(0, 3), 6)] : [],
    url: orig.url.replace(/\/a[0-9a-z]+$/, `/a${index.toString(36)}`).replace(/news\d+/, `news${rng.int(41, 60)}`),
    source: rng.chance(0.5) ? rng.pick(v.outlets) : orig.source,
  };
}

/** Article `index` of the corpus (a near-duplicate when the seed says so). */
export function buildArticle(vocab: Vocabulary, opts: ArticleOptions, index: number): Article {
  if (isNearDup(opts, index)) {
    const j = nearDupSource(opts, index);
    return editCopy(vocab, opts, index, baseArticle(vocab, opts, j));
  }
  return baseArticle(vocab, opts, index);
}

/** Plain text of the article as a CMS export would give it. */
export function articleText(a: Article): string {
  const blocks: string[] = [];
  if (a.titleInText) blocks.push(a.title);
  blocks.push(...a.head);
  a.paragraphs.forEach((p, i) => {
    blocks.push(p.join(' '));
    if (i === 0 && a.credit) blocks.push(a.credit);
  });
  if (a.teasers.length) blocks.push(a.teasers.join(a.sep === '\n' ? '\n' : '\n'));
  if (a.footer.length) blocks.push(a.footer.join('\n'));
  return blocks.join(a.sep);
}

/** One JSONL record. */
export function articleRecord(a: Article): Record<string, string> {
  const rec: Record<string, string> = { id: a.id, title: a.title, text: articleText(a), url: a.url, source: a.source };
  if (a.published) rec.published = a.published;
  if (a.declareLang) rec.lang = a.lang;
  return rec;
}
