import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { readInputs, type IngestOptions } from '../../src/ingest/index.ts';
import type { IngestItem, InputFingerprint, InputProblem, RawDocument } from '../../src/types.ts';
import { SEEDS, tempDir } from '../helpers.ts';

const tmp = tempDir('coopwatch-ingest-');
after(tmp.cleanup);
let n = 0;
/** A fresh folder under the temp dir with the given files (string or bytes). */
function fixture(files: Record<string, string | Uint8Array>): string {
  const dir = path.join(tmp.dir, `f${n++}`);
  for (const [name, content] of Object.entries(files)) {
    const p = path.join(dir, name);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, content);
  }
  return dir;
}

async function run(specs: string[], opts?: IngestOptions) {
  const items: IngestItem[] = [];
  for await (const it of readInputs(specs, opts)) items.push(it);
  const docs = items.filter((i) => i.kind === 'doc').map((i) => (i as Extract<IngestItem, { kind: 'doc' }>).doc) as RawDocument[];
  const problems = items.filter((i) => i.kind === 'problem').map((i) => (i as Extract<IngestItem, { kind: 'problem' }>).problem) as InputProblem[];
  const done = items.filter((i) => i.kind === 'input-done').map((i) => (i as Extract<IngestItem, { kind: 'input-done' }>).input) as InputFingerprint[];
  return { items, docs, problems, done };
}

const ARTICLE = 'Vietnam and France sign a space cooperation agreement\n\nThe two countries signed an agreement on Earth observation satellites.';

test('folder walk: recursive, sorted, hidden, README/LICENSE and unknown extensions skipped, input-done per file', async () => {
  const dir = fixture({
    'b.txt': ARTICLE,
    'a.md': '# Markdown title\n\nBody.',
    'sub/c.html': '<html><body><p>From HTML.</p></body></html>',
    'sub/deeper/d.json': JSON.stringify([{ text: 'J1.' }, { text: 'J2.' }]),
    'sub/e.jsonl': `${JSON.stringify({ text: 'L1.' })}\n`,
    'sub/f.txt.gz': gzipSync(Buffer.from('Gz title\n\nGz body.')),
    'image.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]),
    'notes.docx': 'x',
    '.hidden.txt': 'secret',
    '.git/config.txt': 'nope',
    'README.md': '# About this folder\n\nNot an article.',
    'sub/LICENSE.txt': 'MIT',
  });
  const { docs, problems, done } = await run([dir]);
  assert.deepEqual(problems, []);
  const rel = (p: string) => path.relative(dir, p);
  assert.deepEqual(docs.map((d) => [rel(d.source_path), d.format, d.item_index]), [
    ['a.md', 'markdown', null],
    ['b.txt', 'text', null],
    ['sub/c.html', 'html', null],
    ['sub/deeper/d.json', 'json', 0],
    ['sub/deeper/d.json', 'json', 1],
    ['sub/e.jsonl', 'jsonl', 1],
    ['sub/f.txt.gz', 'text', null],
  ]);
  assert.deepEqual(done.map((f) => [rel(f.source_path), f.documents]), [
    ['a.md', 1], ['b.txt', 1], ['sub/c.html', 1], ['sub/deeper/d.json', 2], ['sub/e.jsonl', 1], ['sub/f.txt.gz', 1],
  ]);
  assert.equal(docs[0].source_path, path.join(dir, 'a.md'), 'source_path is the joined path');
  assert.equal(docs[6].title, 'Gz title');
  for (const f of done) {
    assert.equal(typeof f.size, 'number');
    assert.ok(f.mtime_ms > 0);
  }
});

test('symlinked folder loops are not followed twice', async () => {
  const dir = fixture({ 'x/a.txt': ARTICLE });
  symlinkSync(path.join(dir, 'x'), path.join(dir, 'x', 'loop'));
  const { docs } = await run([dir]);
  assert.equal(docs.length, 1);
});

test('the five seeds ingest as text with their metadata', async () => {
  const { docs, problems, done } = await run([SEEDS]);
  assert.deepEqual(problems, []);
  assert.equal(docs.length, 5);
  assert.equal(done.length, 5);
  assert.deepEqual(docs.map((d) => d.published_raw), ['10/03/2025', null, '2024-09', null, null]);
  assert.deepEqual(docs.map((d) => d.site_name), ['Vietnam.vn', null, null, null, null]);
});

