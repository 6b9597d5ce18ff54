/** Machine and repository facts recorded with every result. */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { REPO_ROOT } from './child.ts';

export interface MachineInfo {
  cpu_model: string;
  cores: number;
  total_mem_gb: number;
  load_avg_at_start: number[];
  node: string;
  platform: string;
  arch: string;
  sqlite: string | null;
}

export async function machineInfo(): Promise<MachineInfo> {
  const cpus = os.cpus();
  let sqlite: string | null = null;
  try {
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(':memory:');
    sqlite = (db.prepare('select sqlite_version() as v').get() as { v: string }).v;
    db.close();
  } catch {
    sqlite = null;
  }
  return {
    cpu_model: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    total_mem_gb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    load_avg_at_start: os.loadavg().map((x) => Math.round(x * 100) / 100),
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    sqlite,
  };
}

export interface GitInfo {
  commit: string;
  short: string;
  /** Uncommitted changes in the working tree when the run started. */
  dirty: boolean;
}

export function gitInfo(): GitInfo {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    const commit = git('rev-parse', 'HEAD');
    let dirty = false;
    try {
      dirty = git('status', '--porcelain', '--untracked-files=no').length > 0;
    } catch {
      dirty = false;
    }
    return { commit, short: commit.slice(0, 7), dirty };
  } catch {
    return { commit: 'unknown', short: 'nogit', dirty: false };
  }
}
