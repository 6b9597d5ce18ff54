#!/usr/bin/env node
// Entry point for `npx coopwatch`. Runs the compiled bundle (dist/coopwatch.mjs, `npm run build`)
// when it is up to date with src/, otherwise the TypeScript sources through tsx.
import { existsSync, readdirSync, statSync } from 'node:fs';
import v8 from 'node:v8';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Batch commands keep V8's optimising compiler at full strength but collect the old space sooner:
// by default V8 grows the heap with the allocation rate of a long ingest (≈ 430 MB resident on
// 5,000 articles), and `--optimize-for-size` (used before) kept memory down but made ingest 1.6–1.8×
// slower (less inlining, smaller new space; docs/benchmarks.md §2). A full collection once the
// heap is 30 % above the live set holds the same run at ≈ 290 MB at full speed. No hard cap, so a
// single very large document still gets the memory it needs. The server keeps V8's defaults.
if (process.argv[2] !== 'serve') v8.setFlagsFromString('--heap-growing-percent=30');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'dist', 'coopwatch.mjs');

function newestSource(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return newest;
}

if (existsSync(bundle) && statSync(bundle).mtimeMs >= newestSource(path.join(root, 'src'))) {
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/bin.ts');
}
