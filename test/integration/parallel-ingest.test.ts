/**
 * Parallel ingest (worker threads for normalise + segment + extract) stores exactly what the
 * in-thread ingest stores; a failing or dying worker stops the run without losing or doubling
 * documents; `--workers` is validated.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { openStore } from '../../src/store/index.ts';
import { ingest, type IngestSummary } from '../../src/pipeline.ts';
import { loadKnowledgeBase } from '../../src/extract/index.ts';
import { EXAMPLES, REPO, tempDir, runCli } from '../helpers.ts';

const TESTSET = path.join(REPO, 'testset');

/** Every row of every table (FTS shadow tables too), timestamps of ingest and migration left out. */
function dump(dbPath: string): Record<string, string[]> {
  const db = new Database(dbPath, { readonly: true });
  try {
    const out: Record<string, string[]> = {};
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
    for (const t of tables) {
      const rows = db.prepare(`SELECT * FROM "${t}"`).all() as Record<string, unknown>[];
      out[t] = rows
        .map((r) => {
          const { ingested_at: _i, applied_at: _a, ...rest } = r;
          return JSON.stringify(Object.entries(rest).sort(([a], [b]) => a.localeCompare(b)), (_k, v) => (Buffer.isBuffer(v) ? v.toString('hex') : v));
        })
        .sort();
    }
    return out;
  } finally {
    db.close();
  }
}

function comparable(s: IngestSummary) {
  const { elapsed_ms: _e, stage_ms: _s, workers: _w, wait_ms: _x, ...rest } = s;
  return rest;
}

test('parallel ingest stores exactly what the in-thread ingest stores (examples + testset, duplicates, small batches)', async () => {
  const t = tempDir();
  try {
    // A mixed corpus: examples (txt, html, jsonl, rss, a near-duplicate), the test set (three
    // languages), an exact duplicate of one example under another name, and an unreadable file.
    const extra = path.join(t.dir, 'extra');
    mkdirSync(extra);
    copyFileSync(path.join(EXAMPLES, 'fr-vietnam-japon-satellites.txt'), path.join(extra, 'copy-of-satellites.txt'));
    writeFileSync(path.join(extra, 'binary.txt'), Buffer.from([0, 1, 2, 3, 0, 0, 255, 254, 0, 7]));
    const specs = [EXAMPLES, TESTSET, extra];

    const run = async (name: string, workers: number, extraOpts: { maxInFlight?: number } = {}) => {
      const dbPath = path.join(t.dir, `${name}.db`);
      const store = openStore(dbPath);
      try {
        const summary = await ingest({ store, specs, kb: loadKnowledgeBase(), batchSize: 7, workers, ...extraOpts });
        const records = [...store.iterateRecords()].map((r) => JSON.stringify(r));
        return { summary, records, stats: store.stats(), dbPath };
      } finally {
        store.close();
      }
    };
    const seq = await run('seq', 0);
    assert.ok(seq.summary.read > 50, `corpus read: ${seq.summary.read}`);
    assert.ok(seq.summary.near_duplicates >= 1, 'the corpus has a near-duplicate');
    assert.ok(seq.summary.exact_duplicates >= 1, 'the corpus has an exact duplicate');
    assert.ok(seq.summary.problems.length >= 1, 'the corpus has an unreadable input');
    for (const [name, workers, extraOpts] of [
      ['w1', 1, {}],
      ['w2', 2, {}],
      ['w2-window3', 2, { maxInFlight: 3 }], // the reader waits for the workers all the time
    ] as const) {
      const par = await run(name, workers, extraOpts);
      assert.equal(par.summary.workers, workers);
      assert.deepEqual(comparable(par.summary), comparable(seq.summary), `${name}: summary`);
      assert.deepEqual(par.stats, seq.stats, `${name}: stats`);
      assert.deepEqual(par.records, seq.records, `${name}: exported records`);
      assert.deepEqual(dump(par.dbPath), dump(seq.dbPath), `${name}: every table`);
    }
  } finally {
    t.cleanup();
  }
});