test('explicitly named file with an unknown extension is sniffed', async () => {
  const dir = fixture({
    'page.php': '<!doctype html><html><body><article><p>Sniffed HTML.</p></article></body></html>',
    'data.dump': JSON.stringify({ text: 'Sniffed JSON.' }),
    'lines.out': `${JSON.stringify({ text: 'A.' })}\n${JSON.stringify({ text: 'B.' })}\n`,
    'feed.cgi': '<?xml version="1.0"?><rss><channel><title>F</title><item><title>t</title><description>Feed body.</description></item></channel></rss>',
    'README': 'Readme title\n\nPlain text.',
    'sitemap.xml': '<?xml version="1.0"?><urlset><url><loc>https://x</loc></url></urlset>',
  });
  const { docs, problems } = await run(['page.php', 'data.dump', 'lines.out', 'feed.cgi', 'README', 'sitemap.xml'].map((f) => path.join(dir, f)));
  assert.deepEqual(docs.map((d) => [d.format, d.text]), [
    ['html', 'Sniffed HTML.'],
    ['json', 'Sniffed JSON.'],
    ['jsonl', 'A.'],
    ['jsonl', 'B.'],
    ['rss', 'Feed body.'],
    ['text', 'Readme title\n\nPlain text.'],
  ]);
  assert.deepEqual(problems.map((p) => [path.basename(p.source_path), p.code]), [['sitemap.xml', 'unsupported']]);
});

test('bad inputs become problems and never stop the batch', async () => {
  const full = gzipSync(Buffer.from(`${JSON.stringify({ text: 'one' })}\n`.repeat(2000)));
  const dir = fixture({
    'empty.txt': '',
    'blank.txt': ' \n\n  \n',
    'zero.txt.gz': '',
    'trunc.txt.gz': full.subarray(0, full.length - 20),
    'trunc.jsonl.gz': full.subarray(0, Math.floor(full.length / 2)),
    'junk.txt': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0]),
    'gz-magic.txt': gzipSync(Buffer.from('Gzipped without the .gz name\n\nBody.')),
    'nobody.html': '<html><head><title>x</title></head></html>',
    'bad.json': '{"text": "unterminated',
    'ok.txt': ARTICLE,
  });
  const names = ['empty.txt', 'blank.txt', 'zero.txt.gz', 'trunc.txt.gz', 'trunc.jsonl.gz', 'junk.txt', 'gz-magic.txt', 'nobody.html', 'bad.json', 'ok.txt'];
  const { docs, problems, done } = await run([...names.map((f) => path.join(dir, f)), path.join(dir, 'missing.txt')]);
  assert.deepEqual(problems.map((p) => [path.basename(p.source_path), p.code]), [
    ['empty.txt', 'empty'],
    ['blank.txt', 'empty'],
    ['zero.txt.gz', 'truncated'],
    ['trunc.txt.gz', 'truncated'],
    ['trunc.jsonl.gz', 'truncated'],
    ['junk.txt', 'binary'],
    ['nobody.html', 'empty'],
    ['bad.json', 'parse_error'],
    ['missing.txt', 'not_found'],
  ]);
  for (const p of problems) assert.ok(p.reason.length > 10, `reason too short: ${p.reason}`);
  // Good lines before the truncation point are kept; the truncated file gets no input-done.
  const partial = docs.filter((d) => d.source_path.endsWith('trunc.jsonl.gz'));
  assert.ok(partial.length > 0);
  assert.deepEqual(docs.filter((d) => !d.source_path.endsWith('trunc.jsonl.gz')).map((d) => path.basename(d.source_path)), ['gz-magic.txt', 'ok.txt']);
  assert.deepEqual(done.map((f) => path.basename(f.source_path)), ['gz-magic.txt', 'ok.txt']);
});

