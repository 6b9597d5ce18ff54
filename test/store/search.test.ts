import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore, SearchSyntaxError, type SqliteStore } from '../../src/store/index.ts';
import { makeDoc, seedsDir, tempDb } from './fixtures.ts';

let s: SqliteStore;
let cleanup: () => void;

// Small hand-written fixtures (not news copies), each exercising one search property.
const DOCS = {
  vi: makeDoc('Hợp tác khoa học công nghệ giữa hai nước được đẩy mạnh.\n\nHội thảo diễn ra tại Đà Nẵng.', {
    id: 'vi1',
    lang: 'vi',
    title: 'Hợp tác khoa học',
    published: { value: '2025-03-10', precision: 'day' },
    source: 'Nhân Dân',
  }),
  fr: makeDoc(
    "La coopération porte sur les semi-conducteurs et l'intelligence artificielle.\n\nLes deux pays visent des percées scientifiques majeures.\n\nVoir plus : la robotique sous-marine",
    {
      id: 'fr1',
      lang: 'fr',
      title: 'Coopération technologique',
      published: { value: '2024-09', precision: 'month' },
      url: 'https://fr.example.vn/article/1',
      boilerplateText: ['Voir plus : la robotique sous-marine'],
    },
  ),
  fr2: makeDoc('Le vice-Premier ministre Trân Hông Hà a reçu une délégation. La 5G/6G était au menu.', {
    id: 'fr2',
    lang: 'fr',
    title: 'Visite ministérielle',
    published: { value: '2023-05-29', precision: 'day' },
    source: 'VNA',
  }),
  en: makeDoc('The semiconductor partnership covers chip design and cooperation on talent.', {
    id: 'en1',
    lang: 'en',
    title: 'Chip partnership',
    published: { value: '2024-09-30', precision: 'day' },
    source: 'VNA',
  }),
  titleOnly: makeDoc('Un texte sans rapport avec le reste.', { id: 'fr3', lang: 'fr', title: 'Hydrogène vert' }),
};

before(() => {
  const t = tempDb();
  cleanup = t.cleanup;
  s = openStore(t.path);
  s.transaction(() => {
    for (const d of Object.values(DOCS)) s.insertDocument(d, null);
  });
});

after(() => {
  s.close();
  cleanup();
});

const ids = (q: Parameters<SqliteStore['search']>[0]): string[] => s.search(q).hits.map((h) => h.id).sort();

test('Vietnamese without diacritics finds Vietnamese with diacritics', () => {
  assert.deepEqual(ids({ q: 'khoa hoc cong nghe' }), ['vi1']);
  assert.deepEqual(ids({ q: '"khoa hoc cong nghe"' }), ['vi1']);
  const hit = s.search({ q: 'khoa hoc cong nghe' }).hits[0];
  assert.match(hit.snippet, /\[khoa học công nghệ\]/);
});

test('đ/Đ folds to d', () => {
  assert.deepEqual(ids({ q: 'da nang' }), ['vi1']);
  assert.deepEqual(ids({ q: 'Đà Nẵng' }), ['vi1']);
  assert.match(s.search({ q: 'da nang' }).hits[0].snippet, /\[Đà Nẵng\]/);
});

test('French accents are ignored both ways', () => {
  assert.deepEqual(ids({ q: 'cooperation' }), ['en1', 'fr1']);
  assert.deepEqual(ids({ q: 'coopération' }), ['en1', 'fr1']);
  assert.deepEqual(ids({ q: 'percees scientifiques' }), ['fr1']);
  assert.deepEqual(ids({ q: 'Tran Hong Ha' }), ['fr2']);
  assert.match(s.search({ q: 'Tran Hong Ha' }).hits[0].snippet, /\[Trân Hông Hà\]/);
});

test('phrases, OR, NOT, prefix, punctuation inside words', () => {
  assert.deepEqual(ids({ q: '"percées scientifiques"' }), ['fr1']);
  assert.deepEqual(ids({ q: '"scientifiques percées"' }), []);
  assert.deepEqual(ids({ q: 'hydrogene OR "da nang"' }), ['fr3', 'vi1']);
  assert.deepEqual(ids({ q: 'cooperation NOT chip' }), ['fr1']);
  assert.deepEqual(ids({ q: 'cooperation -semi-conducteurs' }), ['en1']);
  assert.deepEqual(ids({ q: 'cooperation -semi*' }), []);
  assert.deepEqual(ids({ q: 'semi*' }), ['en1', 'fr1']);
  assert.deepEqual(ids({ q: 'semi-conducteurs' }), ['fr1']);
  assert.deepEqual(ids({ q: '5G/6G' }), ['fr2']);
  assert.deepEqual(ids({ q: "l'intelligence" }), ['fr1']);
  assert.deepEqual(ids({ q: '(semiconductor OR semi-conducteurs) AND talent' }), ['en1']);
});

