import { stat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { DB_OPTION, JSON_OPTION, parse, sizeOption, intOption, listOption, UsageError, CliError } from '../args.ts';
import { createProgress, formatBytes, progressEnabled } from '../progress.ts';
import { openCliStore, loadKb, checkDictDirs } from '../context.ts';
import { ingest, defaultIngestWorkers, MAX_INGEST_WORKERS, type IngestSummary } from '../../pipeline.ts';

export const help = `Usage: coopwatch ingest <path|url|->... [options]

Reads articles and stores them, cleaned, segmented and extracted, in the database.
Inputs: files and folders (recursively), '-' for standard input, http(s):// URLs.
Formats: .txt .md .html .htm .json .jsonl .ndjson, RSS/Atom feeds (.rss .atom .xml), any of them .gz.

Options:
  --db PATH            database (default: $COOPWATCH_DB or ./coopwatch.db)
  --dict DIR           extra dictionary folder (repeatable); adds or overrides entries
  --no-extract         store documents without extracting facts
  --force              re-read inputs even if they were ingested unchanged before
  --max-doc-size SIZE  refuse documents larger than SIZE (default 20MB)
  --batch N            documents per transaction (default 250)
  --workers N          worker threads for cleaning, segmenting and extracting while this thread
                       reads and stores; 0 runs every stage in one thread (default here:
                       ${defaultIngestWorkers()}; 1 from 4 cores, else 0). The result is the same either way.
  --strict             exit 1 if any input was skipped
  --json               print the summary as JSON
  -h, --help           show this help

Re-ingesting the same inputs is a no-op. An interrupted run can simply be run again.`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse('ingest', argv, {
    ...DB_OPTION,
    ...JSON_OPTION,
    dict: { type: 'string', multiple: true },
    'no-extract': { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
    'max-doc-size': { type: 'string' },
    batch: { type: 'string' },
    workers: { type: 'string' },
  });
  if (values.help) return console.log(help), 0;
  if (positionals.length === 0) throw new UsageError('give at least one file, folder, URL or - (stdin)', 'ingest');
  const maxDocBytes = sizeOption('ingest', 'max-doc-size', values['max-doc-size'] as string | undefined);
  const batchSize = intOption('ingest', 'batch', values.batch as string | undefined, 1, 100000);
  const workers = intOption('ingest', 'workers', values.workers as string | undefined, 0, MAX_INGEST_WORKERS) ?? defaultIngestWorkers();
  const dictDirs = listOption(values.dict);
  // With workers, each worker loads the dictionaries; this thread only checks the folders exist.
  const kb = values['no-extract'] ? null : workers > 0 ? (checkDictDirs(dictDirs), { dictDirs }) : loadKb(dictDirs);
  const store = openCliStore(values.db as string | undefined, { bulkWrite: true });
  try {
    const total = progressEnabled() ? await totalSize(positionals) : 0;
    const progress = createProgress('ingest', total);
    const summary = await ingest({
      store,
      specs: positionals,
      kb,
      workers,
      batchSize,
      maxDocBytes,
      force: values.force as boolean,
      onProgress: (p) => progress.update(p.documents, p.bytes),
    }).catch((e: Error) => {
      progress.done();
      throw new CliError(`ingest stopped: ${e.message} — nothing of the open batch was stored; committed batches stay, run the same command again to resume`);
    });
    progress.done();
    if (values.json) console.log(JSON.stringify({ db: store.path, ...summary }, null, 2));
    else printSummary(summary, store.path);
    if (values.strict && summary.problems.length > 0) return 1;
    // Everything failed and nothing was read: that is a failure, not a partial success.
    if (summary.read === 0 && summary.inputs_unchanged === 0 && summary.problems.length > 0) return 1;
    return 0;
  } finally {
    store.close();
  }
}

export function printSummary(s: IngestSummary, dbPath: string): void {
  const out: string[] = [];
  if (s.no_op && s.problems.length === 0) {
    const what = s.inputs_unchanged > 0 ? `${s.inputs_unchanged} input(s) unchanged since the last ingest` : `all ${s.read} document(s) already stored`;
    out.push(`Nothing new: ${what} — no-op. Database: ${dbPath}`);
    if (s.exact_duplicates > 0 && s.inputs_unchanged > 0) out.push(`  ${s.exact_duplicates} document(s) already stored`);
    console.log(out.join('\n'));
    return;
  }
  out.push(`Ingested into ${dbPath} in ${(s.elapsed_ms / 1000).toFixed(1)} s (${formatBytes(s.bytes)})`);
  out.push(`  documents read          ${s.read}`);
  out.push(`  new documents stored    ${s.added}${s.near_duplicates ? `  (${s.near_duplicates} near-duplicate(s) linked to a first copy, counted once)` : ''}`);
  if (s.exact_duplicates) out.push(`  exact duplicates        ${s.exact_duplicates}  (already stored — skipped)`);
  if (s.inputs_unchanged) out.push(`  unchanged inputs        ${s.inputs_unchanged}  (ingested before — skipped)`);
  if (s.extracted) {
    const f = s.facts;
    out.push(`  facts extracted         ${f.events} events · ${f.commitments} commitments · ${f.policies} policies · ${f.entities} entities (${s.extracted} documents)`);
  }
  if (s.problems.length) {
    out.push(`  skipped inputs          ${s.problems.length}`);
    for (const p of s.problems) out.push(`    ${p.source_path}${p.item_index != null ? ` #${p.item_index}` : ''}: ${p.code} — ${p.reason}`);
  }
  console.log(out.join('\n'));
}

/** Total size of the files named (for the progress bar's ETA); URLs and stdin count as 0. */
async function totalSize(specs: string[]): Promise<number> {
  let total = 0;
  const walk = async (p: string, depth: number): Promise<void> => {
    if (depth > 32) return;
    let st;
    try {
      st = await stat(p);
    } catch {
      return;
    }
    if (st.isFile()) total += st.size;
    else if (st.isDirectory()) {
      for (const e of await readdir(p)) if (!e.startsWith('.')) await walk(path.join(p, e), depth + 1);
    }
  };
  for (const s of specs) if (s !== '-' && !/^https?:\/\//i.test(s)) await walk(s, 0);
  return total;
}