test('a gzipped JSONL larger than one read chunk streams through completely, in order', async () => {
  const lines = Array.from({ length: 5000 }, (_, i) => JSON.stringify({ id: `r${i}`, text: `Record ${i}: Vietnam and Laos cooperate on data centres and digital skills.` }));
  const dir = fixture({ 'big.jsonl.gz': gzipSync(Buffer.from(lines.join('\n'))), 'plain.ndjson': lines.slice(0, 3000).join('\n') });
  const { docs, problems, done } = await run([dir]);
  assert.deepEqual(problems, []);
  const gz = docs.filter((d) => d.source_path.endsWith('.gz'));
  assert.equal(gz.length, 5000);
  assert.ok(gz.every((d, i) => d.external_id === `r${i}` && d.item_index === i + 1));
  assert.deepEqual(done.map((f) => [path.basename(f.source_path), f.documents]), [['big.jsonl.gz', 5000], ['plain.ndjson', 3000]]);
});

test('oversized documents are refused with too_large under a small maxDocBytes', async () => {
  const dir = fixture({
    'big.txt': `Title\n\n${'word '.repeat(400)}`,
    'big.html': `<html><body><p>${'word '.repeat(400)}</p></body></html>`,
    'big.txt.gz': gzipSync(Buffer.from(`Title\n\n${'word '.repeat(400)}`)),
    'mixed.jsonl': `${JSON.stringify({ text: 'small' })}\n${JSON.stringify({ text: 'x'.repeat(2000) })}\n`,
    'small.txt': 'Small\n\nok',
  });
  const { docs, problems } = await run(['big.txt', 'big.html', 'big.txt.gz', 'mixed.jsonl', 'small.txt'].map((f) => path.join(dir, f)), { maxDocBytes: 1000 });
  assert.deepEqual(problems.map((p) => [path.basename(p.source_path), p.code, p.item_index]), [
    ['big.txt', 'too_large', null],
    ['big.html', 'too_large', null],
    ['big.txt.gz', 'too_large', null],
    ['mixed.jsonl', 'too_large', 2],
  ]);
  assert.deepEqual(docs.map((d) => d.text), ['small', 'Small\n\nok']);
});

test('skipInput skips a file before reading it: no items at all for it', async () => {
  const dir = fixture({ 'a.txt': ARTICLE, 'b.txt': ARTICLE });
  const seen: Array<{ source_path: string; size: number; mtime_ms: number }> = [];
  const { docs, done } = await run([dir], {
    skipInput: (fp) => {
      seen.push(fp);
      return fp.source_path.endsWith('a.txt');
    },
  });
  assert.equal(seen.length, 2);
  assert.equal(seen[0].size, Buffer.byteLength(ARTICLE));
  assert.deepEqual(docs.map((d) => path.basename(d.source_path)), ['b.txt']);
  assert.deepEqual(done.map((f) => path.basename(f.source_path)), ['b.txt']);
});

test('stdin: read whole, format sniffed, labelled with stdinName, no input-done', async () => {
  const chunks = (s: string | Buffer) => [Buffer.isBuffer(s) ? s : Buffer.from(s)];
  const html = await run(['-'], { stdin: chunks('<html><body><p>From stdin.</p></body></html>') });
  assert.deepEqual(html.docs.map((d) => [d.source_path, d.format, d.text]), [['-', 'html', 'From stdin.']]);
  assert.equal(html.done.length, 0);
  const jsonl = await run(['-'], { stdin: chunks(`${JSON.stringify({ text: 'a' })}\n${JSON.stringify({ text: 'b' })}\n`), stdinName: '<stdin>' });
  assert.deepEqual(jsonl.docs.map((d) => [d.source_path, d.item_index]), [['<stdin>', 1], ['<stdin>', 2]]);
  const gz = await run(['-'], { stdin: chunks(gzipSync(Buffer.from('Title\n\nGzipped stdin.'))) });
  assert.equal(gz.docs[0].format, 'text');
  const empty = await run(['-'], { stdin: [] });
  assert.deepEqual(empty.problems.map((p) => [p.source_path, p.code]), [['-', 'empty']]);
});

test('other URL schemes are unsupported; file:// URLs are paths', async () => {
  const dir = fixture({ 'a.txt': ARTICLE });
  const { docs, problems } = await run(['ftp://example.org/x.txt', `file://${path.join(dir, 'a.txt')}`]);
  assert.deepEqual(problems.map((p) => p.code), ['unsupported']);
  assert.equal(docs.length, 1);
});
