import path from 'node:path';
import { existsSync } from 'node:fs';
import { DB_OPTION, parse, intOption } from '../args.ts';
import { openCliStore, loadKb } from '../context.ts';
import { ingest } from '../../pipeline.ts';
import { printSummary } from './ingest.ts';
import { printResults } from './search.ts';
import { waitForSignal } from './serve.ts';
import { ROOT } from '../../util/paths.ts';

const REPO = ROOT;

export const help = `Usage: coopwatch demo [--db PATH] [--no-serve] [--port 8787]

Ingests the sample articles in examples/ into the database (default ./coopwatch.db), prints a
summary, statistics and a sample search, then serves the dashboard and prints its URL.`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parse('demo', argv, { ...DB_OPTION, 'no-serve': { type: 'boolean', default: false }, port: { type: 'string' } }, false);
  if (values.help) return console.log(help), 0;
  const port = intOption('demo', 'port', values.port as string | undefined, 0, 65535) ?? 8787;
  const examples = path.join(REPO, 'examples');
  const store = openCliStore(values.db as string | undefined, { bulkWrite: true });
  const dbPath = store.path;
  try {
    console.log(`Coopwatch demo — ingesting ${path.relative(process.cwd(), examples) || examples}/\n`);
    const summary = await ingest({ store, specs: [examples], kb: loadKb([]) });
    printSummary(summary, store.path);
    const s = store.stats();
    console.log(`\nStore: ${s.documents} documents (${Object.entries(s.by_lang).map(([k, v]) => `${k} ${v}`).join(', ')}), ${s.facts.events} events, ${s.facts.commitments} commitments, ${s.facts.policies} policies`);
    for (const q of ['khoa hoc cong nghe', '"ban dan" OR semi*']) {
      console.log(`\n$ coopwatch search ${JSON.stringify(q)}`);
      printResults(store.search({ q, limit: 3 }));
    }
  } finally {
    store.close();
  }
  if (values['no-serve']) return 0;
  if (!existsSync(path.join(REPO, 'web', 'dist', 'index.html'))) {
    console.log('\n(The dashboard bundle is not built: run "npm run build:web", then "coopwatch serve".)');
    return 0;
  }
  const { serve } = await import('../../serve/index.ts');
  const server = await serve({ dbPath, host: '127.0.0.1', port });
  console.log(`\nDashboard: ${server.url}   API: ${server.url}api/openapi.json   (Ctrl-C to stop)`);
  await waitForSignal();
  await server.close();
  return 0;
}
