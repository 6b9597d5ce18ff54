/**
 * Bytes → NFC text.
 *
 * Order of evidence (most to least reliable): byte-order mark, a declared charset (HTTP header,
 * then HTML <meta charset>/http-equiv or the XML prolog, read from the first KB), then a heuristic:
 * valid UTF-8 is UTF-8, anything else is Windows-1252 (the superset of ISO-8859-1 that real
 * "latin-1" files actually use). NFC happens here, once, so every offset computed later is final.
 *
 * Decoding never throws anything but an IngestError ('binary', 'empty', 'encoding').
 */
import { IngestError } from './errors.ts';

export interface DecodeOptions {
  /** Charset declared outside the bytes (e.g. the HTTP Content-Type header). Wins over in-document declarations. */
  declaredCharset?: string | null;
}

export interface DecodedText {
  /** NFC text, BOM removed. */
  text: string;
  /** WHATWG encoding name actually used, e.g. 'utf-8', 'windows-1252', 'utf-16le'. */
  encoding: string;
  /** Where the decision came from. */
  via: 'bom' | 'declared' | 'utf8' | 'fallback';
}

const SNIFF_BYTES = 1024;

/** Decode a whole input (or one JSONL line). Throws IngestError for binary, empty or undecodable input. */
export function decodeBytes(buf: Uint8Array, opts: DecodeOptions = {}): DecodedText {
  if (buf.length === 0) throw new IngestError('empty', 'empty: the input has no content (0 bytes)');

  let chosen: { encoding: string; via: DecodedText['via']; skip: number } | null = bomEncoding(buf);
  if (!chosen) {
    const utf16 = guessBomlessUtf16(buf);
    if (utf16) chosen = { encoding: utf16, via: 'fallback', skip: 0 };
    else if (looksBinary(buf)) {
      throw new IngestError('binary', 'binary: the input looks like binary data (NUL or control bytes), not text');
    }
  }

  let text: string;
  if (chosen) {
    text = new TextDecoder(chosen.encoding).decode(buf.subarray(chosen.skip));
  } else {
    const declared = resolveLabel(opts.declaredCharset) ?? resolveLabel(sniffDeclaredCharset(buf));
    const asUtf8 = tryUtf8(buf);
    if (asUtf8 !== null && (!declared || declared === 'utf-8' || declared.startsWith('utf-16') || asUtf8.length < buf.length)) {
      // Valid UTF-8 is read as UTF-8, even against a legacy declaration when it contains multi-byte
      // sequences: genuine Windows-1252 text essentially never forms valid UTF-8 sequences, while
      // pages that keep a stale "iso-8859-1" meta after moving to UTF-8 are common. (A UTF-16
      // declaration on bytes without a BOM is always wrong: those bytes were read as ASCII.)
      chosen = { encoding: 'utf-8', via: declared === 'utf-8' ? 'declared' : 'utf8', skip: 0 };
      text = asUtf8;
    } else if (declared && declared !== 'utf-8' && !declared.startsWith('utf-16')) {
      chosen = { encoding: declared, via: 'declared', skip: 0 };
      text = decodeWith(declared, buf);
    } else {
      chosen = chooseForInvalidUtf8(buf);
      text = decodeWith(chosen.encoding, buf);
    }
  }

  if (chosen.encoding.startsWith('utf-16') && controlShare(text.slice(0, SNIFF_BYTES)) > 0.1) {
    throw new IngestError('binary', 'binary: the input decodes to control characters, not text');
  }
  text = text.normalize('NFC');
  if (!/\S/.test(text)) throw new IngestError('empty', 'empty: the input contains only whitespace');
  return { text, encoding: chosen.encoding, via: chosen.via };
}

/** Charset from a Content-Type header value such as `text/html; charset=ISO-8859-1`. */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '');
  return m ? m[1] : null;
}

/**
 * Charset declared inside markup: the XML prolog `encoding=` or an HTML `<meta charset>` /
 * `http-equiv` in the first KB (the HTML prescan window). Only looked at when the input starts
 * with `<`, so a plain-text article that merely quotes a meta tag is not misread.
 */
export function sniffDeclaredCharset(buf: Uint8Array): string | null {
  let i = 0;
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) i = 3;
  while (i < buf.length && (buf[i] === 0x20 || buf[i] === 0x0a || buf[i] === 0x0d || buf[i] === 0x09)) i++;
  if (buf[i] !== 0x3c /* < */) return null;
  const head = Buffer.from(buf.buffer, buf.byteOffset, Math.min(buf.length, SNIFF_BYTES)).toString('latin1');
  const xml = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  if (xml) return xml[1];
  const meta = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  return meta ? meta[1] : null;
}

