/**
 * JSON inputs: one document per object with `text` or `html`, plus optional `id`, `title`, `url`,
 * `published`, `lang`, `source`. A `.json` file holds one object or an array of objects; JSONL /
 * NDJSON holds one object per line and is streamed, so its size is unbounded.
 *
 * A few common alternative field names are accepted too (content/body, link, date/published_at/
 * datePublished, language, site_name) because exports from other tools use them.
 */
import type { IngestItem, InputFormat, ProblemCode, RawDocument } from '../types.ts';
import { decodeBytes } from './decode.ts';
import { describeFailure, IngestError } from './errors.ts';
import { parseHtmlDocument } from './html.ts';
import { asUtf8Chunks, splitLines } from './lines.ts';
import { parseTextDocument } from './text.ts';

export interface JsonRecordContext {
  sourcePath: string;
  /** JSONL line number (from 1), array position (from 0), or null for a single object. */
  itemIndex: number | null;
  format?: Extract<InputFormat, 'json' | 'jsonl'>;
  /** Byte size of the record in its input. */
  bytes?: number;
}

/** One JSON object → RawDocument. Throws IngestError when it is not an object or has no text/html. */
export function parseJsonRecord(obj: unknown, ctx: JsonRecordContext): RawDocument {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
    throw new IngestError('parse_error', `parse_error: ${where(ctx)} is not a JSON object`);
  }
  const o = obj as Record<string, unknown>;
  const format = ctx.format ?? 'json';
  const bytes = ctx.bytes ?? Buffer.byteLength(JSON.stringify(o), 'utf8');
  const text = field(o, 'text', 'content', 'body');
  const html = field(o, 'html');
  const url = field(o, 'url', 'link');

  let doc: RawDocument;
  if (text) doc = parseTextDocument(text, ctx.sourcePath, { format, itemIndex: ctx.itemIndex, bytes });
  else if (html) {
    const fragment = !/<(?:html|body)[\s>]/i.test(html);
    doc = parseHtmlDocument(html, { sourcePath: ctx.sourcePath, itemIndex: ctx.itemIndex, format, bytes, url, fragment });
  } else {
    throw new IngestError('empty', `empty: ${where(ctx)} has no "text" or "html" field`);
  }

  const id = o.id ?? o._id;
  return {
    ...doc,
    external_id: typeof id === 'string' || typeof id === 'number' ? String(id).normalize('NFC') : null,
    title: field(o, 'title', 'headline') ?? doc.title,
    url: url ?? doc.url,
    published_raw: field(o, 'published', 'date', 'published_at', 'datePublished', 'pubDate') ?? doc.published_raw,
    declared_lang: field(o, 'lang', 'language') ?? doc.declared_lang,
    source: field(o, 'source', 'publisher') ?? doc.source,
    site_name: field(o, 'site_name') ?? doc.site_name,
  };
}

/**
 * A whole `.json` file: an object, an array of objects, or an object wrapping such an array
 * (`documents`/`items`/`articles`/`records`). Throws IngestError('parse_error') when the JSON is
 * invalid; problems with single records are returned as items so the good records are kept.
 */
export function parseJsonDocument(text: string, sourcePath: string, opts: { maxDocBytes?: number } = {}): IngestItem[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new IngestError('parse_error', `parse_error: invalid JSON (${(e as Error).message})`);
  }
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    const o = data as Record<string, unknown>;
    if (!field(o, 'text', 'content', 'body', 'html')) {
      const list = ['documents', 'items', 'articles', 'records'].map((k) => o[k]).find(Array.isArray);
      if (list) data = list;
    }
  }
  if (!Array.isArray(data)) return [recordItem(data, { sourcePath, itemIndex: null, format: 'json' }, opts.maxDocBytes)];
  return data.map((rec, i) => recordItem(rec, { sourcePath, itemIndex: i, format: 'json' }, opts.maxDocBytes));
}

