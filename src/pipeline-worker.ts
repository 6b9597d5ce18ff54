/**
 * Worker thread of a parallel ingest (src/pipeline-pool.ts): normalise → segment → extract for
 * the documents the main thread sends, one message per document, answered in the order received.
 * The main thread reads the inputs and stores the results in input order, so what is stored does
 * not depend on the number of workers.
 *
 * workerData: { dictDirs: string[] | null, dbPath: string | null } — the user dictionary folders
 * (the built-in dict/ is always loaded first), or null to store documents without extracting
 * facts (a knowledge base holds tries, Maps and RegExps that cannot cross threads, so each worker
 * loads its own); and the database, opened read-only to recognise documents whose normalised text
 * is already committed: those are answered after normalise, without segment and extract (as the
 * in-thread ingest skips them). The storing thread still decides, at the document's turn.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { performance } from 'node:perf_hooks';
import type { RawDocument } from './types.ts';
import { normalise } from './normalise/index.ts';
import { segment } from './segment/index.ts';
import { extractDocument, loadKnowledgeBase, type KnowledgeBase } from './extract/index.ts';
import { factRecordsJson } from './store/store.ts';
import type { WorkerReply, WorkerRequest } from './pipeline-pool.ts';

const port = parentPort;
if (!port) throw new Error('pipeline-worker must run in a worker thread');
const { dictDirs, dbPath } = workerData as { dictDirs: string[] | null; dbPath: string | null };

let kb: KnowledgeBase | null = null;
let stored: ((hash: string) => boolean) | null = null;
try {
  kb = dictDirs ? loadKnowledgeBase({ dictDirs }) : null;
  if (dbPath) {
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    const q = db.prepare('SELECT 1 FROM documents WHERE content_hash = ?').pluck();
    stored = (hash) => q.get(hash) !== undefined;
  }
  port.postMessage({ type: 'ready' } satisfies WorkerReply);
} catch (e) {
  const what = kb || !dictDirs ? `cannot open ${dbPath} read-only` : 'cannot load dictionaries';
  port.postMessage({ type: 'init-error', message: `${what}: ${(e as Error).message}` } satisfies WorkerReply);
}

// Test hook (test/integration/parallel-ingest.test.ts): "crash:N" makes each worker exit abruptly,
// as a crash would, on its N-th document; "throw:N" makes its N-th document fail with an error.
const failAt = /^(crash|throw):(\d+)$/.exec(process.env.COOPWATCH_TEST_WORKER_FAIL ?? '');
let handled = 0;

port.on('message', (req: WorkerRequest) => {
  handled++;
  if (failAt && handled === Number(failAt[2])) {
    if (failAt[1] === 'crash') process.exit(3);
  }
  try {
    if (failAt && handled === Number(failAt[2])) throw new Error('test failure requested by COOPWATCH_TEST_WORKER_FAIL');
    let t = performance.now();
    const norm = normalise(req.raw);
    const tNorm = performance.now() - t;
    if (req.dupCheck && stored?.(norm.content_hash)) {
      port.postMessage({ type: 'stored', id: req.id, content_hash: norm.content_hash, ms: [tNorm, 0, 0] } satisfies WorkerReply);
      return;
    }
    t = performance.now();
    const doc = segment(norm);
    const tSeg = performance.now() - t;
    let tExt = 0;
    const extraction = kb ? ((t = performance.now()), extractDocument(doc, kb)) : null;
    if (kb) tExt = performance.now() - t;
    // The records' JSON (the store's `record` column) is made here, off the storing thread.
    const json = extraction ? factRecordsJson(extraction) : null;
    const reply: WorkerReply = { type: 'done', id: req.id, doc, extraction, json, ms: [tNorm, tSeg, tExt] };
    port.postMessage(reply);
  } catch (e) {
    const err = e as Error;
    port.postMessage({ type: 'error', id: req.id, message: err?.message ?? String(e), stack: err?.stack } satisfies WorkerReply);
  }
});
