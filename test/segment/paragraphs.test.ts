import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitParagraphs } from '../../src/segment/index.ts';

const paras = (text: string) => splitParagraphs(text).map((p) => text.slice(p.start, p.end));

test('blank lines separate paragraphs; whitespace is trimmed', () => {
  assert.deepEqual(paras('  First paragraph.  \n\n\n   Second paragraph.\n \t\nThird.\n'), ['First paragraph.', 'Second paragraph.', 'Third.']);
});

test('single newlines: each line is its own paragraph', () => {
  const text = 'Le Vietnam et le Laos coopèrent\nLe ministre a reçu son homologue lundi à Hanoi.\nLes deux parties ont signé un accord.';
  assert.deepEqual(paras(text), text.split('\n'));
});

test('CRLF line ends', () => {
  assert.deepEqual(paras('One.\r\nTwo.\r\n\r\nThree.'), ['One.', 'Two.', 'Three.']);
});

test('hard-wrapped blocks are joined', () => {
  const block = [
    'The two ministries agreed to expand their joint research',
    'programme on semiconductors and artificial intelligence,',
    'with new funding for doctoral students and laboratories in',
    'both countries starting next year.',
  ].join('\n');
  const text = `Title\n\n${block}\n\nNext paragraph.`;
  assert.deepEqual(paras(text), ['Title', block, 'Next paragraph.']);
});

test('short label lines are not mistaken for wrapped text', () => {
  const text = 'Footer Banner One\nFooter Banner Two\nFooter Banner Three\nFooter Banner Four';
  assert.equal(paras(text).length, 4);
});

test('a title line followed by a body line stays two paragraphs', () => {
  const text = 'Vietnam and Laos step up cooperation in technology\nThe deputy prime minister received the Lao minister on Monday.';
  assert.equal(paras(text).length, 2);
});

test('empty text', () => {
  assert.deepEqual(splitParagraphs(''), []);
  assert.deepEqual(splitParagraphs('\n\n  \n'), []);
});
