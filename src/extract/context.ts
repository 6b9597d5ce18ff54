/**
 * Document context: the home country (whose point of view the article reports from), the main
 * partner pair (what "les deux pays" / "hai bên" / "the two sides" refer to), and the speaker of
 * interview answers (what "je", "nous", "tôi" refer to).
 */
import type { SegmentedDocument } from '../types.ts';
import type { KnowledgeBase } from './kb.ts';
import type { SentenceInfo } from './sentence.ts';

/**
 * Home country, from the strongest evidence available: the URL's host, outlet names in the text
 * (datelines and credits such as "(VNA)", "Báo Nhân dân"), the Vietnamese language, then the
 * country named most often (when it clearly dominates).
 */
/** A scheme at the start (after the C0 controls and spaces the URL parser strips; it also drops tabs and newlines anywhere). */
const MAY_BE_URL = /^[\x00-\x20]*[A-Za-z][A-Za-z0-9+.\-\t\n\r]*:/;

export function homeCountry(doc: SegmentedDocument, all: SentenceInfo[], kb: KnowledgeBase, mentionCounts: Map<string, number>): string | null {
  const hosts = [doc.url, doc.source, doc.site_name].filter((x): x is string => !!x);
  for (const h of hosts) {
    let host = h.toLowerCase();
    // Only strings that start with a scheme can parse (the URL parser throws otherwise, and a
    // thrown exception per document is costly): outlet names and bare hosts skip it.
    if (MAY_BE_URL.test(h))
      try {
        host = new URL(h).hostname.toLowerCase();
      } catch {
        /* not a URL: outlet name or host as given */
      }
    for (const o of kb.outletHosts) if (host.endsWith(o.suffix)) return o.code;
  }
  const outletVotes = new Map<string, number>();
  for (const si of all) for (const m of si.outlets) if (m.payload.k === 'outlet') outletVotes.set(m.payload.code, (outletVotes.get(m.payload.code) ?? 0) + 1);
  // URLs written in the text ("Source : https://nhandan.vn/…").
  const urlRe = /https?:\/\/([^/\s]+)/g;
  let mm: RegExpExecArray | null;
  while ((mm = urlRe.exec(doc.text))) {
    const host = mm[1].toLowerCase();
    for (const o of kb.outletHosts) if (host.endsWith(o.suffix)) outletVotes.set(o.code, (outletVotes.get(o.code) ?? 0) + 2);
  }
  const bestOutlet = top(outletVotes);
  if (bestOutlet) return bestOutlet;
  if (doc.lang === 'vi') return 'VNM';
  const total = [...mentionCounts.values()].reduce((a, b) => a + b, 0);
  const best = top(mentionCounts);
  if (best && total > 0 && (mentionCounts.get(best) ?? 0) / total >= 0.4) return best;
  return null;
}

function top(m: Map<string, number>): string | null {
  let best: string | null = null;
  let n = 0;
  for (const [k, v] of m) if (v > n || (v === n && best !== null && k < best)) ((best = k), (n = v));
  return best;
}

/** The main partner pair: the two parties of the title, else home + the most-mentioned other party. */
export function mainPair(titleCodes: string[], home: string | null, counts: Map<string, number>): string[] {
  const t = [...new Set(titleCodes)];
  if (t.length >= 2) return t.slice(0, 2);
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k]) => k);
  const first = t[0] ?? home ?? ranked[0];
  if (!first) return [];
  const other = ranked.find((c) => c !== first);
  return other ? [first, other] : [first];
}
