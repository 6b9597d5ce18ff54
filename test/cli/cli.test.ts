/** The CLI as a user meets it: help, exit codes, bad inputs, JSON output, export, extract. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { writeFileSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { runCli, tempDir, SEEDS, REPO } from '../helpers.ts';
import { spawnSync } from 'node:child_process';

let t: ReturnType<typeof tempDir>;
let db: string;

before(() => {
  t = tempDir();
  db = path.join(t.dir, 'cli.db');
});
after(() => t.cleanup());

test('help and usage errors', () => {
  const h = runCli(['--help']);
  assert.equal(h.code, 0);
  assert.match(h.stdout, /ingest/);
  for (const cmd of ['ingest', 'search', 'extract', 'facts', 'export', 'stats', 'eval', 'serve', 'demo']) {
    const r = runCli([cmd, '--help']);
    assert.equal(r.code, 0, `${cmd} --help`);
    assert.match(r.stdout, /Usage/, cmd);
  }
  assert.equal(runCli(['frobnicate']).code, 2);
  assert.equal(runCli(['search', '--bogus', 'x']).code, 2);
  assert.equal(runCli(['ingest']).code, 2);
  assert.equal(runCli(['export', '--format', 'xml', '--db', db]).code, 2);
  assert.equal(runCli(['search', 'x', '--since', 'yesterday', '--db', db]).code, 2);
});

test('search on a missing database fails with a clear message (exit 1)', () => {
  const r = runCli(['search', 'x', '--db', path.join(t.dir, 'nope.db')]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /no database/);
});

test('bad inputs are reported and skipped; good ones are kept', () => {
  const dir = path.join(t.dir, 'bad');
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'junk.txt'), Buffer.from([0, 1, 2, 3, 255, 254, 0, 0, 7, 8, 0, 9, 0, 0, 0, 1]));
  writeFileSync(path.join(dir, 'invalid-utf8.txt'), Buffer.concat([Buffer.from('Titre\n\nLa coop'), Buffer.from([0xe9]), Buffer.from('ration scientifique entre la France et le Vietnam progresse.')]));
  writeFileSync(path.join(dir, 'empty.txt'), '');
  writeFileSync(path.join(dir, 'zero.txt.gz'), Buffer.alloc(0));
  writeFileSync(path.join(dir, 'nobody.html'), '<html><head><title>x</title></head></html>');
  writeFileSync(
    path.join(dir, 'mixed.jsonl'),
    [
      JSON.stringify({ id: 'good-1', title: 'Good one', text: 'Vietnam and Japan signed a memorandum on semiconductor training in Hanoi on Monday.' }),
      '{"id": "broken", "text": ',
      JSON.stringify({ id: 'good-2', title: 'Good two', text: 'Le Vietnam et la France ont signé un accord de coopération sur l’intelligence artificielle.' }),
    ].join('\n'),
  );
  writeFileSync(path.join(dir, 'ok.txt.gz'), gzipSync('Hợp tác khoa học công nghệ\n\nViệt Nam và Hàn Quốc thúc đẩy hợp tác khoa học công nghệ tại Đà Nẵng.'));
  const r = runCli(['ingest', dir, path.join(t.dir, 'does-not-exist.txt'), '--db', db, '--json']);
  assert.equal(r.code, 0, r.stderr);
  const s = JSON.parse(r.stdout);
  const reasons = s.problems.map((p: { source_path: string; code: string }) => `${path.basename(p.source_path)}:${p.code}`);
  for (const bad of ['junk.txt', 'empty.txt', 'zero.txt.gz', 'nobody.html', 'mixed.jsonl', 'does-not-exist.txt']) {
    assert.ok(reasons.some((x: string) => x.startsWith(bad + ':')), `${bad} reported (${reasons.join(', ')})`);
  }
  assert.ok(s.problems.every((p: { reason: string }) => p.reason.length > 0));
  const broken = s.problems.find((p: { source_path: string }) => p.source_path.endsWith('mixed.jsonl'));
  assert.equal(broken.item_index, 2, 'the broken JSONL line is named');
  // good-1, good-2, ok.txt.gz and the (decoded) invalid-utf8 text are stored.
  assert.ok(s.added >= 3, `added ${s.added}`);
  const stats = JSON.parse(runCli(['stats', '--json', '--db', db]).stdout);
  assert.equal(stats.documents, s.added);
  // Human-readable summary lists skipped inputs with reasons.
  const human = runCli(['ingest', path.join(dir, 'junk.txt'), '--db', db, '--force']);
  assert.match(human.stdout, /junk\.txt.*binary/);
});

test('stats --json has a top-level documents count; export streams JSONL and CSV', () => {
  const seedsDb = path.join(t.dir, 'seeds.db');
  const ing = runCli(['ingest', SEEDS, '--db', seedsDb]);
  assert.equal(ing.code, 0, ing.stderr);
  const stats = JSON.parse(runCli(['stats', '--json', '--db', seedsDb]).stdout);
  assert.equal(stats.documents, 5);
  const again = runCli(['ingest', SEEDS, '--db', seedsDb]);
  assert.match(again.stdout, /no-op/i);

  const jsonl = runCli(['export', '--format', 'jsonl', '--db', seedsDb]);
  assert.equal(jsonl.code, 0, jsonl.stderr);
  const recs = jsonl.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(recs.filter((r) => r.type === 'document').length, 5);
  for (const r of recs) {
    assert.ok(r.type && r.doc_id && r.source_path, JSON.stringify(r).slice(0, 200));
  }
  const csv = runCli(['export', '--format', 'csv', '--db', seedsDb]);
  assert.equal(csv.code, 0, csv.stderr);
  assert.equal(csv.stdout.trim().split('\n').length >= 6, true);

  const search = JSON.parse(runCli(['search', 'percees scientifiques', '--json', '--db', seedsDb]).stdout);
  assert.ok(search.total >= 1);
  assert.ok(search.hits[0].snippet.includes('['));
  assert.equal(runCli(['search', 'NOT', '--db', seedsDb]).code, 2, 'a malformed query is a usage error');
});

test('extract --format jsonl works without a database', () => {
  const r = runCli(['extract', '--format', 'jsonl', path.join(SEEDS, '002_b3ac22cb02fdf6a8.txt')]);
  assert.equal(r.code, 0, r.stderr);
  const recs = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(recs[0].type, 'document');
  assert.equal(recs[0].lang, 'fr');
  assert.ok(recs.every((x) => x.doc_id && x.source_path && x.type));
});

test('stdin ingest', () => {
  const r = runCli(['ingest', '-', '--db', path.join(t.dir, 'stdin.db'), '--json'], {
    input: 'Hanoi and Paris launch joint AI lab\n\nVietnam and France launched a joint artificial intelligence laboratory in Hanoi on Tuesday, officials said.',
  });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).added, 1);
});

test('bin/coopwatch.js runs (compiled bundle when up to date, else the sources)', () => {
  const r = spawnSync(process.execPath, [path.join(REPO, 'bin/coopwatch.js'), '--version'], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /coopwatch \d+\.\d+\.\d+ \(extractor \d+\.\d+\.\d+\)/);
  const help = spawnSync(process.execPath, [path.join(REPO, 'bin/coopwatch.js'), 'bench', 'gen', '--help'], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  assert.equal(help.status, 0, help.stderr);
});
