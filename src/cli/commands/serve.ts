import { DB_OPTION, parse, intOption, UsageError } from '../args.ts';
import { resolveDbPath } from '../../store/index.ts';
import { existsSync } from 'node:fs';
import { CliError } from '../args.ts';

export const help = `Usage: coopwatch serve [--host 127.0.0.1] [--port 8787] [--db PATH] [--cors]

Serves the HTTP API (/api, OpenAPI document at /api/openapi.json) and the analyst dashboard.
Binds to loopback by default; there is no authentication yet, so a non-loopback --host warns.`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parse('serve', argv, { ...DB_OPTION, host: { type: 'string' }, port: { type: 'string' }, cors: { type: 'boolean', default: false } }, false);
  if (values.help) return console.log(help), 0;
  const port = intOption('serve', 'port', values.port as string | undefined, 0, 65535) ?? 8787;
  const host = (values.host as string | undefined) ?? '127.0.0.1';
  if (!host) throw new UsageError('--host must not be empty', 'serve');
  const dbPath = resolveDbPath(values.db as string | undefined);
  if (!existsSync(dbPath)) throw new CliError(`no database at ${dbPath} — run "coopwatch ingest <files>" first`);
  const { serve } = await import('../../serve/index.ts');
  const server = await serve({ dbPath, host, port, cors: values.cors as boolean });
  console.log(`Coopwatch is serving ${dbPath} at ${server.url}  (API: ${server.url}api/openapi.json) — Ctrl-C to stop`);
  await waitForSignal();
  await server.close();
  return 0;
}

export function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
