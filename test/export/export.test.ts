import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { openStore, type SqliteStore } from '../../src/store/index.ts';
import { exportRecords, csvField, ExportOptionsError } from '../../src/export/index.ts';
import { makeDoc, makeExtraction, tempDb } from '../store/fixtures.ts';

let s: SqliteStore;
let cleanup: () => void;

/** Collects what is written; with `highWaterMark` small, `write` returns false and 'drain' follows. */
class Sink extends Writable {
  chunks: string[] = [];
  falseReturns = 0;
  constructor(highWaterMark = 1 << 20, private readonly delayMs = 0) {
    super({ highWaterMark, decodeStrings: false });
  }
  override write(chunk: unknown, ...rest: unknown[]): boolean {
    const ok = super.write(chunk as string, ...(rest as []));
    if (!ok) this.falseReturns++;
    return ok;
  }
  override _write(chunk: string | Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    this.chunks.push(chunk.toString());
    if (this.delayMs) setTimeout(cb, this.delayMs);
    else setImmediate(cb);
  }
  get text(): string {
    return this.chunks.join('');
  }
}

/** Minimal RFC 4180 parser for checking round trips. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), (i += 2);
      else if (c === '"') (quoted = false), i++;
      else (field += c), i++;
    } else if (c === '"') (quoted = true), i++;
    else if (c === ',') row.push(field), (field = ''), i++;
    else if (c === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), (i += 2);
    else (field += c), i++;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}

const A = makeDoc('Le Vietnam et la France coopèrent. Deuxième phrase.', {
  id: 'A',
  title: 'Titre, avec "guillemets"\net saut de ligne',
  lang: 'fr',
  published: { value: '2024-09-22', precision: 'day' },
  source: 'VNA',
});
const B = makeDoc('Vietnam and Japan sign a chip deal. More text.', { id: 'B', title: 'Chips', lang: 'en', published: { value: '2025-01', precision: 'month' } });
const C = makeDoc('Vietnam and Japan sign a chip deal. More text!', { id: 'C', title: 'Chips (copy)', lang: 'en' });

before(() => {
  const t = tempDb();
  cleanup = t.cleanup;
  s = openStore(t.path);
  s.insertDocument(A, null);
  s.insertDocument(B, null);
  s.insertDocument(C, { id: 'B', similarity: 0.97 });
  s.replaceFacts('A', makeExtraction(A));
  s.replaceFacts('B', makeExtraction(B));
});

after(() => {
  s.close();
  cleanup();
});

test('csvField: RFC 4180 quoting', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  assert.equal(csvField('cr\rx'), '"cr\rx"');
  assert.equal(csvField(null), '');
  assert.equal(csvField(undefined), '');
  assert.equal(csvField(0.5), '0.5');
  assert.equal(csvField(NaN), '');
});

test('JSONL: documents first (duplicates flagged), then facts; one object per line', async () => {
  const out = new Sink();
  const res = await exportRecords(s, out, { format: 'jsonl' });
  const lines = out.text.split('\n');
  assert.equal(lines.pop(), '');
  const recs = lines.map((l) => JSON.parse(l));
  assert.equal(res.records, recs.length);
  assert.deepEqual(recs.map((r) => r.type), ['document', 'document', 'document', 'event', 'event', 'commitment', 'commitment', 'policy', 'policy', 'entity', 'entity']);
  assert.deepEqual(recs[0], {
    type: 'document',
    doc_id: 'A',
    source_path: A.source_path,
    title: A.title,
    lang: 'fr',
    published: '2024-09-22',
    published_precision: 'day',
    url: null,
    source: 'VNA',
    domains: ['ai'],
    duplicate_of: null,
  });
  assert.equal(recs[2].duplicate_of, 'B');
  assert.deepEqual(recs[3], JSON.parse(JSON.stringify(makeExtraction(A).events[0])));
});

test('JSONL: kinds and document filters', async () => {
  const out = new Sink();
  const res = await exportRecords(s, out, { format: 'jsonl', kinds: ['events', 'policies'], filter: { lang: 'en' } });
  const recs = out.text.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(res.records, 2);
  assert.deepEqual(recs.map((r) => [r.type, r.doc_id]), [['event', 'B'], ['policy', 'B']]);
  const dedup = new Sink();
  await exportRecords(s, dedup, { format: 'jsonl', kinds: ['documents'], filter: { excludeDuplicates: true } });
  assert.equal(dedup.text.trim().split('\n').length, 2);
  const dated = new Sink();
  await exportRecords(s, dated, { format: 'jsonl', kinds: ['documents'], filter: { since: '2024-09', until: '2024-09' } });
  assert.deepEqual(dated.text.trim().split('\n').map((l) => JSON.parse(l).doc_id), ['A']);
});

test('CSV: documents by default, header + rows, quoting survives a round trip', async () => {
  const out = new Sink();
  const res = await exportRecords(s, out, { format: 'csv' });
  assert.equal(res.records, 3);
  assert.ok(out.text.endsWith('\r\n'));
  const rows = parseCsv(out.text);
  assert.deepEqual(rows[0], ['doc_id', 'source_path', 'title', 'lang', 'published', 'published_precision', 'url', 'source', 'domains', 'duplicate_of']);
  assert.equal(rows.length, 4);
  assert.equal(rows[1][2], 'Titre, avec "guillemets"\net saut de ligne');
  assert.equal(rows[1][8], 'ai');
  assert.equal(rows[3][9], 'B');
});

test('CSV: fact kinds flatten parties and domains and carry provenance', async () => {
  const ev = new Sink();
  await exportRecords(s, ev, { format: 'csv', kinds: ['events'] });
  const rows = parseCsv(ev.text);
  const h = rows[0];
  const row = Object.fromEntries(h.map((k, i) => [k, rows[1][i]]));
  const e = makeExtraction(A).events[0];
  assert.equal(row.id, e.id);
  assert.equal(row.doc_id, 'A');
  assert.equal(row.source_path, A.source_path);
  assert.equal(row.sequence, '0');
  assert.equal(row.start, String(e.text_info.start));
  assert.equal(row.end, String(e.text_info.end));
  assert.equal(row.event_text, e.event_text);
  assert.equal(row.actor, 'VNM');
  assert.equal(row.recipient, 'FRA;EU');
  assert.equal(row.domains, 'ai;semiconductors');

  const cm = new Sink();
  await exportRecords(s, cm, { format: 'csv', kinds: ['commitments'] });
  const crow = parseCsv(cm.text);
  assert.equal(crow[1][crow[0].indexOf('what')], 'train engineers, "fast", 2 cohorts\nper year');
  assert.equal(crow[1][crow[0].indexOf('quantity')], '50000');

  const en = new Sink();
  await exportRecords(s, en, { format: 'csv', kinds: ['entities'] });
  const erow = parseCsv(en.text);
  assert.equal(erow[1][erow[0].indexOf('aliases')], 'MOST;Bộ KH&CN');
  assert.equal(erow[1][erow[0].indexOf('mentions')], '1');
});

test('CSV refuses several kinds; unknown kinds and formats are clear errors', async () => {
  await assert.rejects(exportRecords(s, new Sink(), { format: 'csv', kinds: ['events', 'policies'] }), ExportOptionsError);
  await assert.rejects(exportRecords(s, new Sink(), { format: 'jsonl', kinds: ['people' as never] }), /unknown record kind "people"/);
  await assert.rejects(exportRecords(s, new Sink(), { format: 'xml' as never }), /unknown export format/);
});

test('streaming: backpressure is honoured on a slow destination, output is complete', async () => {
  const t = tempDb();
  const big = openStore(t.path);
  try {
    big.transaction(() => {
      for (let i = 0; i < 1200; i++) {
        const d = makeDoc(`Article ${i}. Coopération numéro ${i}.`, { id: `d${i}`, title: `Titre ${i} ${'x'.repeat(100)}` });
        big.insertDocument(d, null);
      }
    });
    const out = new Sink(1024, 1);
    const res = await exportRecords(big, out, { format: 'jsonl', kinds: ['documents'] });
    assert.equal(res.records, 1200);
    assert.ok(out.falseReturns > 0, 'the sink signalled backpressure');
    const ids = out.text.trim().split('\n').map((l) => JSON.parse(l).doc_id);
    assert.deepEqual(ids, Array.from({ length: 1200 }, (_, i) => `d${i}`));
    // The store stays usable for writes while an export is paused on 'drain'.
    const slow = new Sink(1024, 1);
    const pending = exportRecords(big, slow, { format: 'csv' });
    big.insertDocument(makeDoc('Written during export.', { id: 'late' }), null);
    const r2 = await pending;
    assert.ok(r2.records >= 1200);
  } finally {
    big.close();
    t.cleanup();
  }
});

test('a destination that closes early rejects instead of hanging', async () => {
  const t = tempDb();
  const big = openStore(t.path);
  try {
    big.transaction(() => {
      for (let i = 0; i < 600; i++) big.insertDocument(makeDoc(`Doc ${i} ${'y'.repeat(300)}.`, { id: `e${i}` }), null);
    });
    const out = new Writable({
      highWaterMark: 16,
      write(_c, _e, cb) {
        // Never completes: the destination then goes away.
        setImmediate(() => out.destroy());
        void cb;
      },
    });
    await assert.rejects(exportRecords(big, out, { format: 'jsonl' }));
  } finally {
    big.close();
    t.cleanup();
  }
});
