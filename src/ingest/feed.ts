/**
 * RSS 2.0 / RSS 1.0 (RDF) / Atom feeds → one RawDocument per item or entry.
 *
 * Body: content:encoded, then content, then description/summary. Feed bodies are HTML fragments
 * far more often than not, so they go through the fragment HTML-to-text path (no Readability:
 * there is no page chrome to remove). Atom <content>/<summary> are kept raw by the XML parser
 * (stopNodes) because type="xhtml" content is markup that must not be turned into objects.
 */
import { XMLParser } from 'fast-xml-parser';
import type { IngestItem, InputFormat, RawDocument } from '../types.ts';
import { IngestError } from './errors.ts';
import { htmlFragmentToText } from './html-text.ts';

export interface FeedOptions {
  sourcePath: string;
  /** Items whose body is larger than this become 'too_large' problems. */
  maxDocBytes?: number;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  htmlEntities: true,
  stopNodes: ['feed.entry.content', 'feed.entry.summary'],
  isArray: (name, jpath) => name === 'link' || jpath === 'rss.channel.item' || jpath === 'rdf:RDF.item' || jpath === 'feed.entry',
});

type Node = Record<string, unknown>;

/** True when the start of `text` is an RSS, RDF or Atom document. */
export function looksLikeFeed(text: string): boolean {
  return /^(?:\s|<\?xml[^>]*>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>|<\?xml-stylesheet[^>]*>)*<(?:rss|feed|rdf:RDF)[\s>]/i.test(text.slice(0, 4096));
}

/** Parse a feed. Throws IngestError when the XML is not a feed; item problems are returned as items. */
export function parseFeed(xml: string, opts: FeedOptions): IngestItem[] {
  let data: Node;
  try {
    data = parser.parse(xml) as Node;
  } catch (e) {
    throw new IngestError('parse_error', `parse_error: invalid XML (${(e as Error).message})`);
  }
  const rss = obj(data.rss);
  const rdf = obj(data['rdf:RDF']);
  const atom = obj(data.feed);
  if (rss || rdf) {
    const channel = obj(rss?.channel) ?? obj(rdf?.channel) ?? {};
    const items = (rss ? (obj(rss.channel)?.item as Node[] | undefined) : (rdf?.item as Node[] | undefined)) ?? [];
    const feedTitle = plain(channel.title);
    const lang = text(channel.language) ?? text(channel['dc:language']);
    return items.map((item, i) => feedItem(opts, 'rss', i, item ?? {}, feedTitle, lang, rssItem));
  }
  if (atom) {
    const entries = (atom.entry as Node[] | undefined) ?? [];
    const feedTitle = plain(atom.title);
    const lang = text(atom['@_xml:lang']);
    return entries.map((entry, i) => feedItem(opts, 'atom', i, entry ?? {}, feedTitle, lang, atomEntry));
  }
  throw new IngestError('unsupported', 'unsupported: XML document is neither an RSS nor an Atom feed');
}

interface ItemFields {
  title: string | null;
  url: string | null;
  published: string | null;
  creator: string | null;
  /** Raw body and whether it is markup. */
  body: string | null;
}

function rssItem(item: Node): ItemFields {
  const guid = obj(item.guid);
  const guidText = text(item.guid);
  const guidIsLink = guidText && /^https?:\/\//.test(guidText) && guid?.['@_isPermaLink'] !== 'false';
  return {
    title: plain(item.title),
    url: text(item.link) ?? (guidIsLink ? guidText : null),
    published: text(item.pubDate) ?? text(item['dc:date']) ?? text(item.published) ?? text(item.updated),
    creator: plain(item['dc:creator']) ?? plain(item.author),
    body: text(item['content:encoded']) ?? text(item.content) ?? text(item.description) ?? text(item.summary),
  };
}

