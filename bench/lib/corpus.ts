/**
 * Reading a generated corpus without loading it: its manifest, shard paths, and a streaming line
 * reader over the JSONL shards (Buffer-based, one line at a time).
 */
import { openSync, readSync, closeSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { CorpusManifest } from '../gen/index.ts';

export function readManifest(dir: string): CorpusManifest {
  return JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as CorpusManifest;
}

export function shardPaths(dir: string): string[] {
  return readManifest(dir).shards.map((s) => path.join(dir, s));
}

export function htmlPagePaths(dir: string, limit = Infinity): string[] {
  const h = path.join(dir, 'html');
  let names: string[];
  try {
    names = readdirSync(h).filter((n) => n.endsWith('.html')).sort();
  } catch {
    return [];
  }
  return names.slice(0, limit).map((n) => path.join(h, n));
}

/** Yield each non-empty line of the files as a Buffer (no decoding), reading 1 MB at a time. */
export function* jsonlLines(files: string[]): Generator<Buffer> {
  const chunk = Buffer.allocUnsafe(1 << 20);
  for (const f of files) {
    const fd = openSync(f, 'r');
    let carry: Buffer | null = null;
    try {
      for (;;) {
        const n = readSync(fd, chunk, 0, chunk.length, null);
        if (n === 0) break;
        const data: Buffer = carry ? Buffer.concat([carry, chunk.subarray(0, n)]) : Buffer.from(chunk.subarray(0, n));
        let start = 0;
        let nl: number;
        while ((nl = data.indexOf(10, start)) >= 0) {
          if (nl > start) yield data.subarray(start, nl);
          start = nl + 1;
        }
        carry = start < data.length ? data.subarray(start) : null;
      }
      if (carry && carry.length) yield carry;
    } finally {
      closeSync(fd);
    }
  }
}
