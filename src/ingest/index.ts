/**
 * INGEST stage: files, folders, stdin and URLs → a stream of RawDocuments and InputProblems.
 *
 *   readInputs(specs) yields, per input file: its documents and problems, then one 'input-done'
 *   (with the file's fingerprint) once the file has been fully read. One bad input — or one bad
 *   record inside an input — never stops the batch; every failure becomes a problem that names the
 *   input (and the line / item) and says why.
 *
 * Formats are chosen by file name (extension, with `.gz` stripped), by Content-Type for URLs, and by
 * content sniffing otherwise. The pieces are exported so they can be used (and timed) alone.
 */
import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { constants as bufferConstants } from 'node:buffer';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createGunzip, gunzip } from 'node:zlib';
import type { IngestItem, InputFingerprint, ProblemCode } from '../types.ts';
import { charsetFromContentType, decodeBytes } from './decode.ts';
import { describeFailure, IngestError } from './errors.ts';
import { parseFeed } from './feed.ts';
import { fetchUrl } from './fetch.ts';
import { parseHtmlDocument } from './html.ts';
import { parseJsonDocument, parseJsonLine, readJsonLines } from './json.ts';
import { formatFromName, isGzip, isKnownInputName, sniffFormat, type FormatGuess } from './sniff.ts';
import { parseTextDocument } from './text.ts';
import { walkFolder } from './walk.ts';

export { decodeBytes, charsetFromContentType, sniffDeclaredCharset, type DecodedText, type DecodeOptions } from './decode.ts';
export { IngestError } from './errors.ts';
export { parseFeed, looksLikeFeed, type FeedOptions } from './feed.ts';
export { fetchUrl, type FetchedInput, type FetchOptions } from './fetch.ts';
export { parseHtmlDocument, type HtmlDocumentOptions } from './html.ts';
export { readHtmlMetadata, type HtmlMetadata } from './html-meta.ts';
export { blocksToText, htmlFragmentToText } from './html-text.ts';
export { parseJsonRecord, parseJsonDocument, parseJsonLine, readJsonLines, type JsonRecordContext } from './json.ts';
export { formatFromName, isKnownInputName, sniffFormat, type FormatGuess } from './sniff.ts';
export { parseTextDocument, normaliseText, type TextDocumentOptions } from './text.ts';
export { detectTextMetadata, type TextMetadata } from './text-metadata.ts';
export { walkFolder } from './walk.ts';

export interface IngestOptions {
  /** A document (or a whole single-document file) over this is refused with code 'too_large'. Default 20 MiB. */
  maxDocBytes?: number;
  /** Timeout for URL inputs, covering the whole download. Default 15 000 ms. */
  fetchTimeoutMs?: number;
  /** Label for '-' (standard input). Default '-'. */
  stdinName?: string;
  /** Called before a file is read; returning true skips it silently (the pipeline passes store.isInputUnchanged and counts skips itself). */
  skipInput?: (fp: { source_path: string; size: number; mtime_ms: number }) => boolean;
  /**
   * Cap for multi-document inputs that must be read whole (.json, feeds, stdin, unknown formats).
   * JSONL is streamed and has no file cap. Default 256 MiB (never below maxDocBytes).
   */
  maxFileBytes?: number;
  /** Source for '-' (tests inject one). Default process.stdin. */
  stdin?: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
}

interface Resolved {
  maxDocBytes: number;
  maxFileBytes: number;
  fetchTimeoutMs: number;
  stdinName: string;
  skipInput?: IngestOptions['skipInput'];
  stdin?: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
}

const DEFAULT_MAX_DOC = 20 * 1024 * 1024;
const DEFAULT_MAX_FILE = 256 * 1024 * 1024;
/** A file whose first lines are all broken is probably not JSONL at all: stop after this many. */
const MAX_LEADING_BAD_LINES = 50;

