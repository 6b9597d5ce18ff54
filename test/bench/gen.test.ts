/**
 * Smoke tests of the benchmark corpus generator (bench/gen): determinism, language / content mix,
 * article and page sizes, near-duplicates that really are near-duplicates, valid templates.
 * Small corpora only (~100 articles): the benchmarks themselves never run under `npm test`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { existingCorpus, generateCorpus } from '../../bench/gen/index.ts';
import { loadVocabulary } from '../../bench/gen/vocabulary.ts';
import { buildArticle, checkTemplates, DEFAULT_ARTICLE_OPTIONS } from '../../bench/gen/article.ts';
import { minhashSignature, estimateSimilarity } from '../../src/normalise/fingerprint.ts';

const vocab = loadVocabulary();
const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'cw-bench-gen-'));
const records = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((f) => readFileSync(path.join(dir, f), 'utf8').split('\n').filter(Boolean))
    .map((l) => JSON.parse(l) as Record<string, string>);

test('templates only use known slots and define every rule the generator needs', () => {
  for (const lang of ['en', 'fr', 'vi'] as const) assert.deepEqual(checkTemplates(vocab[lang]), [], lang);
});

test('the same options give byte-identical corpora, sharded as asked', () => {
  const a = tmp();
  const b = tmp();
  try {
    const ma = generateCorpus({ n: 120, out: a, seed: 7, shardSize: 50, htmlShare: 0.05 }, vocab);
    const mb = generateCorpus({ n: 120, out: b, seed: 7, shardSize: 50, htmlShare: 0.05 }, vocab);
    assert.deepEqual(ma.shards, ['corpus-000.jsonl', 'corpus-001.jsonl', 'corpus-002.jsonl']);
    assert.deepEqual(ma, mb);
    for (const f of [...ma.shards, 'manifest.json', 'html/p-000000.html', 'html/p-000005.html']) {
      assert.ok(readFileSync(path.join(a, f)).equals(readFileSync(path.join(b, f))), f);
    }
    assert.equal(ma.html_pages, 6);
    assert.equal(readdirSync(path.join(a, 'html')).length, 6);
    assert.ok(existingCorpus({ n: 120, out: a, seed: 7, shardSize: 50, htmlShare: 0.05 }), 'a finished corpus is reused');
    assert.equal(existingCorpus({ n: 120, out: a, seed: 8, shardSize: 50, htmlShare: 0.05 }), null, 'another seed is not');
    const other = generateCorpus({ n: 20, out: tmp(), seed: 8, htmlShare: 0 }, vocab);
    assert.notDeepEqual(other.langs, { en: 0, fr: 0, vi: 0 });
  } finally {
    rmSync(a, { recursive: true, force: true });
    rmSync(b, { recursive: true, force: true });
  }
});

test('records mix the three languages, cooperation and plain news, at 3–10 KB', () => {
  const dir = tmp();
  try {
    const m = generateCorpus({ n: 100, out: dir, seed: 42, htmlShare: 0 }, vocab);
    const recs = records(dir);
    assert.equal(recs.length, 100);
    assert.equal(new Set(recs.map((r) => r.id)).size, 100, 'ids are unique');
    for (const lang of ['en', 'fr', 'vi'] as const) assert.ok(m.langs[lang] >= 10, `${lang}: ${m.langs[lang]}`);
    assert.ok(m.cooperation >= 25 && m.cooperation <= 55, `cooperation ${m.cooperation}`);
    for (const r of recs) {
      const bytes = Buffer.byteLength(r.title, 'utf8') + Buffer.byteLength(r.text, 'utf8');
      assert.ok(bytes >= 2800 && bytes <= 10_400, `${r.id}: ${bytes} bytes`);
      assert.ok(r.url.startsWith('https://'));
    }
    // Some articles carry a teaser block whose opener is a dictionary boilerplate cue.
    const openers = new Set(Object.values(vocab).flatMap((v) => v.teaserOpeners));
    const withTeasers = recs.filter((r) => r.text.split('\n').some((l) => openers.has(l.trim())));
    assert.ok(withTeasers.length >= 30, `teaser blocks in ${withTeasers.length} of 100`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('near-duplicates are light edits of an earlier article; unrelated articles are far apart', () => {
  const opts = { ...DEFAULT_ARTICLE_OPTIONS, nearDupShare: 0.5 };
  let checked = 0;
  for (let i = 60; i < 100; i++) {
    const a = buildArticle(vocab, opts, i);
    if (a.nearDupOf === null) continue;
    assert.ok(a.nearDupOf < i);
    const orig = buildArticle(vocab, opts, a.nearDupOf);
    assert.equal(orig.nearDupOf, null, 'the original is not itself a copy');
    const body = (x: typeof a) => x.paragraphs.map((p) => p.join(' ')).join('\n\n');
    assert.notEqual(body(a), body(orig));
    const sim = estimateSimilarity(minhashSignature(body(a), []), minhashSignature(body(orig), []));
    assert.ok(sim >= 0.85, `copy ${i} of ${a.nearDupOf}: similarity ${sim}`);
    const unrelated = buildArticle(vocab, opts, i === 99 ? 61 : i + 1);
    if (unrelated.nearDupOf === null && unrelated.index !== a.nearDupOf) {
      assert.ok(estimateSimilarity(minhashSignature(body(a), []), minhashSignature(body(unrelated), [])) < 0.3);
    }
    checked++;
  }
  assert.ok(checked >= 5, `checked ${checked}`);
});

test('HTML pages are ~50 KB with page chrome around the article', () => {
  const dir = tmp();
  try {
    generateCorpus({ n: 40, out: dir, seed: 3, htmlShare: 0.1 }, vocab);
    const pages = readdirSync(path.join(dir, 'html'));
    assert.equal(pages.length, 4);
    for (const p of pages) {
      const html = readFileSync(path.join(dir, 'html', p), 'utf8');
      const kb = Buffer.byteLength(html, 'utf8') / 1024;
      assert.ok(kb > 40 && kb < 60, `${p}: ${kb.toFixed(1)} KB`);
      for (const marker of ['<nav', '<article', '<aside', '<footer', 'og:title', '<script>']) assert.ok(html.includes(marker), `${p} has ${marker}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('coopwatch bench gen writes a corpus; bad options are usage errors', async () => {
  const { main } = await import('../../src/cli/main.ts');
  const dir = tmp();
  const log = console.log;
  const err = console.error;
  const out: string[] = [];
  console.log = (...a: unknown[]) => void out.push(a.join(' '));
  console.error = (...a: unknown[]) => void out.push(a.join(' '));
  try {
    assert.equal(await main(['bench', 'gen', '--n', '30', '--out', dir, '--seed', '9', '--html-share', '0.1']), 0);
    const m = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    assert.equal(m.n, 30);
    assert.equal(m.seed, 9);
    assert.equal(m.html_pages, 3);
    assert.match(out.join('\n'), /Wrote 30 articles/);
    assert.equal(await main(['bench', 'gen', '--out', dir]), 2, '--n is required');
    assert.equal(await main(['bench', 'gen', '--n', '5', '--out', dir, '--html-share', '2']), 2);
    assert.equal(await main(['bench', 'nope']), 2);
  } finally {
    console.log = log;
    console.error = err;
    rmSync(dir, { recursive: true, force: true });
  }
});
