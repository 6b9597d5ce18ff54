/** parseNumber and findQuantities: number formats per language, scales, currencies, units, counts, and what is not a quantity. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { SEEDS, SEEDS_GOLD } from '../helpers.ts';
import { findQuantities, hasQuantityTail, parseNumber } from '../../src/extract/quantities.ts';
import type { Lang } from '../../src/types.ts';

/** [text, value, unit, kind] of every mention. */
const q = (text: string, lang: Lang) => findQuantities(text, lang).map((m) => [m.text, m.value, m.unit, m.kind]);

test('parseNumber follows the language’s separators', () => {
  assert.equal(parseNumber('50.000', 'fr'), 50000);
  assert.equal(parseNumber('1,5', 'vi'), 1.5);
  assert.equal(parseNumber('50 000', 'fr'), 50000);
  assert.equal(parseNumber('50\u202f000', 'fr'), 50000);
  assert.equal(parseNumber('50\u00a0000,25', 'fr'), 50000.25);
  assert.equal(parseNumber('1.5', 'en'), 1.5);
  assert.equal(parseNumber('1,500', 'en'), 1500);
  assert.equal(parseNumber('1,500,000.75', 'en'), 1500000.75);
  assert.equal(parseNumber('1.500', 'fr'), 1500);
  assert.equal(parseNumber('2.5', 'fr'), 2.5);
  assert.equal(parseNumber('1.000.000', 'vi'), 1000000);
  assert.equal(parseNumber('1.500,5', 'fr'), 1500.5);
  assert.equal(parseNumber('1,500.5', 'fr'), 1500.5);
  assert.equal(parseNumber('1,5', 'und'), 1.5);
  assert.equal(parseNumber('1,500', 'und'), 1500);
  assert.equal(parseNumber('1.2.3', 'fr'), null);
  assert.equal(parseNumber('10/03', 'fr'), null);
  assert.equal(parseNumber('abc', 'en'), null);
});

test('French: thousands, decimal comma, scales, currencies, counts', () => {
  assert.deepEqual(q("L'objectif est de former 50.000 ingénieurs d'ici 2030.", 'fr'), [['50.000 ingénieurs', 50000, 'engineers', 'count']]);
  assert.deepEqual(q('Un fonds de 1,5 milliard d’euros a été créé.', 'fr'), [['1,5 milliard d’euros', 1.5e9, 'EUR', 'money']]);
  assert.deepEqual(q('Il y a 50\u202f000 étudiants et 300 bourses.', 'fr'), [
    ['50\u202f000 étudiants', 50000, 'students', 'count'],
    ['300 bourses', 300, 'scholarships', 'count'],
  ]);
  assert.deepEqual(q('La formation de 20 fonctionnaires et 3 nouveaux projets.', 'fr'), [
    ['20 fonctionnaires', 20, 'officials', 'count'],
    ['3 nouveaux projets', 3, 'projects', 'count'],
  ]);
  assert.deepEqual(q('Deux milliards de dollars et une hausse de 300 %.', 'fr'), [
    ['Deux milliards de dollars', 2e9, 'USD', 'money'],
    ['300 %', 300, '%', 'percent'],
  ]);
  assert.deepEqual(q('Un budget de 300 M€.', 'fr'), [['300 M€', 3e8, 'EUR', 'money']]);
  assert.deepEqual(q('Il compte 12 laboratoires.', 'fr'), [['12 laboratoires', 12, 'laboratories', 'count']]);
  assert.deepEqual(q('Ils ont livré 40 drones.', 'fr'), [['40 drones', 40, 'drones', 'count']]);
});

test('English: symbols, codes, scale suffixes, measures, percent', () => {
  assert.deepEqual(q('The UK pledged £1bn and $2.5 billion.', 'en'), [
    ['£1bn', 1e9, 'GBP', 'money'],
    ['$2.5 billion', 2.5e9, 'USD', 'money'],
  ]);
  assert.deepEqual(q('A loan of USD 150 million, then 150 million US dollars and €300m.', 'en'), [
    ['USD 150 million', 1.5e8, 'USD', 'money'],
    ['150 million US dollars', 1.5e8, 'USD', 'money'],
    ['€300m', 3e8, 'EUR', 'money'],
  ]);
  assert.deepEqual(q('A 610 MW plant, 2 GW of solar, 30% more and 1.5bn people.', 'en'), [
    ['610 MW', 610, 'MW', 'measure'],
    ['2 GW', 2, 'GW', 'measure'],
    ['30%', 30, '%', 'percent'],
    ['1.5bn people', 1.5e9, 'people', 'count'],
  ]);
  assert.deepEqual(q('It will train 50,000 engineers and fund three universities.', 'en'), [
    ['50,000 engineers', 50000, 'engineers', 'count'],
    ['three universities', 3, 'universities', 'count'],
  ]);
  assert.deepEqual(q('A 1,200 km line and 500 tonnes of rice.', 'en'), [
    ['1,200 km', 1200, 'km', 'measure'],
    ['500 tonnes', 500, 't', 'measure'],
  ]);
});

