import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { openStore, type SqliteStore } from '../../src/store/index.ts';
import { dbVersion } from '../../src/serve/etag.ts';
import { lshBands, minhashSimilarity } from '../../src/store/lsh.ts';
import { factRecordsJson } from '../../src/store/store.ts';
import { makeDoc, makeExtraction, perturb, signature, tempDb } from './fixtures.ts';

function withStore(fn: (s: SqliteStore) => void): void {
  const t = tempDb();
  const s = openStore(t.path);
  try {
    fn(s);
  } finally {
    s.close();
    t.cleanup();
  }
}

const TEXT = 'Voir plus: autres articles\n\nLe Vietnam et la France signent un accord. Il porte sur la recherche.\n\nUne deuxième phrase ici!';

test('insertDocument then getDocument round-trips text, segmentation and derived columns', () => {
  withStore((s) => {
    const doc = makeDoc(TEXT, {
      title: 'Accord',
      published: { value: '2024-09-22', precision: 'day' },
      url: 'https://www.example.org/a/b',
      boilerplateText: ['Voir plus: autres articles'],
    });
    const seq = s.insertDocument(doc, null);
    assert.ok(seq > 0);
    const got = s.getDocument(doc.id)!;
    assert.equal(got.seq, seq);
    assert.equal(got.text, TEXT);
    assert.equal(got.title, 'Accord');
    assert.equal(got.published, '2024-09-22');
    assert.equal(got.published_precision, 'day');
    assert.equal(got.text_chars, TEXT.length);
    assert.equal(got.boilerplate_chars, 'Voir plus: autres articles'.length);
    assert.deepEqual(got.domains, []);
    assert.equal(got.extractor_version, null);
    assert.equal(got.duplicate_of, null);
    assert.match(got.ingested_at, /^\d{4}-\d{2}-\d{2}T/);
    assert.deepEqual(got.paragraphs, doc.paragraphs);
    assert.deepEqual(got.sentences, doc.sentences);
    assert.deepEqual(got.boilerplate, doc.boilerplate);
    assert.deepEqual([got.events, got.commitments, got.policies, got.entities], [[], [], [], []]);
    const row = s.db.prepare('SELECT published_month, url_host FROM documents WHERE seq = ?').get(seq) as Record<string, string>;
    assert.deepEqual(row, { published_month: '2024-09', url_host: 'www.example.org' });
    const bands = s.db.prepare('SELECT count(*) AS n FROM minhash_bands WHERE doc_seq = ?').get(seq) as { n: number };
    assert.equal(bands.n, 32);
    assert.equal(s.getDocument('nope'), null);
  });
});

test('year-precision dates have no month; overlapping boilerplate spans are counted once', () => {
  withStore((s) => {
    const text = 'abcdefghij klmnop';
    const doc = makeDoc(text, {
      published: { value: '2023', precision: 'year' },
      boilerplate: [
        { start: 0, end: 5, kind: 'navigation' },
        { start: 3, end: 8, kind: 'share' },
      ],
    });
    s.insertDocument(doc, null);
    const row = s.db.prepare('SELECT published_month, boilerplate_chars FROM documents WHERE id = ?').get(doc.id);
    assert.deepEqual(row, { published_month: null, boilerplate_chars: 8 });
  });
});

test('exact duplicates are found by content hash', () => {
  withStore((s) => {
    const doc = makeDoc('Un texte unique sur la coopération.');
    s.insertDocument(doc, null);
    assert.equal(s.findByContentHash(doc.content_hash), doc.id);
    assert.equal(s.findByContentHash('0'.repeat(64)), null);
  });
});

