import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BoilerplateSpan } from '../../src/types.ts';
import { classifyLine, detectBoilerplate, mergeSpans, splitLines, textOutside } from '../../src/normalise/boilerplate.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const seedsDir = path.resolve(repoRoot, '../shared/corpus/seeds');
const goldPath = path.resolve(repoRoot, '../shared/gold/seeds.gold.json');

const seedFiles = readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort();
const seed = (prefix: string) => readFileSync(path.join(seedsDir, seedFiles.find((f) => f.startsWith(prefix))!), 'utf8');

function inside(spans: BoilerplateSpan[], start: number, end: number): boolean {
  return spans.some((s) => s.start <= start && s.end >= end);
}
function overlaps(spans: BoilerplateSpan[], start: number, end: number): boolean {
  return spans.some((s) => s.start < end && s.end > start);
}
/** Every non-whitespace character of text[from, to) is inside some span. */
function allCovered(text: string, spans: BoilerplateSpan[], from: number, to = text.length): boolean {
  for (let i = from; i < to; i++) if (!/\s/.test(text[i]) && !spans.some((s) => s.start <= i && i < s.end)) return false;
  return true;
}
/** Start offset of the line that is exactly `line` (after trim), searching from the end. */
function lineAt(text: string, line: string): number {
  for (const l of splitLines(text).reverse()) if (text.slice(l.start, l.end).trim() === line) return l.start;
  return -1;
}

function assertLineAligned(text: string, spans: BoilerplateSpan[]) {
  for (const s of spans) {
    assert.ok(s.start === 0 || text[s.start - 1] === '\n', `span ${s.start} starts at a line start`);
    assert.ok(s.end === text.length || text[s.end] === '\n' || text[s.end] === '\r', `span ${s.end} ends at a line end`);
  }
}

function assertSortedDisjoint(spans: BoilerplateSpan[]) {
  for (let i = 1; i < spans.length; i++) assert.ok(spans[i].start >= spans[i - 1].end, 'sorted, non-overlapping');
}

test('seed 000: everything from the comment prompt to the end is boilerplate', () => {
  const text = seed('000');
  const spans = detectBoilerplate(text, 'fr', []);
  assertLineAligned(text, spans);
  assertSortedDisjoint(spans);
  const from = lineAt(text, 'Comment (0)');
  assert.ok(from > 0);
  assert.ok(allCovered(text, spans, from));
  assert.ok(spans.some((s) => s.kind === 'comments' && s.start === from));
  assert.ok(spans.some((s) => s.kind === 'teaser' && s.end === text.trimEnd().length));
  // The "Source : https://…" line before it is a credit.
  const src = splitLines(text).find((l) => text.slice(l.start, l.end).startsWith('Source : https://'))!;
  assert.ok(spans.some((s) => s.kind === 'credit' && s.start === src.start));
  // Site header and the dateline of the first lines.
  assert.equal(spans[0].start, 0);
  assert.equal(spans[0].kind, 'navigation');
  assert.ok(spans.some((s) => s.kind === 'metadata' && s.start < 400));
});

test('seed 003: everything from "Voir plus" on is teasers', () => {
  const text = seed('003');
  const spans = detectBoilerplate(text, 'fr', []);
  assertLineAligned(text, spans);
  const from = lineAt(text, 'Voir plus');
  assert.ok(from > 0);
  assert.ok(allCovered(text, spans, from));
  assert.ok(spans.some((s) => s.kind === 'teaser' && s.start === from));
  assert.ok(!overlaps(spans, 0, from), 'nothing before "Voir plus" is marked');
});

test('seed 001 ends with a credit line', () => {
  const text = seed('001');
  const spans = detectBoilerplate(text, 'fr', []);
  const last = splitLines(text).filter((l) => text.slice(l.start, l.end).trim()).pop()!;
  assert.deepEqual(spans, [{ start: last.start, end: last.end, kind: 'credit' }]);
});

test('seed 002: inline photo credits and the closing agency line', () => {
  const text = seed('002');
  const spans = detectBoilerplate(text, 'fr', []);
  assertLineAligned(text, spans);
  const credits = splitLines(text).filter((l) => /^Photo : /.test(text.slice(l.start, l.end)));
  assert.ok(credits.length >= 3);
  for (const l of credits) assert.ok(spans.some((s) => s.kind === 'credit' && s.start === l.start && s.end === l.end));
  assert.equal(spans[spans.length - 1].kind, 'credit');
  assert.equal(spans[spans.length - 1].end, text.trimEnd().length);
});

test('seed 004: source line is a credit, the comment prompt a comment', () => {
  const text = seed('004');
  const spans = detectBoilerplate(text, 'fr', []);
  const src = lineAt(text, text.split('\n').find((l) => l.startsWith('Source : https://'))!);
  assert.ok(spans.some((s) => s.kind === 'credit' && s.start === src));
  const c = lineAt(text, 'Comment (0)');
  assert.ok(spans.some((s) => s.kind === 'comments' && s.start === c));
  assert.ok(allCovered(text, spans, src));
});

