/**
 * Tiny loader for the versioned YAML data files under `dict/`.
 *
 * Word lists and cues live in data, not code; each module loads its file once (cached here) and
 * compiles it into matchers at module load, so per-document work never touches the file system.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** Absolute path of the repository's `dict/` folder (src/normalise → ../../dict). */
export const DICT_DIR = fileURLToPath(new URL('../../dict/', import.meta.url));

const cache = new Map<string, unknown>();

/** Parse `dict/<name>` (e.g. `boilerplate.yaml`) once; throws with the path when missing or invalid. */
export function loadDictFile<T = unknown>(name: string): T {
  const hit = cache.get(name);
  if (hit !== undefined) return hit as T;
  const path = DICT_DIR + name;
  let data: unknown;
  try {
    data = parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`cannot load dictionary ${path}: ${(e as Error).message}`);
  }
  cache.set(name, data ?? {});
  return (data ?? {}) as T;
}

/** Flatten a `{lang: [..], common: [..]}` map (or a plain list) into one list of strings. */
export function flattenLists(v: unknown): string[] {
  if (v == null) return [];
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'object') return Object.values(v as Record<string, unknown>).flatMap(flattenLists);
  return [String(v)];
}
