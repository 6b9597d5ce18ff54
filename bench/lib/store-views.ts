/**
 * Shared by the single-request SQL benches (bench/views.ts, bench/factlists.ts): the command line
 * (DB [--runs N] [--json] [--only REGEX] plus the script's own switches), the database opened
 * read-only, and the timing loop — each view once to warm the page cache, then `runs` times,
 * the median kept.
 */
import { parseArgs } from 'node:util';
import type { Database } from 'better-sqlite3';
import { openStore, type SqliteStore } from '../../src/store/index.ts';

export interface StoreViewsRun {
  store: SqliteStore;
  db: Database;
  runs: number;
  json: boolean;
  only: RegExp | null;
  /** The script's own boolean switches that were given. */
  switches: Set<string>;
}

/** Parse the command line (exit 2 with `usage` when DB is missing) and open DB read-only. */
export function openStoreViews(usage: string, switches: string[] = []): StoreViewsRun {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      runs: { type: 'string', default: '3' },
      json: { type: 'boolean', default: false },
      only: { type: 'string' },
      ...Object.fromEntries(switches.map((s) => [s, { type: 'boolean' as const, default: false }])),
    },
  });
  const dbPath = positionals[0];
  if (!dbPath) {
    console.error(`usage: ${usage}`);
    process.exit(2);
  }
  const store = openStore(dbPath, { readonly: true });
  return {
    store,
    db: store.db,
    runs: Number(values.runs),
    json: values.json as boolean,
    only: values.only ? new RegExp(values.only as string) : null,
    switches: new Set(switches.filter((s) => (values as Record<string, unknown>)[s] === true)),
  };
}

/** Median milliseconds (one decimal) of each view `--only` selects; `report` is called as each is timed. */
export function timeViews(run: StoreViewsRun, views: [string, () => unknown][], report: (name: string, ms: number) => void): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, fn] of views) {
    if (run.only && !run.only.test(name)) continue;
    fn();
    const times: number[] = [];
    for (let i = 0; i < run.runs; i++) {
      const t0 = performance.now();
      fn();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    out[name] = Math.round(times[Math.floor(times.length / 2)] * 10) / 10;
    report(name, out[name]);
  }
  return out;
}
