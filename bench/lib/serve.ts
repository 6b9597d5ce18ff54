/**
 * `coopwatch serve` as a child process, started the way a user starts it (bin/coopwatch.js), on
 * an ephemeral loopback port. Used for the cold-start measurement and as the server under load.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { REPO_ROOT } from './child.ts';
import { processPeakRssMb } from './rss.ts';

export interface RunningServe {
  url: string;
  pid: number;
  /** ms from spawn to the "serving at" line. */
  listen_ms: number;
  child: ChildProcess;
  spawnedAt: number;
  /** Peak RSS of the server so far (from /proc), MB: the primary and its workers (`--workers`), summed. */
  peakRssMb(): Promise<number | null>;
  /** Server processes answering requests: the workers, or 1 when serve runs without any. */
  answering(): number;
  stop(): Promise<void>;
}

/**
 * The server processes `serve --workers N` forked under `pid` (their command line says serve), read
 * from /proc; other children (an esbuild service when run from the TypeScript sources) are left
 * out, so the count and the summed memory are the server's own.
 */
export function serverChildPids(pid: number): number[] {
  try {
    const pids = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    return pids.filter((p) => {
      try {
        return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('serve');
      } catch {
        return false;
      }
    });
  } catch {
    return [];
  }
}

/** `workers`: `serve --workers N`; undefined = serve's own default (one per core, at most 4). */
export function startServe(dbPath: string, opts: { timeoutMs?: number; nodeFlags?: string[]; workers?: number } = {}): Promise<RunningServe> {
  const t0 = performance.now();
  const workerArgs = opts.workers ? ['--workers', String(opts.workers)] : [];
  const child = spawn(process.execPath, [...(opts.nodeFlags ?? []), path.join(REPO_ROOT, 'bin/coopwatch.js'), 'serve', '--db', dbPath, '--host', '127.0.0.1', '--port', '0', ...workerArgs], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve did not start within ${opts.timeoutMs ?? 60_000} ms\n${err}`));
    }, opts.timeoutMs ?? 60_000);
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (d: string) => (err = (err + d).slice(-4000)));
    child.stdout!.setEncoding('utf8');
    const onData = (d: string) => {
      out += d;
      const m = /(http:\/\/[^\s]+\/)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.stdout!.resume();
      const listenMs = performance.now() - t0;
      resolve({
        url: m[1],
        pid: child.pid!,
        listen_ms: listenMs,
        child,
        spawnedAt: t0,
        peakRssMb: async () => {
          const all = await Promise.all([child.pid!, ...serverChildPids(child.pid!)].map((p) => processPeakRssMb(p)));
          return all.every((x) => x === null) ? null : Math.round(all.reduce<number>((a, b) => a + (b ?? 0), 0) * 10) / 10;
        },
        answering: () => Math.max(1, serverChildPids(child.pid!).length),
        stop: () =>
          new Promise<void>((res) => {
            if (child.exitCode !== null) return res();
            child.once('exit', () => res());
            child.kill('SIGTERM');
            setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 5000).unref();
          }),
      });
    };
    child.stdout!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code}) before listening\n${err}`));
    });
  });
}

/** GET once; resolves with the status (0 on a connection error). */
export function probe(url: string, timeoutMs = 30_000): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, { headers: { accept: 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.setTimeout(timeoutMs, () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

export interface ColdStart {
  listen_ms: number;
  first_response_ms: number;
  status: number;
}

/** Spawn `serve`, request `probePath` as soon as it listens; time from spawn to that first response. */
export async function coldStart(dbPath: string, probePath: string, workers?: number): Promise<ColdStart> {
  const s = await startServe(dbPath, { workers });
  try {
    let status = await probe(new URL(probePath, s.url).href);
    // A 0 means the socket was not accepting yet: retry briefly (counted in the time).
    for (let i = 0; status === 0 && i < 100; i++) {
      await new Promise((r) => setTimeout(r, 10));
      status = await probe(new URL(probePath, s.url).href);
    }
    return { listen_ms: Math.round(s.listen_ms), first_response_ms: Math.round(performance.now() - s.spawnedAt), status };
  } finally {
    await s.stop();
  }
}
