/**
 * `coopwatch bench gen`: a deterministic synthetic corpus for the benchmarks.
 *
 * Output in DIR:
 *   corpus-000.jsonl …   JSONL shards of `shardSize` articles (id, title, text, url, source,
 *                        published?, lang?) — the end-to-end ingest input;
 *   html/p-000000.html … `round(n × htmlShare)` further articles rendered as ~50 KB web pages;
 *   manifest.json        the parameters and counts (a run reuses a corpus whose manifest matches).
 *
 * Writes stream through a small buffer: memory stays flat whatever `n` is.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_ARTICLE_OPTIONS, type ArticleOptions } from './article.ts';
import { articlePage } from './html.ts';
import { articleRecord, buildArticle } from './article.ts';
import { loadVocabulary, type GenLang, type Vocabulary } from './vocabulary.ts';

export { DEFAULT_ARTICLE_OPTIONS } from './article.ts';

/** Bump when the generated text changes, so cached corpora are regenerated. */
export const GENERATOR_VERSION = 2;

export interface GenOptions {
  n: number;
  out: string;
  seed?: number;
  /** HTML pages as a share of n (default 0.05). */
  htmlShare?: number;
  /** Articles per JSONL shard (default 10 000). */
  shardSize?: number;
  /** Target size of an HTML page in bytes (default 50 000). */
  htmlBytes?: number;
  article?: Partial<ArticleOptions>;
  onProgress?: (done: number, total: number) => void;
}

export interface CorpusManifest {
  generator_version: number;
  n: number;
  seed: number;
  html_share: number;
  shard_size: number;
  html_bytes: number;
  shards: string[];
  html_pages: number;
  jsonl_bytes: number;
  html_total_bytes: number;
  langs: Record<GenLang, number>;
  cooperation: number;
  near_duplicates: number;
}

/** Buffered synchronous writer: one write per ~1 MB. */
class FileSink {
  private fd: number;
  private buf: string[] = [];
  private size = 0;
  bytes = 0;
  constructor(p: string) {
    this.fd = openSync(p, 'w');
  }
  write(s: string): void {
    this.buf.push(s);
    this.size += s.length;
    if (this.size > 1 << 20) this.flush();
  }
  flush(): void {
    if (!this.buf.length) return;
    const b = Buffer.from(this.buf.join(''), 'utf8');
    writeSync(this.fd, b);
    this.bytes += b.length;
    this.buf = [];
    this.size = 0;
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

export function shardName(i: number): string {
  return `corpus-${String(i).padStart(3, '0')}.jsonl`;
}

export function htmlPageName(k: number): string {
  return `p-${String(k).padStart(6, '0')}.html`;
}

function resolveOptions(o: GenOptions) {
  return {
    n: o.n,
    seed: o.seed ?? 42,
    htmlShare: o.htmlShare ?? 0.05,
    shardSize: o.shardSize ?? 10_000,
    htmlBytes: o.htmlBytes ?? 50_000,
    article: { ...DEFAULT_ARTICLE_OPTIONS, ...o.article, seed: o.seed ?? 42 },
  };
}

/** The manifest of an existing corpus in `dir` if it was made with these options, else null. */
export function existingCorpus(o: GenOptions): CorpusManifest | null {
  const p = path.join(o.out, 'manifest.json');
  if (!existsSync(p)) return null;
  try {
    const m = JSON.parse(readFileSync(p, 'utf8')) as CorpusManifest;
    const r = resolveOptions(o);
    const same =
      m.generator_version === GENERATOR_VERSION && m.n === r.n && m.seed === r.seed && m.html_share === r.htmlShare && m.shard_size === r.shardSize && m.html_bytes === r.htmlBytes;
    return same && m.shards.every((s) => existsSync(path.join(o.out, s))) ? m : null;
  } catch {
    return null;
  }
}

/** Generate the corpus. Deterministic: the same options give byte-identical files. */
export function generateCorpus(o: GenOptions, vocab: Vocabulary = loadVocabulary()): CorpusManifest {
  const r = resolveOptions(o);
  if (!Number.isInteger(r.n) || r.n < 1) throw new Error('n must be a positive integer');
  mkdirSync(o.out, { recursive: true });
  const htmlPages = Math.round(r.n * r.htmlShare);
  const total = r.n + htmlPages;
  const m: CorpusManifest = {
    generator_version: GENERATOR_VERSION,
    n: r.n,
    seed: r.seed,
    html_share: r.htmlShare,
    shard_size: r.shardSize,
    html_bytes: r.htmlBytes,
    shards: [],
    html_pages: htmlPages,
    jsonl_bytes: 0,
    html_total_bytes: 0,
    langs: { en: 0, fr: 0, vi: 0 },
    cooperation: 0,
    near_duplicates: 0,
  };
  let sink: FileSink | null = null;
  for (let i = 0; i < r.n; i++) {
    if (i % r.shardSize === 0) {
      if (sink) {
        sink.close();
        m.jsonl_bytes += sink.bytes;
      }
      const name = shardName(m.shards.length);
      m.shards.push(name);
      sink = new FileSink(path.join(o.out, name));
    }
    const a = buildArticle(vocab, r.article, i);
    m.langs[a.lang]++;
    if (a.coop) m.cooperation++;
    if (a.nearDupOf !== null) m.near_duplicates++;
    sink!.write(JSON.stringify(articleRecord(a)) + '\n');
    if (o.onProgress && i % 1000 === 999) o.onProgress(i + 1, total);
  }
  if (sink) {
    sink.close();
    m.jsonl_bytes += sink.bytes;
  }
  if (htmlPages > 0) {
    const dir = path.join(o.out, 'html');
    mkdirSync(dir, { recursive: true });
    for (let k = 0; k < htmlPages; k++) {
      // Pages are articles of their own (indices after the JSONL ones), never copies of a record.
      const a = buildArticle(vocab, { ...r.article, nearDupShare: 0 }, r.n + k);
      const page = articlePage(a, r.seed, r.htmlBytes);
      writeFileSync(path.join(dir, htmlPageName(k)), page);
      m.html_total_bytes += Buffer.byteLength(page, 'utf8');
      if (o.onProgress && k % 500 === 499) o.onProgress(r.n + k + 1, total);
    }
  }
  writeFileSync(path.join(o.out, 'manifest.json'), JSON.stringify(m, null, 2) + '\n');
  o.onProgress?.(total, total);
  return m;
}
