/**
 * Recursive folder walk: entries in a stable order (code-unit order of names, so the same tree
 * always ingests in the same order on any machine and locale), hidden files and folders skipped,
 * only names `accept` approves, symlinked folders followed once (no loops). Lazy: one directory
 * listing in memory at a time per level, however big the tree.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { describeFailure } from './errors.ts';
import type { InputProblem } from '../types.ts';

const PROJECT_FILES = /^(readme|license|licence|changelog|contributing|notice)(\.[a-z]+)?$/i;

export type WalkEntry = { path: string } | { problem: InputProblem };

export async function* walkFolder(dir: string, accept: (name: string) => boolean, visited = new Set<string>()): AsyncGenerator<WalkEntry> {
  let real: string;
  let entries;
  try {
    real = await realpath(dir);
    if (visited.has(real)) return;
    visited.add(real);
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    const f = describeFailure(e);
    yield { problem: { source_path: dir, item_index: null, code: f.code === 'not_found' ? 'not_found' : 'unreadable', reason: f.reason } };
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    // A folder's own documentation is not an article (examples/README.md, LICENSE, CHANGELOG…).
    // Named explicitly on the command line, such a file is still read.
    if (PROJECT_FILES.test(entry.name)) continue;
    const full = path.join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const st = await stat(full);
        isDir = st.isDirectory();
        isFile = st.isFile();
      } catch {
        continue; // dangling link: nothing to read
      }
    }
    if (isDir) yield* walkFolder(full, accept, visited);
    else if (isFile && accept(entry.name)) yield { path: full };
  }
}
