/**
 * Consistency and coverage of the annotated test sets (testset/{en,fr,vi}.gold.json with the articles
 * in testset/{en,fr,vi}/, and the blind hold-out set in testset/blind/): the gold is tested like code
 * (see gold-check.ts), and the hard cases each half was written for are pinned, so that a later edit
 * cannot quietly drop one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { BLIND, TESTSET, articleText, checkDoc, loadGold, type TestsetLang } from './gold-check.ts';

type Minimum = Record<TestsetLang, { articles: number; negatives: number }>;

/** The sets checked, each with its smallest article count and negative-document count per language. */
const SETS: { name: string; dir: string; minimum: Minimum }[] = [
  {
    name: 'testset',
    dir: TESTSET,
    minimum: { en: { articles: 12, negatives: 3 }, vi: { articles: 12, negatives: 2 }, fr: { articles: 8, negatives: 1 } },
  },
  {
    name: 'testset/blind',
    dir: BLIND,
    minimum: { en: { articles: 5, negatives: 1 }, vi: { articles: 5, negatives: 1 }, fr: { articles: 5, negatives: 1 } },
  },
];

for (const { name, dir, minimum } of SETS) {
  for (const lang of ['en', 'vi', 'fr'] as const) {
    test(`${name}/${lang}.gold.json is coopwatch-gold/1 and covers every ${lang} article exactly once`, () => {
      const gold = loadGold(lang, dir);
      assert.equal(gold.format, 'coopwatch-gold/1');
      const files = readdirSync(path.join(dir, lang)).filter((f) => f.endsWith('.txt')).sort();
      assert.deepEqual(gold.documents.map((d) => d.file).sort(), files);
      assert.ok(files.length >= minimum[lang].articles, `${name}/${lang}: too few articles`);
      const negatives = gold.documents.filter((d) => d.partners.length === 0).length;
      assert.ok(negatives >= minimum[lang].negatives, `${name}/${lang}: too few negative documents`);
    });

    test(`${name}/${lang}.gold.json documents are internally consistent and quote their articles`, () => {
      for (const d of loadGold(lang, dir).documents) checkDoc(d, lang, dir);
    });
  }
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** Publication date from the dateline (line 2), in the two shapes the English set uses; null when there is none. */
function englishDatelineDate(text: string): string | null {
  const line = text.split('\n')[1] ?? '';
  const dmy = /\b(\d{2})\/(\d{2})\/(\d{4})\b/.exec(line);
  if (dmy) return `${dmy[3]}-${dmy[2]}-${dmy[1]}`;
  const mdy = /\b([A-Z][a-z]+) (\d{1,2}), (\d{4})\b/.exec(line);
  if (mdy && MONTHS.includes(mdy[1].toLowerCase())) return `${mdy[3]}-${String(MONTHS.indexOf(mdy[1].toLowerCase()) + 1).padStart(2, '0')}-${mdy[2].padStart(2, '0')}`;
  return null;
}

test('English articles: published is the dateline date, 150–600 words, people named in the text', () => {
  for (const d of loadGold('en').documents) {
    const where = `en/${d.file}`;
    const text = articleText('en', d.file);
    assert.equal(d.published, englishDatelineDate(text), `${where}: published must be the dateline date (or null without one)`);
    const words = text.split(/\s+/).filter(Boolean).length;
    assert.ok(words >= 150 && words <= 600, `${where}: ${words} words`);
    for (const p of d.people) assert.ok([p.name, ...p.aliases].some((n) => text.includes(n)), `${where}: person ${p.name} not in the text`);
  }
});

test('the English set covers the hard cases it was written for', () => {
  const docs = loadGold('en').documents;
  const events = docs.flatMap((d) => d.events);
  const commitments = docs.flatMap((d) => d.commitments);
  const has = (what: string, ok: boolean): void => assert.ok(ok, `missing hard case: ${what}`);

  has('a signed MoU', events.some((e) => e.event === 'SUPPORT' && e.modality === 'realized' && /memorandum/i.test(e.evidence)));
  has('a promised MoU', events.some((e) => e.event === 'AGREE' && e.modality === 'future' && /memorandum/i.test(e.evidence)));
  has('a failed negotiation', events.some((e) => e.event === 'REJECT' && e.modality === 'negated'));
  has('hypothetical cooperation', events.some((e) => e.modality === 'hypothetical'));
  has('a request', events.some((e) => e.event === 'REQUEST'));
  has('a phone call', events.some((e) => e.mode === 'phone'));
  has('a realized loan', events.some((e) => e.event === 'AID' && e.modality === 'realized' && /loan/i.test(e.evidence)));
  has('USD 150 million', commitments.some((c) => c.quantity === 150_000_000 && c.unit === 'USD'));
  has('£1bn', commitments.some((c) => c.quantity === 1_000_000_000 && c.unit === 'GBP'));
  has('$2.5bn', commitments.some((c) => c.quantity === 2_500_000_000 && c.unit === 'USD'));
  has('610 MW', commitments.some((c) => c.quantity === 610 && c.unit === 'MW'));
  has('several partner pairs in one article', docs.some((d) => d.partners.length >= 4));
  has('historical background marked must_not', docs.filter((d) => d.must_not.facts_from_text.some((f) => /\b(19|20)\d\d\b/.test(f))).length >= 3);
  has('a purely domestic policy article', docs.some((d) => d.partners.length === 0 && d.policies.length > 0));
  has('three non-cooperation articles', docs.filter((d) => d.partners.length === 0 && d.policies.length === 0).length >= 3);
  has('two undated articles', docs.filter((d) => d.published === null).length >= 2);
});

test('the blind hold-out set: 150–450 words per article and, in each language, the hard cases it was written for', () => {
  for (const lang of ['en', 'fr', 'vi'] as const) {
    const docs = loadGold(lang, BLIND).documents;
    for (const d of docs) {
      const text = articleText(lang, d.file, BLIND);
      const words = text.split(/\s+/).filter(Boolean).length;
      assert.ok(words >= 150 && words <= 450, `blind/${lang}/${d.file}: ${words} words`);
      for (const p of d.people) assert.ok([p.name, ...p.aliases].some((n) => text.includes(n)), `blind/${lang}/${d.file}: person ${p.name} not in the text`);
    }
    const events = docs.flatMap((d) => d.events);
    const has = (what: string, ok: boolean): void => assert.ok(ok, `blind/${lang}: missing hard case: ${what}`);
    has('a failed or stalled negotiation', events.some((e) => e.event === 'REJECT' && e.modality === 'negated'));
    has('an article with several partner pairs', docs.some((d) => d.partners.length >= 3));
    has('money with a deadline', docs.some((d) => d.commitments.some((c) => ['USD', 'EUR', 'CAD'].includes(c.unit ?? '')) && d.commitments.some((c) => c.deadline !== null)));
    has('a non-cooperation article', docs.some((d) => d.partners.length === 0));
    has('a hypothetical event', events.some((e) => e.modality === 'hypothetical'));
    has('a future event', events.some((e) => e.modality === 'future'));
    has('a promise not yet done', docs.some((d) => d.commitments.some((c) => c.status === 'pledge')));
    has('historical background in must_not', docs.some((d) => d.must_not.facts_from_text.some((f) => /\b(19|20)\d\d\b/.test(f))));
    has('page leftovers', docs.some((d) => /^(Read more|Related news|Lire aussi|Xem thêm)/m.test(articleText(lang, d.file, BLIND))));
  }
});
