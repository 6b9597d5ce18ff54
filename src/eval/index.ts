/**
 * Evaluation against gold annotations: the TypeScript port of /work/shared/eval/score.py.
 *
 *   node --import tsx src/eval/index.ts GOLD.json PRED.jsonl [--json] [--min KEY=VALUE ...]
 *
 * prints what score.py prints and exits with its status (1 when a --min is not met).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkMinimums, f1Line, jsonText, scoreRecords, textLines, type GoldFile } from './score.ts';
import { pyFloat, pyStrip, PyValueError } from './pycompat.ts';

export {
  checkMinimums,
  f1Line,
  formatJsonReport,
  formatReport,
  jsonText,
  METRICS,
  scoreRecords,
  textLines,
  type DocumentRow,
  type GoldDocument,
  type GoldFile,
  type Metric,
  type MetricName,
  type ScoreReport,
  type ScoreSummary,
} from './score.ts';

/**
 * The records of a JSONL prediction file as score.py reads them: lines split on \n, \r\n or \r,
 * stripped (Python's white space), and only lines starting with "{" parsed; others are skipped.
 */
export function parsePredictions(text: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = pyStrip(raw);
    if (!line || !line.startsWith('{')) continue;
    out.push(JSON.parse(line) as Record<string, unknown>);
  }
  return out;
}

export interface ScoreArgs {
  gold: string;
  predictions: string;
  json: boolean;
  /** --min KEY=VALUE pairs, in order. */
  mins: Map<string, number>;
}

/** score.py's argument handling: positional GOLD PRED, `--json`, and `--min KEY=VALUE …` up to the next `--` option. */
export function parseScoreArgs(args: string[]): ScoreArgs {
  const mins = new Map<string, number>();
  const i = args.indexOf('--min');
  if (i >= 0) {
    for (const kv of args.slice(i + 1)) {
      if (kv.startsWith('--')) break;
      const parts = kv.split('=');
      if (parts.length !== 2) throw new PyValueError(`--min expects KEY=VALUE, got ${JSON.stringify(kv)}`);
      mins.set(parts[0], pyFloat(parts[1]));
    }
  }
  const pos = args.filter((a) => !a.startsWith('--') && !a.includes('='));
  if (pos.length < 2) throw new Error('usage: score GOLD.json PRED.jsonl [--json] [--min KEY=VALUE ...]');
  return { gold: pos[0], predictions: pos[1], json: args.includes('--json'), mins };
}

/**
 * Run the scorer like the command line: the text score.py prints, what it would report on
 * standard error, and its exit status. Output is produced in score.py's order (report, then the
 * --min check, then the F1 line), so that a failure midway leaves the same partial output.
 */
export function runScore(
  args: string[],
  readText: (path: string) => string = (p) => readFileSync(p, 'utf8'),
): { stdout: string; stderr: string; code: number } {
  let stdout = '';
  try {
    const a = parseScoreArgs(args);
    const gold = JSON.parse(readText(a.gold)) as GoldFile;
    const report = scoreRecords(gold, parsePredictions(readText(a.predictions)));
    if (a.json) stdout += jsonText(report) + '\n';
    else for (const line of textLines(report)) stdout += line + '\n';
    const ok = checkMinimums(report, a.mins);
    stdout += f1Line(report) + '\n';
    return { stdout, stderr: '', code: ok ? 0 : 1 };
  } catch (e) {
    return { stdout, stderr: `${(e as Error).message}\n`, code: 1 };
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { stdout, stderr, code } = runScore(process.argv.slice(2));
  process.stdout.write(stdout);
  process.stderr.write(stderr);
  process.exitCode = code;
}
