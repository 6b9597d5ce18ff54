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

export { createApp, type AppOptions } from './app.ts';

export interface ServeOptions {
  dbPath: string;
  host?: string;
  port?: number;
  cors?: boolean;
  /** Built dashboard folder (default web/dist). */
  webDist?: string;
}

export interface RunningServer {
  /** Base URL, with a trailing slash (e.g. http://127.0.0.1:8787/). */
  url: string;
  close(): Promise<void>;
}

/** Is `host` a loopback address (or a name that only resolves to one)? */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h) || h === '::ffff:127.0.0.1';
}

/** Open the store at `dbPath` and serve it. The store is closed with the server. */
export async function serve(opts: ServeOptions): Promise<RunningServer> {
  const store = openStore(opts.dbPath);
  try {
    const running = await listen({ store, db: store.db, host: opts.host, port: opts.port, cors: opts.cors, webDist: opts.webDist });
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
}

/** Serve an already open store (tests, demo). Port 0 picks a free port. */
export function listen(opts: ListenOptions): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  const port = opts.port ?? 8787;
  if (!isLoopback(host)) {
    process.stderr.write(
      `coopwatch serve: WARNING: listening on ${host}, which is not a loopback address. ` +
        'There is no authentication yet: anyone who can reach this port can read the whole store.\n',
    );
  }
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
