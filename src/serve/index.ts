/**
 * `coopwatch serve`: the API and dashboard over a store file, on Node's HTTP server.
 *
 * Binds to loopback by default. There is no authentication yet, so binding anywhere else prints
 * a warning on stderr.
 */
import { serve as nodeServe, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Database } from 'better-sqlite3';
import type { Store } from '../store/store.ts';
import { openStore } from '../store/index.ts';
import { createApp } from './app.ts';
import { warnIfNotLoopback } from './host.ts';

export { isLoopback } from './host.ts';

export { createApp, type AppOptions } from './app.ts';

export interface ServeOptions {
  dbPath: string;
  host?: string;
  port?: number;
  cors?: boolean;
  /** Built dashboard folder (default web/dist). */
  webDist?: string;
  /** No warnings on stderr (a cluster worker: the primary has warned once). */
  quiet?: boolean;
}

export interface RunningServer {
  /** Base URL, with a trailing slash (e.g. http://127.0.0.1:8787/). */
  url: string;
  close(): Promise<void>;
}

/** Open the store at `dbPath` and serve it. The store is closed with the server. */
export async function serve(opts: ServeOptions): Promise<RunningServer> {
  const store = openStore(opts.dbPath);
  try {
    const running = await listen({ store, db: store.db, host: opts.host, port: opts.port, cors: opts.cors, webDist: opts.webDist, quiet: opts.quiet });
    return {
      url: running.url,
      close: async () => {
        await running.close();
        store.close();
      },
    };
  } catch (e) {
    store.close();
    throw e;
  }
}

export interface ListenOptions {
  store: Store;
  db: Database;
  host?: string;
  port?: number;
  cors?: boolean;
  webDist?: string;
  now?: () => Date;
  domainsFile?: string;
  quiet?: boolean;
}

/** Serve an already open store (tests, demo). Port 0 picks a free port. */
export function listen(opts: ListenOptions): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  const port = opts.port ?? 8787;
  if (!opts.quiet) warnIfNotLoopback(host);
  const app = createApp({ store: opts.store, db: opts.db, cors: opts.cors, webDist: opts.webDist, now: opts.now, domainsFile: opts.domainsFile });
  return new Promise((resolve, reject) => {
    let server: ServerType;
    const onError = (e: Error) => reject(e);
    server = nodeServe({ fetch: app.fetch, hostname: host, port }, (info: AddressInfo) => {
      server.off('error', onError);
      const h = info.family === 'IPv6' || info.address.includes(':') ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${h}:${info.port}/`,
        close: () =>
          new Promise<void>((res) => {
            server.close(() => res());
            // Keep-alive sockets would hold close() open.
            (server as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
      });
    });
    server.once('error', onError);
  });
}
