#!/usr/bin/env node
// Entry point for `npx coopwatch`. Runs the compiled bundle (dist/coopwatch.mjs, `npm run build`)
// when it is up to date with src/, otherwise the TypeScript sources through tsx.
import { existsSync, readdirSync, statSync } from 'node:fs';
import v8 from 'node:v8';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Batch commands favour a small heap over peak speed: V8 otherwise grows the heap with the
// allocation rate of a long ingest (≈ 450 MB resident for a 1 GB JSONL instead of ≈ 200 MB).
// No hard cap, so a single very large document still gets the memory it needs. The server keeps
// V8's default tuning for latency.
if (process.argv[2] !== 'serve') v8.setFlagsFromString('--optimize-for-size');

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