/** One JSONL line (already decoded). Returns null for blank lines. Never throws. */
export function parseJsonLine(line: string, lineNo: number, sourcePath: string, opts: { bytes?: number; maxDocBytes?: number } = {}): IngestItem | null {
  if (!/\S/.test(line)) return null;
  const ctx: JsonRecordContext = { sourcePath, itemIndex: lineNo, format: 'jsonl', bytes: opts.bytes ?? Buffer.byteLength(line, 'utf8') };
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch (e) {
    return problem(ctx, 'parse_error', `parse_error: line ${lineNo} is not valid JSON (${(e as Error).message})`);
  }
  return recordItem(data, ctx, opts.maxDocBytes);
}

/**
 * Stream JSONL records from byte chunks (a file or gunzip stream). Memory stays flat: one line at
 * a time, and lines over `maxDocBytes` are skipped without being held. Errors of the underlying
 * stream (e.g. truncated gzip) propagate to the caller after the good lines have been yielded.
 */
export async function* readJsonLines(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, sourcePath: string, opts: { maxDocBytes: number }): AsyncGenerator<IngestItem> {
  for await (const { line, lineNo, bytes } of splitLines(asUtf8Chunks(source), opts.maxDocBytes)) {
    if (line === null) {
      yield problem({ sourcePath, itemIndex: lineNo }, 'too_large', `too_large: line ${lineNo} is ${bytes} bytes, over the ${opts.maxDocBytes}-byte document limit`);
      continue;
    }
    if (line.length === 0 || isBlank(line)) continue;
    let text: string;
    try {
      text = decodeBytes(line).text;
    } catch (e) {
      const f = describeFailure(e);
      yield problem({ sourcePath, itemIndex: lineNo }, f.code, `${f.reason} (line ${lineNo})`);
      continue;
    }
    const item = parseJsonLine(text, lineNo, sourcePath, { bytes, maxDocBytes: opts.maxDocBytes });
    if (item) yield item;
  }
}

// ---------------------------------------------------------------------------------------------

function recordItem(rec: unknown, ctx: JsonRecordContext, maxDocBytes?: number): IngestItem {
  try {
    const doc = parseJsonRecord(rec, ctx);
    if (maxDocBytes !== undefined && doc.bytes > maxDocBytes) {
      return problem(ctx, 'too_large', `too_large: ${where(ctx)} is ${doc.bytes} bytes, over the ${maxDocBytes}-byte document limit`);
    }
    return { kind: 'doc', doc };
  } catch (e) {
    const f = describeFailure(e);
    return problem(ctx, f.code, f.reason);
  }
}

function problem(ctx: Pick<JsonRecordContext, 'sourcePath' | 'itemIndex'>, code: ProblemCode, reason: string): IngestItem {
  return { kind: 'problem', problem: { source_path: ctx.sourcePath, item_index: ctx.itemIndex, code, reason } };
}

function where(ctx: Pick<JsonRecordContext, 'itemIndex' | 'format'>): string {
  if (ctx.itemIndex === null) return 'the JSON object';
  return ctx.format === 'jsonl' ? `line ${ctx.itemIndex}` : `item ${ctx.itemIndex}`;
}

/** Fields holding the document body: kept verbatim (not trimmed), never taken from a number. */
const BODY_KEYS = new Set(['text', 'content', 'body', 'html']);

/** First non-empty string (or number) among the given keys, NFC. */
function field(o: Record<string, unknown>, ...keys: string[]): string | null {
  for (const k of keys) {
    const v = o[k];
    if (typeof v === 'string' && /\S/.test(v)) return BODY_KEYS.has(k) ? v.normalize('NFC') : v.normalize('NFC').trim();
    if (typeof v === 'number' && Number.isFinite(v) && !BODY_KEYS.has(k)) return String(v);
  }
  return null;
}

function isBlank(buf: Buffer): boolean {
  for (const b of buf) if (b !== 0x20 && b !== 0x09 && b !== 0x0d) return false;
  return true;
}
