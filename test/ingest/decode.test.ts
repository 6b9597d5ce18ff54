import { test } from 'node:test';
import assert from 'node:assert/strict';
import { charsetFromContentType, decodeBytes, sniffDeclaredCharset } from '../../src/ingest/decode.ts';
import { IngestError } from '../../src/ingest/errors.ts';

const fr = 'La coopération scientifique franco-vietnamienne s’intensifie : « Hà Nội » et Đà Nẵng.';

function utf16(s: string, be: boolean, bom = true): Buffer {
  const le = Buffer.from(s, 'utf16le');
  const body = be ? Buffer.from(le).swap16() : le;
  return bom ? Buffer.concat([Buffer.from(be ? [0xfe, 0xff] : [0xff, 0xfe]), body]) : body;
}

function code(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    assert.ok(e instanceof IngestError, `expected IngestError, got ${e}`);
    return e.code;
  }
}

test('UTF-8 with and without BOM', () => {
  assert.equal(decodeBytes(Buffer.from(fr)).text, fr);
  const withBom = decodeBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(fr)]));
  assert.equal(withBom.text, fr);
  assert.equal(withBom.via, 'bom');
});

test('UTF-16 LE and BE with BOM', () => {
  const le = decodeBytes(utf16(fr, false));
  assert.equal(le.text, fr);
  assert.equal(le.encoding, 'utf-16le');
  const be = decodeBytes(utf16(fr, true));
  assert.equal(be.text, fr);
  assert.equal(be.encoding, 'utf-16be');
});

test('UTF-16 without BOM is recognised instead of rejected as binary', () => {
  const text = 'Plain ASCII-heavy text about cooperation between two research institutes.';
  assert.equal(decodeBytes(utf16(text, false, false)).text, text);
  assert.equal(decodeBytes(utf16(text, true, false)).text, text);
});

test('Windows-1252 / ISO-8859-1 bytes decode by heuristic', () => {
  // "coopération – l’accord" in Windows-1252: é = E9, – = 96, ’ = 92
  const bytes = Buffer.from([...Buffer.from('coop', 'latin1'), 0xe9, ...Buffer.from('ration ', 'latin1'), 0x96, 0x20, 0x6c, 0x92, ...Buffer.from('accord', 'latin1')]);
  const d = decodeBytes(bytes);
  assert.equal(d.text, 'coopération – l’accord');
  assert.equal(d.encoding, 'windows-1252');
});

test('declared charset: HTTP header, meta, XML prolog; UTF-8 bytes beat a stale legacy declaration', () => {
  const latin = Buffer.from('<html><head><meta charset="iso-8859-1"></head><body>coop\xe9ration</body></html>', 'latin1');
  assert.match(decodeBytes(latin).text, /coopération/);
  assert.equal(decodeBytes(latin).via, 'declared');
  assert.equal(sniffDeclaredCharset(latin), 'iso-8859-1');
  const xml = Buffer.from('<?xml version="1.0" encoding="windows-1252"?><rss/>', 'latin1');
  assert.equal(sniffDeclaredCharset(xml), 'windows-1252');
  const httpEquiv = Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">');
  assert.equal(sniffDeclaredCharset(httpEquiv), 'windows-1252');
  // A page saying iso-8859-1 whose bytes are real UTF-8 multi-byte sequences is UTF-8.
  const stale = Buffer.from('<html><head><meta charset="iso-8859-1"></head><body>Hà Nội coopération</body></html>', 'utf8');
  assert.match(decodeBytes(stale).text, /Hà Nội coopération/);
  // The HTTP header wins over the document.
  assert.equal(decodeBytes(Buffer.from('caf\xe9', 'latin1'), { declaredCharset: 'windows-1252' }).text, 'café');
  // Plain text that merely mentions a meta tag is not treated as markup.
  assert.equal(sniffDeclaredCharset(Buffer.from('About <meta charset="koi8-r">')), null);
  // Unknown labels are ignored, not fatal.
  assert.equal(decodeBytes(Buffer.from('café'), { declaredCharset: 'x-no-such-charset' }).text, 'café');
});

test('charsetFromContentType', () => {
  assert.equal(charsetFromContentType('text/html; charset=ISO-8859-1'), 'ISO-8859-1');
  assert.equal(charsetFromContentType('text/html;charset="utf-8"'), 'utf-8');
  assert.equal(charsetFromContentType('text/html'), null);
  assert.equal(charsetFromContentType(null), null);
});

test('NFD input comes out NFC', () => {
  const nfd = 'Hà Nội coopération'.normalize('NFD');
  assert.notEqual(nfd, nfd.normalize('NFC'));
  const out = decodeBytes(Buffer.from(nfd)).text;
  assert.equal(out, 'Hà Nội coopération');
  assert.equal(out, out.normalize('NFC'));
});

test('binary junk, empty and whitespace-only inputs are reported', () => {
  assert.equal(code(() => decodeBytes(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]))), 'binary');
  const controls = Buffer.alloc(200, 0x01);
  assert.equal(code(() => decodeBytes(controls)), 'binary');
  assert.equal(code(() => decodeBytes(Buffer.alloc(0))), 'empty');
  assert.equal(code(() => decodeBytes(Buffer.from(' \n\t \r\n'))), 'empty');
  assert.equal(code(() => decodeBytes(utf16('   ', false))), 'empty');
});

test('invalid UTF-8 never throws anything but an IngestError', () => {
  // Mostly valid UTF-8 with one corrupt byte: stays UTF-8 (one U+FFFD), not mojibake.
  const vi = Buffer.from('Hà Nội và Đà Nẵng hợp tác về trí tuệ nhân tạo, bán dẫn, chuyển đổi số.');
  const corrupt = Buffer.concat([vi, Buffer.from([0xff]), vi]);
  const d = decodeBytes(corrupt);
  assert.equal(d.encoding, 'utf-8');
  assert.match(d.text, /Hà Nội.*\ufffd.*Đà Nẵng/);
  // Pseudo-random high bytes: decodes as 1252 or is reported — but never crashes.
  let seed = 7;
  const junk = Buffer.alloc(600);
  for (let i = 0; i < junk.length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    junk[i] = 0x80 + (seed % 0x80);
  }
  const c = code(() => decodeBytes(junk));
  assert.ok(c === null || c === 'encoding' || c === 'binary', `unexpected ${c}`);
});