test('near-duplicates: candidates via LSH bands, similarity from the full signature', () => {
  withStore((s) => {
    const sig = signature(42);
    const a = makeDoc('Premier article original.', { minhash: sig });
    s.insertDocument(a, null);
    // 6 of 128 slots differ: similarity 122/128 ≈ 0.95.
    const close = perturb(sig, 6);
    const hit = s.findNearDuplicate(close);
    assert.ok(hit);
    assert.equal(hit.id, a.id);
    assert.equal(hit.similarity, minhashSimilarity(sig, close));
    assert.ok(hit.similarity > 0.9);
    // Below the threshold: 40 slots differ (≈ 0.69).
    assert.equal(s.findNearDuplicate(perturb(sig, 40)), null);
    assert.ok(s.findNearDuplicate(perturb(sig, 40), 0.5));
    // Unrelated signature.
    assert.equal(s.findNearDuplicate(signature(7)), null);

    // Store the near-duplicate: flagged, not a candidate itself, not searchable.
    const b = makeDoc('Premier article original, repris.', { minhash: close });
    s.insertDocument(b, hit);
    const gotB = s.getDocument(b.id)!;
    assert.equal(gotB.duplicate_of, a.id);
    assert.equal(gotB.similarity, hit.similarity);
    assert.equal(s.findNearDuplicate(close)?.id, a.id);
    assert.equal(s.search({ q: 'repris' }).total, 0);
  });
});

test('lshBands: one hash per band, stable, sensitive to every slot of the band', () => {
  const sig = signature(1);
  const b1 = lshBands(sig);
  assert.equal(b1.length, 32);
  assert.deepEqual(lshBands(Uint32Array.from(sig)), b1);
  const changed = Uint32Array.from(sig);
  changed[5] ^= 1; // band 1 with 4 rows per band
  const b2 = lshBands(changed);
  assert.deepEqual(b2.map((h, i) => (h === b1[i] ? 0 : 1)), b1.map((_, i) => (i === 1 ? 1 : 0)));
  assert.ok(b1.every((h) => Number.isInteger(h) && h >= 0 && h < 2 ** 32));
});

test('inputs: unchanged check and re-record', () => {
  withStore((s) => {
    const fp = { source_path: '/data/a.jsonl', size: 100, mtime_ms: 1700000000123.5 };
    assert.equal(s.isInputUnchanged(fp), false);
    s.recordInput({ ...fp, documents: 3 });
    assert.equal(s.isInputUnchanged(fp), true);
    assert.equal(s.isInputUnchanged({ ...fp, size: 101 }), false);
    assert.equal(s.isInputUnchanged({ ...fp, mtime_ms: fp.mtime_ms + 1 }), false);
    s.recordInput({ ...fp, size: 101, documents: 4 });
    assert.equal(s.isInputUnchanged({ ...fp, size: 101 }), true);
    assert.equal(s.stats().inputs, 1);
  });
});

function factCounts(s: SqliteStore): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of ['events', 'event_parties', 'commitments', 'policies', 'entities', 'fact_domains']) {
    out[t] = (s.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  }
  return out;
}

test('replaceFacts with the records already serialised (as an ingest worker sends them) stores the same rows', () => {
  const rows = (s: SqliteStore) =>
    ['events', 'commitments', 'policies', 'entities'].map((t) => s.db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all());
  let plain: unknown[] = [];
  const doc = makeDoc(TEXT);
  const x = makeExtraction(doc);
  withStore((s) => {
    s.insertDocument(doc, null);
    s.replaceFacts(doc.id, x);
    plain = rows(s);
  });
  withStore((s) => {
    s.insertDocument(doc, null);
    s.replaceFacts(doc.id, x, factRecordsJson(x));
    assert.deepEqual(rows(s), plain);
    const short = { ...factRecordsJson(x), entities: [] };
    assert.throws(() => s.replaceFacts(doc.id, x, short), /serialised records do not match/);
  });
});

