import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSearchQuery, SearchSyntaxError } from '../../src/store/search-query.ts';
import { buildSnippet, findMatches } from '../../src/store/snippet.ts';

test('words are folded and quoted; implicit AND', () => {
  assert.equal(parseSearchQuery('Khoa học  CÔNG nghệ').fts, '"khoa" AND "hoc" AND "cong" AND "nghe"');
  assert.equal(parseSearchQuery('Đà Nẵng').fts, '"da" AND "nang"');
});

test('words with punctuation become phrases of their parts (never an FTS5 syntax error)', () => {
  assert.equal(parseSearchQuery('semi-conducteurs').fts, '"semi conducteurs"');
  assert.equal(parseSearchQuery('5G/6G').fts, '"5g 6g"');
  assert.equal(parseSearchQuery("l'IA").fts, '"l ia"');
  assert.equal(parseSearchQuery('KH&CN').fts, '"kh cn"');
  assert.equal(parseSearchQuery('"NEAR" near(a) a:b').fts, '"near" AND "near" AND "a" AND "a b"');
  // Lone punctuation is dropped, not an error.
  assert.equal(parseSearchQuery('IA & robotique').fts, '"ia" AND "robotique"');
});

test('phrases, prefixes, operators, grouping and negation', () => {
  assert.equal(parseSearchQuery('"percées scientifiques"').fts, '"percees scientifiques"');
  assert.equal(parseSearchQuery('«coopération technologique»').fts, '"cooperation technologique"');
  assert.equal(parseSearchQuery('semi*').fts, '"semi"*');
  assert.equal(parseSearchQuery('"semi cond"*').fts, '"semi cond"*');
  assert.equal(parseSearchQuery('a OR b').fts, '"a" OR "b"');
  assert.equal(parseSearchQuery('a AND b OR c').fts, '("a" AND "b") OR "c"');
  assert.equal(parseSearchQuery('a (b OR c)').fts, '"a" AND ("b" OR "c")');
  assert.equal(parseSearchQuery('a NOT b').fts, '("a") NOT "b"');
  assert.equal(parseSearchQuery('a -b -"c d"').fts, '(("a") NOT "b") NOT "c d"');
  assert.equal(parseSearchQuery('a AND NOT (b OR c)').fts, '("a") NOT ("b" OR "c")');
  // Lowercase operators are plain words (documented): "and" is searched for.
  assert.equal(parseSearchQuery('research and development').fts, '"research" AND "and" AND "development"');
});

test('terms for snippets: positive terms only, no repeats', () => {
  const p = parseSearchQuery('(IA OR "intelligence artificielle") semi* -robot ia');
  assert.deepEqual(p.terms, [
    { parts: ['ia'], prefix: false },
    { parts: ['intelligence', 'artificielle'], prefix: false },
    { parts: ['semi'], prefix: true },
  ]);
});

test('malformed queries raise SearchSyntaxError with a useful message', () => {
  const bad: [string, RegExp][] = [
    ['', /empty query/],
    ['   ', /empty query/],
    ['&&', /empty query/],
    ['"unterminated phrase', /unterminated quote/],
    ['""', /empty phrase/],
    ['(a OR b', /missing "\)"/],
    ['a OR b)', /unmatched "\)"/],
    ['()', /no word to search for/],
    ['a ()', /empty parentheses/],
    ['OR a', /OR needs a word before it|expected a word/],
    ['a OR', /expected a word/],
    ['a AND', /AND needs a word after it/],
    ['AND a', /AND needs a word before it/],
    ['NOT a', /needs something to exclude from/],
    ['-a', /needs something to exclude from/],
    ['a OR -b', /needs something to exclude from/],
    ['a NOT', /NOT needs a word after it/],
    ['a NOT NOT b', /double negation/],
    ['AND OR NOT', /no word to search for/],
  ];
  for (const [q, re] of bad) {
    assert.throws(
      () => parseSearchQuery(q),
      (e: unknown) => e instanceof SearchSyntaxError && e.name === 'SearchSyntaxError' && re.test(e.message),
      `query ${JSON.stringify(q)}`,
    );
  }
  assert.throws(() => parseSearchQuery('x '.repeat(600)), /too long/);
  assert.throws(() => parseSearchQuery('x '.repeat(100)), /too many terms/);
});

test('findMatches: aligned offsets, phrases across punctuation, prefixes, boilerplate skipped', () => {
  const text = 'Đà Nẵng accueille les semi-conducteurs. Voir plus: Đà Nẵng';
  const terms = parseSearchQuery('"da nang" OR semi*').terms;
  const ms = findMatches(text, terms, [{ start: text.indexOf('Voir'), end: text.length }]);
  assert.deepEqual(ms.map((m) => text.slice(m.start, m.end)), ['Đà Nẵng', 'semi']);
  const phrase = findMatches(text, parseSearchQuery('semi-conducteurs').terms);
  assert.deepEqual(phrase.map((m) => text.slice(m.start, m.end)), ['semi-conducteurs']);
});

test('buildSnippet: densest window, word boundaries, markers and parts agree', () => {
  const filler = 'lorem ipsum dolor sit amet '.repeat(20);
  const text = `${filler}coopération une fois. ${filler}coopération et technologie et coopération encore. ${filler}`;
  const snip = buildSnippet(text, parseSearchQuery('cooperation OR technologie').terms)!;
  assert.ok(snip);
  assert.match(snip.snippet, /\[coopération\] et \[technologie\] et \[coopération\]/);
  assert.equal(snip.parts.map((p) => (p.match ? `[${p.text}]` : p.text)).join(''), snip.snippet);
  assert.ok(snip.snippet.startsWith('… ') && snip.snippet.endsWith(' …'));
  // No partial words at the edges.
  const inner = snip.snippet.slice(2, -2);
  const words = new Set(filler.trim().split(' '));
  assert.ok(words.has(inner.split(' ')[0]) && words.has(inner.split(' ').at(-1)!), inner);
  assert.ok(inner.length <= 220);
  assert.equal(buildSnippet(text, parseSearchQuery('absent').terms), null);
});
