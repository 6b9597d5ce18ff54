/**
 * The API on a store built the way a user builds it — `examples/` and the five seeds through the
 * whole pipeline — with every response checked against the served OpenAPI document, and the
 * numbers cross-checked against the store itself.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Hono } from 'hono';
import { createApp } from '../../src/serve/app.ts';
import { openStore, type SqliteStore } from '../../src/store/index.ts';
import { ingest } from '../../src/pipeline.ts';
import { loadKnowledgeBase } from '../../src/extract/index.ts';
import { responseSchema, validate } from './jsonschema.ts';
import { EXAMPLES, SEEDS, REPO, tempDir } from '../helpers.ts';

let tmp: ReturnType<typeof tempDir>;
let store: SqliteStore;
let app: Hono;
let doc: Record<string, unknown>;

async function getValid(template: string, url: string) {
  const res = await app.request(url);
  const text = await res.text();
  assert.equal(res.status, 200, `${url} → ${res.status} ${text.slice(0, 200)}`);
  const json = JSON.parse(text);
  assert.deepEqual(validate(json, responseSchema(doc, template), doc), [], `${url} does not match the OpenAPI schema of ${template}`);
  return json;
}

before(async () => {
  tmp = tempDir();
  store = openStore(path.join(tmp.dir, 'real.db'));
  const summary = await ingest({ store, specs: [EXAMPLES, SEEDS], kb: loadKnowledgeBase() });
  assert.equal(summary.problems.length, 0, JSON.stringify(summary.problems));
  app = createApp({ store, db: store.db, domainsFile: path.join(REPO, 'dict/domains.yaml'), logError: () => {} });
  doc = JSON.parse(await (await app.request('/api/openapi.json')).text());
});
after(() => {
  store?.close();
  tmp?.cleanup();
});

test('stats and overview agree with the store', async () => {
  const stats = await getValid('/api/stats', '/api/stats');
  const s = store.stats();
  assert.equal(stats.documents, s.documents);
  assert.ok(s.documents >= 20, `examples + seeds stored (${s.documents})`);
  assert.ok(s.facts.events > 0 && s.facts.commitments > 0);
  await getValid('/api/overview', '/api/overview');
});

test('partners, pairs, matrix, timeline, network, commitments validate and are not empty', async () => {
  const partners = await getValid('/api/partners', '/api/partners');
  const items = (partners.items ?? partners) as { code: string }[];
  const codes = items.map((p) => p.code);
  for (const c of ['VNM', 'CZE', 'LAO', 'USA', 'EU']) assert.ok(codes.includes(c), `partner ${c} from the seeds (${codes.join(',')})`);
  await getValid('/api/partners/{code}', '/api/partners/CZE');
  const pair = await getValid('/api/pairs/{pair}', '/api/pairs/CZE-VNM');
  assert.ok(JSON.stringify(pair).includes('CZE'));
  await getValid('/api/matrix', '/api/matrix');
  await getValid('/api/timeline', '/api/timeline');
  await getValid('/api/network', '/api/network');
  const commitments = await getValid('/api/commitments', '/api/commitments');
  assert.ok((commitments.items as unknown[]).length > 0);
});

test('facts filters and search with highlights', async () => {
  const events = await getValid('/api/facts/events', '/api/facts/events?pair=CZE-VNM');
  assert.ok(events.items.length > 0);
  for (const e of events.items as { actor: { code: string }[]; recipient: { code: string }[] }[]) {
    const parties = [...e.actor, ...e.recipient].map((p) => p.code);
    assert.ok(parties.includes('CZE') && parties.includes('VNM'));
  }
  const search = await getValid('/api/search', '/api/search?q=khoa%20hoc%20cong%20nghe');
  assert.ok(search.total >= 1);
  const first = search.hits[0] as { id: string };
  const detail = await getValid('/api/documents/{id}', `/api/documents/${encodeURIComponent(first.id)}`);
  assert.equal(detail.id, first.id);
});

test('the seed-003 teasers are served as boilerplate, and no fact comes from them', async () => {
  const d = [...store.iterateDocuments()].find((x) => x.source_path.endsWith('003_40c5770723cedc5d.txt'))!;
  const detail = await getValid('/api/documents/{id}', `/api/documents/${encodeURIComponent(d.id)}`);
  const at = (detail.text as string).indexOf('Voir plus');
  const spans = detail.boilerplate as { start: number; end: number }[];
  assert.ok(spans.some((b) => b.start <= at && at < b.end));
  const facts = [...detail.events, ...detail.commitments, ...detail.policies] as { text_info: { start: number } }[];
  assert.ok(facts.length > 0);
  assert.ok(facts.every((f) => f.text_info.start < at), 'facts come from the article body only');
});