test('the article body of every seed stays unmarked', () => {
  const gold = JSON.parse(readFileSync(goldPath, 'utf8')) as { documents: Array<{ file: string; events: Array<{ evidence: string }>; commitments: Array<{ evidence: string }> }> };
  for (const doc of gold.documents) {
    const text = readFileSync(path.join(seedsDir, doc.file), 'utf8');
    const spans = detectBoilerplate(text, 'fr', []);
    for (const e of [...doc.events, ...doc.commitments]) {
      const at = text.indexOf(e.evidence);
      assert.ok(at >= 0);
      assert.ok(!overlaps(spans, at, at + e.evidence.length), `${doc.file}: evidence is boilerplate`);
    }
    // The longest line before the first teaser/comment block is article text.
    const cut = spans.find((s) => s.kind === 'teaser' || s.kind === 'comments')?.start ?? text.length;
    const lines = splitLines(text).filter((l) => l.end <= cut);
    const longest = lines.reduce((a, b) => (b.end - b.start > a.end - a.start ? b : a));
    assert.ok(!overlaps(spans, longest.start, longest.end), `${doc.file}: longest body line is boilerplate`);
  }
});

test('single-line cues (all languages)', () => {
  const cases: Array<[string, string | null]> = [
    ['Voir plus', 'opener'],
    ['Même catégorie', 'opener'],
    ['  Tin liên quan  ', 'opener'],
    ['Related news', 'opener'],
    ['You may also like', 'opener'],
    ['Xem thêm:', 'opener'],
    ['Lire aussi : Un autre article sur le même sujet', 'teaser'],
    ['Xem thêm: Hợp tác khoa học công nghệ', 'teaser'],
    ['Footer Banner Example', 'footer'],
    ['© 2025 Exemple. Tous droits réservés.', 'footer'],
    ['Copyright 2025 Example Media', 'footer'],
    ['Bản quyền thuộc về Báo Ví Dụ', 'footer'],
    ['All rights reserved', 'footer'],
    ['Comment (0)', 'comments'],
    ['Commentaires', 'comments'],
    ['Laissez un commentaire pour partager vos ressentis !', 'comments'],
    ['Leave a comment', 'comments'],
    ['Bình luận', 'comments'],
    ['Gửi bình luận', 'comments'],
    ['Bình luận (3)', 'comments'],
    ['Photo : VNA', 'credit'],
    ['Photo: VNA/CVN', 'credit'],
    ['Crédit: Lien source', 'credit'],
    ['Ảnh: TTXVN', 'credit'],
    ['Source : https://example.vn/some-article-123.html', 'credit'],
    ['VNA/CVN', 'credit'],
    ['–VNA', 'credit'],
    ['(Theo VnExpress)', 'credit'],
    ['Par Nguyen Van An', 'credit'],
    ['Partager', 'share'],
    ['Share this', 'share'],
    ['Chia sẻ', 'share'],
    ['Tweet', 'share'],
    ['Accueil > Monde > Asie', 'navigation'],
  ];
  for (const [line, want] of cases) assert.equal(classifyLine(line), want, line);
});

test('phrases inside sentences are not cues', () => {
  const sentences = [
    'Les lecteurs peuvent voir plus de détails dans le rapport publié par le ministère.',
    'Le ministre a tenu à partager son expérience avec les délégués du forum.',
    'Related to this, the ministry announced a new research programme with its partners.',
    'Source : le ministère a indiqué que le programme serait prolongé jusqu’en 2030, selon le communiqué.',
    'Theo Bộ trưởng, hai bên sẽ tăng cường hợp tác trong lĩnh vực trí tuệ nhân tạo.',
    'Bình luận về sự kiện này, ông cho biết hợp tác sẽ được mở rộng.',
    'Il a dit « oui » et il est parti',
  ];
  for (const s of sentences) assert.equal(classifyLine(s), null, s);
});

test('an opener inside the body only marks its own line; a late opener cuts to the end', () => {
  const body = 'Le ministre a reçu la délégation. Les deux parties ont signé un accord de coopération scientifique. '.repeat(4);
  const text = `Titre de l'article\nLire aussi\n${body}\nVoir plus\nUn autre article sans rapport.\nEncore un autre article.`;
  const spans = detectBoilerplate(text, 'fr', []);
  const early = text.indexOf('Lire aussi');
  const late = text.indexOf('Voir plus');
  assert.deepEqual(spans, [
    { start: early, end: early + 'Lire aussi'.length, kind: 'teaser' },
    { start: late, end: text.length, kind: 'teaser' },
  ]);
});

