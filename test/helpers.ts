/** Shared test helpers: repo paths, temp dirs, running the CLI as a user would. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync, spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED = path.resolve(REPO, '../shared');
export const SEEDS = path.join(SHARED, 'corpus/seeds');
export const SEEDS_GOLD = path.join(SHARED, 'gold/seeds.gold.json');
export const EXAMPLES = path.join(REPO, 'examples');
export const CLI = path.join(REPO, 'src/cli/main.ts');

export function tempDir(prefix = 'coopwatch-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `coopwatch ARGS` in a child process with CI set (no progress bar). */
export function runCli(args: string[], opts: { input?: string | Buffer; env?: Record<string, string>; cwd?: string } = {}): CliResult {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: opts.cwd ?? REPO,
    input: opts.input,
    env: { ...process.env, CI: 'true', COOPWATCH_DB: '', ...opts.env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function spawnCli(args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: REPO, env: { ...process.env, CI: 'true', ...env }, stdio: 'pipe' });
}
