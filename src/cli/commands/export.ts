import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { DB_OPTION, FILTER_OPTIONS, parse, isoPrefix, langOption, UsageError } from '../args.ts';
import { openCliStore } from '../context.ts';
import { exportRecords } from '../../export/index.ts';
import type { ExportKind } from '../../store/store.ts';

const KINDS: ExportKind[] = ['documents', 'events', 'commitments', 'policies', 'entities'];

export const help = `Usage: coopwatch export --format jsonl|csv [options]

Streams the store out: document records, then facts (events, commitments, policies, entities),
one JSON object per line, each with type, doc_id and source_path. Memory stays flat.

Options:
  --format jsonl|csv   output format (required)
  --kind KIND          only these records (repeatable): ${KINDS.join(', ')}
                       CSV holds one kind per file (default: documents)
  --out FILE           write to FILE instead of standard output
  --lang/--since/--until/--source   document filters
  --db PATH            database (default: $COOPWATCH_DB or ./coopwatch.db)
  -h, --help           show this help`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parse('export', argv, { ...DB_OPTION, ...FILTER_OPTIONS, format: { type: 'string' }, kind: { type: 'string', multiple: true }, out: { type: 'string' } }, false);
  if (values.help) return console.log(help), 0;
  const format = values.format as string | undefined;
  if (format !== 'jsonl' && format !== 'csv') throw new UsageError('--format must be jsonl or csv', 'export');
  const kinds = ((values.kind as string[] | undefined) ?? []).map((k) => {
    if (!KINDS.includes(k as ExportKind)) throw new UsageError(`--kind must be one of ${KINDS.join(', ')} (got "${k}")`, 'export');
    return k as ExportKind;
  });
  if (format === 'csv' && kinds.length > 1) throw new UsageError('CSV holds one record kind per file: give a single --kind', 'export');
  const filter = {
    lang: langOption('export', values.lang as string | undefined),
    since: isoPrefix('export', 'since', values.since as string | undefined),
    until: isoPrefix('export', 'until', values.until as string | undefined),
    source: values.source as string | undefined,
  };
  const store = openCliStore(values.db as string | undefined, { mustExist: true });
  const out = values.out ? createWriteStream(values.out as string) : process.stdout;
  try {
    await exportRecords(store, out, { format, kinds: kinds.length ? kinds : undefined, filter });
    if (out !== process.stdout) {
      out.end();
      await once(out, 'finish');
    }
    return 0;
  } finally {
    store.close();
  }
}
