/**
 * `coopwatch bench`: the benchmark harness (bench/). Subcommands:
 *   gen      write a deterministic synthetic corpus (JSONL shards + HTML pages)
 *   run      the full benchmark, as `npm run bench`
 *   compare  compare two result files (figures more than 20% worse are flagged)
 */
import path from 'node:path';
import { parse, intOption, UsageError } from '../args.ts';

export const help = `Usage: coopwatch bench <gen|run|compare> [options]

  coopwatch bench gen --n 100000 --out DIR [--seed 42] [--html-share 0.05] [--shard-size 10000]
      Deterministic synthetic corpus from bench/templates/{fr,en,vi}.yaml and dict/: French, English
      and Vietnamese articles of 3-10 KB, ~40% with cooperation content, 5% near-duplicates,
      boilerplate blocks, plus n × html-share web pages of ~50 KB. Writes DIR/corpus-NNN.jsonl,
      DIR/html/*.html and DIR/manifest.json, streaming (memory stays flat).

  coopwatch bench run [options]
      The benchmark harness, same as "npm run bench -- [options]" (see "coopwatch bench run --help").

  coopwatch bench compare OLD.json NEW.json [--strict]
      Compare two results of bench/results/; flags figures more than 20% worse
      (--strict: exit 1 when any is).`;

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (!sub || sub === '--help' || sub === '-h') {
    console.log(help);
    return sub ? 0 : 2;
  }
  if (sub === 'run') {
    const { main } = await import('../../../bench/run.ts');
    return main(rest);
  }
  if (sub === 'compare') {
    const { values, positionals } = parse('bench compare', rest, { strict: { type: 'boolean', default: false } });
    if (values.help) return console.log(help), 0;
    if (positionals.length !== 2) throw new UsageError('give two result files: OLD.json NEW.json', 'bench');
    const { compareFiles } = await import('../../../bench/run.ts');
    const c = compareFiles(positionals[0], positionals[1]);
    return values.strict && c.regressions.length ? 1 : 0;
  }
  if (sub === 'gen') return gen(rest);
  throw new UsageError(`unknown subcommand "${sub}" (gen, run or compare)`, 'bench');
}

async function gen(argv: string[]): Promise<number> {
  const { values } = parse(
    'bench gen',
    argv,
    {
      n: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string' },
      'html-share': { type: 'string' },
      'shard-size': { type: 'string' },
    },
    false,
  );
  if (values.help) return console.log(help), 0;
  const n = intOption('bench', 'n', values.n as string | undefined, 1, 100_000_000);
  if (n === undefined) throw new UsageError('--n is required (number of articles)', 'bench');
  if (!values.out) throw new UsageError('--out DIR is required', 'bench');
  const seed = intOption('bench', 'seed', values.seed as string | undefined, 0, 2 ** 31 - 1) ?? 42;
  const shardSize = intOption('bench', 'shard-size', values['shard-size'] as string | undefined, 1, 10_000_000) ?? 10_000;
  const shareRaw = values['html-share'] as string | undefined;
  const htmlShare = shareRaw === undefined ? 0.05 : Number(shareRaw);
  if (!Number.isFinite(htmlShare) || htmlShare < 0 || htmlShare > 1) throw new UsageError(`--html-share must be a number from 0 to 1 (got "${shareRaw}")`, 'bench');
  const out = path.resolve(values.out as string);
  const { generateCorpus } = await import('../../../bench/gen/index.ts');
  const t0 = Date.now();
  let last = 0;
  const m = generateCorpus({
    n,
    out,
    seed,
    htmlShare,
    shardSize,
    onProgress: (done, total) => {
      if (process.stderr.isTTY && Date.now() - last > 500) {
        last = Date.now();
        process.stderr.write(`\r  ${done}/${total}`);
      }
    },
  });
  if (process.stderr.isTTY) process.stderr.write('\r');
  const s = ((Date.now() - t0) / 1000).toFixed(1);
  console.log(
    `Wrote ${m.n} articles in ${m.shards.length} JSONL shard(s) (${(m.jsonl_bytes / 1e6).toFixed(1)} MB) and ${m.html_pages} HTML page(s) ` +
      `(${(m.html_total_bytes / 1e6).toFixed(1)} MB) to ${out} in ${s} s\n` +
      `  languages en ${m.langs.en}, fr ${m.langs.fr}, vi ${m.langs.vi}; cooperation ${m.cooperation}; near-duplicates ${m.near_duplicates}; seed ${m.seed}`,
  );
  return 0;
}