test('replaceFacts is idempotent and getDocument returns the records as given', () => {
  withStore((s) => {
    const doc = makeDoc(TEXT);
    s.insertDocument(doc, null);
    const x = makeExtraction(doc);
    s.replaceFacts(doc.id, x);
    const first = factCounts(s);
    assert.deepEqual(first, {
      events: 1,
      event_parties: 3,
      commitments: 1,
      policies: 1,
      entities: 1,
      // 'doc:' ai + event ai, semiconductors + commitment semiconductors + policy ai
      fact_domains: 5,
    });
    s.replaceFacts(doc.id, x);
    assert.deepEqual(factCounts(s), first);
    const got = s.getDocument(doc.id)!;
    assert.deepEqual(got.events, x.events);
    assert.deepEqual(got.commitments, x.commitments);
    assert.deepEqual(got.policies, x.policies);
    assert.deepEqual(got.entities, x.entities);
    assert.deepEqual(got.domains, ['ai']);
    assert.equal(got.extractor_version, 'test-1');
    const actorCodes = s.db.prepare('SELECT actor_codes FROM commitments').pluck().get();
    assert.equal(actorCodes, ' VNM ');

    // A new extraction replaces the old one entirely.
    s.replaceFacts(doc.id, { ...x, extractor_version: 'test-2', events: [], domains: [] });
    const after = factCounts(s);
    assert.equal(after.events, 0);
    assert.equal(after.event_parties, 0);
    assert.equal(after.commitments, 1);
    assert.equal(s.getDocument(doc.id)!.extractor_version, 'test-2');
  });
});

test('clearFacts removes every fact row and resets the document', () => {
  withStore((s) => {
    const doc = makeDoc(TEXT);
    s.insertDocument(doc, null);
    s.replaceFacts(doc.id, makeExtraction(doc));
    s.clearFacts(doc.id);
    assert.ok(Object.values(factCounts(s)).every((n) => n === 0));
    const got = s.getDocument(doc.id)!;
    assert.deepEqual(got.domains, []);
    assert.equal(got.extractor_version, null);
  });
});

test('every write transaction moves the database version other processes see (ETags of serve --workers)', () => {
  withStore((s) => {
    const other = new Database(s.path, { readonly: true });
    try {
      const seen = () => dbVersion(other);
      const v0 = seen();
      const doc = makeDoc(TEXT);
      s.insertDocument(doc, null);
      const v1 = seen();
      assert.notEqual(v1, v0, 'insert');
      s.replaceFacts(doc.id, makeExtraction(doc));
      const v2 = seen();
      assert.notEqual(v2, v1, 'replace');
      // A deletion moves no max(rowid): only the write generation tells.
      s.clearFacts(doc.id);
      const v3 = seen();
      assert.notEqual(v3, v2, 'clear');
      assert.equal(seen(), v3, 'reading does not move it');
      // Nested transactions count once.
      const g = () => other.pragma('user_version', { simple: true }) as number;
      const before = g();
      s.transaction(() => s.transaction(() => s.clearFacts(doc.id)));
      assert.equal(g(), before + 1);
    } finally {
      other.close();
    }
  });
});

test('replaceFacts errors: unknown document, clashing fact ids (and nothing half-written)', () => {
  withStore((s) => {
    const a = makeDoc('Document A. Avec une phrase.');
    const b = makeDoc('Document B. Avec une autre phrase.');
    s.insertDocument(a, null);
    s.insertDocument(b, null);
    assert.throws(() => s.replaceFacts('missing', { ...makeExtraction(a), doc_id: 'missing' }), /no stored document/);
    s.replaceFacts(a.id, makeExtraction(a));
    const xb = makeExtraction(b);
    xb.events[0].id = `${a.id}:ev0`; // same id as a fact of A
    assert.throws(() => s.replaceFacts(b.id, xb), /fact id ".*:ev0" is already stored/);
    assert.equal(s.getDocument(b.id)!.commitments.length, 0);
    assert.equal(s.getDocument(a.id)!.events.length, 1);
  });
});

test('re-inserting a document id replaces the old version (no stale rows, search follows)', () => {
  withStore((s) => {
    const v1 = makeDoc('Ancienne version du texte sur la robotique.', { id: 'same' });
    s.insertDocument(v1, null);
    s.replaceFacts('same', makeExtraction(v1));
    const v2 = makeDoc('Nouvelle version du texte sur le quantique.', { id: 'same' });
    s.insertDocument(v2, null);
    assert.equal(s.getDocument('same')!.text, v2.text);
    assert.equal(s.stats().documents, 1);
    assert.equal(s.stats().facts.events, 0);
    assert.equal(s.search({ q: 'robotique' }).total, 0);
    assert.equal(s.search({ q: 'quantique' }).total, 1);
    const bands = s.db.prepare('SELECT count(*) AS n FROM minhash_bands').get() as { n: number };
    assert.equal(bands.n, 32);
  });
});

