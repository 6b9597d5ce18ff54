import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import {
  openStore,
  resolveDbPath,
  DatabaseTooNewError,
  NotADatabaseError,
  StoreOpenError,
  SCHEMA_VERSION,
} from '../../src/store/index.ts';
import { MIGRATIONS } from '../../src/store/migrations.ts';
import { tempDb } from './fixtures.ts';

test('migrations are applied once, in order, and recorded', () => {
  const t = tempDb();
  try {
    const s1 = openStore(t.path);
    assert.equal(s1.schemaVersion, SCHEMA_VERSION);
    const rows = s1.db.prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY version').all() as { version: number; name: string; applied_at: string }[];
    assert.deepEqual(rows.map((r) => r.version), MIGRATIONS.map((m) => m.version));
    assert.ok(rows.every((r) => /^\d{4}-\d{2}-\d{2}T/.test(r.applied_at)));
    s1.close();
    // Reopening applies nothing again and keeps the data.
    const s2 = openStore(t.path);
    const n = s2.db.prepare('SELECT count(*) AS n FROM schema_migrations').get() as { n: number };
    assert.equal(n.n, MIGRATIONS.length);
    s2.close();
  } finally {
    t.cleanup();
  }
});

test('connection settings: WAL, foreign keys, busy timeout', () => {
  const t = tempDb();
  try {
    const s = openStore(t.path);
    assert.equal(s.db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(s.db.pragma('foreign_keys', { simple: true }), 1);
    assert.ok((s.db.pragma('busy_timeout', { simple: true }) as number) > 0);
    assert.equal(s.db.pragma('synchronous', { simple: true }), 1); // NORMAL
    assert.equal(s.db.pragma('temp_store', { simple: true }), 0); // default: large sorts spill to files
    s.close();
    // A batch writer keeps its savepoints' statement journals in memory instead of temporary files.
    const bulk = openStore(t.path, { bulkWrite: true });
    assert.equal(bulk.db.pragma('temp_store', { simple: true }), 2); // MEMORY
    bulk.close();
  } finally {
    t.cleanup();
  }
});

test('a database written by a newer Coopwatch is refused with a clear message', () => {
  const t = tempDb();
  try {
    openStore(t.path).close();
    const raw = new Database(t.path);
    raw.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', '2099-01-01T00:00:00Z')").run();
    raw.close();
    assert.throws(
      () => openStore(t.path),
      (e: unknown) =>
        e instanceof DatabaseTooNewError &&
        e instanceof StoreOpenError &&
        e.message.includes('newer Coopwatch (schema v999)') &&
        e.message.includes(`up to v${SCHEMA_VERSION}`) &&
        e.message.includes('Upgrade Coopwatch'),
    );
    assert.throws(() => openStore(t.path, { readonly: true }), DatabaseTooNewError);
  } finally {
    t.cleanup();
  }
});

test('a file that is not an SQLite database gives a clear error', () => {
  const t = tempDb();
  try {
    const p = join(t.dir, 'notes.db');
    writeFileSync(p, 'these are not the bytes you are looking for\n'.repeat(200));
    assert.throws(
      () => openStore(p),
      (e: unknown) => e instanceof NotADatabaseError && /not a Coopwatch database/.test(e.message) && e.message.includes(p),
    );
  } finally {
    t.cleanup();
  }
});

test('an SQLite database of another program is refused, not migrated', () => {
  const t = tempDb();
  try {
    const raw = new Database(t.path);
    raw.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)');
    raw.close();
    assert.throws(() => openStore(t.path), NotADatabaseError);
    const check = new Database(t.path);
    const tables = check.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    check.close();
    assert.deepEqual(tables, ['customers']);
  } finally {
    t.cleanup();
  }
});

test('read-only: missing file is a clear error; an existing store opens and refuses writes', () => {
  const t = tempDb();
  try {
    assert.throws(() => openStore(t.path, { readonly: true }), (e: unknown) => e instanceof StoreOpenError && /no database at/.test(e.message));
    openStore(t.path).close();
    const ro = openStore(t.path, { readonly: true });
    assert.equal(ro.stats().documents, 0);
    assert.throws(() => ro.recordInput({ source_path: 'x', size: 1, mtime_ms: 1, documents: 0 }), /read-only/);
    ro.close();
  } finally {
    t.cleanup();
  }
});

test('opening creates missing parent folders', () => {
  const t = tempDb();
  try {
    const s = openStore(join(t.dir, 'a', 'b', 'c.db'));
    assert.equal(s.stats().documents, 0);
    s.close();
  } finally {
    t.cleanup();
  }
});

test('resolveDbPath: flag, then COOPWATCH_DB, then ./coopwatch.db', () => {
  const saved = process.env.COOPWATCH_DB;
  try {
    delete process.env.COOPWATCH_DB;
    assert.equal(resolveDbPath(), resolve('coopwatch.db'));
    process.env.COOPWATCH_DB = '/tmp/env.db';
    assert.equal(resolveDbPath(), '/tmp/env.db');
    assert.equal(resolveDbPath('/tmp/flag.db'), '/tmp/flag.db');
    assert.equal(resolveDbPath('rel/x.db'), resolve('rel/x.db'));
  } finally {
    if (saved === undefined) delete process.env.COOPWATCH_DB;
    else process.env.COOPWATCH_DB = saved;
  }
});

test('upgrading a v1 database applies the later migrations and backfills url_host', () => {
  const t = tempDb();
  try {
    const raw = new Database(t.path);
    raw.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    raw.exec(MIGRATIONS[0].sql);
    raw.prepare("INSERT INTO schema_migrations VALUES (1, ?, '2025-01-01T00:00:00Z')").run(MIGRATIONS[0].name);
    raw.prepare(`INSERT INTO documents (id, source_path, format, text, lang, url, content_hash, bytes, text_chars, boilerplate_chars, ingested_at)
      VALUES ('old', 'a.html', 'html', 'Texte.', 'fr', 'https://WWW.Example.org/x', 'h', 6, 6, 0, '2025-01-01T00:00:00Z')`).run();
    raw.close();
    assert.throws(() => openStore(t.path, { readonly: true }), /needs an upgrade/);
    const s = openStore(t.path);
    assert.equal(s.schemaVersion, SCHEMA_VERSION);
    assert.equal(s.db.prepare("SELECT url_host FROM documents WHERE id = 'old'").pluck().get(), 'www.example.org');
    assert.equal([...s.iterateDocuments({ source: 'example.org' })].length, 1);
    // v6 dropped the never-read entity_mentions table (mentions stay in entities.record).
    assert.equal(s.db.prepare("SELECT count(*) FROM sqlite_master WHERE name LIKE 'entity_mentions%'").pluck().get(), 0);
    s.close();
  } finally {
    t.cleanup();
  }
});
