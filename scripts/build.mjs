#!/usr/bin/env node
// Compiles the CLI into one ES module, dist/coopwatch.mjs (dependencies stay external), so that
// running Coopwatch does not pay for a TypeScript loader: ~40 MB less resident memory and a faster
// start. bin/coopwatch.js uses it when it is newer than the sources, and falls back to tsx otherwise.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Code splitting: each command's modules (and the packages they import) are chunks loaded when
// the command runs, so `serve` does not load the ingest stages (eld's n-gram tables, chrono,
// linkedom, the normalise dictionaries) it never uses. Old chunks are removed first.
rmSync(path.join(root, 'dist/chunks'), { recursive: true, force: true });
await build({
  // The ingest worker thread (src/pipeline-pool.ts starts dist/pipeline-worker.mjs when bundled).
  entryPoints: { coopwatch: path.join(root, 'src/cli/bin.ts'), 'pipeline-worker': path.join(root, 'src/pipeline-worker.ts') },
  outdir: path.join(root, 'dist'),
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
