/**
 * The extractor alone, and its matching floor, on the same pre-segmented text.
 *
 *  - sample: the first `--docs` articles of the corpus are parsed, normalised and segmented once
 *    (each sub-stage timed per document, which splits the pipeline's `normalise` timer into
 *    boilerplate / language / fingerprint work);
 *  - extractor: extractDocument over the sample (after a warm-up pass) → sentences/s, counting the
 *    non-boilerplate sentences the extractor reads;
 *  - matching floor: the same sentences folded and tokenised once with no dictionary
 *    (foldAligned + one token regex scan) → sentences/s; the ratio extractor/floor is the cost of
 *    everything the extractor does beyond reading the text once;
 *  - tokenizer: the extractor's own tokenize() over the same sentences, to tell tokenising from
 *    matching when profiling.
 *
 * Args: --corpus DIR [--docs 3000] [--repeat 1]
 */
import { performance } from 'node:perf_hooks';
import { emitResult, need, phaseArgs } from '../lib/protocol.ts';
import { jsonlLines, shardPaths } from '../lib/corpus.ts';
import { startRssSampler } from '../lib/rss.ts';
import { round } from '../lib/stats.ts';
import type { SegmentedDocument } from '../../src/types.ts';

const args = phaseArgs();
const corpus = need(args, 'corpus');
const maxDocs = Number(args.docs ?? 3000);
const repeat = Math.max(1, Number(args.repeat ?? 1));

const { parseJsonLine } = await import('../../src/ingest/json.ts');
const { normalise, detectBoilerplate, detectLanguage, textOutside } = await import('../../src/normalise/index.ts');
const { fingerprintText, hashBody, minhashBody } = await import('../../src/normalise/fingerprint.ts');
const { segment } = await import('../../src/segment/index.ts');
const { extractDocument, loadKnowledgeBase } = await import('../../src/extract/index.ts');
const { tokenize } = await import('../../src/extract/tokenize.ts');
const { foldAligned } = await import('../../src/util/fold.ts');

const rss = startRssSampler();
const tKb = performance.now();
const kb = loadKnowledgeBase();
const kbLoadMs = performance.now() - tKb;

// ---- sample, with a per-sub-stage breakdown of the pre-extraction stages
const t = { parse: 0, normalise: 0, boilerplate: 0, language: 0, fingerprint: 0, segment: 0 };
const docs: SegmentedDocument[] = [];
let lineNo = 0;
let sampleBytes = 0;
for (const line of jsonlLines(shardPaths(corpus))) {
  if (docs.length >= maxDocs) break;
  lineNo++;
  sampleBytes += line.length + 1;
  let t0 = performance.now();
  const item = parseJsonLine(line.toString('utf8'), lineNo, 'sample.jsonl', { bytes: line.length });
  t.parse += performance.now() - t0;
  if (item?.kind !== 'doc') continue;
  const raw = item.doc;
  // The sub-stages, as normalise() runs them (measured separately, then normalise as a whole).
  t0 = performance.now();
  const bp = detectBoilerplate(raw.text, (raw.declared_lang as never) ?? 'und', raw.boilerplate_hints ?? []);
  t.boilerplate += performance.now() - t0;
  t0 = performance.now();
  detectLanguage(textOutside(raw.text, bp).slice(0, 2000), raw.declared_lang);
  t.language += performance.now() - t0;
  t0 = performance.now();
  const body = fingerprintText(raw.text, bp);
  hashBody(body);
  minhashBody(body, 128);
  t.fingerprint += performance.now() - t0;
  t0 = performance.now();
  const norm = normalise(raw);
  t.normalise += performance.now() - t0;
  t0 = performance.now();
  docs.push(segment(norm));
  t.segment += performance.now() - t0;
}
const n = docs.length;
let sentences = 0;
let allSentences = 0;
let chars = 0;
for (const d of docs) {
  allSentences += d.sentences.length;
  for (const s of d.sentences) if (!s.boilerplate && s.end > s.start) {
    sentences++;
    chars += s.end - s.start;
  }
}

// ---- extractor alone
const warm = docs.slice(0, Math.min(200, n));
for (const d of warm) extractDocument(d, kb);
let facts = 0;
let t0 = performance.now();
for (let r = 0; r < repeat; r++) for (const d of docs) {
  const x = extractDocument(d, kb);
  facts += x.events.length + x.commitments.length + x.policies.length + x.entities.length;
}
const extractMs = (performance.now() - t0) / repeat;

// ---- matching floor: fold the text once, scan tokens once, no dictionary
const TOKEN_RE = /[\p{L}\p{N}\p{M}]+/gu; // the extractor's token definition (src/extract/tokenize.ts)
const floorPass = () => {
  let tokens = 0;
  for (const d of docs) {
    const folded = foldAligned(d.text);
    for (const s of d.sentences) {
      if (s.boilerplate || s.end <= s.start) continue;
      const seg = folded.slice(s.start, s.end);
      TOKEN_RE.lastIndex = 0;
      while (TOKEN_RE.exec(seg)) tokens++;
    }
  }
  return tokens;
};
floorPass();
t0 = performance.now();
let tokens = 0;
for (let r = 0; r < repeat; r++) tokens = floorPass();
const floorMs = (performance.now() - t0) / repeat;

// ---- the extractor's tokenizer alone (fold + tokenize() with its Token objects)
const tokPass = () => {
  let k = 0;
  for (const d of docs) {
    const folded = foldAligned(d.text);
    for (const s of d.sentences) if (!s.boilerplate && s.end > s.start) k += tokenize(d.text, folded, s.start, s.end).length;
  }
  return k;
};
tokPass();
t0 = performance.now();
for (let r = 0; r < repeat; r++) tokPass();
const tokMs = (performance.now() - t0) / repeat;

// fold alone (the floor minus the regex scan)
t0 = performance.now();
for (const d of docs) foldAligned(d.text);
const foldMs = performance.now() - t0;

const mem = rss.stop();
const perDoc = (ms: number) => round(ms / Math.max(1, n), 3);
emitResult({
  documents: n,
  sample_bytes: sampleBytes,
  sentences,
  all_sentences: allSentences,
  sentence_chars: chars,
  tokens,
  facts,
  kb_load_ms: round(kbLoadMs, 1),
  extractor: {
    elapsed_ms: round(extractMs, 1),
    sentences_per_s: round(sentences / (extractMs / 1000), 0),
    docs_per_s: round(n / (extractMs / 1000), 1),
  },
  matching_floor: {
    elapsed_ms: round(floorMs, 1),
    sentences_per_s: round(sentences / (floorMs / 1000), 0),
    fold_ms: round(foldMs, 1),
  },
  tokenizer: { elapsed_ms: round(tokMs, 1), sentences_per_s: round(sentences / (tokMs / 1000), 0) },
  matching_floor_ratio: round(extractMs / floorMs, 2),
  /** Mean ms per document of each pre-extraction stage on the sample (normalise includes boilerplate, language, fingerprint). */
  stage_ms_per_doc: {
    parse: perDoc(t.parse),
    normalise: perDoc(t.normalise),
    boilerplate: perDoc(t.boilerplate),
    language: perDoc(t.language),
    fingerprint: perDoc(t.fingerprint),
    segment: perDoc(t.segment),
    extract: perDoc(extractMs),
  },
  ...mem,
});
