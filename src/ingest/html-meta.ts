/**
 * Article metadata from an HTML document's head: Open Graph / article:* / Dublin Core meta tags,
 * <link rel=canonical>, <time datetime>, <html lang> and schema.org JSON-LD (NewsArticle, Article…,
 * including nodes inside `@graph` arrays and publishers referenced by `@id`).
 *
 * Must run before Readability, which rewrites the document.
 */

export interface HtmlMetadata {
  title: string | null;
  published_raw: string | null;
  url: string | null;
  site_name: string | null;
  /** Publisher / outlet name. */
  source: string | null;
  declared_lang: string | null;
}

/** What we read from a DOM element (linkedom or browser). */
interface El {
  getAttribute(name: string): string | null;
  textContent: string | null;
}
interface Doc {
  documentElement: El | null;
  querySelectorAll(sel: string): ArrayLike<El>;
  querySelector(sel: string): El | null;
}

const PUBLISHED_META = [
  'article:published_time', 'og:article:published_time', 'datepublished', 'date', 'pubdate', 'publishdate', 'publish_date',
  'publish-date', 'dc.date', 'dc.date.issued', 'dc.date.created', 'dcterms.date', 'dcterms.issued', 'dcterms.created',
  'sailthru.date', 'parsely-pub-date', 'article.published', 'og:published_time',
];

/** Read metadata. `baseUrl` resolves a relative canonical link. */
export function readHtmlMetadata(document: unknown, baseUrl?: string | null): HtmlMetadata {
  const doc = document as Doc;
  const metas = new Map<string, string>();
  const metaEls = doc.querySelectorAll('meta');
  for (let i = 0; i < metaEls.length; i++) {
    const m = metaEls[i];
    const content = m.getAttribute('content')?.trim();
    if (!content) continue;
    for (const attr of ['property', 'name', 'itemprop', 'http-equiv']) {
      const key = m.getAttribute(attr)?.trim().toLowerCase();
      if (key && !metas.has(key)) metas.set(key, content);
    }
  }
  const meta = (...keys: string[]) => {
    for (const k of keys) {
      const v = metas.get(k);
      if (v) return v;
    }
    return null;
  };

  const ld = readJsonLd(doc);
  const canonical = doc.querySelector('link[rel~="canonical"]')?.getAttribute('href')?.trim() || null;

  return {
    title: clean(ld.headline) ?? clean(meta('og:title', 'twitter:title', 'dc.title')) ?? clean(doc.querySelector('title')?.textContent),
    published_raw: meta(...PUBLISHED_META) ?? clean(ld.datePublished) ?? timeElement(doc),
    url: absoluteUrl(canonical, baseUrl) ?? absoluteUrl(meta('og:url'), baseUrl) ?? absoluteUrl(clean(ld.url), baseUrl),
    site_name: clean(meta('og:site_name', 'application-name')) ?? clean(ld.publisher),
    source: clean(ld.publisher) ?? clean(meta('og:site_name', 'dc.publisher', 'publisher')),
    declared_lang:
      clean(doc.documentElement?.getAttribute('lang')) ?? clean(doc.documentElement?.getAttribute('xml:lang')) ?? clean(ld.inLanguage) ?? clean(meta('content-language', 'dc.language', 'og:locale')),
  };
}

/** `<time pubdate>`, else the first `<time datetime>` inside <article>, else the only one on the page. */
function timeElement(doc: Doc): string | null {
  const pub = doc.querySelector('time[pubdate][datetime]')?.getAttribute('datetime');
  if (pub?.trim()) return pub.trim();
  const inArticle = doc.querySelector('article time[datetime]')?.getAttribute('datetime');
  if (inArticle?.trim()) return inArticle.trim();
  const all = doc.querySelectorAll('time[datetime]');
  return all.length === 1 ? clean(all[0].getAttribute('datetime')) : null; // several: sidebars, comments — ambiguous
}

function clean(s: string | null | undefined): string | null {
  const t = s?.replace(/\s+/g, ' ').trim();
  return t ? t : null;
}

function absoluteUrl(u: string | null, base?: string | null): string | null {
  if (!u) return null;
  try {
    return new URL(u, base ?? undefined).href;
  } catch {
    return null; // relative without a base, or not a URL at all
  }
}

// ---------------------------------------------------------------------------------------------
// JSON-LD

interface LdArticle {
  headline?: string;
  datePublished?: string;
  url?: string;
  publisher?: string;
  inLanguage?: string;
}

const ARTICLE_TYPE = /^(?:[A-Za-z]*Article|BlogPosting|LiveBlogPosting|Report)$/;

function readJsonLd(doc: Doc): LdArticle {
  const scripts = doc.querySelectorAll('script[type="application/ld+json"]');
  const nodes: Record<string, unknown>[] = [];
  for (let i = 0; i < scripts.length; i++) {
    const raw = scripts[i].textContent;
    if (!raw?.trim()) continue;
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      try {
        data = JSON.parse(raw.replace(/[\u0000-\u001f]+/g, ' ')); // raw newlines inside strings are common
      } catch {
        continue;
      }
    }
    collectNodes(data, nodes, 0);
  }
  const byId = new Map<string, Record<string, unknown>>();
  for (const n of nodes) if (typeof n['@id'] === 'string') byId.set(n['@id'], n);
  const article = nodes.find((n) => types(n).some((t) => ARTICLE_TYPE.test(t)));
  const page = nodes.find((n) => types(n).includes('WebPage'));
  if (!article) return { inLanguage: langOf(page?.inLanguage) };

  const deref = (v: unknown): unknown => {
    const first = Array.isArray(v) ? v[0] : v;
    if (first && typeof first === 'object' && typeof (first as Record<string, unknown>)['@id'] === 'string') {
      return byId.get((first as Record<string, string>)['@id']) ?? first;
    }
    return first;
  };
  const publisher = deref(article.publisher);
  const mainEntity = deref(article.mainEntityOfPage);
  return {
    headline: str(article.headline) ?? str(article.name),
    datePublished: str(article.datePublished) ?? str(article.dateCreated),
    url: str(article.url) ?? str(mainEntity) ?? str((mainEntity as Record<string, unknown> | undefined)?.['@id']),
    publisher: typeof publisher === 'string' ? publisher : str((publisher as Record<string, unknown> | undefined)?.name),
    inLanguage: langOf(article.inLanguage) ?? langOf(page?.inLanguage),
  };
}

/** Flatten top-level arrays and `@graph` arrays into a node list (bounded depth). */
function collectNodes(data: unknown, out: Record<string, unknown>[], depth: number): void {
  if (depth > 4 || data === null || typeof data !== 'object') return;
  if (Array.isArray(data)) {
    for (const d of data) collectNodes(d, out, depth + 1);
    return;
  }
  const obj = data as Record<string, unknown>;
  out.push(obj);
  if (Array.isArray(obj['@graph'])) collectNodes(obj['@graph'], out, depth + 1);
}

function types(n: Record<string, unknown>): string[] {
  const t = n['@type'];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string').map((x) => x.replace(/^.*[/:]/, ''));
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string' && v.trim()) return v.trim();
  if (Array.isArray(v)) return str(v[0]);
  return undefined;
}

function langOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() || undefined;
  if (Array.isArray(v)) return langOf(v[0]);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return str(o.alternateName) ?? str(o.name);
  }
  return undefined;
}
