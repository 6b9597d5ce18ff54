import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NormalisedDocument, RawDocument, SegmentedDocument } from '../../src/types.ts';
import { normalise } from '../../src/normalise/index.ts';
import { segment } from '../../src/segment/index.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const seedsDir = path.resolve(repoRoot, '../shared/corpus/seeds');
const goldPath = path.resolve(repoRoot, '../shared/gold/seeds.gold.json');
const seedFiles = readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort();

function raw(text: string, source_path = 'test.txt'): RawDocument {
  return {
    source_path,
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
    bytes: text.length,
    boilerplate_hints: [],
  };
}

const docs = new Map<string, SegmentedDocument>(
  seedFiles.map((f) => [f, segment(normalise(raw(readFileSync(path.join(seedsDir, f), 'utf8'), f)))]),
);

test('structural invariants on every seed', () => {
  for (const [f, d] of docs) {
    assert.ok(d.paragraphs.length > 0 && d.sentences.length >= d.paragraphs.length - 5, f);
    d.paragraphs.forEach((p, i) => {
      assert.equal(p.index, i);
      assert.ok(p.end > p.start);
      assert.equal(d.text.slice(p.start, p.end).trim(), d.text.slice(p.start, p.end), 'paragraph trimmed');
      if (i) assert.ok(p.start > d.paragraphs[i - 1].end, 'paragraphs ordered, disjoint');
    });
    d.sentences.forEach((s, i) => {
      assert.equal(s.index, i);
      const p = d.paragraphs[s.paragraph];
      assert.ok(s.start >= p.start && s.end <= p.end, `${f}: sentence ${i} crosses its paragraph`);
      assert.equal(d.text.slice(s.start, s.end).trim(), d.text.slice(s.start, s.end), 'sentence trimmed');
      if (i) assert.ok(s.start >= d.sentences[i - 1].end, 'sentences ordered, disjoint');
    });
    // Every paragraph has at least one sentence, and sentences cover its letters.
    for (const p of d.paragraphs) assert.ok(d.sentences.some((s) => s.paragraph === p.index));
  }
});

test('gold evidence lies in one non-boilerplate sentence', () => {
  const gold = JSON.parse(readFileSync(goldPath, 'utf8')) as { documents: Array<{ file: string; events: Array<{ evidence: string }>; commitments: Array<{ evidence: string }> }> };
  for (const g of gold.documents) {
    const d = docs.get(g.file)!;
    for (const e of [...g.events, ...g.commitments]) {
      const at = d.text.indexOf(e.evidence);
      const hit = d.sentences.filter((s) => s.end > at && s.start < at + e.evidence.length);
      assert.equal(hit.length, 1, `${g.file}: "${e.evidence.slice(0, 40)}…" spans ${hit.length} sentences`);
      assert.equal(hit[0].boilerplate, false);
    }
  }
});

test('boilerplate flags follow the spans', () => {
  const d000 = docs.get(seedFiles[0])!;
  const comment = d000.text.lastIndexOf('Comment (0)');
  assert.ok(d000.sentences.filter((s) => s.start >= comment).every((s) => s.boilerplate));
  assert.ok(d000.paragraphs.filter((p) => p.start >= comment).every((p) => p.boilerplate));
  assert.ok(d000.sentences.some((s) => d000.text.slice(s.start, s.end).startsWith('Footer Banner') && s.boilerplate));

  const d003 = docs.get(seedFiles[3])!;
  const more = d003.text.indexOf('\nVoir plus') + 1;
  for (const s of d003.sentences) assert.equal(s.boilerplate, s.start >= more, d003.text.slice(s.start, s.end).slice(0, 40));

  const d002 = docs.get(seedFiles[2])!;
  const credits = d002.sentences.filter((s) => d002.text.slice(s.start, s.end).startsWith('Photo : '));
  assert.ok(credits.length >= 3 && credits.every((s) => s.boilerplate));
});

test('hand-made document: boilerplate flag per sentence and paragraph', () => {
  const text = 'Première phrase du corps. Deuxième phrase.\nPhoto : VNA\nTroisième phrase.';
  const doc: NormalisedDocument = {
    ...normalise(raw(text)),
    boilerplate: [{ start: text.indexOf('Photo'), end: text.indexOf('Photo') + 11, kind: 'credit' }],
  };
  const d = segment(doc);
  assert.deepEqual(
    d.sentences.map((s) => [text.slice(s.start, s.end), s.paragraph, s.boilerplate]),
    [
      ['Première phrase du corps.', 0, false],
      ['Deuxième phrase.', 0, false],
      ['Photo : VNA', 1, true],
      ['Troisième phrase.', 2, false],
    ],
  );
  assert.deepEqual(
    d.paragraphs.map((p) => p.boilerplate),
    [false, true, false],
  );
  // The segmented document keeps every normalised field.
  assert.equal(d.id, doc.id);
  assert.equal(d.content_hash, doc.content_hash);
});

test('empty document', () => {
  const d = segment(normalise(raw('')));
  assert.deepEqual(d.paragraphs, []);
  assert.deepEqual(d.sentences, []);
});
