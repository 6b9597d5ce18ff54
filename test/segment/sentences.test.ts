import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Lang } from '../../src/types.ts';
import { splitSentences } from '../../src/segment/index.ts';

/** Sentences of `text` as strings, checking that offsets slice back and are trimmed. */
function sentences(text: string, lang: Lang): string[] {
  const spans = splitSentences(text, 0, text.length, lang);
  let prevEnd = 0;
  for (const s of spans) {
    assert.ok(s.start >= prevEnd && s.end > s.start && s.end <= text.length, 'ordered, inside the text');
    assert.equal(text.slice(s.start, s.end).trim(), text.slice(s.start, s.end), 'trimmed');
    prevEnd = s.end;
  }
  return spans.map((s) => text.slice(s.start, s.end));
}

test('titles and honorifics do not end sentences', () => {
  assert.deepEqual(sentences('M. Tran Cuong a dit que la coopération progresse. Dr. Smith est d’accord.', 'fr'), [
    'M. Tran Cuong a dit que la coopération progresse.',
    'Dr. Smith est d’accord.',
  ]);
  assert.deepEqual(sentences('Mme. Lan et MM. Dupont et Martin sont arrivés hier.', 'fr'), ['Mme. Lan et MM. Dupont et Martin sont arrivés hier.']);
});

test('initialisms: the U.S. and Vietnam', () => {
  assert.deepEqual(sentences('Talks between the U.S. and Vietnam resumed. The U.K. joined later.', 'en'), [
    'Talks between the U.S. and Vietnam resumed.',
    'The U.K. joined later.',
  ]);
});

test('Vietnamese academic titles and TP.', () => {
  assert.deepEqual(sentences('TS. Nguyễn Văn A phát biểu tại hội thảo. PGS. TS. Lê B cho biết thêm về dự án.', 'vi'), [
    'TS. Nguyễn Văn A phát biểu tại hội thảo.',
    'PGS. TS. Lê B cho biết thêm về dự án.',
  ]);
  assert.deepEqual(sentences('Hội thảo diễn ra tại TP. Hồ Chí Minh hôm qua. ThS. Trần C chủ trì.', 'vi'), [
    'Hội thảo diễn ra tại TP. Hồ Chí Minh hôm qua.',
    'ThS. Trần C chủ trì.',
  ]);
});

test('numbers never break a sentence; a number can start one', () => {
  assert.deepEqual(sentences("Le pays veut former 50.000 ingénieurs d'ici 2030. La part atteint 3.5% cette année.", 'fr'), [
    "Le pays veut former 50.000 ingénieurs d'ici 2030.",
    'La part atteint 3.5% cette année.',
  ]);
  assert.deepEqual(sentences('Dự án trị giá 1,5 tỷ USD đã được phê duyệt. Hai bên ký 2.000 tỷ đồng.', 'vi'), [
    'Dự án trị giá 1,5 tỷ USD đã được phê duyệt.',
    'Hai bên ký 2.000 tỷ đồng.',
  ]);
  assert.deepEqual(sentences('Les investissements ont augmenté. 1,5 tỷ USD ont été engagés.', 'fr'), [
    'Les investissements ont augmenté.',
    '1,5 tỷ USD ont été engagés.',
  ]);
  assert.deepEqual(sentences('Voir p. 12 du rapport. Art. 3 de la loi.', 'fr'), ['Voir p. 12 du rapport.', 'Art. 3 de la loi.']);
});

test('initials and unpunctuated names stay intact', () => {
  assert.deepEqual(sentences('J. R. R. Tolkien est né en Afrique du Sud. Nguyễn V. A. a répondu.', 'fr'), [
    'J. R. R. Tolkien est né en Afrique du Sud.',
    'Nguyễn V. A. a répondu.',
  ]);
  assert.deepEqual(sentences('Le ministre, Nguyên Chi Dung, a déclaré que les relations progressent.', 'fr'), [
    'Le ministre, Nguyên Chi Dung, a déclaré que les relations progressent.',
  ]);
});

test('? ! … end sentences', () => {
  assert.deepEqual(sentences('Pourquoi maintenant ? Parce que le moment est venu ! Il hésita… Ensuite il signa.', 'fr'), [
    'Pourquoi maintenant ?',
    'Parce que le moment est venu !',
    'Il hésita…',
    'Ensuite il signa.',
  ]);
  assert.deepEqual(sentences('Is it ready? Yes! Then we go.', 'en'), ['Is it ready?', 'Yes!', 'Then we go.']);
});

test('French guillemets close the sentence they belong to', () => {
  assert.deepEqual(sentences('Il a dit : « C’est fini. » Puis il est parti.', 'fr'), ['Il a dit : « C’est fini. »', 'Puis il est parti.']);
  assert.deepEqual(sentences('Il a dit : « C’est fini.\u00a0» Puis il est parti.', 'fr'), ['Il a dit : « C’est fini.\u00a0»', 'Puis il est parti.']);
  assert.deepEqual(sentences('« Pourquoi ? » a-t-il demandé. Personne ne répondit.', 'fr'), ['« Pourquoi ? » a-t-il demandé.', 'Personne ne répondit.']);
});

test('several sentences per paragraph, offsets inside a larger text', () => {
  const text = 'Intro.\n\nPremière phrase. Deuxième phrase ! Troisième ?\n\nFin.';
  const start = text.indexOf('Première');
  const end = text.indexOf('\n\nFin');
  const spans = splitSentences(text, start, end, 'fr');
  assert.deepEqual(
    spans.map((s) => text.slice(s.start, s.end)),
    ['Première phrase.', 'Deuxième phrase !', 'Troisième ?'],
  );
  assert.ok(spans.every((s) => s.start >= start && s.end <= end));
});

test('line breaks inside a joined paragraph are not sentence ends', () => {
  const text = 'The agreement covers research\nand training programmes. It starts next year.';
  assert.deepEqual(sentences(text, 'en'), ['The agreement covers research\nand training programmes.', 'It starts next year.']);
});

test('very long paragraphs are cut safely and keep every character', () => {
  const sentence = 'Les deux pays renforcent leur coopération dans la recherche scientifique et technique. ';
  const text = sentence.repeat(200).trim();
  const got = sentences(text, 'fr');
  assert.equal(got.length, 200);
  assert.ok(got.every((s) => s === sentence.trim()));
  // No punctuation at all: still split into bounded pieces, nothing lost.
  const words = 'mot '.repeat(3000).trim();
  const pieces = splitSentences(words, 0, words.length, 'und');
  assert.ok(pieces.length >= 2);
  assert.equal(pieces.map((s) => words.slice(s.start, s.end)).join(' '), words);
});

test('empty and blank input', () => {
  assert.deepEqual(splitSentences('', 0, 0, 'fr'), []);
  assert.deepEqual(splitSentences('   \n ', 0, 5, 'fr'), []);
});

test('a lone list marker joins its item', () => {
  assert.deepEqual(sentences('1. Former des ingénieurs. 2. Construire des laboratoires.', 'fr'), [
    '1. Former des ingénieurs.',
    '2. Construire des laboratoires.',
  ]);
});
