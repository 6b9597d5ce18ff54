import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseTextDocument } from '../../src/ingest/text.ts';
import type { RawDocument } from '../../src/types.ts';
import { SEEDS } from '../helpers.ts';

function seed(prefix: string): RawDocument {
  const file = readdirSync(SEEDS).find((f) => f.startsWith(prefix));
  assert.ok(file, `seed ${prefix} not found in ${SEEDS}`);
  return parseTextDocument(readFileSync(path.join(SEEDS, file), 'utf8'), file);
}

/** Texts of the metadata hints. */
function hinted(doc: RawDocument): string[] {
  return doc.boilerplate_hints.map((h) => {
    assert.equal(h.kind, 'metadata');
    return doc.text.slice(h.start, h.end).trim();
  });
}

/** The hints never cover the title or a body sentence of the seeds. */
function assertHintsOnlyMetadata(doc: RawDocument, bodyProbe: string): void {
  const i = doc.text.indexOf(bodyProbe);
  assert.ok(i >= 0, `probe not in text: ${bodyProbe}`);
  for (const h of doc.boilerplate_hints) assert.ok(!(h.start <= i && i < h.end), `hint covers body text "${bodyProbe}"`);
}

test('seed 000: site header, glued outlet+date line, agency prefix, Source line near the end', () => {
  const d = seed('000_');
  assert.equal(d.title, 'Admiratif de la décision du Vietnam de réaliser des percées scientifiques et technologiques');
  assert.equal(d.published_raw, '10/03/2025');
  assert.equal(d.site_name, 'Vietnam.vn');
  assert.equal(d.source, 'Báo Nhân dân');
  assert.match(d.url ?? '', /^https:\/\/nhandan\.vn\/.+post864108\.html$/);
  const h = hinted(d);
  assert.ok(h.includes('Vietnam.vn - Nền tảng quảng bá Việt Nam'));
  assert.ok(h.includes('Báo Nhân dânBáo Nhân dân10/03/2025'));
  assert.ok(h.some((s) => s.startsWith('Source : https://nhandan.vn/')));
  assertHintsOnlyMetadata(d, 'Exprimant son admiration');
  assertHintsOnlyMetadata(d, 'Admiratif de la décision');
});

test('seed 001: plain title, no metadata', () => {
  const d = seed('001_');
  assert.equal(d.title, 'Le Vietnam et la République tchèque promeuvent une coopération stratégique dans le domaine de la technologie');
  assert.equal(d.published_raw, null);
  assert.equal(d.site_name, null);
  assert.equal(d.url, null);
  assert.deepEqual(d.boilerplate_hints, []);
});

test('seed 002: "date 2024-09" glued before the title on the same line', () => {
  const d = seed('002_');
  assert.equal(d.title, "Le dirigeant Tô Lâm à un séminaire sur des industries des semi-conducteurs et de l'IA");
  assert.equal(d.published_raw, '2024-09');
  assert.deepEqual(hinted(d), ['date 2024-09']);
  assertHintsOnlyMetadata(d, 'Le dirigeant Tô Lâm');
});

test('seed 003: agency dateline without a date is marked, no publication date', () => {
  const d = seed('003_');
  assert.equal(d.title, 'Le Vietnam et le Laos promeuvent leur coopération technologique');
  assert.equal(d.published_raw, null);
  assert.deepEqual(hinted(d), ['Hanoi (VNA) –']);
  assertHintsOnlyMetadata(d, 'Le vice-Premier ministre Trân Hông Hà a reçulundi');
  // "lundi 29 mai" in the body is never taken as a publication date.
});

test('seed 004: Source URL at the end, no date', () => {
  const d = seed('004_');
  assert.equal(d.published_raw, null);
  assert.equal(d.url, 'https://mst.gov.vn/viet-nam-eu-thuc-day-hop-tac-the-che-trong-quan-tri-ai-19725102721083656.htm');
  assert.ok(d.title?.startsWith('Le vice-ministre Bui The Duy'));
  assert.equal(hinted(d).length, 1);
});

