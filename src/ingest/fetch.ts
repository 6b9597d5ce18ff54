/**
 * Fetch one page over HTTP(S). One request, a hard timeout covering the body too, a size cap
 * enforced while streaming, and failures turned into messages a user can act on ("offline?").
 */
import { IngestError } from './errors.ts';

export interface FetchedInput {
  bytes: Buffer;
  contentType: string | null;
  /** URL after redirects. */
  finalUrl: string;
}

export interface FetchOptions {
  timeoutMs: number;
  maxBytes: number;
}

/** GET `url`. Throws IngestError('fetch_failed' | 'too_large'). */
export async function fetchUrl(url: string, opts: FetchOptions): Promise<FetchedInput> {
  try {
    new URL(url);
  } catch {
    throw new IngestError('fetch_failed', `fetch_failed: ${url} is not a valid URL`);
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), opts.timeoutMs);
  try {
    const res = await fetch(url, {
      signal: controller.signal,
      redirect: 'follow',
      headers: {
        'user-agent': 'Coopwatch/0.1 (news ingest)',
        accept: 'text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/json,text/plain;q=0.9,*/*;q=0.5',
      },
    });
    if (!res.ok) {
      await res.body?.cancel().catch(() => {});
      throw new IngestError('fetch_failed', `fetch_failed: ${url} answered HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
    }
    const declared = Number(res.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > opts.maxBytes) {
      await res.body?.cancel().catch(() => {});
      throw tooLarge(url, declared, opts.maxBytes);
    }
    const chunks: Buffer[] = [];
    let total = 0;
    if (res.body) {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        total += chunk.byteLength;
        if (total > opts.maxBytes) {
          controller.abort();
          throw tooLarge(url, total, opts.maxBytes);
        }
        chunks.push(Buffer.from(chunk));
      }
    }
    return { bytes: Buffer.concat(chunks, total), contentType: res.headers.get('content-type'), finalUrl: res.url || url };
  } catch (e) {
    if (e instanceof IngestError) throw e;
    throw new IngestError('fetch_failed', describeFetchError(url, e, opts.timeoutMs));
  } finally {
    clearTimeout(timer);
  }
}

function tooLarge(url: string, bytes: number, max: number): IngestError {
  return new IngestError('too_large', `too_large: ${url} is over ${bytes} bytes, above the ${max}-byte document limit`);
}

function describeFetchError(url: string, e: unknown, timeoutMs: number): string {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string; errors?: Array<{ code?: string }> } };
  if (err?.name === 'AbortError' || err?.name === 'TimeoutError') return `fetch_failed: ${url} did not answer within ${timeoutMs} ms`;
  if (err?.cause?.message === 'bad port') return `fetch_failed: ${url} uses a port that fetch refuses to connect to (bad port)`;
  const code = err?.cause?.code ?? err?.cause?.errors?.[0]?.code ?? err?.cause?.message ?? err?.message ?? String(e);
  return `fetch_failed: could not reach ${url} (offline?): ${code}`;
}