/** Read every input in order. Never throws: failures are yielded as problems. */
export async function* readInputs(specs: string[], opts: IngestOptions = {}): AsyncGenerator<IngestItem> {
  const maxDocBytes = opts.maxDocBytes ?? DEFAULT_MAX_DOC;
  const o: Resolved = {
    maxDocBytes,
    maxFileBytes: Math.max(opts.maxFileBytes ?? DEFAULT_MAX_FILE, maxDocBytes),
    fetchTimeoutMs: opts.fetchTimeoutMs ?? 15000,
    stdinName: opts.stdinName ?? '-',
    skipInput: opts.skipInput,
    stdin: opts.stdin,
  };
  for (const spec of specs) {
    try {
      if (spec === '-') yield* readStdin(o);
      else if (/^https?:\/\//i.test(spec)) yield* readUrl(spec, o);
      else if (/^file:\/\//i.test(spec)) yield* readPath(fileURLToPath(spec), o);
      else if (/^[a-z][a-z0-9+.-]+:\/\//i.test(spec)) {
        yield problem(spec, null, 'unsupported', `unsupported: only http(s) URLs, file paths and - (stdin) can be read`);
      } else yield* readPath(spec, o);
    } catch (e) {
      // Last resort: whatever escaped the readers below still only costs this one input.
      const f = describeFailure(e);
      yield problem(spec === '-' ? o.stdinName : spec, null, f.code, f.reason);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Inputs

async function* readPath(spec: string, o: Resolved): AsyncGenerator<IngestItem> {
  let st: Stats;
  try {
    st = await stat(spec);
  } catch (e) {
    const f = describeFailure(e);
    yield problem(spec, null, f.code, f.reason);
    return;
  }
  if (!st.isDirectory()) {
    yield* readFileInput(spec, st, o);
    return;
  }
  for await (const entry of walkFolder(spec, isKnownInputName)) {
    if ('problem' in entry) yield { kind: 'problem', problem: entry.problem };
    else yield* readFileInput(entry.path, null, o);
  }
}

/** One file: its items, then 'input-done' unless the file itself failed. */
async function* readFileInput(file: string, known: Stats | null, o: Resolved): AsyncGenerator<IngestItem> {
  let st: Stats;
  try {
    st = known ?? (await stat(file));
  } catch (e) {
    const f = describeFailure(e);
    yield problem(file, null, f.code, f.reason);
    return;
  }
  if (!st.isFile()) {
    yield problem(file, null, 'unreadable', 'unreadable: not a regular file');
    return;
  }
  const fp = { source_path: file, size: st.size, mtime_ms: st.mtimeMs };
  if (o.skipInput?.(fp)) return;

  const { format, gzip } = formatFromName(file);
  let documents = 0;
  try {
    let items: AsyncIterable<IngestItem>;
    if (format === 'jsonl') {
      if (gzip && st.size === 0) throw new IngestError('truncated', 'truncated: 0-byte gzip file');
      items = streamJsonlFile(file, gzip, o);
    } else {
      const limit = format === 'text' || format === 'markdown' || format === 'html' ? o.maxDocBytes : o.maxFileBytes;
      if (!gzip && st.size > limit) throw tooLarge(st.size, limit, format === 'text' || format === 'markdown' || format === 'html' ? 'document' : 'file');
      let buf: Buffer = await readFile(file);
      if (gzip || isGzip(buf)) buf = await gunzipLimited(buf, limit);
      items = parseBuffer(buf, format ?? 'sniff', { sourcePath: file, o });
    }
    for await (const item of items) {
      if (item.kind === 'doc') documents++;
      yield item;
    }
  } catch (e) {
    const f = describeFailure(e);
    yield problem(file, null, f.code, f.reason);
    return; // the file failed: no input-done, so the next run tries it again
  }
  const input: InputFingerprint = { ...fp, documents };
  yield { kind: 'input-done', input };
}

async function* readStdin(o: Resolved): AsyncGenerator<IngestItem> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of o.stdin ?? (process.stdin as AsyncIterable<Uint8Array>)) {
    total += chunk.byteLength;
    if (total > o.maxFileBytes) throw tooLarge(total, o.maxFileBytes, 'input');
    chunks.push(Buffer.from(chunk));
  }
  let buf: Buffer = Buffer.concat(chunks, total);
  if (isGzip(buf)) buf = await gunzipLimited(buf, o.maxFileBytes);
  yield* parseBuffer(buf, 'sniff', { sourcePath: o.stdinName, o });
}

async function* readUrl(url: string, o: Resolved): AsyncGenerator<IngestItem> {
  const res = await fetchUrl(url, { timeoutMs: o.fetchTimeoutMs, maxBytes: o.maxFileBytes });
  let buf: Buffer = res.bytes;
  if (isGzip(buf)) buf = await gunzipLimited(buf, o.maxFileBytes);
  const guess = formatFromContentType(res.contentType);
  const items = parseBuffer(buf, guess, { sourcePath: url, o, url: res.finalUrl, declaredCharset: charsetFromContentType(res.contentType) });
  for await (const item of items) {
    // A single page without a declared URL is known by the URL it was fetched from.
    if (item.kind === 'doc' && item.doc.item_index === null) item.doc.url ??= res.finalUrl;
    yield item;
  }
}

// ---------------------------------------------------------------------------------------------
// Parsing a whole input held in memory

interface ParseContext {
  sourcePath: string;
  o: Resolved;
  /** URL the bytes came from (base for relative links). */
  url?: string;
  declaredCharset?: string | null;
}

/**
 * Decode and parse one input held in memory. Whole-input failures throw (IngestError); problems
 * with single records inside a multi-record input are yielded.
 */
async function* parseBuffer(buf: Buffer, guess: FormatGuess | 'sniff', ctx: ParseContext): AsyncGenerator<IngestItem> {
  const { sourcePath, o } = ctx;
  if (guess === 'jsonl') {
    yield* guardJsonl(readJsonLines([buf], sourcePath, { maxDocBytes: o.maxDocBytes }));
    return;
  }
  const { text } = decodeBytes(buf, { declaredCharset: ctx.declaredCharset });
  const format = guess === 'sniff' || guess === 'xml' ? sniffFormat(text) : guess;
  const checkDocSize = () => {
    if (buf.length > o.maxDocBytes) throw tooLarge(buf.length, o.maxDocBytes, 'document');
  };
  switch (format) {
    case 'text':
    case 'markdown':
      checkDocSize();
      yield { kind: 'doc', doc: parseTextDocument(text, sourcePath, { format, bytes: buf.length, isNfc: true }) };
      return;
    case 'html':
      checkDocSize();
      yield { kind: 'doc', doc: parseHtmlDocument(text, { sourcePath, url: ctx.url ?? null, bytes: buf.length }) };
      return;
    case 'json':
      yield* parseJsonDocument(text, sourcePath, { maxDocBytes: o.maxDocBytes });
      return;
    case 'jsonl':
      yield* guardJsonl(jsonlFromText(text, sourcePath, o.maxDocBytes));
      return;
    case 'feed':
      yield* parseFeed(text, { sourcePath, maxDocBytes: o.maxDocBytes });
      return;
    case 'xml':
      throw new IngestError('unsupported', 'unsupported: XML document is neither an RSS/Atom feed nor HTML');
  }
}

function* jsonlFromText(text: string, sourcePath: string, maxDocBytes: number): Generator<IngestItem> {
  let lineNo = 0;
  for (const line of text.split('\n')) {
    lineNo++;
    const item = parseJsonLine(line.replace(/\r$/, ''), lineNo, sourcePath, { maxDocBytes });
    if (item) yield item;
  }
}

/** Stream a (possibly gzipped) JSONL file; gzip is detected by name or magic bytes. */
async function* streamJsonlFile(file: string, gzipByName: boolean, o: Resolved): AsyncGenerator<IngestItem> {
  const gz = gzipByName || isGzip(await readHead(file, 2));
  const src = createReadStream(file, { highWaterMark: 256 * 1024 });
  let stream: AsyncIterable<Uint8Array> = src;
  if (gz) {
    const gunzipStream = createGunzip();
    src.on('error', (e) => gunzipStream.destroy(e));
    stream = src.pipe(gunzipStream);
  }
  try {
    yield* guardJsonl(readJsonLines(stream, file, { maxDocBytes: o.maxDocBytes }));
  } finally {
    src.destroy(); // stop reading if the consumer stopped early
  }
}

/**
 * JSONL sanity around the per-line reader: binary junk or a file that is not JSONL at all fails
 * the whole input instead of producing one problem per line; a file without records is 'empty'.
 */
async function* guardJsonl(items: AsyncIterable<IngestItem> | Iterable<IngestItem>): AsyncGenerator<IngestItem> {
  let docs = 0;
  let bad = 0;
  const held: IngestItem[] = [];
  for await (const item of items) {
    if (item.kind === 'doc') docs++;
    else if (item.kind === 'problem' && docs === 0) {
      bad++;
      if (item.problem.code === 'binary' && bad === 1) throw new IngestError('binary', item.problem.reason.replace(/ \(line \d+\)$/, ''));
      if (bad >= MAX_LEADING_BAD_LINES) {
        throw new IngestError('parse_error', `parse_error: the first ${bad} lines are all invalid — is this really JSON Lines?`);
      }
      held.push(item); // wait: the file may still turn out to be hopeless
      continue;
    }
    if (held.length) yield* held.splice(0);
    yield item;
  }
  if (docs === 0 && bad === 0) throw new IngestError('empty', 'empty: the JSON Lines input has no records');
  yield* held;
}

// ---------------------------------------------------------------------------------------------
// Helpers

function formatFromContentType(contentType: string | null): FormatGuess | 'sniff' {
  const t = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (!t || t === 'text/html' || t === 'application/xhtml+xml') return 'html';
  if (t === 'application/rss+xml' || t === 'application/atom+xml' || t === 'application/rdf+xml') return 'feed';
  if (t === 'application/xml' || t === 'text/xml') return 'xml';
  if (t === 'application/x-ndjson' || t === 'application/jsonl' || t === 'application/x-jsonlines' || t === 'application/jsonlines') return 'jsonl';
  if (t === 'application/json' || t.endsWith('+json')) return 'json';
  if (t === 'text/markdown') return 'markdown';
  if (t === 'text/plain') return 'text';
  return 'sniff';
}

async function gunzipLimited(buf: Buffer, limit: number): Promise<Buffer> {
  if (buf.length === 0) throw new IngestError('truncated', 'truncated: 0-byte gzip data');
  try {
    return await promisify(gunzip)(buf, { maxOutputLength: Math.min(limit, bufferConstants.MAX_LENGTH) });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(null, limit, 'decompressed input');
    throw e;
  }
}

async function readHead(file: string, n: number): Promise<Buffer> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** `size` null when only "more than the limit" is known (a capped decompression). */
function tooLarge(size: number | null, limit: number, what: string): IngestError {
  const actual = size === null ? 'larger than that' : `${size} bytes`;
  return new IngestError('too_large', `too_large: the ${what} is over the ${limit}-byte limit (${actual})`);
}

function problem(sourcePath: string, itemIndex: number | null, code: ProblemCode, reason: string): IngestItem {
  return { kind: 'problem', problem: { source_path: sourcePath, item_index: itemIndex, code, reason } };
}