test('short label lines at the very end next to boilerplate are navigation', () => {
  const body = 'Le ministre a reçu la délégation. Les deux parties ont signé un accord de coopération. '.repeat(3);
  const text = `${body}\n\nCommentaires\n\nPatrimoine\n\nÉconomie\n`;
  const spans = detectBoilerplate(text, 'fr', []);
  assert.ok(allCovered(text, spans, text.indexOf('Commentaires')));
  assert.ok(!overlaps(spans, 0, body.length));
  // …but not without any boilerplate around them.
  assert.deepEqual(detectBoilerplate(`${body}\n\nPatrimoine\n`, 'fr', []), []);
});

test('hints are merged with detected spans', () => {
  const text = 'Header line\nBody sentence one is long enough to be content here.\nPhoto : VNA\n';
  const hint: BoilerplateSpan = { start: 0, end: 11, kind: 'metadata' };
  const spans = detectBoilerplate(text, 'en', [hint]);
  assert.deepEqual(spans[0], hint);
  assert.equal(spans[1].kind, 'credit');
});

test('mergeSpans sorts, merges overlaps and same-kind neighbours', () => {
  const text = 'aaa\nbbb\nccc\nddd';
  const merged = mergeSpans(text, [
    { start: 8, end: 11, kind: 'footer' },
    { start: 4, end: 7, kind: 'footer' },
    { start: 0, end: 5, kind: 'credit' },
    { start: 12, end: 99, kind: 'share' },
  ]);
  assert.deepEqual(merged, [
    { start: 0, end: 7, kind: 'credit' },
    { start: 8, end: 11, kind: 'footer' },
    { start: 12, end: 15, kind: 'share' },
  ]);
  assert.equal(textOutside(text, merged), '\n\n\n'); // the two newlines between spans, joined by a newline
});

test('Vietnamese and English pages: related blocks, comments, credits', () => {
  const vi = [
    'Hai nước tăng cường hợp tác khoa học',
    '',
    'Bộ trưởng đã tiếp đoàn các nhà nghiên cứu tại Hà Nội. Hai bên nhất trí tăng cường hợp tác trong nghiên cứu, đào tạo và chuyển đổi số.',
    'Ảnh: TTXVN',
    'Theo kế hoạch, các dự án chung sẽ được triển khai từ năm sau với sự tham gia của nhiều trường đại học và viện nghiên cứu hai nước.',
    '(Theo TTXVN)',
    'Bình luận (0)',
    'Tin liên quan',
    'Một bài viết khác về chuyển đổi số',
    'Một bài viết khác về năng lượng',
  ].join('\n');
  const spans = detectBoilerplate(vi, 'vi', []);
  const lineStart = (l: string) => vi.indexOf(l);
  assert.ok(spans.some((s) => s.kind === 'credit' && s.start === lineStart('Ảnh: TTXVN')));
  assert.ok(spans.some((s) => s.kind === 'credit' && s.start === lineStart('(Theo TTXVN)')));
  assert.ok(spans.some((s) => s.kind === 'comments' && s.start === lineStart('Bình luận (0)')));
  assert.ok(spans.some((s) => s.kind === 'teaser' && s.start === lineStart('Tin liên quan') && s.end === vi.length));
  assert.ok(!overlaps(spans, lineStart('Theo kế hoạch'), lineStart('(Theo TTXVN)') - 1), 'a sentence starting with "Theo" is body');
  assert.ok(!overlaps(spans, 0, lineStart('Ảnh: TTXVN')));

  const en = [
    'Vietnam and Japan expand research ties',
    'By John Smith',
    'The two countries signed a memorandum on semiconductor research and training on Monday, officials said.',
    'The programme will fund joint laboratories and doctoral scholarships over five years.',
    'Share on Facebook',
    'Related news',
    'Another story about energy',
    '© 2025 Example Media. All rights reserved.',
  ].join('\n');
  const es = detectBoilerplate(en, 'en', []);
  assert.ok(es.some((s) => s.kind === 'credit' && s.start === en.indexOf('By John Smith')));
  assert.ok(es.some((s) => s.kind === 'share' && s.start === en.indexOf('Share on Facebook')));
  assert.ok(es.some((s) => s.kind === 'teaser' && s.start === en.indexOf('Related news') && s.end === en.length));
  assert.ok(!overlaps(es, en.indexOf('The two countries'), en.indexOf('Share on')));
});

test('CRLF text: spans end before the carriage return', () => {
  const text = 'Le ministre a reçu la délégation et les deux parties ont signé un accord de coopération.\r\nPhoto : VNA\r\nFin de l’article avec une autre phrase.';
  const spans = detectBoilerplate(text, 'fr', []);
  const at = text.indexOf('Photo');
  assert.deepEqual(spans, [{ start: at, end: at + 'Photo : VNA'.length, kind: 'credit' }]);
});