// ---------------------------------------------------------------------------------------------

/**
 * TextDecoder, except that Node 20's 'windows-1252' decoder (also used for the 'iso-8859-1' and
 * 'latin1' labels) is really ISO-8859-1: bytes 0x80–0x9F come out as C1 control characters
 * instead of € ‚ „ … ‘ ’ “ ” – — ™ Œ œ Š š Ÿ. Those are remapped here.
 */
function decodeWith(encoding: string, buf: Uint8Array): string {
  const text = new TextDecoder(encoding).decode(buf);
  if (encoding !== 'windows-1252') return text;
  return text.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80] || c);
}

/** Windows-1252 characters for bytes 0x80–0x9F ('' = undefined in 1252, left as is). */
const WINDOWS_1252_C1 = [
  '€', '', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '', 'Ž', '',
  '', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '', 'ž', 'Ÿ',
];

function bomEncoding(buf: Uint8Array): { encoding: string; via: 'bom'; skip: number } | null {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { encoding: 'utf-8', via: 'bom', skip: 3 };
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { encoding: 'utf-16le', via: 'bom', skip: 2 };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return { encoding: 'utf-16be', via: 'bom', skip: 2 };
  return null;
}

/** A WHATWG encoding name for a label, or null when the label is unknown to this runtime. */
function resolveLabel(label: string | null | undefined): string | null {
  if (!label) return null;
  try {
    return new TextDecoder(label.trim().replace(/^["']|["']$/g, '')).encoding;
  } catch {
    return null; // unknown label: fall through to the heuristic rather than fail the document
  }
}

function tryUtf8(buf: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return null;
  }
}

/**
 * Bytes that are not valid UTF-8: if most high bytes still form valid UTF-8 sequences, the file is
 * UTF-8 with a few corrupt bytes (decode with U+FFFD rather than mojibake every accented letter);
 * otherwise it is a legacy single-byte file, read as Windows-1252 when that is plausible.
 */
function chooseForInvalidUtf8(buf: Uint8Array): { encoding: string; via: 'fallback'; skip: 0 } {
  let valid = 0;
  let invalid = 0;
  let undefined1252 = 0;
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i];
    if (b < 0x80) continue;
    if (b === 0x81 || b === 0x8d || b === 0x8f || b === 0x90 || b === 0x9d) undefined1252++;
    const need = b >= 0xf0 && b <= 0xf4 ? 3 : b >= 0xe0 ? 2 : b >= 0xc2 && b < 0xe0 ? 1 : -1;
    let ok = need > 0;
    for (let k = 1; ok && k <= need; k++) ok = i + k < buf.length && (buf[i + k] & 0xc0) === 0x80;
    if (ok) {
      valid++;
      i += need;
    } else invalid++;
  }
  if (valid >= 4 * invalid) return { encoding: 'utf-8', via: 'fallback', skip: 0 };
  // Bytes that Windows-1252 leaves undefined are rare in real text; many of them mean the file is
  // in some other encoding we cannot guess.
  if (undefined1252 > Math.max(2, invalid * 0.2)) {
    throw new IngestError('encoding', 'encoding: the bytes are neither valid UTF-8 nor plausible Windows-1252; re-save the file as UTF-8');
  }
  return { encoding: 'windows-1252', via: 'fallback', skip: 0 };
}

/**
 * UTF-16 without a BOM shows up as a NUL in every other byte of ASCII-heavy text. Checked before
 * the binary test, which would otherwise reject it for its NUL bytes.
 */
function guessBomlessUtf16(buf: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(buf.length, SNIFF_BYTES) & ~1;
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) evenZero++;
    if (buf[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.4 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.4 && oddZero < pairs * 0.05) return 'utf-16be';
  return null;
}

/** NUL bytes, or more than 10% control bytes other than tab/newline/form feed/CR/ESC, in the first KB. */
function looksBinary(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, SNIFF_BYTES);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i];
    if (b === 0) return true;
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1b) || b === 0x7f) control++;
  }
  return control > n * 0.1;
}

function controlShare(s: string): number {
  if (s.length === 0) return 0;
  let control = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) || c === 0x7f) control++;
  }
  return control / s.length;
}
