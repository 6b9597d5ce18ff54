/**
 * Run one benchmark phase in a child Node process and collect its result line (protocol.ts).
 * The child's stderr is passed through with a prefix so long runs show progress.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { RESULT_MARK } from './protocol.ts';
import { rootPath } from '../../src/util/paths.ts';

export const BENCH_DIR = rootPath('bench');
export const REPO_ROOT = path.resolve(BENCH_DIR, '..');

export interface PhaseOptions {
  /** Extra Node flags, e.g. ['--cpu-prof', '--cpu-prof-dir=…']. */
  nodeFlags?: string[];
  /** Kill the phase after this long (default 3 h). */
  timeoutMs?: number;
  label?: string;
  quiet?: boolean;
}

export function runPhase<T>(script: string, args: string[], opts: PhaseOptions = {}): Promise<T> {
  const file = path.join(BENCH_DIR, 'phases', script);
  const label = opts.label ?? path.basename(script, '.ts');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(opts.nodeFlags ?? []), '--import', 'tsx', file, ...args], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_ENV: 'production' },
    });
    let result: T | undefined;
    let out = '';
    let errTail = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      out += d;
      let nl: number;
      while ((nl = out.indexOf('\n')) >= 0) {
        const line = out.slice(0, nl);
        out = out.slice(nl + 1);
        if (line.startsWith(RESULT_MARK)) result = JSON.parse(line.slice(RESULT_MARK.length)) as T;
        else if (!opts.quiet && line.trim()) process.stderr.write(`  [${label}] ${line}\n`);
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => {
      errTail = (errTail + d).slice(-4000);
      if (!opts.quiet) for (const line of d.split('\n')) if (line.trim()) process.stderr.write(`  [${label}] ${line}\n`);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 3 * 3600_000);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (result !== undefined && code === 0) resolve(result);
      else reject(new Error(`phase ${label} failed (${signal ?? `exit ${code}`})${errTail ? `:\n${errTail}` : ''}`));
    });
  });
}
