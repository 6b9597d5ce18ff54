/**
 * HTML page → RawDocument: metadata from the head (html-meta.ts), main content by Mozilla
 * Readability, text rebuilt paragraph by paragraph (html-text.ts). When Readability finds nothing,
 * the page body minus its obvious chrome (nav, header, footer, aside, share/cookie blocks) is used,
 * so a short page still yields its text. A page with no text at all is an 'empty' problem.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { InputFormat, RawDocument } from '../types.ts';
import { IngestError } from './errors.ts';
import { readHtmlMetadata } from './html-meta.ts';
import { blocksToText, ensureDocumentShell, htmlFragmentToText } from './html-text.ts';

export interface HtmlDocumentOptions {
  sourcePath: string;
  /** URL the page was fetched from (resolves relative canonical links; used when the page declares none). */
  url?: string | null;
  /** Byte size in the input; defaults to the UTF-8 size of `html`. */
  bytes?: number;
  itemIndex?: number | null;
  /** Container format for HTML embedded in JSON ('json' / 'jsonl'); default 'html'. */
  format?: InputFormat;
  /** A snippet, not a page: skip Readability (feed bodies, JSON `html` fields). */
  fragment?: boolean;
}

/** Parse one HTML page (or fragment). Throws IngestError('empty') when it has no readable text. */
export function parseHtmlDocument(html: string, opts: HtmlDocumentOptions): RawDocument {
  const source = html.normalize('NFC');
  const { document } = parseHTML(ensureDocumentShell(source));
  const meta = readHtmlMetadata(document, opts.url);

  let text = '';
  let readabilityTitle: string | null = null;
  if (opts.fragment) {
    text = blocksToText(document.body);
  } else {
    try {
      const article = new Readability(document as unknown as Document, { serializer: (n: Node) => n }).parse();
      if (article?.content) text = blocksToText(article.content);
      readabilityTitle = article?.title?.trim() || null;
    } catch {
      text = ''; // Readability gives up on some malformed trees: use the fallback below
    }
    // Readability rewrites the document in place, so the fallback parses the page again.
    if (!text) text = mainContentText(source);
  }
  if (!text.trim()) {
    throw new IngestError('empty', 'empty: the HTML page has no readable text (no <body> content)');
  }

  return {
    source_path: opts.sourcePath,
    item_index: opts.itemIndex ?? null,
    format: opts.format ?? 'html',
    external_id: null,
    title: meta.title ?? readabilityTitle ?? firstHeading(source),
    text,
    url: meta.url ?? opts.url ?? null,
    site_name: meta.site_name,
    source: meta.source,
    published_raw: meta.published_raw,
    declared_lang: meta.declared_lang,
    bytes: opts.bytes ?? Buffer.byteLength(html, 'utf8'),
    boilerplate_hints: [],
  };
}

const CHROME_SELECTOR = [
  'nav', 'header', 'footer', 'aside', 'form', 'dialog',
  '[role="navigation"]', '[role="banner"]', '[role="contentinfo"]', '[role="complementary"]', '[role="search"]',
].join(',');
/** class/id words of page furniture. */
const CHROME_NAME = /(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|footer|header|sidebar|share|sharing|social|cookies?|consent|banner|related|comments?|newsletter|subscribe|advert|ads?|promo|popup|modal)(?:$|[\s_-])/i;

/** Body text without page chrome, from the largest <article>/<main> if there is one. */
function mainContentText(html: string): string {
  const { document } = parseHTML(ensureDocumentShell(html));
  const body = document.body;
  if (!body) return '';
  for (const el of Array.from(body.querySelectorAll(CHROME_SELECTOR))) el.remove();
  for (const el of Array.from(body.querySelectorAll('[class],[id]'))) {
    const name = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
    if (CHROME_NAME.test(name) && el.isConnected !== false) el.remove();
  }
  let root: unknown = body;
  let best = 0;
  for (const el of Array.from(body.querySelectorAll('article, main, [role="main"]'))) {
    const len = (el.textContent ?? '').trim().length;
    if (len > best) {
      best = len;
      root = el;
    }
  }
  return blocksToText(root);
}

function firstHeading(html: string): string | null {
  const m = /<h1\b[^>]*>([\s\S]*?)<\/h1>/i.exec(html);
  if (!m) return null;
  const t = htmlFragmentToText(m[1]).replace(/\s+/g, ' ').trim();
  return t || null;
}
