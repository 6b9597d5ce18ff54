/**
 * Checks on the sample articles in examples/ (what `npm run demo` ingests).
 *
 * These are data files. The tests make sure they keep the properties the demo and the other tests
 * rely on:
 * - every file is listed in the README;
 * - the text files have the title / dateline / paragraphs layout;
 * - each language is covered;
 * - the Vietnamese search targets are present;
 * - the near-duplicate really is near;
 * - the HTML page, RSS feed and JSONL batch carry the metadata the readers extract;
 * - nothing points outside example.org.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { EXAMPLES } from '../helpers.ts';
import { fold } from '../../src/util/fold.ts';

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((name) => {
    const rel = prefix + name;
    return statSync(path.join(dir, name)).isDirectory() ? listFiles(path.join(dir, name), `${rel}/`) : [rel];
  });
}
const FILES = listFiles(EXAMPLES).sort();
const read = (rel: string): string => readFileSync(path.join(EXAMPLES, rel), 'utf8');
const TEXTS = FILES.filter((f) => f.endsWith('.txt'));
const langOf = (f: string): string => f.slice(0, 2);
const wordsOf = (s: string): string[] => fold(s).match(/[\p{L}\p{N}]+/gu) ?? [];

/**
 * Title plus article body of a plain-text example: the dateline and the page leftovers at the end
 * are left out. The title is kept because a reposting outlet retitles the story, and the copy must
 * still count as near even when a fingerprint includes the title.
 */
function titleAndBody(rel: string): string {
  const text = read(rel);
  const start = text.indexOf('\n\n');
  const cut = text.slice(start).search(/\n(Photo: |Read more|Related news|Comment \(\d+\))/);
  return `${text.split('\n', 1)[0]}\n${cut < 0 ? text.slice(start) : text.slice(start, start + cut)}`;
}

test('README says the articles are fictional and lists every example file', () => {
  const readme = read('README.md');
  assert.match(readme, /fictional/i);
  assert.match(readme, /not real news/i);
  for (const f of FILES.filter((x) => x !== 'README.md')) assert.ok(readme.includes(`\`${f}\``), `README does not list ${f}`);
});

test('plain-text examples: title line, optional date line, blank line, NFC, 150-600 words, 3+ per language', () => {
  for (const f of TEXTS) {
    const text = read(f);
    assert.equal(text, text.normalize('NFC'), `${f}: not NFC`);
    const lines = text.split('\n');
    assert.ok(lines[0].trim().length > 10, `${f}: title line`);
    assert.ok(lines[1] === '' || (lines[2] === '' && /\d{4}/.test(lines[1])), `${f}: line 2 must be blank or a date line followed by a blank line`);
    const n = text.split(/\s+/).filter(Boolean).length;
    assert.ok(n >= 150 && n <= 600, `${f}: ${n} words`);
  }
  for (const lang of ['fr', 'en', 'vi']) assert.ok(TEXTS.filter((f) => langOf(f) === lang).length >= 3, `fewer than 3 ${lang} articles`);
});

test('Vietnamese examples contain the accented forms the search tests look up without accents', () => {
  const vi = TEXTS.filter((f) => langOf(f) === 'vi').map(read).join('\n');
  assert.ok(vi.includes('Đà Nẵng'));
  assert.ok(vi.includes('khoa học công nghệ'));
  assert.ok(fold(vi).includes('da nang') && fold(vi).includes('khoa hoc cong nghe'));
});

test('the republished copy is a near-duplicate of its original (>= 0.9 of 5-word shingles shared)', () => {
  const shingles = (rel: string): Set<string> => {
    const w = wordsOf(titleAndBody(rel));
    return new Set(w.slice(0, -4).map((_, i) => w.slice(i, i + 5).join(' ')));
  };
  const a = shingles('en-korea-ai-research-centre.txt');
  const b = shingles('en-korea-ai-research-centre-repost.txt');
  const inter = [...a].filter((s) => b.has(s)).length;
  const jaccard = inter / (a.size + b.size - inter);
  assert.ok(jaccard >= 0.9 && jaccard < 1, `jaccard ${jaccard.toFixed(3)}`);
  assert.notEqual(read('en-korea-ai-research-centre.txt').split('\n')[0], read('en-korea-ai-research-centre-repost.txt').split('\n')[0]);
});

test('HTML page carries og:title, og:site_name, published time, canonical and a JSON-LD NewsArticle', () => {
  const pages = FILES.filter((f) => f.startsWith('pages/') && f.endsWith('.html'));
  assert.ok(pages.length >= 1);
  for (const f of pages) {
    const html = read(f);
    for (const re of [/property="og:title"/, /property="og:site_name"/, /property="article:published_time" content="20(24|25|26)-/, /<link rel="canonical"/, /<article[\s>]/, /<footer/, /<nav/]) {
      assert.match(html, re, `${f}: ${re}`);
    }
    const ld = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html);
    assert.ok(ld, `${f}: JSON-LD block`);
    assert.equal((JSON.parse(ld[1]) as { '@type': string })['@type'], 'NewsArticle');
  }
});

test('RSS feed: RSS 2.0 with three items, each with pubDate and HTML content:encoded', () => {
  const feeds = FILES.filter((f) => f.startsWith('feeds/') && f.endsWith('.rss'));
  assert.ok(feeds.length >= 1);
  for (const f of feeds) {
    const xml = new XMLParser({ ignoreAttributes: false }).parse(read(f)) as {
      rss: { '@_version': string; channel: { item: { pubDate: string; 'content:encoded': string }[] } };
    };
    assert.equal(xml.rss['@_version'], '2.0');
    const items = xml.rss.channel.item;
    assert.equal(items.length, 3);
    for (const it of items) {
      assert.ok(!Number.isNaN(Date.parse(it.pubDate)), `${f}: pubDate ${it.pubDate}`);
      assert.match(it['content:encoded'], /<p>/);
    }
  }
});

test('batch.jsonl: one document per line with id, title, text, url, ISO published, lang and source', () => {
  const rows = read('batch.jsonl').trim().split('\n').map((l) => JSON.parse(l) as Record<string, string>);
  assert.ok(rows.length >= 3 && rows.length <= 4);
  for (const r of rows) {
    for (const k of ['id', 'title', 'text', 'url', 'published', 'lang', 'source']) assert.equal(typeof r[k], 'string', `${r.id}: ${k}`);
    assert.match(r.published, /^20(24|25|26)-\d\d-\d\dT/);
    assert.ok(['en', 'fr', 'vi'].includes(r.lang));
    assert.equal(r.text, r.text.normalize('NFC'));
  }
  assert.ok(new Set(rows.map((r) => r.lang)).size === 3, 'mixes en, fr and vi');
  assert.equal(new Set(rows.map((r) => r.id)).size, rows.length, 'ids are unique');
});

test('every link in the examples points to example.org, so the demo never needs the network', () => {
  for (const f of FILES) {
    for (const url of read(f).match(/https?:\/\/[^\s"'<>)]+/g) ?? []) {
      if (/^https?:\/\/(schema\.org|purl\.org|www\.w3\.org)\b/.test(url)) continue; // vocabulary identifiers, never fetched
      assert.match(url, /^https:\/\/example\.org\//, `${f}: ${url}`);
    }
  }
});
