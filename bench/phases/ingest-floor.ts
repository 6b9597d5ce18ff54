/**
 * Ingest floor: the least work any JSONL → SQLite ingest must do. Read the same shards, JSON.parse
 * each line, insert (id, title, text) into one table in one transaction — no cleaning, language
 * detection, segmentation, extraction or indexing. The pipeline's figures are reported as a ratio
 * to this, so they stay meaningful on a noisy machine.
 *
 * Args: --corpus DIR --db PATH
 */
import { rmSync, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { emitResult, need, phaseArgs } from '../lib/protocol.ts';
import { jsonlLines, shardPaths } from '../lib/corpus.ts';
import { startRssSampler } from '../lib/rss.ts';
import { round } from '../lib/stats.ts';

const args = phaseArgs();
const corpus = need(args, 'corpus');
const dbPath = need(args, 'db');
for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(dbPath + suffix, { force: true });

const rss = startRssSampler();
const t0 = performance.now();
const db = new Database(dbPath);
db.exec('CREATE TABLE raw (id TEXT, title TEXT, text TEXT)');
const insert = db.prepare('INSERT INTO raw (id, title, text) VALUES (?, ?, ?)');
let docs = 0;
let bytes = 0;
db.transaction(() => {
  for (const line of jsonlLines(shardPaths(corpus))) {
    bytes += line.length + 1;
    const o = JSON.parse(line.toString('utf8')) as { id?: string; title?: string; text?: string };
    insert.run(o.id ?? null, o.title ?? null, o.text ?? null);
    docs++;
  }
})();
db.close();
const ms = performance.now() - t0;
const mem = rss.stop();
const dbBytes = statSync(dbPath).size;
rmSync(dbPath, { force: true });
emitResult({
  documents: docs,
  bytes,
  elapsed_ms: round(ms, 1),
  articles_per_s: round(docs / (ms / 1000), 1),
  mb_per_s: round(bytes / 1e6 / (ms / 1000), 2),
  db_bytes: dbBytes,
  ...mem,
});
