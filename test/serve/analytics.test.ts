/** Analytic query helpers that the API tests do not pin down directly. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { daysLeft, periodEnd, queryFacts, timeline, commitmentsList, BadCursorError } from '../../src/store/analytics.ts';
import { encodeCursor, decodeCursor } from '../../src/store/analytics/cursor.ts';
import { fixtureStore, FIXTURE_NOW } from './fixtures.ts';

test('periodEnd and daysLeft treat a partial deadline as the end of its period', () => {
  assert.equal(periodEnd('2024'), '2024-12-31');
  assert.equal(periodEnd('2024-02'), '2024-02-29');
  assert.equal(periodEnd('2025-02'), '2025-02-28');
  assert.equal(periodEnd('2025-06-15'), '2025-06-15');
  assert.equal(periodEnd('soon'), null);
  assert.equal(daysLeft('2025-06-15', '2025-06-15'), 0);
  assert.equal(daysLeft('2025-06', '2025-06-15'), 15);
  assert.equal(daysLeft('2025', '2025-06-15'), 199);
  assert.equal(daysLeft('2025-05', '2025-06-15'), -15);
  assert.equal(daysLeft(null, '2025-06-15'), null);
});

test('SQL overdue agrees with daysLeft for every commitment', () => {
  const store = fixtureStore();
  try {
    const all = commitmentsList(store.db, { now: FIXTURE_NOW, limit: 1000 }).items;
    const overdue = new Set(commitmentsList(store.db, { now: FIXTURE_NOW, overdue: true, limit: 1000 }).items.map((i) => i.commitment.id));
    for (const i of all) assert.equal(overdue.has(i.commitment.id), i.overdue, i.commitment.id);
    // A day later nothing new; a year later the 2026-06 pledge is overdue too.
    const later = commitmentsList(store.db, { now: new Date('2026-07-01T00:00:00Z'), overdue: true, limit: 1000 }).items.map((i) => i.commitment.id);
    assert.ok(later.includes('fx-cze-fr:cm0'));
  } finally {
    store.close();
  }
});

test('cursors are opaque, checked for shape, and rejected when forged', () => {
  const c = encodeCursor([3, 1, 'x']);
  assert.deepEqual(decodeCursor(c, ['n', 'n', 's']), [3, 1, 'x']);
  assert.throws(() => decodeCursor(c, ['n', 's']), BadCursorError);
  assert.throws(() => decodeCursor('%%%', ['n']), BadCursorError);
  assert.throws(() => decodeCursor(Buffer.from('{"a":1}').toString('base64url'), ['n']), BadCursorError);
  assert.throws(() => decodeCursor(Buffer.from('[1e999]').toString('base64url'), ['n']), BadCursorError);
  const store = fixtureStore();
  try {
    assert.throws(() => queryFacts(store.db, { kind: 'events', cursor: encodeCursor(['x']) }), BadCursorError);
  } finally {
    store.close();
  }
});

test('timeline months are continuous and series align with them', () => {
  const store = fixtureStore();
  try {
    const t = timeline(store.db);
    assert.equal(t.months[0], '2024-11');
    assert.equal(t.months[t.months.length - 1], '2025-05');
    assert.equal(t.months.length, 7); // gap months (2024-12) are present with zeros
    for (const s of [...t.by_type, ...t.by_modality]) assert.equal(s.counts.length, t.months.length);
    const empty = timeline(store.db, { domain: 'quantum' });
    assert.deepEqual(empty, { months: [], by_type: [], by_modality: [], undated: 0 });
  } finally {
    store.close();
  }
});

test('the row counts behind the fact-list plans follow writes of this and other connections', async () => {
  const { tableRows } = await import('../../src/store/analytics/plan.ts');
  const { tempDir } = await import('../helpers.ts');
  const Database = (await import('better-sqlite3')).default;
  const tmp = tempDir();
  const store = fixtureStore(`${tmp.dir}/rows.db`);
  try {
    const count = () => (store.db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
    const n = count();
    assert.ok(n > 1);
    assert.equal(tableRows(store.db, 'events'), n);
    store.db.prepare('DELETE FROM events WHERE id = (SELECT MIN(id) FROM events)').run();
    assert.equal(tableRows(store.db, 'events'), n - 1, 'a write of this connection');
    const other = new Database(`${tmp.dir}/rows.db`);
    other.prepare('DELETE FROM events WHERE id = (SELECT MIN(id) FROM events)').run();
    other.close();
    assert.equal(tableRows(store.db, 'events'), n - 2, 'a write of another connection');
  } finally {
    store.close();
    tmp.cleanup();
  }
});
