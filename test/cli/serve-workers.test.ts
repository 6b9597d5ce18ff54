/**
 * `coopwatch serve --workers N` as a user runs it: several processes on one port that agree on
 * ETags, a worker that dies is replaced, and stopping the server leaves no process behind.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { runCli, spawnCli, tempDir } from '../helpers.ts';
import { serverChildPids } from '../../bench/lib/serve.ts';

let t: ReturnType<typeof tempDir>;
let db: string;

before(() => {
  t = tempDir();
  db = path.join(t.dir, 'w.db');
  const corpus = path.join(t.dir, 'c.jsonl');
  writeFileSync(
    corpus,
    [
      { id: 'a', title: 'Vietnam – Japan', text: 'Vietnam and Japan signed a memorandum on semiconductor training in Hanoi on Monday.' },
      { id: 'b', title: 'France – Vietnam', text: 'Le Vietnam et la France ont signé un accord de coopération sur l’intelligence artificielle.' },
    ]
      .map((r) => JSON.stringify(r))
      .join('\n'),
  );
  const r = runCli(['ingest', corpus, '--db', db]);
  assert.equal(r.code, 0, r.stderr);
});
after(() => t.cleanup());

/** Server worker pids among the children of `pid` (Linux /proc): tsx may also run an esbuild child. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until<T>(what: string, f: () => T | undefined | false | Promise<T | undefined | false>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function startServer(): { child: ChildProcess; url: Promise<string>; stderr: () => string } {
  const child = spawnCli(['serve', '--db', db, '--port', '0', '--workers', '2']);
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const url = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /(http:\/\/\S+\/)\s/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`serve exited (${code}) before listening: ${err}`)));
  });
  return { child, url, stderr: () => err };
}

test('serve --workers 2: one port, shared ETags, dead workers are replaced on the same port, nothing left after SIGTERM', async () => {
  const s = startServer();
  const url = await s.url;
  const pid = s.child.pid!;
  try {
    const workers = await until('two workers', () => serverChildPids(pid).length === 2 && serverChildPids(pid));
    // Fresh connections are handed out round-robin: both workers answer, with the same tag and body.
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => fetch(new URL('api/overview', url), { headers: { connection: 'close' } }).then(async (r) => ({ status: r.status, tag: r.headers.get('etag'), body: await r.text() }))),
    );
    for (const a of answers) {
      assert.equal(a.status, 200);
      assert.equal(a.tag, answers[0].tag);
      assert.equal(a.body, answers[0].body);
    }
    assert.equal(JSON.parse(answers[0].body).documents, 2);
    const cond = await Promise.all(
      Array.from({ length: 4 }, () => fetch(new URL('api/overview', url), { headers: { connection: 'close', 'if-none-match': answers[0].tag! } }).then((r) => r.status)),
    );
    assert.deepEqual(cond, [304, 304, 304, 304], 'every worker honours a tag another one sent');

    // Every worker dies at once (the primary then holds no listening socket): the replacements
    // must listen again on the port the URL names, even though the command asked for port 0.
    for (const w of workers) process.kill(w, 'SIGKILL');
    await until('replacement workers', () => {
      const now = serverChildPids(pid);
      return now.length === 2 && now.every((p) => !workers.includes(p)) && now;
    });
    const status = await until('an answer on the same URL after the replacements', () =>
      fetch(new URL('api/stats', url), { headers: { connection: 'close' } }).then((r) => r.status, () => undefined),
    );
    assert.equal(status, 200);
    assert.match(s.stderr(), /exited .*starting another/);
  } finally {
    const last = serverChildPids(pid);
    const exited = new Promise<number | null>((r) => s.child.once('exit', (code) => r(code)));
    s.child.kill('SIGTERM');
    assert.equal(await exited, 0);
    await until('the workers to stop', () => last.every((p) => !alive(p)) || undefined, 10_000);
  }
});

test('serve --workers: a worker count that is not a whole number from 1 is a usage error', () => {
  assert.equal(runCli(['serve', '--db', db, '--workers', '0']).code, 2);
  assert.equal(runCli(['serve', '--db', db, '--workers', 'many']).code, 2);
});