function atomEntry(entry: Node): ItemFields {
  const links = (entry.link as unknown[] | undefined) ?? [];
  const alternate = links.map(obj).find((l) => l && (!l['@_rel'] || l['@_rel'] === 'alternate') && l['@_href']);
  const author = obj(entry.author);
  return {
    title: plain(entry.title),
    url: text(alternate?.['@_href']) ?? (text(entry.id)?.match(/^https?:\/\//) ? text(entry.id) : null),
    published: text(entry.published) ?? text(entry.updated) ?? text(entry.issued),
    creator: plain(author?.name),
    body: atomText(entry.content) ?? atomText(entry.summary),
  };
}

function feedItem(
  opts: FeedOptions,
  format: Extract<InputFormat, 'rss' | 'atom'>,
  index: number,
  node: Node,
  feedTitle: string | null,
  lang: string | null,
  read: (n: Node) => ItemFields,
): IngestItem {
  const problem = (code: 'empty' | 'too_large', reason: string): IngestItem => ({
    kind: 'problem',
    problem: { source_path: opts.sourcePath, item_index: index, code, reason },
  });
  const f = read(node);
  if (!f.body?.trim()) return problem('empty', `empty: feed item ${index} has no content (no content:encoded, content, description or summary)`);
  const bytes = Buffer.byteLength(f.body, 'utf8');
  if (opts.maxDocBytes !== undefined && bytes > opts.maxDocBytes) {
    return problem('too_large', `too_large: feed item ${index} is ${bytes} bytes, over the ${opts.maxDocBytes}-byte document limit`);
  }
  const body = bodyText(f.body);
  if (!body) return problem('empty', `empty: feed item ${index} has no readable text`);
  const doc: RawDocument = {
    source_path: opts.sourcePath,
    item_index: index,
    format,
    external_id: null,
    title: f.title,
    text: body,
    url: f.url,
    site_name: null,
    source: feedTitle ?? f.creator,
    published_raw: f.published,
    declared_lang: lang,
    bytes,
    boilerplate_hints: [],
  };
  return { kind: 'doc', doc };
}

/** Feed body → paragraphs: markup through the HTML fragment path, plain text split on blank lines. */
function bodyText(body: string): string {
  if (/<[a-z!/][^>]*>/i.test(body)) return htmlFragmentToText(body).normalize('NFC');
  return body
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/[^\S\n]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n')
    .normalize('NFC');
}

/** Atom text construct kept raw by stopNodes: xhtml is markup as is; html/text are escaped. */
function atomText(v: unknown): string | null {
  const raw = text(v);
  if (raw === null) return null;
  const type = String(obj(v)?.['@_type'] ?? 'text').toLowerCase();
  if (type === 'xhtml' || type.endsWith('xhtml+xml')) return raw;
  return decodeXml(raw);
}

/** Undo XML escaping and CDATA sections (for raw stopNode content). */
function decodeXml(s: string): string {
  return s.replace(/<!\[CDATA\[([\s\S]*?)\]\]>|&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (m, cdata: string | undefined, ent: string | undefined) => {
    if (cdata !== undefined) return cdata;
    const e = ent!.toLowerCase();
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'amp') return '&';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    const cp = e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
  });
}

function obj(v: unknown): Node | null {
  if (Array.isArray(v)) return obj(v[0]);
  return v && typeof v === 'object' ? (v as Node) : null;
}

/** Text of a parsed value: a string, a node's #text, or the first of an array. */
function text(v: unknown): string | null {
  if (Array.isArray(v)) return text(v[0]);
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number') return String(v);
  if (v && typeof v === 'object') return text((v as Node)['#text']);
  return null;
}

/** Text for titles and names: markup and HTML entities removed, whitespace collapsed. */
function plain(v: unknown): string | null {
  let t = text(v);
  if (t === null) return null;
  if (obj(v)?.['@_type'] !== undefined && String(obj(v)!['@_type']) !== 'text') t = decodeXml(t);
  if (/[<&]/.test(t)) t = htmlFragmentToText(t);
  t = t.replace(/\s+/g, ' ').trim().normalize('NFC');
  return t || null;
}