test('seed text is kept verbatim (NFC) and every hint lies inside it', () => {
  for (const f of readdirSync(SEEDS).filter((n) => n.endsWith('.txt'))) {
    const raw = readFileSync(path.join(SEEDS, f), 'utf8');
    const d = parseTextDocument(raw, f);
    assert.equal(d.text, raw.normalize('NFC').replace(/\r\n?/g, '\n'));
    assert.equal(d.bytes, Buffer.byteLength(raw));
    for (const h of d.boilerplate_hints) assert.ok(0 <= h.start && h.start < h.end && h.end <= d.text.length);
  }
});

test('labelled and standalone date lines in the first lines', () => {
  const a = parseTextDocument('Date: 2024-09-21\nVietnam and Korea open a chip lab\n\nBody text.', 'a.txt');
  assert.equal(a.published_raw, '2024-09-21');
  assert.equal(a.title, 'Vietnam and Korea open a chip lab');
  assert.deepEqual(hinted(a), ['Date: 2024-09-21']);

  const b = parseTextDocument('Hợp tác Việt – Nhật về bán dẫn\n10/03/2025\n\nNội dung bài viết.', 'b.txt');
  assert.equal(b.published_raw, '10/03/2025');
  assert.equal(b.title, 'Hợp tác Việt – Nhật về bán dẫn');

  const c = parseTextDocument('Thứ Hai, 10/03/2025 14:30 (GMT+7)\nTiêu đề bài báo\n\nNội dung.', 'c.txt');
  assert.equal(c.published_raw, '10/03/2025');
  assert.equal(c.title, 'Tiêu đề bài báo');

  const d = parseTextDocument('VnExpress - 05.11.2024\nTitre\n\nCorps.', 'd.txt');
  assert.equal(d.published_raw, '05.11.2024');
  assert.equal(d.source, 'VnExpress');

  const e = parseTextDocument('Ngày đăng: 1/2/2024\nTiêu đề\n\nThân bài.', 'e.txt');
  assert.equal(e.published_raw, '1/2/2024');
});

test('agency datelines in fr/en/vi shapes', () => {
  const fr = parseTextDocument('Un titre\n\nParis (AFP) - La France et le Vietnam ont signé un accord.', 'fr.txt');
  assert.deepEqual(hinted(fr), ['Paris (AFP) -']);
  const vi = parseTextDocument('Tiêu đề\n\nHà Nội (TTXVN) - Hai bên đã ký kết biên bản ghi nhớ.', 'vi.txt');
  assert.deepEqual(hinted(vi), ['Hà Nội (TTXVN) -']);
  const dated = parseTextDocument('Tiêu đề\n\nHà Nội, 12/3/2025 (TTXVN) – Hai bên đã ký kết.', 'vi2.txt');
  assert.equal(dated.published_raw, '12/3/2025');
  const textual = parseTextDocument('Title\n\nCần Thơ, November 21, 2024 (VNA) – The bank approved a loan.', 'en2.txt');
  assert.equal(textual.published_raw, 'November 21, 2024', 'textual dates are passed on for normalise to parse');
  const noYear = parseTextDocument('Title\n\nHanoi, March 10 (VNA) – The two sides met.', 'en3.txt');
  assert.equal(noYear.published_raw, null);
  assert.deepEqual(hinted(noYear), ['Hanoi, March 10 (VNA) –']);
  const en = parseTextDocument('A title\n\nWASHINGTON (Reuters) - The two countries agreed.', 'en.txt');
  assert.deepEqual(hinted(en), ['WASHINGTON (Reuters) -']);
  const outlet = parseTextDocument('Tiêu đề\n\n(Dân trí) - Sáng 12/3, hai bên đã ký kết.', 'vi3.txt');
  assert.deepEqual(hinted(outlet), ['(Dân trí) -']);
  // Parentheses that are not an agency do not make a dateline.
  const not = parseTextDocument('Title\n\nThe minister (right) - who arrived Monday - spoke.', 'n.txt');
  assert.deepEqual(hinted(not), []);
});

test('dates inside body sentences are never taken', () => {
  const d = parseTextDocument('Un titre\n\nLe ministre est arrivé le 10/03/2025\n\nLe 12/03/2025, les deux pays ont signé un accord.', 'x.txt');
  assert.equal(d.published_raw, null);
  assert.deepEqual(d.boilerplate_hints, []);
  const late = parseTextDocument(['T', 'a', 'b', 'c', 'd', 'e', 'f', 'g', '10/03/2025', 'h'].join('\n'), 'late.txt');
  assert.equal(late.published_raw, null, 'a date line after the first lines is body');
});