test('parallel ingest: extra dictionaries (--dict) reach the workers', async () => {
  const t = tempDir();
  try {
    const dict = path.join(t.dir, 'dict');
    mkdirSync(dict);
    writeFileSync(
      path.join(dict, 'institutions.en.yaml'),
      'version: 1\ninstitutions:\n  - { name: Zorblax Quantum Institute, country: CZE, sector: EDU, forms: ["Zorblax Quantum Institute"] }\n',
    );
    const doc = path.join(t.dir, 'a.txt');
    writeFileSync(doc, 'Zorblax institute signs\n\nThe Zorblax Quantum Institute and Vietnam signed a memorandum of understanding on quantum computing research in Hanoi on Monday.\n');
    const names = async (workers: number) => {
      const store = openStore(path.join(t.dir, `d${workers}.db`));
      try {
        await ingest({ store, specs: [doc], kb: { dictDirs: [dict] }, workers });
        return [...store.iterateRecords({ kinds: ['entities', 'events'] })].map((r) => JSON.stringify(r));
      } finally {
        store.close();
      }
    };
    const seq = await names(0);
    assert.ok(seq.some((r) => r.includes('Zorblax Quantum Institute')), 'the extra dictionary is used in-thread');
    assert.deepEqual(await names(2), seq);
  } finally {
    t.cleanup();
  }
});

test('parallel ingest: texts already stored are not extracted again, and an id replaced meanwhile is handled as in-thread', async () => {
  const t = tempDir();
  try {
    const art = (n: number) =>
      `Vietnam and France sign accord number ${n}. The Vietnamese ministry and the French agency signed a memorandum on semiconductor research and training in Hanoi.`;
    const first = path.join(t.dir, 'first.jsonl');
    writeFileSync(first, [JSON.stringify({ id: 'x', title: 'X', text: art(1) }), JSON.stringify({ id: 'z', title: 'Z', text: art(3) })].join('\n') + '\n');
    // Second input, one document per batch: a new version of "x" (text 2), then "y" whose text is
    // x's old one (text 1). Once the new "x" is committed, replacing the old, text 1 is no longer
    // stored, so "y" is new — in both modes, although a worker may have seen text 1 stored.
    const second = path.join(t.dir, 'second.jsonl');
    writeFileSync(second, [JSON.stringify({ id: 'x', title: 'X2', text: art(2) }), JSON.stringify({ id: 'y', title: 'Y', text: art(1) }), JSON.stringify({ id: 'z2', title: 'Z', text: art(3) })].join('\n') + '\n');
    const run = async (workers: number) => {
      const dbPath = path.join(t.dir, `r${workers}.db`);
      const store = openStore(dbPath);
      try {
        const kb = loadKnowledgeBase();
        await ingest({ store, specs: [first], kb, workers });
        const again = await ingest({ store, specs: [first], kb, workers, force: true });
        const next = await ingest({ store, specs: [second], kb, workers, batchSize: 1 });
        return { again, next, dbPath };
      } finally {
        store.close();
      }
    };
    const seq = await run(0);
    const par = await run(2);
    assert.equal(par.again.exact_duplicates, 2);
    assert.equal(par.again.stage_ms.extract, 0, 'the workers stopped after normalise for stored texts');
    assert.deepEqual(comparable(par.again), comparable(seq.again));
    assert.equal(seq.next.added, 2, 'new "x" and "y" are stored, "z2" is a duplicate of "z"');
    assert.deepEqual(comparable(par.next), comparable(seq.next));
    assert.deepEqual(dump(par.dbPath), dump(seq.dbPath));
  } finally {
    t.cleanup();
  }
});

/** 60 distinct plain-text articles. */
function writeCorpus(dir: string, n = 60): void {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < n; i++) {
    const body = Array.from({ length: 5 }, (_, p) => `Paragraph ${p} of article ${i}: researchers from Hanoi and Prague discussed semiconductor training, item ${i * 31 + p}.`).join('\n\n');
    writeFileSync(path.join(dir, `doc-${String(i).padStart(3, '0')}.txt`), `Article ${i}\n\n${body}\n`);
  }
}

function counts(dbPath: string) {
  const db = new Database(dbPath, { readonly: true });
  try {
    const one = (q: string) => (db.prepare(q).get() as { n: number }).n;
    return {
      documents: one('SELECT count(*) AS n FROM documents'),
      distinct: one('SELECT count(DISTINCT source_path) AS n FROM documents'),
      inputs: one('SELECT count(*) AS n FROM inputs'),
      orphanInputs: one('SELECT count(*) AS n FROM inputs i WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.source_path = i.source_path)'),
      withoutSentences: one('SELECT count(*) AS n FROM documents d WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.doc_seq = d.seq)'),
    };
  } finally {
    db.close();
  }
}