test('transaction: groups writes, rolls back on error, nests', () => {
  withStore((s) => {
    const a = makeDoc('Alpha document.');
    const b = makeDoc('Beta document.');
    assert.throws(() =>
      s.transaction(() => {
        s.insertDocument(a, null);
        throw new Error('boom');
      }),
    );
    assert.equal(s.getDocument(a.id), null);
    const n = s.transaction(() => {
      s.insertDocument(a, null);
      s.transaction(() => s.insertDocument(b, null));
      return 2;
    });
    assert.equal(n, 2);
    assert.equal(s.stats().documents, 2);
    // A nested write joins the outer transaction: its error rolls back the outer one's writes too.
    const c = makeDoc('Gamma document.');
    const d = makeDoc('Delta document.');
    assert.throws(() =>
      s.transaction(() => {
        s.insertDocument(c, null);
        s.transaction(() => {
          s.insertDocument(d, null);
          throw new Error('boom');
        });
      }),
    );
    assert.equal(s.getDocument(c.id), null);
    assert.equal(s.getDocument(d.id), null);
    assert.equal(s.stats().documents, 2);
  });
});

test('iterateDocuments: seq order, filters, pages, and writes allowed while iterating', () => {
  withStore((s) => {
    const docs = [];
    for (let i = 0; i < 150; i++) {
      const lang = i % 3 === 0 ? 'vi' : 'fr';
      const month = String((i % 12) + 1).padStart(2, '0');
      const d = makeDoc(`Document numéro ${i}. Texte.`, {
        lang,
        published: i % 10 === 9 ? null : { value: `2024-${month}`, precision: 'month' },
        source: i % 2 ? 'Nhân Dân' : null,
        url: `https://www.vietnamplus.vn/${i}`,
      });
      docs.push(d);
      s.insertDocument(d, null);
    }
    const all = [...s.iterateDocuments()];
    assert.equal(all.length, 150);
    assert.deepEqual(all.map((d) => d.id), docs.map((d) => d.id));
    assert.equal([...s.iterateDocuments({ lang: 'vi' })].length, 50);
    // until is inclusive of the whole month; since is inclusive.
    const sept = [...s.iterateDocuments({ since: '2024-09', until: '2024-09' })];
    assert.ok(sept.length > 0 && sept.every((d) => d.published === '2024-09'));
    const q4 = [...s.iterateDocuments({ since: '2024-10', until: '2024-12' })];
    assert.ok(q4.every((d) => d.published! >= '2024-10' && d.published! <= '2024-12'));
    assert.equal(q4.length, docs.filter((d) => d.published && d.published.value >= '2024-10').length);
    assert.equal([...s.iterateDocuments({ until: '2024' })].length, 135);
    assert.equal([...s.iterateDocuments({ source: 'Nhân Dân' })].length, 75);
    assert.equal([...s.iterateDocuments({ source: 'vietnamplus.vn' })].length, 150);
    assert.equal([...s.iterateDocuments({ source: 'www.vietnamplus.vn' })].length, 150);
    assert.throws(() => [...s.iterateDocuments({ since: 'September' })], /since "September"/);

    // Writing (replaceFacts) while streaming must work: the re-extraction loop does exactly this.
    let n = 0;
    for (const d of s.iterateDocuments()) {
      s.replaceFacts(d.id, { doc_id: d.id, extractor_version: 'x', domains: ['ai'], events: [], commitments: [], policies: [], entities: [] });
      n++;
    }
    assert.equal(n, 150);
  });
});

test('iterateDocuments leaves near-duplicates out unless asked', () => {
  withStore((s) => {
    const a = makeDoc('Original.');
    const b = makeDoc('Original copie.');
    s.insertDocument(a, null);
    s.insertDocument(b, { id: a.id, similarity: 0.95 });
    assert.deepEqual([...s.iterateDocuments()].map((d) => d.id), [a.id]);
    assert.deepEqual([...s.iterateDocuments({ excludeDuplicates: false })].map((d) => d.id), [a.id, b.id]);
  });
});
