/**
 * Plain text and Markdown → RawDocument. The text is kept as written (after decoding, NFC and
 * line-ending normalisation) so that offsets stay meaningful to a reader of the original file;
 * leading/trailing metadata lines are only marked, never removed (see text-metadata.ts).
 */
import type { InputFormat, RawDocument } from '../types.ts';
import { detectTextMetadata } from './text-metadata.ts';

export interface TextDocumentOptions {
  /** 'text' or 'markdown' for files; the container format ('json', 'jsonl') for JSON records. */
  format?: InputFormat;
  /** Byte size of the document in its input; defaults to the UTF-8 size of `text`. */
  bytes?: number;
  itemIndex?: number | null;
  markdown?: boolean;
  /** The text is already NFC (it comes from decodeBytes): skip the second normalisation pass. */
  isNfc?: boolean;
}

/** Build a RawDocument from decoded text. CRLF/CR become LF (before any offset is computed). */
export function parseTextDocument(text: string, sourcePath: string, opts: TextDocumentOptions = {}): RawDocument {
  const clean = normaliseText(text, opts.isNfc);
  const markdown = opts.markdown ?? opts.format === 'markdown';
  const meta = detectTextMetadata(clean, { markdown });
  return {
    source_path: sourcePath,
    item_index: opts.itemIndex ?? null,
    format: opts.format ?? (markdown ? 'markdown' : 'text'),
    external_id: null,
    title: meta.title,
    text: clean,
    url: meta.url,
    site_name: meta.site_name,
    source: meta.source,
    published_raw: meta.published_raw,
    declared_lang: meta.declared_lang,
    bytes: opts.bytes ?? Buffer.byteLength(text, 'utf8'),
    boilerplate_hints: meta.hints,
  };
}

/** NFC, LF line endings, no BOM. Idempotent. */
export function normaliseText(text: string, isNfc = false): string {
  let t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (t.includes('\r')) t = t.replace(/\r\n?/g, '\n');
  return isNfc ? t : t.normalize('NFC');
}
