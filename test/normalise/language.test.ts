import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectLanguage, normaliseDeclaredLang } from '../../src/normalise/language.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const seedsDir = path.resolve(repoRoot, '../shared/corpus/seeds');

test('all five seeds are French (seed 000 opens with a Vietnamese site header)', () => {
  const files = readdirSync(seedsDir).filter((f) => f.endsWith('.txt'));
  assert.equal(files.length, 5);
  for (const f of files) {
    const r = detectLanguage(readFileSync(path.join(seedsDir, f), 'utf8'));
    assert.equal(r.lang, 'fr', f);
    assert.ok(r.confidence > 0.5, `${f}: ${r.confidence}`);
  }
});

// ~200-character texts written for the tests.
const SHORT: Record<'fr' | 'en' | 'vi', string> = {
  fr: "Le ministre a reçu lundi à Hanoi une délégation d'universitaires. Les deux parties ont convenu de renforcer la coopération dans la recherche, la formation et la transformation numérique.",
  en: 'The minister received a delegation of university researchers in Hanoi on Monday. Both sides agreed to strengthen cooperation in research, training and the digital transformation.',
  vi: 'Bộ trưởng đã tiếp đoàn các nhà nghiên cứu đại học tại Hà Nội hôm thứ Hai. Hai bên nhất trí tăng cường hợp tác trong nghiên cứu, đào tạo và chuyển đổi số quốc gia.',
};

for (const [lang, text] of Object.entries(SHORT)) {
  test(`short ${lang} text (~200 chars) is ${lang}`, () => {
    assert.equal(detectLanguage(text).lang, lang);
  });
}

test('German and Czech texts are und, not forced into fr/en/vi', () => {
  const de =
    'Der Minister empfing am Montag in Hanoi eine Delegation von Hochschulforschern. Beide Seiten vereinbarten, die Zusammenarbeit in Forschung, Ausbildung und digitaler Transformation zu stärken.';
  const cs =
    'Ministr v pondělí v Hanoji přijal delegaci univerzitních výzkumníků. Obě strany se dohodly na posílení spolupráce ve výzkumu, vzdělávání a digitální transformaci.';
  assert.equal(detectLanguage(de).lang, 'und');
  assert.equal(detectLanguage(cs).lang, 'und');
  // A declared language does not override a clearly different one.
  assert.equal(detectLanguage(de, 'fr').lang, 'und');
});

test('Vietnamese without diacritics is vi or und, never fr/en', () => {
  const t = 'Bo truong da tiep doan cac nha nghien cuu dai hoc tai Ha Noi hom thu Hai. Hai ben nhat tri tang cuong hop tac trong nghien cuu, dao tao va chuyen doi so.';
  assert.ok(['vi', 'und'].includes(detectLanguage(t).lang));
});

test('too short: und, or the declared language as a hint', () => {
  assert.equal(detectLanguage('Bonjour').lang, 'und');
  assert.equal(detectLanguage('').lang, 'und');
  assert.equal(detectLanguage('12/03/2025 https://example.com').lang, 'und');
  assert.equal(detectLanguage('Bonjour', 'fr-FR').lang, 'fr');
  assert.equal(detectLanguage('Bonjour', 'de').lang, 'und');
});

test('the declared language does not override a clear detection', () => {
  assert.equal(detectLanguage(SHORT.en, 'fr').lang, 'en');
  assert.equal(detectLanguage(SHORT.vi, 'en').lang, 'vi');
});

test('normaliseDeclaredLang', () => {
  assert.equal(normaliseDeclaredLang('fr-FR'), 'fr');
  assert.equal(normaliseDeclaredLang('vi_VN'), 'vi');
  assert.equal(normaliseDeclaredLang('EN'), 'en');
  assert.equal(normaliseDeclaredLang('de'), null);
  assert.equal(normaliseDeclaredLang(null), null);
});