for (const mode of ['crash', 'throw'] as const) {
  test(`a worker that ${mode === 'crash' ? 'dies' : 'fails on a document'} stops the run: committed batches stay, nothing is doubled, a re-run completes`, async () => {
    const t = tempDir();
    const corpus = path.join(t.dir, 'corpus');
    writeCorpus(corpus);
    const dbPath = path.join(t.dir, 'fail.db');
    try {
      process.env.COOPWATCH_TEST_WORKER_FAIL = `${mode}:20`;
      const store = openStore(dbPath);
      try {
        await assert.rejects(
          ingest({ store, specs: [corpus], kb: loadKnowledgeBase(), batchSize: 10, workers: 2 }),
          mode === 'crash' ? /ingest worker \d stopped while processing .*doc-\d+\.txt: exited with code 3/ : /ingest worker failed on .*doc-\d+\.txt: test failure requested/,
        );
      } finally {
        delete process.env.COOPWATCH_TEST_WORKER_FAIL;
        store.close();
      }
      const after = counts(dbPath);
      // Each worker fails on its 20th document: the run stops before the 40th in input order.
      assert.ok(after.documents < 40, `stopped early (${after.documents} stored)`);
      assert.equal(after.documents % 10, 0, 'only whole batches were committed');
      assert.equal(after.distinct, after.documents);
      assert.equal(after.orphanInputs, 0, 'no input is recorded without its documents');
      // An input's fingerprint goes into the batch after its documents' (as in a sequential run).
      assert.ok(after.inputs <= after.documents && after.inputs >= after.documents - 1, `inputs recorded: ${after.inputs}`);
      assert.equal(after.withoutSentences, 0);

      const store2 = openStore(dbPath);
      try {
        const again = await ingest({ store: store2, specs: [corpus], kb: loadKnowledgeBase(), batchSize: 10, workers: 2 });
        assert.equal(again.added + after.documents, 60, 'the re-run adds exactly the missing documents');
        assert.equal(again.inputs_unchanged, after.inputs);
      } finally {
        store2.close();
      }
      const final = counts(dbPath);
      assert.equal(final.documents, 60);
      assert.equal(final.distinct, 60);
      assert.equal(final.inputs, 60);
    } finally {
      t.cleanup();
    }
  });
}

test('a worker that cannot load the dictionaries fails the run before anything is stored', async () => {
  const t = tempDir();
  try {
    const dict = path.join(t.dir, 'dict');
    mkdirSync(dict);
    writeFileSync(path.join(dict, 'institutions.en.yaml'), 'version: 1\ninstitutions: [ {name: unclosed\n');
    const store = openStore(path.join(t.dir, 'x.db'));
    try {
      await assert.rejects(ingest({ store, specs: [EXAMPLES], kb: { dictDirs: [dict] }, workers: 1 }), /cannot load dictionaries/);
      assert.equal(store.stats().documents, 0);
    } finally {
      store.close();
    }
  } finally {
    t.cleanup();
  }
});

test('workers: validated in the library and on the command line', async () => {
  const t = tempDir();
  try {
    const store = openStore(path.join(t.dir, 'v.db'));
    try {
      for (const bad of [-1, 1.5, 65, Number.NaN]) {
        await assert.rejects(ingest({ store, specs: [EXAMPLES], kb: null, workers: bad }), RangeError, String(bad));
      }
    } finally {
      store.close();
    }
    for (const bad of ['-1', 'two', '1.5', '65']) {
      const r = runCli(['ingest', EXAMPLES, '--db', path.join(t.dir, 'cli.db'), `--workers=${bad}`]);
      assert.equal(r.code, 2, `--workers ${bad}: ${r.stderr}`);
      assert.match(r.stderr, /--workers must be a whole number from 0 to 64/);
    }
    const ok = runCli(['ingest', EXAMPLES, '--db', path.join(t.dir, 'cli.db'), '--workers', '2', '--json']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(JSON.parse(ok.stdout).workers, 2);
    const help = runCli(['ingest', '--help']);
    assert.match(help.stdout, /--workers N/);
  } finally {
    t.cleanup();
  }
});
