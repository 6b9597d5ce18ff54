/**
 * The tokenizer scans code units; its tokens must be exactly the runs of letters, digits and marks
 * that the regex /[\p{L}\p{N}\p{M}]+/u finds (the definition dictionary phrases are tokenised with).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize } from '../../src/extract/tokenize.ts';

const TOKEN_RE = /[\p{L}\p{N}\p{M}]+/gu;

/** Tokens as the regex defines them, over text.slice(start, end), with document offsets. */
function byRegex(text: string, start: number, end: number) {
  return [...text.slice(start, end).matchAll(TOKEN_RE)].map((m) => ({ start: start + m.index!, raw: m[0] }));
}
function same(text: string, start = 0, end = text.length) {
  const got = tokenize(text, null, start, end).map((t) => ({ start: t.start, raw: t.raw }));
  assert.deepEqual(got, byRegex(text, start, end), JSON.stringify(text.slice(start, end)));
}

test('tokens: ASCII, Latin-1, Vietnamese, combining marks, elision and hyphens', () => {
  same("L'UE et le Việt Nam, semi-conducteurs d'IA: 2,5 tỷ USD ª² µ ½ x\u0301y Đà Nẵng");
  same('Hoà  Bình\u00a0–\u2019s (VNA) 22/9/2025');
});

test('tokens: surrogate pairs count as one character, lone or cut pairs separate tokens', () => {
  same('a\ud835\udc00b c\ud83d\ude00d'); // mathematical bold A is a letter; an emoji is not
  same('a\ud835b \udc00c'); // lone surrogates
  const t = 'x\ud835\udc00y';
  same(t, 0, 2); // the pair cut by the end of the range
  same(t, 2, 4); // and by its start
});

test('tokens: every BMP character between two letters', () => {
  for (let c = 0; c < 0x10000; c++) same('a' + String.fromCharCode(c) + 'b');
});

test('gaps and offsets inside a range of the text', () => {
  const text = 'Intro. Hà Nội, le 3 mai - fin.';
  const toks = tokenize(text, null, 7, 24);
  assert.deepEqual(
    toks.map((t) => [t.raw, t.gap, t.cap]),
    [
      ['Hà', ' ', true],
      ['Nội', ', ', true],
      ['le', ' ', false],
      ['3', ' ', false],
      ['mai', ' ', false],
    ],
  );
  assert.equal(toks[0].start, 7);
});
