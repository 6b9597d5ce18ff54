import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore, SCHEMA_VERSION } from '../../src/store/index.ts';
import { makeDoc, makeExtraction, tempDb } from './fixtures.ts';

test('stats: counts near-duplicates once, groups by language, month and source', () => {
  const t = tempDb();
  const s = openStore(t.path);
  try {
    const docs = [
      makeDoc('Un. Deux. Trois.', { lang: 'fr', published: { value: '2024-09-22', precision: 'day' }, source: 'VNA', boilerplateText: ['Trois.'] }),
      makeDoc('Quatre. Cinq.', { lang: 'fr', published: { value: '2024-09', precision: 'month' }, site_name: 'Le Courrier' }),
      makeDoc('One. Two.', { lang: 'en', published: { value: '2024', precision: 'year' }, url: 'https://en.example.com/x' }),
      makeDoc('Một. Hai.', { lang: 'vi', published: null }),
    ];
    for (const d of docs) s.insertDocument(d, null);
    // A near-duplicate of the first: stored and counted in `documents`, nowhere else.
    s.insertDocument(makeDoc('Un. Deux. Trois!', { lang: 'fr', published: { value: '2023-01', precision: 'month' }, source: 'Copycat' }), { id: docs[0].id, similarity: 0.95 });
    s.replaceFacts(docs[0].id, makeExtraction(docs[0]));
    s.recordInput({ source_path: 'a.txt', size: 1, mtime_ms: 1, documents: 5 });

    const st = s.stats();
    assert.equal(st.documents, 5);
    assert.equal(st.near_duplicates, 1);
    assert.equal(st.unique_documents, 4);
    assert.deepEqual(st.by_lang, { fr: 2, en: 1, vi: 1 });
    assert.deepEqual(st.by_month, { '2024-09': 2 });
    assert.equal(st.undated, 2); // year-only and no date
    assert.deepEqual(st.by_source, { VNA: 1, 'Le Courrier': 1, 'en.example.com': 1, unknown: 1 });
    const chars = docs.reduce((n, d) => n + d.text.length, 0);
    assert.equal(st.boilerplate_share, 'Trois.'.length / chars);
    // Non-boilerplate sentences of unique documents: 2 + 2 + 2 + 2.
    assert.equal(st.sentences, 8);
    assert.deepEqual(st.facts, { events: 1, commitments: 1, policies: 1, entities: 1 });
    assert.equal(st.inputs, 1);
    assert.equal(st.schema_version, SCHEMA_VERSION);
  } finally {
    s.close();
    t.cleanup();
  }
});

test('stats on an empty store', () => {
  const t = tempDb();
  const s = openStore(t.path);
  try {
    const st = s.stats();
    assert.deepEqual(
      { ...st, facts: undefined },
      {
        documents: 0,
        near_duplicates: 0,
        unique_documents: 0,
        by_lang: {},
        by_month: {},
        by_source: {},
        undated: 0,
        boilerplate_share: 0,
        sentences: 0,
        facts: undefined,
        inputs: 0,
        schema_version: SCHEMA_VERSION,
      },
    );
  } finally {
    s.close();
    t.cleanup();
  }
});