test('Source / Nguồn lines: URL gives url, a short name near the end gives source', () => {
  const body = Array.from({ length: 10 }, (_, i) => `Paragraph ${i} of the article body.`).join('\n\n');
  const a = parseTextDocument(`Title\n\n${body}\n\nNguồn: TTXVN`, 'a.txt');
  assert.equal(a.source, 'TTXVN');
  assert.equal(a.url, null);
  const b = parseTextDocument(`Title\n\n${body}\n\nSource : https://example.org/a-b-c\n\nComment (0)`, 'b.txt');
  assert.equal(b.url, 'https://example.org/a-b-c');
  // A "Source:" line in the first half of a long article is not the article's provenance.
  const c = parseTextDocument(`Title\n\nSource: https://early.example/x\n\n${body}\n\n${body}`, 'c.txt');
  assert.equal(c.url, 'https://early.example/x', 'in the first lines it is metadata');
  const d = parseTextDocument(`Title\n\n${body}\n\nSource: https://mid.example/x\n\n${body}\n\n${body}\n\n${body}`, 'd.txt');
  assert.equal(d.url, null);
});

test('Markdown: front matter is metadata, "# " is stripped from the title', () => {
  const md = '---\ntitle: "Front title"\ndate: 2025-01-15\nurl: https://example.org/x\nlang: vi\nsource: VietnamPlus\n---\n# Heading title\n\nBody.';
  const d = parseTextDocument(md, 'a.md', { format: 'markdown' });
  assert.equal(d.format, 'markdown');
  assert.equal(d.title, 'Front title');
  assert.equal(d.published_raw, '2025-01-15');
  assert.equal(d.url, 'https://example.org/x');
  assert.equal(d.declared_lang, 'vi');
  assert.equal(d.source, 'VietnamPlus');
  assert.equal(d.boilerplate_hints[0].start, 0);
  assert.ok(d.text.slice(d.boilerplate_hints[0].start, d.boilerplate_hints[0].end).endsWith('---'));
  const plain = parseTextDocument('# Only a heading\n\nBody.', 'b.md', { format: 'markdown' });
  assert.equal(plain.title, 'Only a heading');
});

test('CRLF becomes LF, BOM dropped, first line too long to be a title', () => {
  const d = parseTextDocument('\ufeffTitle line\r\n\r\nBody line.\r\n', 'w.txt');
  assert.equal(d.text, 'Title line\n\nBody line.\n');
  assert.equal(d.title, 'Title line');
  const long = parseTextDocument(`${'word '.repeat(100)}\n\nNext.`, 'l.txt');
  assert.equal(long.title, null);
});

test('place-and-date datelines without an agency (fr/en/vi), and clauses that only end with a year', () => {
  const vi = parseTextDocument('Tiêu đề\n\nĐà Nẵng, ngày 5 tháng 6 năm 2025 - Bộ Khoa học và Công nghệ đã ký kết.', 'vi.txt');
  assert.equal(vi.published_raw, 'ngày 5 tháng 6 năm 2025');
  assert.deepEqual(hinted(vi), ['Đà Nẵng, ngày 5 tháng 6 năm 2025 -']);
  const en = parseTextDocument('A title\n\nHANOI, June 5, 2025 — Vietnam and Japan signed a memorandum.', 'en.txt');
  assert.equal(en.published_raw, 'June 5, 2025');
  const fr = parseTextDocument('Un titre\n\nParis, le 5 juin 2025 – La France et le Vietnam ont signé.', 'fr.txt');
  assert.equal(fr.published_raw, 'le 5 juin 2025');
  const numeric = parseTextDocument('Tiêu đề\n\nHà Nội, 5/6/2025 - Hai bên đã ký kết.', 'vi2.txt');
  assert.equal(numeric.published_raw, '5/6/2025');
  // A clause ending with a year, then a dash, is text, not a dateline.
  const clause = parseTextDocument('Title\n\nVietnam, the EU and Japan agreed in 2024 - a first for the region.', 'en2.txt');
  assert.equal(clause.published_raw, null);
  assert.deepEqual(clause.boilerplate_hints, []);
  // Without a title before it, a first line is the title, not a dateline.
  const first = parseTextDocument('Hanoi, June 5, 2025 - a headline that starts like a dateline', 'en3.txt');
  assert.equal(first.published_raw, null);
});