test('filters: lang, since/until (inclusive period), source / host', () => {
  assert.deepEqual(ids({ q: 'cooperation', lang: 'fr' }), ['fr1']);
  assert.deepEqual(ids({ q: 'cooperation', lang: 'en' }), ['en1']);
  assert.deepEqual(ids({ q: 'cooperation', until: '2024-09' }), ['en1', 'fr1']); // 2024-09-30 included
  assert.deepEqual(ids({ q: 'cooperation', since: '2024-09-15' }), ['en1']);
  assert.deepEqual(ids({ q: 'cooperation', since: '2024-10' }), []);
  assert.deepEqual(ids({ q: 'cooperation', source: 'VNA' }), ['en1']);
  assert.deepEqual(ids({ q: 'cooperation', source: 'fr.example.vn' }), ['fr1']);
  assert.deepEqual(ids({ q: 'hop tac', source: 'Nhân Dân' }), ['vi1']);
});

test('boilerplate text is not found', () => {
  assert.deepEqual(ids({ q: 'robotique' }), []);
  assert.deepEqual(ids({ q: '"voir plus"' }), []);
});

test('title matches: weighted, and used for the snippet when the body has none', () => {
  const res = s.search({ q: 'hydrogene' });
  assert.equal(res.total, 1);
  assert.equal(res.hits[0].snippet, '[Hydrogène] vert');
  assert.deepEqual(res.hits[0].snippet_parts, [
    { text: 'Hydrogène', match: true },
    { text: ' vert', match: false },
  ]);
  // Same word in the title of one document and the body of another: title ranks first.
  const r2 = s.search({ q: 'cooperation' });
  assert.equal(r2.hits[0].id, 'fr1');
  assert.ok(r2.hits[0].score <= r2.hits[1].score);
});

test('result shape: total, paging, fts expression, metadata', () => {
  const res = s.search({ q: 'cooperation', limit: 1 });
  assert.equal(res.total, 2);
  assert.equal(res.hits.length, 1);
  assert.equal(res.query, 'cooperation');
  assert.equal(res.fts, '"cooperation"');
  const page2 = s.search({ q: 'cooperation', limit: 1, offset: 1 });
  assert.equal(page2.hits.length, 1);
  assert.notEqual(page2.hits[0].id, res.hits[0].id);
  const h = s.search({ q: 'talent' }).hits[0];
  assert.deepEqual(
    { id: h.id, title: h.title, lang: h.lang, published: h.published, source: h.source, duplicate_of: h.duplicate_of },
    { id: 'en1', title: 'Chip partnership', lang: 'en', published: '2024-09-30', source: 'VNA', duplicate_of: null },
  );
  assert.equal(s.search({ q: 'nothingmatcheshere' }).total, 0);
});

test('syntax errors surface as SearchSyntaxError, never an SQLite error', () => {
  for (const q of ['"open', 'a OR', '(a', 'NOT a', ')']) {
    assert.throws(() => s.search({ q }), SearchSyntaxError, q);
  }
});

test('seed articles: searchable after storing, titles and bodies, no errors on odd queries', () => {
  const t = tempDb();
  const st = openStore(t.path);
  try {
    const files = readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort();
    assert.ok(files.length > 0);
    st.transaction(() => {
      for (const f of files) {
        const text = readFileSync(join(seedsDir, f), 'utf8').normalize('NFC');
        st.insertDocument(makeDoc(text, { id: f, source_path: join(seedsDir, f) }), null);
      }
    });
    assert.ok(st.search({ q: 'percees scientifiques' }).total >= 1);
    assert.ok(st.search({ q: 'Tran Hong Ha' }).total >= 1);
    assert.ok(st.search({ q: 'semi-conducteurs' }).total >= 1);
    assert.ok(st.search({ q: 'cooperation' }).total >= files.length - 1);
    for (const q of ["l'IA", 'Tô Lâm', '5G/6G', 'A.I.', 'NOT-a-word', 'c++', '(cooperation)']) {
      const r = st.search({ q });
      for (const h of r.hits) assert.equal(h.snippet_parts.map((p) => (p.match ? `[${p.text}]` : p.text)).join(''), h.snippet);
    }
  } finally {
    st.close();
    t.cleanup();
  }
});
