import { DB_OPTION, parse, UsageError, listOption, sizeOption } from '../args.ts';
import { openCliStore, loadKb } from '../context.ts';
import { createProgress } from '../progress.ts';
import { reextract } from '../../pipeline.ts';
import { extractFiles } from '../../extract-files.ts';
import { EXTRACTOR_VERSION } from '../../extract/index.ts';
import { writeLine } from '../output.ts';

export const help = `Usage:
  coopwatch extract --format jsonl PATH...   extract from files, no database; JSONL to stdout
  coopwatch extract [--stale] [--db PATH]    re-run extraction over the stored documents

From files, each document yields a "document" record followed by its facts ("event",
"commitment", "policy", "entity"), every record with type, doc_id and source_path.
Over the store, each document's facts are replaced (never duplicated) and stamped with the
extractor version (now ${EXTRACTOR_VERSION}).

Options:
  --format jsonl       output format for PATH mode (the only one)
  --dict DIR           extra dictionary folder (repeatable)
  --stale              store mode: only documents extracted by another extractor version
  --max-doc-size SIZE  refuse documents larger than SIZE (default 20MB)
  --db PATH            database (default: $COOPWATCH_DB or ./coopwatch.db)
  -h, --help           show this help`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse('extract', argv, {
    ...DB_OPTION,
    format: { type: 'string' },
    dict: { type: 'string', multiple: true },
    stale: { type: 'boolean', default: false },
    'max-doc-size': { type: 'string' },
  });
  if (values.help) return console.log(help), 0;
  const kb = loadKb(listOption(values.dict));
  if (positionals.length > 0) {
    const format = (values.format as string | undefined) ?? 'jsonl';
    if (format !== 'jsonl') throw new UsageError('--format must be jsonl', 'extract');
    const maxDocBytes = sizeOption('extract', 'max-doc-size', values['max-doc-size'] as string | undefined);
    let problems = 0;
    for await (const rec of extractFiles(positionals, {
      kb,
      maxDocBytes,
      onProblem: (p) => {
        problems++;
        process.stderr.write(`skipped ${p.source_path}${p.item_index != null ? ` #${p.item_index}` : ''}: ${p.code} — ${p.reason}\n`);
      },
    })) {
      await writeLine(process.stdout, JSON.stringify(rec));
    }
    return problems > 0 && problems === positionals.length ? 1 : 0;
  }
  if (values.format) throw new UsageError('--format applies to extraction from files: give PATH...', 'extract');
  const store = openCliStore(values.db as string | undefined, { mustExist: true, bulkWrite: true });
  try {
    const progress = createProgress('extract');
    const res = reextract({ store, kb, onlyStale: values.stale as boolean, onProgress: (n) => progress.update(n) }, EXTRACTOR_VERSION);
    progress.done();
    const f = res.facts;
    console.log(`Extracted ${res.documents} document(s) with extractor ${EXTRACTOR_VERSION}: ${f.events} events · ${f.commitments} commitments · ${f.policies} policies · ${f.entities} entities (previous facts replaced)`);
    return 0;
  } finally {
    store.close();
  }
}
