/**
 * Loads dict/ingest.yaml once and compiles its word lists into single alternation regexes over
 * folded text (src/util/fold.ts foldAligned keeps offsets aligned with the original line), so a
 * line is tested once per cue kind, never once per dictionary entry.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { fold } from '../util/fold.ts';
import { rootPath } from '../util/paths.ts';

export interface IngestCues {
  version: number;
  /** Matches a date label at the start of a folded line, with an optional colon: `date`, `publie le :`. */
  dateLabel: RegExp;
  /** Matches a whole folded line `LABEL : value`; group 1 = value (with indices: 'd' flag, offsets valid in the unfolded line). */
  sourceLine: RegExp;
  /** Folded names of news agencies / outlets that appear in dateline parentheses. */
  agencies: Set<string>;
}

const DEFAULT_FILE = rootPath('dict', 'ingest.yaml');
let cached: IngestCues | null = null;

/** The built-in cues (loaded on first use). */
export function ingestCues(): IngestCues {
  cached ??= loadIngestCues(DEFAULT_FILE);
  return cached;
}

/** Load and compile a cue file (exported for tests and for user dictionaries). */
export function loadIngestCues(file: string | URL): IngestCues {
  const data = (parseYaml(readFileSync(file, 'utf8')) ?? {}) as Record<string, unknown>;
  const dateLabels = flattenLists(data.date_labels);
  const sourceLabels = flattenLists(data.source_labels);
  return {
    version: Number(data.version ?? 0),
    dateLabel: new RegExp(`^[^\\S\\n]*(?:${alternation(dateLabels)})[^\\S\\n]*:?[^\\S\\n]*`, 'u'),
    sourceLine: new RegExp(`^[^\\S\\n]*(?:${alternation(sourceLabels)})[^\\S\\n]*:[^\\S\\n]*(\\S.*?)[^\\S\\n]*$`, 'du'),
    agencies: new Set(flattenLists(data.news_agencies).map((a) => fold(a).trim())),
  };
}

/** Accept either a list or a map of lists (per language) and return all entries. */
function flattenLists(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  if (v && typeof v === 'object') return Object.values(v).flatMap(flattenLists);
  return [];
}

/** Folded, escaped, longest-first alternation; inner spaces match any run of blanks. Word-bounded at the end. */
function alternation(words: string[]): string {
  const uniq = [...new Set(words.map((w) => fold(w).trim()).filter(Boolean))].sort((a, b) => b.length - a.length);
  if (uniq.length === 0) return '(?!)';
  return `(?:${uniq.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ +/g, '[^\\S\\n]+')).join('|')})(?![\\p{L}\\p{N}])`;
}
