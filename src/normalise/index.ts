/**
 * The normalise stage: RawDocument → NormalisedDocument.
 *
 * The text is NOT changed (it is already NFC from ingest, and the reader's boilerplate hints point
 * into it); normalising adds what later stages need: boilerplate spans, language, publication
 * date, fingerprints and a stable id.
 */
import type { BoilerplateSpan, Lang, NormalisedDocument, PartialDate, RawDocument } from '../types.ts';
import { detectBoilerplate, mergeSpans, splitLines, textOutside } from './boilerplate.ts';
import { fingerprintText, hashBody, minhashBody } from './fingerprint.ts';
import { detectLanguage, normaliseDeclaredLang } from './language.ts';
import { parseDateline, parseLabelledDate, parsePublished } from './published.ts';

export { detectBoilerplate, mergeSpans, textOutside } from './boilerplate.ts';
export { contentHash, estimateSimilarity, lshBands, minhashSignature } from './fingerprint.ts';
export { detectLanguage } from './language.ts';
export { parsePublished } from './published.ts';

/** Characters of non-boilerplate text given to language detection. */
const LANG_SAMPLE = 2000;
/** How many leading lines may hold a dateline when the metadata gives no date. */
const DATELINE_LINES = 3;

/**
 * Publication date from the first lines when the metadata has none: a standalone dateline
 * ("10/03/2025", "Hà Nội, 10/3/2025"), or an explicit metadata label at a line start
 * ("Date: 2024-09 …", "Publié le 10/03/2025"). Never a date from the body.
 * Returns the date and, for a standalone dateline not yet marked, a 'metadata' span for it.
 */
function datelineFallback(text: string, spans: BoilerplateSpan[], lang: Lang): { date: PartialDate; span: BoilerplateSpan | null } | null {
  let seen = 0;
  for (const line of splitLines(text)) {
    if (seen >= DATELINE_LINES) break;
    const raw = text.slice(line.start, line.end);
    if (!raw.trim()) continue;
    const covering = spans.find((s) => s.start <= line.start && s.end >= line.end);
    if (covering && covering.kind !== 'metadata') continue; // skip headers, credits…
    seen++;
    const standalone = parseDateline(raw, lang);
    if (standalone) return { date: standalone, span: covering ? null : { start: line.start, end: line.end, kind: 'metadata' } };
    const labelled = parseLabelledDate(raw, lang);
    if (labelled) return { date: labelled, span: null };
  }
  return null;
}

export function normalise(raw: RawDocument, opts: { minhashPerm?: number } = {}): NormalisedDocument {
  const text = raw.text;
  const title = raw.title?.normalize('NFC').trim() || null;
  const declared = normaliseDeclaredLang(raw.declared_lang);

  // Boilerplate cues of all languages apply, so the declared language (if any) is enough here.
  let boilerplate = detectBoilerplate(text, declared ?? 'und', raw.boilerplate_hints ?? []);

  // Language from the article text; a very short text borrows its title.
  let sample = textOutside(text, boilerplate).slice(0, LANG_SAMPLE);
  if (title && sample.trim().length < 200) sample = `${title}\n${sample}`;
  const lang = detectLanguage(sample, raw.declared_lang).lang;

  let published = parsePublished(raw.published_raw, lang);
  if (!published) {
    const found = datelineFallback(text, boilerplate, lang);
    if (found) {
      published = found.date;
      if (found.span) boilerplate = mergeSpans(text, [...boilerplate, found.span]);
    }
  }

  const body = fingerprintText(text, boilerplate);
  const hash = hashBody(body);
  const externalId = raw.external_id?.trim();
  return {
    id: externalId || hash.slice(0, 16),
    source_path: raw.source_path,
    item_index: raw.item_index,
    format: raw.format,
    title,
    text,
    lang,
    published,
    url: raw.url,
    site_name: raw.site_name,
    source: raw.source,
    boilerplate,
    content_hash: hash,
    minhash: minhashBody(body, opts.minhashPerm ?? 128),
    bytes: raw.bytes,
  };
}
