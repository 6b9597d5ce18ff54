/**
 * HTML cleaning alone: parseHtmlDocument (linkedom + Readability + text rebuilding) on the
 * corpus's web pages (~50 KB each, read into memory first), and as its floor Readability alone on
 * the same pages (linkedom parse + Readability.parse(), nothing else) — the reference
 * point, so the ratio shows what cleaning adds beyond Readability.
 *
 * Args: --corpus DIR [--pages 400]
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { emitResult, need, phaseArgs } from '../lib/protocol.ts';
import { htmlPagePaths } from '../lib/corpus.ts';
import { startRssSampler } from '../lib/rss.ts';
import { round } from '../lib/stats.ts';

const args = phaseArgs();
const corpus = need(args, 'corpus');
const limit = Number(args.pages ?? 400);

const { parseHtmlDocument } = await import('../../src/ingest/html.ts');
const { Readability } = await import('@mozilla/readability');
const { parseHTML } = await import('linkedom');

const files = htmlPagePaths(corpus, limit);
if (files.length === 0) throw new Error(`no HTML pages in ${corpus}/html`);
const pages = files.map((f) => readFileSync(f, 'utf8'));
const bytes = pages.reduce((a, p) => a + Buffer.byteLength(p, 'utf8'), 0);

const rss = startRssSampler();
const warm = Math.min(10, pages.length);
for (let i = 0; i < warm; i++) parseHtmlDocument(pages[i], { sourcePath: files[i] });
let textChars = 0;
let t0 = performance.now();
for (let i = 0; i < pages.length; i++) textChars += parseHtmlDocument(pages[i], { sourcePath: files[i] }).text.length;
const cleanMs = performance.now() - t0;

const readabilityOnly = (html: string) => {
  const { document } = parseHTML(html);
  return new Readability(document as unknown as Document).parse();
};
for (let i = 0; i < warm; i++) readabilityOnly(pages[i]);
t0 = performance.now();
for (const p of pages) readabilityOnly(p);
const floorMs = performance.now() - t0;
const mem = rss.stop();

emitResult({
  pages: pages.length,
  mean_page_kb: round(bytes / pages.length / 1024, 1),
  text_chars: textChars,
  clean: { elapsed_ms: round(cleanMs, 1), pages_per_s: round(pages.length / (cleanMs / 1000), 1) },
  readability_floor: { elapsed_ms: round(floorMs, 1), pages_per_s: round(pages.length / (floorMs / 1000), 1) },
  readability_floor_ratio: round(cleanMs / floorMs, 2),
  ...mem,
});
