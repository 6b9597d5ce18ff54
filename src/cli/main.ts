/**
 * coopwatch — command-line entry point. Exit codes: 0 ok, 1 failure, 2 usage error.
 */
import { UsageError, CliError } from './args.ts';

interface Command {
  help: string;
  run(argv: string[]): Promise<number>;
}

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  ingest: { summary: 'read articles (files, folders, URLs, stdin) into the database', load: () => import('./commands/ingest.ts') },
  search: { summary: 'full-text search, diacritics-insensitive, with filters and snippets', load: () => import('./commands/search.ts') },
  extract: { summary: 'extract facts from files (JSONL, no database) or re-run over the store', load: () => import('./commands/extract.ts') },
  facts: { summary: 'list extracted events, commitments, policies, entities with filters', load: () => import('./commands/facts.ts') },
  export: { summary: 'stream documents and facts out as JSONL or CSV', load: () => import('./commands/export.ts') },
  stats: { summary: 'counts by language, month, source; duplicates; boilerplate share', load: () => import('./commands/stats.ts') },
  eval: { summary: 'score extraction against a gold file (same metrics as score.py)', load: () => import('./commands/eval.ts') },
  serve: { summary: 'HTTP API and analyst dashboard', load: () => import('./commands/serve.ts') },
  demo: { summary: 'ingest examples/, show a summary and a search, serve the dashboard', load: () => import('./commands/demo.ts') },
  bench: { summary: 'benchmarks: synthetic corpus generator (gen), harness (run), result comparison', load: () => import('./commands/bench.ts') },
};

export const USAGE = `Usage: coopwatch <command> [options]

Coopwatch turns news about international science and technology cooperation (French, English,
Vietnamese) into a structured, searchable, auditable record.

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(9)} ${c.summary}`)
  .join('\n')}

Run "coopwatch <command> --help" for a command's options.
The database is --db PATH, else $COOPWATCH_DB, else ./coopwatch.db.`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    if (name === 'help' && rest[0] && COMMANDS[rest[0]]) {
      console.log((await COMMANDS[rest[0]].load()).help);
      return 0;
    }
    console.log(USAGE);
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    const { EXTRACTOR_VERSION } = await import('../extract/index.ts');
    console.log(`coopwatch 0.1.0 (extractor ${EXTRACTOR_VERSION})`);
    return 0;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    console.error(`coopwatch: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  try {
    const cmd = await entry.load();
    return await cmd.run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`coopwatch ${name}: ${e.message}\nRun "coopwatch ${name} --help" for usage.`);
      return 2;
    }
    if (e instanceof CliError) {
      console.error(`coopwatch ${name}: ${e.message}`);
      return 1;
    }
    const err = e as NodeJS.ErrnoException;
    if (err?.code === 'EPIPE') return 0; // output piped into `head` and closed: not an error
    console.error(`coopwatch ${name}: ${err?.message ?? String(e)}`);
    if (process.env.COOPWATCH_DEBUG) console.error(err?.stack);
    return 1;
  }
}

// Run when executed directly (node --import tsx src/cli/main.ts …, or bin/coopwatch.js).
const invokedDirectly = Boolean(process.argv[1] && /src[\\/]cli[\\/]main\.ts$/.test(process.argv[1]));
if (invokedDirectly) {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
  });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