test('Vietnamese: dot thousands, decimal comma, triệu/tỷ/nghìn, đồng/Yên, classifiers', () => {
  assert.deepEqual(q('Nhật Bản cho vay 100 tỉ Yên và 2.000 tỷ đồng.', 'vi'), [
    ['100 tỉ Yên', 1e11, 'JPY', 'money'],
    ['2.000 tỷ đồng', 2e12, 'VND', 'money'],
  ]);
  assert.deepEqual(q('Dự án trị giá 3 triệu USD, vốn 1,5 tỷ USD và 50 nghìn tỷ đồng.', 'vi'), [
    ['3 triệu USD', 3e6, 'USD', 'money'],
    ['1,5 tỷ USD', 1.5e9, 'USD', 'money'],
    ['50 nghìn tỷ đồng', 5e13, 'VND', 'money'],
  ]);
  assert.deepEqual(q('Đào tạo 50.000 kỹ sư, cấp 500 học bổng cho 300 sinh viên và 30 nhà khoa học.', 'vi'), [
    ['50.000 kỹ sư', 50000, 'engineers', 'count'],
    ['500 học bổng', 500, 'scholarships', 'count'],
    ['300 sinh viên', 300, 'students', 'count'],
    ['30 nhà khoa học', 30, 'researchers', 'count'],
  ]);
  assert.deepEqual(q('Phóng 5 chiếc vệ tinh, tăng 12,5% và 100 cán bộ.', 'vi'), [
    ['5 chiếc vệ tinh', 5, 'satellites', 'count'],
    ['12,5%', 12.5, '%', 'percent'],
    ['100 cán bộ', 100, 'officials', 'count'],
  ]);
  // Unknown nouns are kept as written: a whole Vietnamese noun phrase, the plural noun in English.
  assert.deepEqual(q('Tòa xét xử 17 bị cáo.', 'vi'), [['17 bị cáo', 17, 'bị cáo', 'count']]);
  assert.deepEqual(q('They hired 2,000 chip designers.', 'en'), [['2,000 chip designers', 2000, 'designers', 'count']]);
  // "động" (in "động cơ") is not "đồng": diacritics are kept when matching Vietnamese.
  assert.ok(!q('Nhà máy lắp 5 động cơ.', 'vi').some((m) => m[3] === 'money'));
});

test('not quantities: years, dates, ordinals, identifiers, phone numbers, 5G, times, durations', () => {
  assert.deepEqual(q('En 2021, puis le 22 septembre 2024 et le 10/03/2025.', 'fr'), []);
  assert.deepEqual(q('La 79e session, la Résolution 57-NQ/TW, le Décret 13 et la 5G/6G.', 'fr'), []);
  assert.deepEqual(q('Quyết định 1131/QĐ-TTg, lần thứ 2, ngày 29/5 và năm 2024.', 'vi'), []);
  assert.deepEqual(q('Call +84 24 3825 1234 or 0912 345 678 at 14h30.', 'en'), []);
  assert.deepEqual(q('Decree 13, Article 5, COVID-19 and the 2021-2030 plan (photo 1).', 'en'), []);
  assert.deepEqual(q('Au cours des 20 dernières années et pendant 3 ans.', 'fr'), []);
  assert.deepEqual(q('Trong 20 năm qua, sau 3 tháng.', 'vi'), []);
  assert.deepEqual(q('On September 22, 2024, the Vision 2030 was launched.', 'en'), []);
  assert.deepEqual(q('It builds on the 2020 agreement and aims to train staff by 2028 through short courses.', 'en'), []);
  assert.deepEqual(q("Đầu tư nước ngoài tăng; anh ấy 36 tuổi.", 'vi'), []);
});

test('hasQuantityTail tells a count from a year', () => {
  const s = "jusqu'à 2000 personnes d'ici 2030.";
  assert.equal(hasQuantityTail(s, s.indexOf('2000') + 4, 'fr'), true);
  assert.equal(hasQuantityTail(s, s.indexOf('2030') + 4, 'fr'), false);
});

test('seed articles: sorted, non-overlapping mentions and the gold commitment quantities', () => {
  const gold = JSON.parse(readFileSync(SEEDS_GOLD, 'utf8')) as { documents: { file: string; lang: Lang; commitments: { quantity: number | null; unit: string | null }[] }[] };
  for (const file of readdirSync(SEEDS)) {
    const g = gold.documents.find((d) => d.file === file);
    if (!g) continue;
    const text = readFileSync(path.join(SEEDS, file), 'utf8');
    const found: string[] = [];
    for (const sentence of text.split(/(?<=[.!?])\s+|\n+/)) {
      let prev = 0;
      for (const m of findQuantities(sentence, g.lang)) {
        assert.ok(m.start >= prev && m.end > m.start);
        assert.equal(m.text, sentence.slice(m.start, m.end));
        assert.ok(Number.isFinite(m.value));
        prev = m.end;
        found.push(`${m.value} ${m.unit}`);
      }
    }
    for (const c of g.commitments) if (c.quantity !== null) assert.ok(found.includes(`${c.quantity} ${c.unit}`), `${file}: ${c.quantity} ${c.unit} in ${found}`);
  }
});

test('number words count people of named professions in fr/en/vi', async () => {
  const { findQuantities } = await import('../../src/extract/quantities.ts');
  const q = (s: string, lang: 'fr' | 'en' | 'vi') => findQuantities(s, lang).map((x) => [x.value, x.unit]);
  assert.deepEqual(q('La partie tchèque accueillera dix géologues vietnamiens.', 'fr'), [[10, 'geologists']]);
  assert.deepEqual(q('Australia will train ten oceanographers.', 'en'), [[10, 'oceanographers']]);
  assert.deepEqual(q('Phía Nhật Bản sẽ đào tạo hai mươi bác sĩ.', 'vi'), [[20, 'doctors']]);
});
