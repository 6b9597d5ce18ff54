/**
 * `coopwatch serve --workers N`: N server processes on one port (node:cluster).
 *
 * Why processes: every API answer is a synchronous SQLite query (better-sqlite3), so one process
 * answers one request at a time and 16 dashboard users queue behind each other. Each worker is a
 * whole `serve` (its own read connection, response cache and dashboard files); the primary only
 * accepts connections and hands them out round-robin, restarts a worker that dies, and stops them
 * all on SIGINT / SIGTERM. ETags are computed from the database itself (etag.ts), so a client sent
 * to another worker still gets its 304.
 *
 * The primary opens the store once before forking, so a pending migration runs exactly once and a
 * bad path fails before any worker starts.
 */
import cluster, { type Worker } from 'node:cluster';
import type { AddressInfo } from 'node:net';

/** Environment flag set on the workers, so that `serve` knows it is one. */
const WORKER_ENV = 'COOPWATCH_SERVE_WORKER';
/**
 * The port the first worker got, passed to the workers forked after it. With `--port 0` every
 * worker asks for "any port"; the primary shares one socket among them only while one of them
 * listens, so if every listening worker died (a crash while the others were still starting) a
 * replacement asking for port 0 would open a new socket on another port, and clients of the
 * printed URL would be refused.
 */
const PORT_ENV = 'COOPWATCH_SERVE_PORT';

/** A worker that dies this soon after starting, this many times in a row, stops the server. */
const CRASH_WINDOW_MS = 10_000;
const MAX_QUICK_CRASHES = 3;

export function isServeWorker(): boolean {
  return cluster.isWorker && process.env[WORKER_ENV] === '1';
}

/** In a worker: the port to listen on — the one the server already has, else the command's. */
export function workerPort(requested: number): number {
  const bound = Number(process.env[PORT_ENV]);
  return Number.isInteger(bound) && bound > 0 ? bound : requested;
}

export interface ClusterOptions {
  workers: number;
  /** Called once with the URL the first worker listens on (e.g. to print the banner). */
  onListening(url: string): void;
  log?: (message: string) => void;
}

export interface RunningCluster {
  url: string;
  /** The workers' process ids (for memory accounting). */
  pids(): number[];
  close(): Promise<void>;
}

function urlOf(address: Pick<AddressInfo, 'address' | 'port'>): string {
  const host = address.address.includes(':') ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}/`;
}

/**
 * Fork `workers` copies of the current command (the same argv, with the worker flag) and resolve
 * once the first one listens. The caller's process is the primary from then on.
 */
export function startCluster(opts: ClusterOptions): Promise<RunningCluster> {
  const log = opts.log ?? ((m: string) => process.stderr.write(m + '\n'));
  let closing = false;
  let quickCrashes = 0;
  const startedAt = new Map<Worker, number>();

  let boundPort: number | null = null;
  const fork = () => {
    const w = cluster.fork({ [WORKER_ENV]: '1', ...(boundPort ? { [PORT_ENV]: String(boundPort) } : {}) });
    startedAt.set(w, Date.now());
    return w;
  };

  return new Promise((resolve, reject) => {
    let url: string | null = null;
    cluster.on('listening', (_w, address) => {
      if (url) return;
      boundPort = address.port;
      url = urlOf(address);
      opts.onListening(url);
      resolve({
        url,
        pids: () => Object.values(cluster.workers ?? {}).flatMap((w) => (w?.process.pid ? [w.process.pid] : [])),
        close: () => stopAll(),
      });
    });
    cluster.on('exit', (w, code, signal) => {
      const born = startedAt.get(w) ?? 0;
      startedAt.delete(w);
      if (closing) return;
      quickCrashes = Date.now() - born < CRASH_WINDOW_MS ? quickCrashes + 1 : 0;
      if (quickCrashes >= MAX_QUICK_CRASHES) {
        log(`coopwatch serve: a worker exited ${MAX_QUICK_CRASHES} times right after starting (last: ${signal ?? `code ${code}`}); stopping`);
        closing = true;
        void stopAll().then(() => {
          if (!url) reject(new Error('the server workers could not start (see the messages above)'));
          else process.exit(1);
        });
        return;
      }
      log(`coopwatch serve: worker ${w.process.pid} exited (${signal ?? `code ${code}`}); starting another`);
      fork();
    });
    for (let i = 0; i < opts.workers; i++) fork();
  });

  function stopAll(): Promise<void> {
    closing = true;
    const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
    return Promise.all(
      alive.map(
        (w) =>
          new Promise<void>((res) => {
            w.once('exit', () => res());
            w.process.kill('SIGTERM');
            setTimeout(() => !w.isDead() && w.process.kill('SIGKILL'), 5000).unref();
          }),
      ),
    ).then(() => undefined);
  }
}

/**
 * In a worker: the primary going away (killed, crashed) closes the IPC channel; take that as the
 * signal to stop, so that no orphan keeps the port. Ctrl-C reaches the whole process group: the
 * workers leave shutting down to the primary, which then stops them in order.
 */
export function workerLifecycle(stop: () => Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      void stop().then(resolve);
    };
    process.on('SIGINT', () => {});
    process.once('SIGTERM', finish);
    process.once('disconnect', finish);
  });
}
