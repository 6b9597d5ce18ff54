import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { parseJsonDocument, parseJsonRecord, readJsonLines } from '../../src/ingest/json.ts';
import { splitLines } from '../../src/ingest/lines.ts';
import { IngestError } from '../../src/ingest/errors.ts';
import type { IngestItem } from '../../src/types.ts';

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

test('a JSON record with text and metadata', () => {
  const d = parseJsonRecord(
    { id: 42, title: ' Titre ', text: 'Corps du texte.\n\nDeuxième paragraphe.', url: 'https://x.example/a', published: '2025-03-10', lang: 'fr', source: 'Le Courrier' },
    { sourcePath: 'a.json', itemIndex: null },
  );
  assert.equal(d.external_id, '42');
  assert.equal(d.title, 'Titre');
  assert.equal(d.text, 'Corps du texte.\n\nDeuxième paragraphe.');
  assert.equal(d.url, 'https://x.example/a');
  assert.equal(d.published_raw, '2025-03-10');
  assert.equal(d.declared_lang, 'fr');
  assert.equal(d.source, 'Le Courrier');
  assert.equal(d.format, 'json');
});

test('a JSON record with html goes through the HTML path; NFD strings come out NFC', () => {
  const d = parseJsonRecord({ id: 'h1', html: '<p>Un</p><p>Deux <b>gras</b></p>', title: 'Hà Nội'.normalize('NFD') }, { sourcePath: 'b.json', itemIndex: 0 });
  assert.equal(d.text, 'Un\n\nDeux gras');
  assert.equal(d.title, 'Hà Nội');
  assert.equal(d.item_index, 0);
});

test('records without text/html or that are not objects are problems', () => {
  assert.throws(() => parseJsonRecord({ id: 1, title: 'x' }, { sourcePath: 'c.json', itemIndex: 2 }), (e: unknown) => e instanceof IngestError && e.code === 'empty');
  assert.throws(() => parseJsonRecord('text', { sourcePath: 'c.json', itemIndex: 2 }), (e: unknown) => e instanceof IngestError && e.code === 'parse_error');
});

test('.json: object, array (good items kept, bad ones reported), wrapper object, invalid JSON', () => {
  const one = parseJsonDocument('{"text":"Hello.","id":"x"}', 'one.json');
  assert.equal(one.length, 1);
  assert.equal(one[0].kind, 'doc');

  const arr = parseJsonDocument(JSON.stringify([{ text: 'A.' }, { nope: 1 }, 5, { html: '<p>B.</p>' }]), 'arr.json');
  assert.deepEqual(arr.map((i) => i.kind), ['doc', 'problem', 'problem', 'doc']);
  const p = arr[1] as Extract<IngestItem, { kind: 'problem' }>;
  assert.equal(p.problem.item_index, 1);
  assert.equal(p.problem.source_path, 'arr.json');
  assert.match(p.problem.reason, /item 1/);

  const wrapped = parseJsonDocument(JSON.stringify({ documents: [{ text: 'A.' }, { text: 'B.' }] }), 'w.json');
  assert.equal(wrapped.filter((i) => i.kind === 'doc').length, 2);

  assert.throws(() => parseJsonDocument('{"text": ', 'bad.json'), (e: unknown) => e instanceof IngestError && e.code === 'parse_error');

  const big = parseJsonDocument(JSON.stringify([{ text: 'x'.repeat(500) }, { text: 'small' }]), 'big.json', { maxDocBytes: 100 });
  assert.deepEqual(big.map((i) => (i.kind === 'problem' ? i.problem.code : i.kind)), ['too_large', 'doc']);
});

test('JSONL: a broken line among good ones — good ones kept, the problem names the line', async () => {
  const lines = [
    JSON.stringify({ id: 'a', text: 'First.' }),
    '{"id": "b", "text": "unterminated',
    '',
    JSON.stringify({ id: 'c', html: '<p>Third.</p>' }),
    JSON.stringify({ id: 'd' }),
    JSON.stringify({ id: 'e', text: 'Fifth.' }),
  ].join('\n');
  const items = await collect(readJsonLines([Buffer.from(lines)], 'r.jsonl', { maxDocBytes: 1 << 20 }));
  const docs = items.filter((i) => i.kind === 'doc').map((i) => (i as Extract<IngestItem, { kind: 'doc' }>).doc);
  assert.deepEqual(docs.map((d) => [d.external_id, d.item_index, d.format]), [['a', 1, 'jsonl'], ['c', 4, 'jsonl'], ['e', 6, 'jsonl']]);
  const problems = items.filter((i) => i.kind === 'problem').map((i) => (i as Extract<IngestItem, { kind: 'problem' }>).problem);
  assert.deepEqual(problems.map((p) => [p.item_index, p.code]), [[2, 'parse_error'], [5, 'empty']]);
  assert.match(problems[0].reason, /line 2/);
  assert.equal(problems[0].source_path, 'r.jsonl');
  assert.equal(docs[0].bytes, Buffer.byteLength(JSON.stringify({ id: 'a', text: 'First.' })));
});

test('JSONL streamed in tiny chunks, CRLF, UTF-8 BOM, UTF-16 BOM, an over-long line skipped without holding it', async () => {
  const text = `\ufeff${JSON.stringify({ id: 1, text: 'Hà Nội' })}\r\n${JSON.stringify({ id: 2, text: 'x'.repeat(5000) })}\r\n${JSON.stringify({ id: 3, text: 'Đà Nẵng' })}\r\n`;
  const bytes = Buffer.from(text);
  const oneByteChunks = Readable.from((function* () {
    for (let i = 0; i < bytes.length; i++) yield bytes.subarray(i, i + 1);
  })());
  const items = await collect(readJsonLines(oneByteChunks, 's.jsonl', { maxDocBytes: 1000 }));
  assert.deepEqual(items.map((i) => (i.kind === 'doc' ? i.doc.text : i.kind === 'problem' ? i.problem.code : i.kind)), ['Hà Nội', 'too_large', 'Đà Nẵng']);

  const u16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${JSON.stringify({ text: 'Việt Nam' })}\n${JSON.stringify({ text: 'Séc' })}\n`, 'utf16le')]);
  const items16 = await collect(readJsonLines([u16.subarray(0, 7), u16.subarray(7)], 'u.jsonl', { maxDocBytes: 1000 }));
  assert.deepEqual(items16.map((i) => (i.kind === 'doc' ? i.doc.text : i.kind)), ['Việt Nam', 'Séc']);
});

test('splitLines: numbering, final line without newline, oversize lines counted not held', async () => {
  const out = await collect(splitLines([Buffer.from('ab\n'), Buffer.from('cdefgh'), Buffer.from('ij\n\nlast')], 4));
  assert.deepEqual(out.map((l) => [l.lineNo, l.line?.toString() ?? null, l.bytes]), [[1, 'ab', 2], [2, null, 8], [3, '', 0], [4, 'last', 4]]);
});
