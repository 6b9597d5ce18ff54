/**
 * Summarise a V8 CPU profile (.cpuprofile from `node --cpu-prof`, or `npm run bench -- --profile`):
 * the functions with the most self time and the most inclusive time, with their source location,
 * and self time grouped by source file. Used to find and document hot spots in docs/benchmarks.md.
 *
 *   node --import tsx bench/profile.ts .tmp/bench-prof/e2e-10000.cpuprofile [--top 25] [--json]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface ProfileRow {
  name: string;
  where: string;
  self_ms: number;
  self_pct: number;
  total_ms: number;
  total_pct: number;
}

export interface ProfileSummary {
  duration_ms: number;
  top_self: ProfileRow[];
  top_total: ProfileRow[];
  by_file: { file: string; self_ms: number; self_pct: number }[];
}

function shortUrl(url: string): string {
  if (!url) return '(native)';
  const p = url.replace(/^file:\/\//, '');
  const nm = p.lastIndexOf('node_modules/');
  if (nm >= 0) return p.slice(nm + 'node_modules/'.length);
  const rel = path.relative(process.cwd(), p);
  return rel.startsWith('..') ? p : rel;
}

export function summariseProfile(profile: CpuProfile, top = 25): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  // Self time per node from the samples and their time deltas (more exact than hitCount × interval).
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) selfUs.set(samples[i], (selfUs.get(samples[i]) ?? 0) + (deltas[i + 1] ?? deltas[i] ?? 0));
  const duration = profile.endTime - profile.startTime;

  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const key = (f: CallFrame) => `${f.functionName || '(anonymous)'}\u0000${f.url}:${f.lineNumber + 1}`;
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const frames = new Map<string, CallFrame>();
  const fileSelf = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const n = byId.get(id)!;
    const k = key(n.callFrame);
    frames.set(k, n.callFrame);
    self.set(k, (self.get(k) ?? 0) + us);
    const file = shortUrl(n.callFrame.url) || n.callFrame.functionName;
    fileSelf.set(file, (fileSelf.get(file) ?? 0) + us);
    // Inclusive: credit each distinct function on the stack once (recursion counted once).
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const f = byId.get(cur)!.callFrame;
      const kk = key(f);
      if (seen.has(kk)) continue;
      seen.add(kk);
      frames.set(kk, f);
      total.set(kk, (total.get(kk) ?? 0) + us);
    }
  }
  const row = (k: string): ProfileRow => {
    const f = frames.get(k)!;
    const s = self.get(k) ?? 0;
    const t = total.get(k) ?? 0;
    return {
      name: f.functionName || '(anonymous)',
      where: f.url ? `${shortUrl(f.url)}:${f.lineNumber + 1}` : '(native)',
      self_ms: Math.round(s / 100) / 10,
      self_pct: Math.round((s / duration) * 1000) / 10,
      total_ms: Math.round(t / 100) / 10,
      total_pct: Math.round((t / duration) * 1000) / 10,
    };
  };
  const skipTotal = /^\((root|program|idle)\)$/;
  return {
    duration_ms: Math.round(duration / 1000),
    top_self: [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k]) => row(k)),
    top_total: [...total.entries()]
      .filter(([k]) => !skipTotal.test(frames.get(k)!.functionName))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k]) => row(k)),
    by_file: [...fileSelf.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([file, us]) => ({ file, self_ms: Math.round(us / 1000), self_pct: Math.round((us / duration) * 1000) / 10 })),
  };
}

function printRows(title: string, rows: ProfileRow[], by: 'self' | 'total'): void {
  console.log(`\n${title}`);
  for (const r of rows) {
    const v = by === 'self' ? `${r.self_pct.toFixed(1).padStart(5)}% ${String(r.self_ms).padStart(9)} ms` : `${r.total_pct.toFixed(1).padStart(5)}% ${String(r.total_ms).padStart(9)} ms`;
    console.log(`  ${v}  ${r.name.slice(0, 40).padEnd(40)} ${r.where}`);
  }
}

const invokedDirectly = Boolean(process.argv[1] && /bench[\\/]profile\.ts$/.test(process.argv[1]));
if (invokedDirectly) {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0); // piped into head
  });
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) {
    console.error('usage: node --import tsx bench/profile.ts FILE.cpuprofile [--top N] [--json]');
    process.exit(2);
  }
  const ti = args.indexOf('--top');
  const top = ti >= 0 ? Number(args[ti + 1]) : 25;
  const s = summariseProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, top);
  if (args.includes('--json')) console.log(JSON.stringify(s, null, 2));
  else {
    console.log(`${file}: ${(s.duration_ms / 1000).toFixed(1)} s profiled`);
    printRows('Self time', s.top_self, 'self');
    printRows('Inclusive time', s.top_total, 'total');
    console.log('\nSelf time by file');
    for (const f of s.by_file) console.log(`  ${f.self_pct.toFixed(1).padStart(5)}% ${String(f.self_ms).padStart(9)} ms  ${f.file}`);
  }
}
