import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { DB_OPTION, parse, intOption, UsageError, CliError } from '../args.ts';
import { openStore, resolveDbPath } from '../../store/index.ts';

/** At most this many server processes by default: beyond it, SQLite's page cache per process costs more than it gains. */
const MAX_DEFAULT_WORKERS = 4;

export function defaultServeWorkers(): number {
  return Math.max(1, Math.min(availableParallelism(), MAX_DEFAULT_WORKERS));
}

export const help = `Usage: coopwatch serve [--host 127.0.0.1] [--port 8787] [--db PATH] [--workers N] [--cors]

Serves the HTTP API (/api, OpenAPI document at /api/openapi.json) and the analyst dashboard.
Binds to loopback by default; there is no authentication yet, so a non-loopback --host warns.

Options:
  --workers N   server processes sharing the port (default: one per core, at most ${MAX_DEFAULT_WORKERS}; here ${defaultServeWorkers()}).
                Each answers requests on its own read connection, so concurrent users do not
                queue behind one another. --workers 1 serves from this process alone.`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parse(
    'serve',
    argv,
    { ...DB_OPTION, host: { type: 'string' }, port: { type: 'string' }, workers: { type: 'string' }, cors: { type: 'boolean', default: false } },
    false,
  );
  if (values.help) return console.log(help), 0;
  const port = intOption('serve', 'port', values.port as string | undefined, 0, 65535) ?? 8787;
  const workers = intOption('serve', 'workers', values.workers as string | undefined, 1, 64) ?? defaultServeWorkers();
  const host = (values.host as string | undefined) ?? '127.0.0.1';
  if (!host) throw new UsageError('--host must not be empty', 'serve');
  const dbPath = resolveDbPath(values.db as string | undefined);
  if (!existsSync(dbPath)) throw new CliError(`no database at ${dbPath} — run "coopwatch ingest <files>" first`);
  const cluster = await import('../../serve/cluster.ts');
  const banner = (url: string) =>
    console.log(`Coopwatch is serving ${dbPath} at ${url}  (API: ${url}api/openapi.json) — Ctrl-C to stop`);

  if (cluster.isServeWorker()) {
    // One of the primary's workers: serve quietly until the primary stops us.
    const { serve } = await import('../../serve/index.ts');
    const server = await serve({ dbPath, host, port: cluster.workerPort(port), cors: values.cors as boolean, quiet: true });
    await cluster.workerLifecycle(() => server.close());
    return 0;
  }
  if (workers === 1) {
    const { serve } = await import('../../serve/index.ts');
    const server = await serve({ dbPath, host, port, cors: values.cors as boolean });
    banner(server.url);
    await waitForSignal();
    await server.close();
    return 0;
  }
  // Primary: bring the schema up to date once (workers then only read), then fork.
  const { warnIfNotLoopback } = await import('../../serve/host.ts');
  openStore(dbPath).close();
  warnIfNotLoopback(host);
  const running = await cluster.startCluster({ workers, onListening: banner });
  await waitForSignal();
  await running.close();
  return 0;
}

export function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
