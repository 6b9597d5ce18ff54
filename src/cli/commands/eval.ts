import { readFileSync, createWriteStream } from 'node:fs';
import { JSON_OPTION, parse, UsageError, CliError, listOption } from '../args.ts';
import { loadKb } from '../context.ts';
import { extractFiles } from '../../extract-files.ts';
import { scoreRecords, formatReport, checkMinimums } from '../../eval/index.ts';
import type { OutputRecord } from '../../types.ts';

export const help = `Usage: coopwatch eval --gold FILE PATH... [options]

Extracts from PATH (files or folders) and scores the output against a gold file in the
coopwatch-gold/1 format (../shared/gold/seeds.gold.json). Gives the same numbers as the
reference scorer score.py on the same output.

Options:
  --gold FILE          gold annotations (required)
  --pred FILE          also write the predictions (JSONL) to FILE
  --min KEY=VALUE      fail (exit 1) when a metric is below VALUE, e.g. --min events=0.7
                       (repeatable; KEY is partners, domains, events, commitments… or metric.p/.r/.f1)
  --dict DIR           extra dictionary folder (repeatable)
  --json               print the report as JSON
  -h, --help           show this help`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse('eval', argv, { ...JSON_OPTION, gold: { type: 'string' }, pred: { type: 'string' }, min: { type: 'string', multiple: true }, dict: { type: 'string', multiple: true } });
  if (values.help) return console.log(help), 0;
  if (!values.gold) throw new UsageError('--gold FILE is required', 'eval');
  if (positionals.length === 0) throw new UsageError('give the article files or folders to extract from', 'eval');
  const mins: Record<string, number> = {};
  for (const kv of listOption(values.min)) {
    const m = /^([a-z_]+(?:\.(?:p|r|f1))?)=(\d*\.?\d+)$/.exec(kv);
    if (!m) throw new UsageError(`--min must look like events=0.7 (got "${kv}")`, 'eval');
    mins[m[1]] = Number(m[2]);
  }
  let gold;
  try {
    gold = JSON.parse(readFileSync(values.gold as string, 'utf8'));
  } catch (e) {
    throw new CliError(`cannot read gold file ${values.gold}: ${(e as Error).message}`);
  }
  const kb = loadKb(listOption(values.dict));
  const records: OutputRecord[] = [];
  const predOut = values.pred ? createWriteStream(values.pred as string) : null;
  for await (const r of extractFiles(positionals, { kb, onProblem: (p) => process.stderr.write(`skipped ${p.source_path}: ${p.code} — ${p.reason}\n`) })) {
    records.push(r);
    predOut?.write(JSON.stringify(r) + '\n');
  }
  predOut?.end();
  const report = scoreRecords(gold, records as unknown as Record<string, unknown>[]);
  if (values.json) console.log(JSON.stringify(report, null, 1));
  else console.log(formatReport(report));
  return checkMinimums(report, mins) ? 0 : 1;
}
