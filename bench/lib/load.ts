/**
 * A closed-loop HTTP load generator: `connections` workers on keep-alive sockets, each sending
 * its next request as soon as the previous answer is fully read, for a fixed time. Latency is
 * measured per request from send to last byte. Loopback only, bounded in time and connections.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { percentile, round } from './stats.ts';

export interface LoadOptions {
  connections?: number;
  seconds?: number;
  /** Untimed warm-up before the measured window (fills caches, JIT). */
  warmupSeconds?: number;
  /** Per-request timeout. */
  timeoutMs?: number;
}

export interface LoadResult {
  requests: number;
  errors: number;
  statuses: Record<string, number>;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  max_ms: number;
  mean_ms: number;
  rps: number;
  seconds: number;
  mean_bytes: number;
}

function assertLoopback(url: URL): void {
  const h = url.hostname.replace(/^\[|\]$/g, '');
  if (!(h === 'localhost' || h === '::1' || /^127\./.test(h))) throw new Error(`load generator refuses non-loopback host ${h}`);
}

function get(agent: http.Agent, url: URL, timeoutMs: number): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers: { accept: 'application/json' } }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
      res.on('error', reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

/** Run `paths` round-robin against `base` and return latency percentiles and throughput. */
export async function closedLoop(base: string, paths: readonly string[], opts: LoadOptions = {}): Promise<LoadResult> {
  const connections = opts.connections ?? 16;
  const seconds = opts.seconds ?? 20;
  const warmup = opts.warmupSeconds ?? 1;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const urls = paths.map((p) => new URL(p, base));
  urls.forEach(assertLoopback);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });

  let next = 0;
  const worker = async (until: number, record: boolean, acc: Acc) => {
    while (performance.now() < until) {
      const url = urls[next++ % urls.length];
      const t = performance.now();
      try {
        const r = await get(agent, url, timeoutMs);
        const ms = performance.now() - t;
        if (record) {
          acc.lat.push(ms);
          acc.bytes += r.bytes;
          acc.statuses[r.status] = (acc.statuses[r.status] ?? 0) + 1;
          if (r.status >= 400) acc.errors++;
        }
      } catch (e) {
        if (record) {
          acc.errors++;
          const k = (e as Error).message === 'timeout' ? 'timeout' : 'error';
          acc.statuses[k] = (acc.statuses[k] ?? 0) + 1;
        }
      }
    }
  };
  interface Acc {
    lat: number[];
    bytes: number;
    errors: number;
    statuses: Record<string, number>;
  }
  const acc: Acc = { lat: [], bytes: 0, errors: 0, statuses: {} };
  try {
    if (warmup > 0) {
      const w = performance.now() + warmup * 1000;
      await Promise.all(Array.from({ length: connections }, () => worker(w, false, acc)));
    }
    const t0 = performance.now();
    const until = t0 + seconds * 1000;
    await Promise.all(Array.from({ length: connections }, () => worker(until, true, acc)));
    const elapsed = (performance.now() - t0) / 1000;
    const sorted = Float64Array.from(acc.lat).sort();
    const n = sorted.length;
    const mean = n ? acc.lat.reduce((a, b) => a + b, 0) / n : NaN;
    return {
      requests: n,
      errors: acc.errors,
      statuses: acc.statuses,
      p50_ms: round(percentile(sorted, 50)),
      p95_ms: round(percentile(sorted, 95)),
      p99_ms: round(percentile(sorted, 99)),
      max_ms: round(n ? sorted[n - 1] : NaN),
      mean_ms: round(mean),
      rps: round(n / elapsed, 1),
      seconds: round(elapsed, 2),
      mean_bytes: Math.round(n ? acc.bytes / n : 0),
    };
  } finally {
    agent.destroy();
  }
}

/**
 * Service time without queueing: one connection, one request at a time, at most `maxRequests`
 * requests or `seconds`, whichever ends first.
 */
export async function serialRun(base: string, paths: readonly string[], opts: { maxRequests?: number; seconds?: number; timeoutMs?: number } = {}): Promise<LoadResult> {
  return closedLoopBounded(base, paths, opts.maxRequests ?? 20, opts.seconds ?? 20, opts.timeoutMs ?? 60_000);
}

async function closedLoopBounded(base: string, paths: readonly string[], maxRequests: number, seconds: number, timeoutMs: number): Promise<LoadResult> {
  const urls = paths.map((p) => new URL(p, base));
  urls.forEach(assertLoopback);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const lat: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let bytes = 0;
  const t0 = performance.now();
  try {
    for (let i = 0; i < maxRequests && performance.now() - t0 < seconds * 1000; i++) {
      const t = performance.now();
      try {
        const r = await get(agent, urls[i % urls.length], timeoutMs);
        lat.push(performance.now() - t);
        bytes += r.bytes;
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
        if (r.status >= 400) errors++;
      } catch (e) {
        errors++;
        const k = (e as Error).message === 'timeout' ? 'timeout' : 'error';
        statuses[k] = (statuses[k] ?? 0) + 1;
      }
    }
  } finally {
    agent.destroy();
  }
  const elapsed = (performance.now() - t0) / 1000;
  const sorted = Float64Array.from(lat).sort();
  const n = sorted.length;
  return {
    requests: n,
    errors,
    statuses,
    p50_ms: round(percentile(sorted, 50)),
    p95_ms: round(percentile(sorted, 95)),
    p99_ms: round(percentile(sorted, 99)),
    max_ms: round(n ? sorted[n - 1] : NaN),
    mean_ms: round(n ? lat.reduce((a, b) => a + b, 0) / n : NaN),
    rps: round(n / elapsed, 2),
    seconds: round(elapsed, 2),
    mean_bytes: Math.round(n ? bytes / n : 0),
  };
}

/**
 * Wait until the server answers `probePath` within `fastMs` again: requests a client gave up on
 * are still being computed by the (single-threaded) server, and must not spill into the next
 * measurement. Returns the ms waited.
 */
export async function drain(base: string, probePath: string, opts: { fastMs?: number; maxSeconds?: number } = {}): Promise<number> {
  const fast = opts.fastMs ?? 250;
  const agent = new http.Agent({ keepAlive: false });
  const t0 = performance.now();
  try {
    while (performance.now() - t0 < (opts.maxSeconds ?? 300) * 1000) {
      const t = performance.now();
      try {
        await get(agent, new URL(probePath, base), 120_000);
        if (performance.now() - t < fast) break;
      } catch {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  } finally {
    agent.destroy();
  }
  return Math.round(performance.now() - t0);
}
