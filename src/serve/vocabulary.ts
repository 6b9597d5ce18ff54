/**
 * Technology-domain labels for the dashboard, read once from the taxonomy data file
 * (dict/domains.yaml, the same file the extractor uses). Missing or unreadable file → empty list:
 * the dashboard then shows domain ids.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Names } from './names.ts';
import { rootPath } from '../util/paths.ts';

export const DEFAULT_DOMAINS_FILE = rootPath('dict', 'domains.yaml');

export interface DomainLabel {
  id: string;
  label: Names;
}

const cache = new Map<string, DomainLabel[]>();

export function loadDomainLabels(file = DEFAULT_DOMAINS_FILE): DomainLabel[] {
  const hit = cache.get(file);
  if (hit) return hit;
  let out: DomainLabel[] = [];
  try {
    if (existsSync(file)) {
      const doc = parse(readFileSync(file, 'utf8')) as { domains?: { id?: unknown; label?: Record<string, unknown> }[] };
      out = (doc?.domains ?? [])
        .filter((d) => typeof d?.id === 'string')
        .map((d) => {
          const id = d.id as string;
          const l = d.label ?? {};
          const pick = (k: string) => (typeof l[k] === 'string' ? (l[k] as string) : typeof l.en === 'string' ? (l.en as string) : id);
          return { id, label: { en: pick('en'), fr: pick('fr'), vi: pick('vi') } };
        });
    }
  } catch (e) {
    process.stderr.write(`coopwatch serve: cannot read domain labels from ${file}: ${(e as Error).message}\n`);
  }
  cache.set(file, out);
  return out;
}
