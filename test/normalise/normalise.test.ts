import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RawDocument } from '../../src/types.ts';
import { normalise } from '../../src/normalise/index.ts';
import { contentHash } from '../../src/normalise/fingerprint.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const seedsDir = path.resolve(repoRoot, '../shared/corpus/seeds');
const seedFiles = readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort();

function raw(text: string, extra: Partial<RawDocument> = {}): RawDocument {
  return {
    source_path: 'test.txt',
    item_index: null,
    format: 'text',
    external_id: null,
    title: null,
    text,
    url: null,
    site_name: null,
    source: null,
    published_raw: null,
    declared_lang: null,
    bytes: Buffer.byteLength(text),
    boilerplate_hints: [],
    ...extra,
  };
}

const BODY =
  'Le ministre a reçu lundi à Hanoi une délégation de chercheurs. Les deux parties ont convenu de renforcer la coopération dans la recherche et la formation.';

test('seeds: language, text untouched, fingerprints, id', () => {
  for (const f of seedFiles) {
    const text = readFileSync(path.join(seedsDir, f), 'utf8');
    const doc = normalise(raw(text, { source_path: f }));
    assert.equal(doc.lang, 'fr', f);
    assert.equal(doc.text, text);
    assert.match(doc.content_hash, /^[0-9a-f]{64}$/);
    assert.equal(doc.id, doc.content_hash.slice(0, 16));
    assert.equal(doc.minhash.length, 128);
    assert.equal(doc.content_hash, contentHash(text, doc.boilerplate));
  }
});

test('seeds: published from a header dateline or a labelled date, never from the body', () => {
  const got = Object.fromEntries(
    seedFiles.map((f) => [f.slice(0, 3), normalise(raw(readFileSync(path.join(seedsDir, f), 'utf8'))).published]),
  );
  assert.deepEqual(got['000'], { value: '2025-03-10', precision: 'day' });
  assert.deepEqual(got['002'], { value: '2024-09', precision: 'month' });
  // Seeds 001, 003 and 004 state no publication date (003's "lundi 29 mai" is in the body).
  assert.equal(got['001'], null);
  assert.equal(got['003'], null);
  assert.equal(got['004'], null);
});

test('id: external_id when present, else a stable hash prefix', () => {
  assert.equal(normalise(raw(BODY, { external_id: 'abc-1' })).id, 'abc-1');
  const a = normalise(raw(BODY));
  const b = normalise(raw(BODY, { source_path: 'other.txt' }));
  assert.equal(a.id, b.id);
  assert.match(a.id, /^[0-9a-f]{16}$/);
});

test('title is NFC and trimmed; metadata passes through', () => {
  const doc = normalise(
    raw(BODY, { title: '  Coope\u0301ration  ', url: 'https://example.org/a', site_name: 'Ex', source: 'Example', bytes: 42 }),
  );
  assert.equal(doc.title, 'Coopération');
  assert.equal(doc.url, 'https://example.org/a');
  assert.equal(doc.site_name, 'Ex');
  assert.equal(doc.source, 'Example');
  assert.equal(doc.bytes, 42);
  assert.equal(normalise(raw(BODY, { title: '   ' })).title, null);
});

test('published_raw wins; the ingest time is never used', () => {
  assert.deepEqual(normalise(raw(BODY, { published_raw: 'Tue, 10 Mar 2025 08:00:00 +0700' })).published, {
    value: '2025-03-10',
    precision: 'day',
  });
  assert.equal(normalise(raw(BODY)).published, null);
  // A date inside a body sentence is not a dateline.
  assert.equal(normalise(raw(`Titre\n\nLe 10 mars 2025, le ministre a reçu une délégation à Hanoi pour parler de coopération.`)).published, null);
});

test('a standalone dateline among the first lines gives the date and is marked metadata', () => {
  const text = `Titre de l'article\n\n10/03/2025\n\n${BODY}`;
  const doc = normalise(raw(text));
  assert.deepEqual(doc.published, { value: '2025-03-10', precision: 'day' });
  const at = text.indexOf('10/03/2025');
  assert.ok(doc.boilerplate.some((s) => s.kind === 'metadata' && s.start === at && s.end === at + 10));
});

test('reader hints are kept and offsets stay valid', () => {
  const text = `Source: Example News\n${BODY}`;
  const doc = normalise(raw(text, { boilerplate_hints: [{ start: 0, end: 20, kind: 'metadata' }] }));
  assert.deepEqual(doc.boilerplate[0], { start: 0, end: 20, kind: 'metadata' });
  assert.equal(doc.text, text);
});

test('declared language is a hint for short texts only', () => {
  assert.equal(normalise(raw('Accord signé', { declared_lang: 'fr' })).lang, 'fr');
  assert.equal(normalise(raw(BODY, { declared_lang: 'en' })).lang, 'fr');
  assert.equal(normalise(raw('Accord signé', { title: BODY })).lang, 'fr'); // title helps a short text
});

test('minhashPerm option', () => {
  assert.equal(normalise(raw(BODY), { minhashPerm: 64 }).minhash.length, 64);
});

test('a place-and-date dateline opening the body gives the published date at day precision (fr/en/vi)', async () => {
  const { parseTextDocument } = await import('../../src/ingest/text.ts');
  const cases: [string, string][] = [
    ['Tiêu đề bài viết\n\nĐà Nẵng, ngày 5 tháng 6 năm 2025 - Bộ Khoa học và Công nghệ và đối tác Nhật Bản đã ký kết biên bản ghi nhớ về hợp tác bán dẫn.', 'vi'],
    ['A headline\n\nHANOI, June 5, 2025 — Vietnam and Japan signed a memorandum of understanding on semiconductor training on Thursday.', 'en'],
    ['Un titre\n\nParis, le 5 juin 2025 – La France et le Vietnam ont signé un accord de coopération sur le nucléaire civil.', 'fr'],
  ];
  for (const [text, lang] of cases) {
    const n = normalise(parseTextDocument(text, `${lang}.txt`));
    assert.equal(n.lang, lang);
    assert.deepEqual(n.published, { value: '2025-06-05', precision: 'day' }, lang);
  }
});
