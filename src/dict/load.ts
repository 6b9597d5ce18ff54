/**
 * Dictionary files: versioned YAML under dict/ (built in) plus any user directories (--dict DIR).
 *
 * A file is named `<kind>.<lang>.yaml` (e.g. `events.fr.yaml`) or `<kind>.yaml` for
 * language-neutral data (e.g. `orgs.yaml`, `domains.yaml`). Files of the same kind are returned in
 * load order — built-in first, then each user directory in the order given — so that compilers can
 * let later entries add to or override earlier ones by key. Kinds this module is not asked for
 * (e.g. `dates.yaml`, owned by the dates stage) are ignored.
 */
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { rootPath } from '../util/paths.ts';

/** The built-in dictionary directory: <repo>/dict. */
export const BUILTIN_DICT_DIR = rootPath('dict');

export interface DictFile {
  kind: string;
  /** 'fr' | 'en' | 'vi' for per-language files, null for language-neutral ones. */
  lang: string | null;
  path: string;
  version: string;
  /** The parsed YAML document (an object). */
  data: Record<string, unknown>;
}

const builtinCache = new Map<string, unknown>();

/**
 * Parse one built-in file, `dict/<name>` (e.g. `boilerplate.yaml`), once per process. Used by the
 * stages whose word lists are not user-extensible (cleaning cues, abbreviations, date and quantity
 * words); throws with the path when the file is missing or malformed.
 */
export function loadBuiltinDict<T = unknown>(name: string): T {
  const hit = builtinCache.get(name);
  if (hit !== undefined) return hit as T;
  const p = path.join(BUILTIN_DICT_DIR, name);
  let data: unknown;
  try {
    data = YAML.parse(readFileSync(p, 'utf8'));
  } catch (e) {
    throw new Error(`cannot load dictionary ${p}: ${(e as Error).message}`);
  }
  builtinCache.set(name, data ?? {});
  return (data ?? {}) as T;
}

const FILE_RE = /^([a-z_]+)(?:\.([a-z]{2}))?\.ya?ml$/;

/** Read every dictionary file of the given kinds from `dirs` (in order). Throws on malformed YAML with the file path in the message. */
export function loadDictFiles(dirs: string[], kinds?: ReadonlySet<string>): DictFile[] {
  const out: DictFile[] = [];
  for (const dir of dirs) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`dictionary directory not found: ${dir}`);
    const names = readdirSync(dir).filter((n) => FILE_RE.test(n)).sort();
    for (const name of names) {
      const m = FILE_RE.exec(name)!;
      const kind = m[1];
      if (kinds && !kinds.has(kind)) continue;
      const p = path.join(dir, name);
      let data: unknown;
      try {
        data = YAML.parse(readFileSync(p, 'utf8'));
      } catch (e) {
        throw new Error(`cannot parse dictionary ${p}: ${(e as Error).message}`);
      }
      if (data == null) continue;
      if (typeof data !== 'object' || Array.isArray(data)) throw new Error(`dictionary ${p} must be a YAML mapping`);
      const obj = data as Record<string, unknown>;
      out.push({ kind, lang: m[2] ?? null, path: p, version: String(obj.version ?? '0'), data: obj });
    }
  }
  return out;
}

/**
 * Expand the compact spelling conventions used in dictionary forms:
 *  - `a|b` at the top level: alternative spellings of one term;
 *  - `{x,y,z}` braces: inline alternatives, e.g. `sign{é,ée,és,ées}` → signé, signée, signés, signées
 *    (an empty alternative is allowed: `accord{,s}`).
 */
export function expandForms(form: string): string[] {
  const out: string[] = [];
  for (const alt of splitTopLevel(form, '|')) out.push(...expandBraces(alt.trim()));
  return out.filter((s) => s.length > 0);
}

function splitTopLevel(s: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '{') depth++;
    else if (ch === '}') depth--;
    if (ch === sep && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts;
}

function expandBraces(s: string): string[] {
  const open = s.indexOf('{');
  if (open < 0) return [s];
  let depth = 0;
  let close = -1;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '{') depth++;
    else if (s[i] === '}' && --depth === 0) {
      close = i;
      break;
    }
  }
  if (close < 0) return [s];
  const head = s.slice(0, open);
  const tails = expandBraces(s.slice(close + 1));
  const alts = splitTopLevel(s.slice(open + 1, close), ',');
  const out: string[] = [];
  for (const a of alts) for (const mid of expandBraces(a)) for (const t of tails) out.push(head + mid + t);
  return out;
}

/** Normalise a YAML value that may be a string or a list of strings into a list of expanded forms. */
export function formsOf(v: unknown): string[] {
  if (v == null) return [];
  const list = Array.isArray(v) ? v : [v];
  const out: string[] = [];
  for (const x of list) if (typeof x === 'string') out.push(...expandForms(x));
  return out;
}
