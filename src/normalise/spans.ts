/**
 * Span arithmetic without dictionaries. Kept apart from boilerplate.ts, which parses its cue
 * dictionary when loaded: the store (near-duplicate fingerprints, via store/lsh.ts) and so
 * `serve` need only this, and each server process would otherwise spend ~150 ms parsing YAML.
 */
import type { BoilerplateSpan } from '../types.ts';

/** The text outside the spans (pieces joined by a newline). Spans must be merged/sorted. */
export function textOutside(text: string, spans: readonly BoilerplateSpan[]): string {
  if (!spans.length) return text;
  const parts: string[] = [];
  let at = 0;
  for (const s of spans) {
    if (s.start > at) parts.push(text.slice(at, s.start));
    at = Math.max(at, s.end);
  }
  if (at < text.length) parts.push(text.slice(at));
  return parts.join('\n');
}

