/**
 * Kill an ingest with SIGKILL halfway through a large folder, run it again, and check that the
 * database is consistent with every document exactly once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { tempDir, spawnCli, runCli } from '../helpers.ts';

const WORDS = ['hợp tác', 'coopération', 'cooperation', 'semiconductor', 'bán dẫn', 'intelligence artificielle', 'research', 'université', 'đào tạo', 'innovation', 'energy', 'réseau', 'quantum', 'data', 'climate'];

function article(i: number): string {
  // Deterministic, distinct texts (so none is a duplicate of another).
  let x = i * 7919 + 13;
  const rnd = () => ((x = (x * 1103515245 + 12345) % 2147483648), x);
  const lines = [`Sample article number ${i}`, ''];
  for (let p = 0; p < 6; p++) {
    const words: string[] = [];
    for (let w = 0; w < 60; w++) words.push(WORDS[rnd() % WORDS.length] + (w % 9 === 8 ? '.' : ''));
    lines.push(`Paragraph ${p} of document ${i}: ${words.join(' ')} (ref ${i}-${p}-${rnd() % 100000}).`, '');
  }
  return lines.join('\n');
}

for (const workers of ['0', '1']) test(`SIGKILL mid-ingest, then re-run: consistent, nothing missing or doubled (--workers ${workers})`, async () => {
  const t = tempDir();
  try {
    const N = 1200;
    const corpus = path.join(t.dir, 'corpus');
    for (let i = 0; i < N; i++) {
      const sub = path.join(corpus, `part-${String(i % 10)}`);
      mkdirSync(sub, { recursive: true });
      writeFileSync(path.join(sub, `doc-${String(i).padStart(5, '0')}.txt`), article(i));
    }
    const db = path.join(t.dir, 'kill.db');
    const child = spawnCli(['ingest', corpus, '--db', db, '--batch', '25', '--workers', workers]);
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Wait until some batches are committed, then kill without warning.
    let seen = 0;
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      if (!existsSync(db)) continue;
      try {
        const probe = new Database(db, { readonly: true, fileMustExist: true });
        try {
          seen = (probe.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n;
        } finally {
          probe.close();
        }
      } catch {
        continue; // schema not created yet
      }
      if (seen >= 50) break;
    }
    child.kill('SIGKILL');
    await exited;
    assert.ok(seen >= 50, `ingest should have committed some documents before the kill (stderr: ${stderr})`);

    const check = new Database(db, { readonly: true });
    const afterKill = (check.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n;
    assert.equal((check.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check, 'ok');
    check.close();
    assert.ok(afterKill < N, `the kill should land before the end (${afterKill} of ${N} stored)`);

    const again = runCli(['ingest', corpus, '--db', db, '--json', '--workers', workers]);
    assert.equal(again.code, 0, again.stderr);
    const summary = JSON.parse(again.stdout);
    assert.equal(summary.added + afterKill, N, 'the re-run adds exactly the missing documents');

    const final = new Database(db, { readonly: true });
    try {
      assert.equal((final.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n, N);
      assert.equal((final.prepare('SELECT count(DISTINCT source_path) AS n FROM documents').get() as { n: number }).n, N);
      assert.equal((final.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check, 'ok');
      // Every document has its sentences (no half-written document survived the kill).
      const orphans = final.prepare('SELECT count(*) AS n FROM documents d WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.doc_seq = d.seq)').get() as { n: number };
      assert.equal(orphans.n, 0);
    } finally {
      final.close();
    }
    const third = runCli(['ingest', corpus, '--db', db, '--json', '--workers', workers]);
    assert.equal(JSON.parse(third.stdout).added, 0, 'a third run is a no-op');
  } finally {
    t.cleanup();
  }
});
