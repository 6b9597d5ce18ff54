/**
 * Which parser reads an input: by file name first (extension, `.gz` stripped), by content when the
 * name says nothing (stdin, an explicitly named file with an unknown extension, `.xml`).
 */
import type { InputFormat } from '../types.ts';
import { looksLikeFeed } from './feed.ts';

/** 'feed' = RSS or Atom (decided when parsed); 'xml' = XML of unknown kind (sniffed). */
export type FormatGuess = Exclude<InputFormat, 'rss' | 'atom'> | 'feed' | 'xml';

const BY_EXTENSION: Record<string, FormatGuess> = {
  txt: 'text',
  text: 'text',
  md: 'markdown',
  markdown: 'markdown',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  shtml: 'html',
  json: 'json',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
  rss: 'feed',
  atom: 'feed',
  xml: 'xml',
};

/** Format implied by a file name, and whether the name says gzip. `format` null = unknown extension. */
export function formatFromName(name: string): { format: FormatGuess | null; gzip: boolean } {
  let base = name.replace(/^.*[\\/]/, '').toLowerCase();
  const gzip = base.endsWith('.gz') || base.endsWith('.gzip');
  if (gzip) base = base.replace(/\.gz(?:ip)?$/, '');
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 ? base.slice(dot + 1) : '';
  return { format: BY_EXTENSION[ext] ?? null, gzip };
}

/** Whether a folder walk should read this file (known extension, possibly gzipped). */
export function isKnownInputName(name: string): boolean {
  return formatFromName(name).format !== null;
}

/** gzip magic bytes. */
export function isGzip(buf: Uint8Array): boolean {
  return buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b;
}

/** Guess the format of decoded text. */
export function sniffFormat(text: string): FormatGuess {
  const head = text.slice(0, 4096).trimStart();
  if (head.startsWith('<')) {
    if (looksLikeFeed(head)) return 'feed';
    if (/^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<!doctype\s+html|<(?:html|head|body|p|div|article|main|section|h[1-6]|br|table|ul)[\s>/]/i.test(head)) return 'html';
    if (/^<\?xml/i.test(head)) return 'xml';
    return 'html';
  }
  if (head.startsWith('[')) return 'json';
  if (head.startsWith('{')) {
    // JSONL when the first line is a complete object and another object line follows.
    const lines = head.split('\n').filter((l) => l.trim());
    if (lines.length >= 2 && lines[1].trimStart().startsWith('{')) {
      try {
        JSON.parse(lines[0]);
        return 'jsonl';
      } catch {
        return 'json';
      }
    }
    return 'json';
  }
  if (/^---[^\S\n]*\n[\s\S]*?\n(?:---|\.\.\.)[^\S\n]*\n/.test(head) || /^#{1,6} \S/.test(head)) return 'markdown';
  return 'text';
}
