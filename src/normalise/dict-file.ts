/**
 * Tiny loader for the versioned YAML data files under `dict/`.
 *
 * Word lists and cues live in data, not code; each module loads its file once (cached here) and
 * compiles it into matchers at module load, so per-document work never touches the file system.
 */
import { loadBuiltinDict } from '../dict/load.ts';

/** Parse `dict/<name>` (e.g. `boilerplate.yaml`) once; throws with the path when missing or invalid. */
export const loadDictFile = loadBuiltinDict;

/** Flatten a `{lang: [..], common: [..]}` map (or a plain list) into one list of strings. */
export function flattenLists(v: unknown): string[] {
  if (v == null) return [];
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'object') return Object.values(v as Record<string, unknown>).flatMap(flattenLists);
  return [String(v)];
}
