import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readInputs } from '../../src/ingest/index.ts';
import type { IngestItem } from '../../src/types.ts';

let server: Server;
let base = '';

const ROUTES: Record<string, { type?: string; body: string | Buffer; status?: number }> = {
  '/article': {
    type: 'text/html; charset=windows-1252',
    body: Buffer.from('<html lang="fr"><head><title>Coop\xe9ration</title></head><body><article><p>La coop\xe9ration \x96 un accord sign\xe9.</p></article></body></html>', 'latin1'),
  },
  '/canonical': {
    type: 'text/html',
    body: '<html><head><link rel="canonical" href="/articles/42"></head><body><p>Body text.</p></body></html>',
  },
  '/plain': { type: 'text/plain; charset=utf-8', body: 'Titre en texte\n\nCorps du texte.' },
  '/feed': {
    type: 'application/rss+xml',
    body: '<rss><channel><title>F</title><item><title>a</title><description>One.</description></item><item><title>b</title><description>Two.</description></item></channel></rss>',
  },
  '/missing': { status: 404, body: 'not here' },
  '/big': { type: 'text/html', body: `<html><body><p>${'x'.repeat(5000)}</p></body></html>` },
};

before(async () => {
  server = createServer((req, res) => {
    if (req.url === '/hang') return; // never answers: exercises the timeout
    const r = ROUTES[req.url ?? ''] ?? { status: 404, body: '' };
    res.writeHead(r.status ?? 200, r.type ? { 'content-type': r.type } : {});
    res.end(r.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

async function run(specs: string[], opts: Parameters<typeof readInputs>[1] = {}): Promise<IngestItem[]> {
  const out: IngestItem[] = [];
  for await (const it of readInputs(specs, { fetchTimeoutMs: 2000, ...opts })) out.push(it);
  return out;
}

test('a local page: decoded with the HTTP charset, URL as source_path and url, no input-done', async () => {
  const items = await run([`${base}/article`]);
  assert.equal(items.length, 1);
  const it = items[0];
  assert.equal(it.kind, 'doc');
  if (it.kind !== 'doc') return;
  assert.equal(it.doc.source_path, `${base}/article`);
  assert.equal(it.doc.url, `${base}/article`);
  assert.equal(it.doc.format, 'html');
  assert.equal(it.doc.text, 'La coopération – un accord signé.');
  assert.equal(it.doc.declared_lang, 'fr');
});

test('relative canonical resolved against the URL; text/plain and feeds by content type', async () => {
  const items = await run([`${base}/canonical`, `${base}/plain`, `${base}/feed`]);
  const docs = items.flatMap((i) => (i.kind === 'doc' ? [i.doc] : []));
  assert.equal(docs[0].url, `${base}/articles/42`);
  assert.equal(docs[1].format, 'text');
  assert.equal(docs[1].title, 'Titre en texte');
  assert.deepEqual(docs.slice(2).map((d) => [d.format, d.item_index, d.text]), [['rss', 0, 'One.'], ['rss', 1, 'Two.']]);
});

test('HTTP errors, oversize pages and timeouts are fetch problems', async () => {
  const items = await run([`${base}/missing`, `${base}/big`, `${base}/hang`], { maxDocBytes: 1000, fetchTimeoutMs: 300 });
  const problems = items.flatMap((i) => (i.kind === 'problem' ? [i.problem] : []));
  assert.deepEqual(problems.map((p) => p.code), ['fetch_failed', 'too_large', 'fetch_failed']);
  assert.match(problems[0].reason, /HTTP 404/);
  assert.match(problems[2].reason, /did not answer within 300 ms/);
});

test('unreachable host gives a clear offline message', async () => {
  // A port that was just free: nothing listens there, so the connection is refused.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  const url = `http://127.0.0.1:${port}/`;
  const items = await run([url], { fetchTimeoutMs: 1500 });
  assert.equal(items.length, 1);
  const it = items[0];
  assert.equal(it.kind, 'problem');
  if (it.kind !== 'problem') return;
  assert.equal(it.problem.code, 'fetch_failed');
  assert.equal(it.problem.source_path, url);
  assert.equal(it.problem.reason, `fetch_failed: could not reach ${url} (offline?): ECONNREFUSED`);
});

test('a port fetch refuses (9, discard) and a malformed URL are fetch problems too', async () => {
  const items = await run(['http://127.0.0.1:9/', 'http://exa mple.org/'], { fetchTimeoutMs: 1500 });
  const problems = items.flatMap((i) => (i.kind === 'problem' ? [i.problem] : []));
  assert.deepEqual(problems.map((p) => p.code), ['fetch_failed', 'fetch_failed']);
  assert.match(problems[0].reason, /bad port/);
  assert.match(problems[1].reason, /not a valid URL/);
});
