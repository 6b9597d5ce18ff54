/**
 * API tests on the fixture store: every route's response matches the served OpenAPI document,
 * pagination, filters, CSV, ETag/304, error objects and headers.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import { createApp } from '../../src/serve/app.ts';
import { ROUTES } from '../../src/serve/routes.ts';
import { listen, isLoopback } from '../../src/serve/index.ts';
import type { SqliteStore } from '../../src/store/index.ts';
import { fixtureStore, FIXTURE_NOW, insertFixtureDoc, FIXTURE_DOCS } from './fixtures.ts';
import { responseSchema, validate } from './jsonschema.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DOMAINS_FILE = path.resolve(REPO, 'dict/domains.yaml');

let store: SqliteStore;
let app: Hono;
let doc: Record<string, unknown>;

async function get(url: string, headers: Record<string, string> = {}) {
  const res = await app.request(url, { headers });
  const text = await res.text();
  const json = res.headers.get('content-type')?.startsWith('application/json') && text ? JSON.parse(text) : undefined;
  return { res, text, json };
}

/** GET `url`, expect 200 and a body valid against the document's schema for `template`. */
async function getValid(template: string, url: string) {
  const r = await get(url);
  assert.equal(r.res.status, 200, `${url} → ${r.res.status} ${r.text.slice(0, 200)}`);
  const errors = validate(r.json, responseSchema(doc, template), doc);
  assert.deepEqual(errors, [], `${url} does not match the OpenAPI schema of ${template}`);
  return r.json;
}

before(async () => {
  store = fixtureStore();
  app = createApp({ store, db: store.db, now: () => FIXTURE_NOW, domainsFile: DOMAINS_FILE, logError: () => {} });
  doc = (await get('/api/openapi.json')).json;
});
after(() => store.close());

describe('OpenAPI document', () => {
  test('is OpenAPI 3.1 and documents every route with its error object', () => {
    assert.equal(doc.openapi, '3.1.0');
    const paths = doc.paths as Record<string, { get: { responses: Record<string, unknown>; parameters: unknown[] } }>;
    for (const r of ROUTES) {
      assert.ok(paths[r.path], `missing ${r.path}`);
      assert.ok(paths[r.path].get.responses['400'], `${r.path} documents 400`);
      assert.ok(paths[r.path].get.responses['304'], `${r.path} documents 304`);
    }
    assert.ok(paths['/api/openapi.json']);
    const schemas = (doc.components as { schemas: Record<string, unknown> }).schemas;
    for (const name of ['Error', 'EventRecord', 'CommitmentItem', 'PartnerSummary', 'Timeline', 'Matrix', 'Network']) assert.ok(schemas[name], name);
  });

  test('documents query parameters with types and constraints', () => {
    const params = (doc.paths as Record<string, { get: { parameters: { name: string; schema: Record<string, unknown>; required: boolean }[] } }>)[
      '/api/facts/events'
    ].get.parameters;
    const byName = Object.fromEntries(params.map((p) => [p.name, p]));
    assert.equal(byName.limit.schema.maximum, 1000);
    assert.ok((byName.type.schema.enum as string[]).includes('AGREE'));
    assert.ok(byName.since.schema.pattern);
    const search = (doc.paths as Record<string, { get: { parameters: { name: string; required: boolean }[] } }>)['/api/search'].get.parameters;
    assert.equal(search.find((p) => p.name === 'q')!.required, true);
    const docParams = (doc.paths as Record<string, { get: { parameters: { name: string; in: string }[] } }>)['/api/documents/{id}'].get.parameters;
    assert.deepEqual(docParams.map((p) => [p.name, p.in]), [['id', 'path']]);
  });

  test('validates itself against its own schema', async () => {
    await getValid('/api/openapi.json', '/api/openapi.json');
  });
});

describe('every route matches its schema', () => {
  const cases: [string, string][] = [
    ['/api/documents', '/api/documents'],
    ['/api/documents', '/api/documents?lang=fr&limit=1'],
    ['/api/documents', '/api/documents?duplicates=true&party=CZE'],
    ['/api/search', '/api/search?q=vietnam'],
    ['/api/search', '/api/search?q=vietnam&party=KOR&limit=5'],
    ['/api/search', '/api/search?q=nothingmatchesthis'],
    ['/api/documents/{id}', '/api/documents/fx-cze-fr'],
    ['/api/facts/events', '/api/facts/events'],
    ['/api/facts/events', '/api/facts/events?pair=CZE-VNM&modality=future'],
    ['/api/facts/commitments', '/api/facts/commitments?status=pledge,commitment'],
    ['/api/facts/policies', '/api/facts/policies?party=VNM'],
    ['/api/facts/entities', '/api/facts/entities?kind=person'],
    ['/api/partners', '/api/partners'],
    ['/api/partners', '/api/partners?domain=ai'],
    ['/api/partners/{code}', '/api/partners/VNM'],
    ['/api/partners/{code}', '/api/partners/cze'],
    ['/api/partners/{code}', '/api/partners/XYZ'],
    ['/api/pairs/{pair}', '/api/pairs/CZE-VNM'],
    ['/api/matrix', '/api/matrix?since=2025'],
    ['/api/timeline', '/api/timeline'],
    ['/api/timeline', '/api/timeline?party=KOR&type=AID'],
    ['/api/network', '/api/network?lang=en'],
    ['/api/commitments', '/api/commitments'],
    ['/api/commitments', '/api/commitments?overdue=true&sort=-deadline'],
    ['/api/overview', '/api/overview'],
    ['/api/stats', '/api/stats'],
    ['/api/domains', '/api/domains'],
  ];
  for (const [template, url] of cases) test(url, async () => void (await getValid(template, url)));

  test('every route has at least one case', () => {
    for (const r of ROUTES) assert.ok(cases.some(([t]) => t === r.path), r.path);
  });
});

describe('pagination', () => {
  async function walk(url: string, limit: number): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 100; i++) {
      const sep = url.includes('?') ? '&' : '?';
      const body: any = (await get(`${url}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`)).json;
      const items = (body.items ?? body.hits) as Record<string, unknown>[];
      assert.ok(items.length <= limit);
      for (const it of items) ids.push((it.id ?? (it.commitment as { id: string })?.id) as string);
      cursor = body.next_cursor;
      if (!cursor) return ids;
    }
    throw new Error('pagination did not end');
  }

  const lists = [
    '/api/documents',
    '/api/facts/events',
    '/api/facts/commitments',
    '/api/facts/entities',
    '/api/commitments',
    '/api/commitments?sort=-deadline',
    '/api/commitments?sort=status',
    '/api/commitments?sort=actor',
    '/api/commitments?sort=recent',
    '/api/search?q=vietnam',
  ];
  for (const url of lists) {
    test(`${url}: pages of 2 = one big page, no duplicates`, async () => {
      const paged = await walk(url, 2);
      const whole = await walk(url, 100);
      assert.deepEqual(paged, whole);
      assert.equal(new Set(paged).size, paged.length);
      assert.ok(paged.length >= 3, 'fixture has enough rows to paginate');
    });
  }

  test('ordering is stable across calls', async () => {
    const a = (await get('/api/facts/events?limit=100')).json;
    const b = (await get('/api/facts/events?limit=100')).json;
    assert.deepEqual(a, b);
  });

  test('filtered search pages skip non-matching hits', async () => {
    const ids = await walk('/api/search?q=vietnam&lang=en&type=AGREE', 1);
    assert.deepEqual(ids, ['fx-xss']);
  });
});

describe('filters', () => {
  const events = async (qs: string) => (await get(`/api/facts/events?limit=1000&${qs}`)).json.items as Record<string, any>[];
  const codes = (e: Record<string, any>) => [...e.actor, ...e.recipient].map((p: { code: string }) => p.code);

  test('near-duplicates never count', async () => {
    const all = await events('');
    assert.ok(all.length > 0);
    assert.ok(all.every((e) => e.doc_id !== 'fx-cze-dup'));
    const docs = (await get('/api/documents?limit=100')).json.items as { id: string }[];
    assert.ok(!docs.some((d) => d.id === 'fx-cze-dup'));
    const withDup = (await get('/api/documents?limit=100&duplicates=true')).json.items as { id: string }[];
    assert.ok(withDup.some((d) => d.id === 'fx-cze-dup'));
  });

  test('party, pair, type, modality, domain, lang', async () => {
    for (const e of await events('party=CZE')) assert.ok(codes(e).includes('CZE'));
    const pair = await events('pair=CZE-VNM');
    assert.equal(pair.length, 2);
    for (const e of pair) assert.ok(codes(e).includes('CZE') && codes(e).includes('VNM'));
    for (const e of await events('type=AID')) assert.equal(e.event, 'AID');
    assert.deepEqual((await events('modality=negated')).map((e) => e.id), ['fx-chn-fr:ev2']);
    for (const e of await events('domain=ai')) assert.ok(e.domains.includes('ai'));
    const fr = await events('lang=fr');
    assert.deepEqual([...new Set(fr.map((e) => e.doc_id))].sort(), ['fx-chn-fr', 'fx-cze-fr']);
  });

  test('date range uses the event date, else the article date; until is inclusive', async () => {
    // fx-eu-en has no published date, but its event is dated 2025-02-14.
    const feb = await events('since=2025-02&until=2025-02');
    assert.deepEqual(feb.map((e) => e.id), ['fx-eu-en:ev0']);
    const march = await events('since=2025-03-12&until=2025-03-12');
    assert.deepEqual(march.map((e) => e.id).sort(), ['fx-cze-fr:ev0', 'fx-cze-fr:ev1']);
  });

  test('overview totals follow the filters', async () => {
    const all = (await get('/api/overview')).json;
    const fr = (await get('/api/overview?lang=fr')).json;
    assert.equal(all.documents, 6);
    assert.equal(all.events, (await events('')).length);
    assert.equal(fr.events, (await events('lang=fr')).length);
    assert.ok(fr.documents < all.documents);
  });

  test('partner summary and pair summary agree with the fact list', async () => {
    const cze = (await get('/api/partners/CZE')).json;
    assert.equal(cze.events, (await events('party=CZE')).length);
    assert.deepEqual(cze.parties[0].names.vi, 'Cộng hòa Séc');
    const pair = (await get('/api/pairs/CZE-VNM')).json;
    assert.equal(pair.events, 2);
    assert.deepEqual(pair.codes, ['CZE', 'VNM']);
    assert.deepEqual(pair.commitments.map((c: any) => c.commitment.id), ['fx-cze-fr:cm0']);
    const vnm = (await get('/api/partners/VNM')).json;
    assert.ok(vnm.people.some((p: any) => p.name === 'Nguyễn Văn An' && p.role === 'Thứ trưởng'));
    assert.equal(vnm.by_year.reduce((n: number, y: any) => n + y.count, 0), vnm.events);
  });

  test('matrix, timeline and network count the same events', async () => {
    const m = (await get('/api/matrix')).json;
    const cell = m.cells.find((c: any) => c.partner === 'CZE' && c.domain === 'semiconductors');
    assert.equal(cell.events, 2);
    const t = (await get('/api/timeline')).json;
    const total = t.by_type.reduce((n: number, s: any) => n + s.counts.reduce((a: number, b: number) => a + b, 0), 0);
    assert.equal(total + t.undated, (await events('')).length);
    assert.equal(t.months.length, t.by_type[0].counts.length);
    const n = (await get('/api/network')).json;
    assert.equal(n.edges.find((e: any) => e.source === 'CZE' && e.target === 'VNM').events, 2);
    assert.equal(n.nodes.find((x: any) => x.code === 'EU').kind, 'organisation');
    assert.equal(n.nodes.find((x: any) => x.code === 'KOR').kind, 'country');
  });
});

describe('commitments tracker', () => {
  const list = async (qs = '') => (await get(`/api/commitments?limit=100&${qs}`)).json.items as any[];

  test('days left and overdue against the injected today', async () => {
    const items = await list();
    const by = Object.fromEntries(items.map((i) => [i.commitment.id, i]));
    assert.equal(by['fx-kor-en:cm0'].days_left, -135); // Jan 2025 ended 135 days before 2025-06-15
    assert.equal(by['fx-kor-en:cm0'].overdue, true);
    assert.equal(by['fx-eu-en:cm0'].overdue, false); // past but completed
    assert.equal(by['fx-cze-fr:cm0'].days_left, 380); // end of June 2026
    assert.equal(by['fx-kor-en:cm1'].days_left, null);
    assert.equal(by['fx-kor-en:cm0'].document.title, 'Korea and Vietnam open a joint AI research centre in Hanoi');
    assert.ok(!items.some((i) => i.document.id === 'fx-cze-dup'));
  });

  test('filters: overdue, status, due_before / due_after, party', async () => {
    assert.deepEqual((await list('overdue=true')).map((i) => i.commitment.id), ['fx-kor-en:cm0']);
    assert.ok(!(await list('overdue=false')).some((i) => i.overdue));
    assert.deepEqual((await list('status=completion')).map((i) => i.commitment.id), ['fx-eu-en:cm0']);
    assert.deepEqual((await list('due_before=2025-01')).map((i) => i.commitment.id), ['fx-eu-en:cm0', 'fx-kor-en:cm0']);
    assert.deepEqual((await list('due_after=2026')).map((i) => i.commitment.id), ['fx-cze-fr:cm0', 'fx-jpn-vi:cm0']);
    for (const i of await list('party=KOR')) assert.ok(i.commitment.actor.some((a: any) => a.code === 'KOR'));
  });

  test('sort by deadline puts undated last; -deadline reverses', async () => {
    const asc = (await list('sort=deadline')).map((i) => i.commitment.deadline);
    assert.deepEqual(asc, ['2024-12', '2025-01', '2026-06', '2027', null]);
    const desc = (await list('sort=-deadline')).map((i) => i.commitment.deadline);
    assert.deepEqual(desc, ['2027', '2026-06', '2025-01', '2024-12', null]);
  });
});

describe('CSV', () => {
  test('?format=csv on a list', async () => {
    const r = await get('/api/commitments?format=csv');
    assert.equal(r.res.status, 200);
    assert.match(r.res.headers.get('content-type')!, /^text\/csv/);
    assert.match(r.res.headers.get('content-disposition')!, /attachment; filename="coopwatch-commitments\.csv"/);
    const lines = r.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    const header = lines[0].split(',');
    assert.ok(header.includes('commitment.id') && header.includes('days_left') && header.includes('commitment.actor'));
    assert.equal(lines.length - 1, (await get('/api/commitments?limit=1000')).json.items.length);
  });

  test('Accept: text/csv, and the next cursor in a header', async () => {
    const r = await get('/api/facts/events?limit=2', { accept: 'text/csv' });
    assert.match(r.res.headers.get('content-type')!, /^text\/csv/);
    assert.ok(r.res.headers.get('x-next-cursor'));
    assert.equal(r.text.trim().split('\r\n').length, 3);
  });

  test('CSV cells are quoted and untrusted text cannot become a formula', async () => {
    const r = await get('/api/documents?format=csv&limit=100');
    assert.match(r.text, /"France and Vietnam robotics <script>window.__xss=1<\/script> ""><svg onload=""window.__xss=1"">"/);
    const { toCsv } = await import('../../src/serve/csv.ts');
    const csv = toCsv([{ a: '=HYPERLINK("x")', b: -3, c: '+1', d: 'plain' }]);
    assert.equal(csv, '\uFEFFa,b,c,d\r\n"\'=HYPERLINK(""x"")",-3,\'+1,plain\r\n');
  });

  test('format=csv where there is no list is a 400', async () => {
    const r = await get('/api/stats?format=csv');
    assert.equal(r.res.status, 400);
  });
});

describe('ETag / 304', () => {
  test('If-None-Match → 304, and a write changes the tag', async () => {
    const a = await get('/api/overview');
    const tag = a.res.headers.get('etag')!;
    assert.match(tag, /^W\/".+"$/);
    assert.equal(a.res.headers.get('cache-control'), 'no-cache');
    const b = await get('/api/overview', { 'if-none-match': tag });
    assert.equal(b.res.status, 304);
    assert.equal(b.text, '');
    const other = await get('/api/overview?lang=fr', { 'if-none-match': tag });
    assert.equal(other.res.status, 200, 'another URL has another tag');

    const local = fixtureStore();
    const app2 = createApp({ store: local, db: local.db, now: () => FIXTURE_NOW });
    const t1 = (await app2.request('/api/stats')).headers.get('etag')!;
    insertFixtureDoc(local.db, { ...FIXTURE_DOCS[0], id: 'fx-new', title: 'Another article' });
    const r2 = await app2.request('/api/stats', { headers: { 'if-none-match': t1 } });
    assert.equal(r2.status, 200);
    assert.notEqual(r2.headers.get('etag'), t1);
    local.close();
  });

  test('a repeated request is served from the response cache, identical; HEAD has no body', async () => {
    const a = await get('/api/partners/VNM');
    const b = await get('/api/partners/VNM');
    assert.equal(b.text, a.text);
    assert.equal(b.res.headers.get('etag'), a.res.headers.get('etag'));
    assert.equal(b.res.headers.get('content-security-policy'), a.res.headers.get('content-security-policy'));
    const head = await app.request('/api/partners/VNM', { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(await head.text(), '');
    assert.equal((await get('/api/partners/VNM')).text, a.text);
  });

  test('CSV and JSON of the same URL have different tags', async () => {
    const j = await get('/api/matrix');
    const c = await get('/api/matrix', { accept: 'text/csv' });
    assert.notEqual(j.res.headers.get('etag'), c.res.headers.get('etag'));
  });
});

describe('errors', () => {
  const bad: [string, number, string, string | null][] = [
    ['/api/facts/events?cursor=not*base64', 400, 'invalid_cursor', 'cursor'],
    ['/api/facts/events?cursor=WzFd', 400, 'invalid_cursor', 'cursor'], // [1]: wrong key shape
    ['/api/commitments?cursor=eyJ4IjoxfQ', 400, 'invalid_cursor', 'cursor'],
    ['/api/search?q=x&cursor=WyJhIl0', 400, 'invalid_cursor', 'cursor'],
    ['/api/facts/events?since=2025-13', 400, 'invalid_parameter', 'since'],
    ['/api/facts/events?until=yesterday', 400, 'invalid_parameter', 'until'],
    ['/api/commitments?due_before=2025-02-30', 400, 'invalid_parameter', 'due_before'],
    ['/api/facts/events?party=V', 400, 'invalid_parameter', 'party'],
    ['/api/facts/events?party=VN%3BDROP', 400, 'invalid_parameter', 'party'],
    ['/api/partners/VN-M', 400, 'invalid_parameter', 'code'],
    ['/api/pairs/CZE', 400, 'invalid_parameter', 'pair'],
    ['/api/pairs/VNM-VNM', 400, 'invalid_parameter', 'pair'],
    ['/api/facts/events?limit=0', 400, 'invalid_parameter', 'limit'],
    ['/api/facts/events?limit=1001', 400, 'invalid_parameter', 'limit'],
    ['/api/facts/events?limit=abc', 400, 'invalid_parameter', 'limit'],
    ['/api/search?q=x&limit=101', 400, 'invalid_parameter', 'limit'],
    ['/api/facts/events?type=agreed', 400, 'invalid_parameter', 'type'],
    ['/api/facts/events?modality=maybe', 400, 'invalid_parameter', 'modality'],
    ['/api/facts/events?lang=de', 400, 'invalid_parameter', 'lang'],
    ['/api/facts/events?status=pledge', 400, 'invalid_parameter', 'status'],
    ['/api/commitments?status=pledge,done', 400, 'invalid_parameter', 'status.1'],
    ['/api/commitments?overdue=maybe', 400, 'invalid_parameter', 'overdue'],
    ['/api/commitments?sort=random', 400, 'invalid_parameter', 'sort'],
    ['/api/facts/events?bogus=1', 400, 'unknown_parameter', 'bogus'],
    ['/api/facts/events?party=VNM&party=CZE', 400, 'invalid_parameter', 'party'],
    ['/api/search', 400, 'invalid_parameter', 'q'],
    ['/api/search?q=%20%20', 400, 'invalid_parameter', 'q'],
    ['/api/search?q=%22unclosed', 400, 'invalid_query', 'q'],
    ['/api/documents/does-not-exist', 404, 'not_found', 'id'],
    ['/api/nothing-here', 404, 'not_found', null],
    ['/api/facts/nope', 404, 'not_found', null],
  ];
  for (const [url, status, code, field] of bad) {
    test(`${url} → ${status} ${code}`, async () => {
      const r = await get(url);
      assert.equal(r.res.status, status, r.text);
      assert.match(r.res.headers.get('content-type')!, /^application\/json/);
      assert.equal(r.json.error.code, code);
      assert.equal(r.json.error.field, field);
      assert.equal(typeof r.json.error.message, 'string');
      assert.deepEqual(validate(r.json, { $ref: '#/components/schemas/Error' }, doc), []);
      assert.doesNotMatch(r.text, /\n\s+at |node_modules|\.ts:\d+/);
    });
  }

  test('non-GET methods → 405 JSON', async () => {
    const r = await app.request('/api/documents', { method: 'POST', body: '{}' });
    assert.equal(r.status, 405);
    assert.equal((await r.json()).error.code, 'method_not_allowed');
  });

  test('an internal failure is a generic 500, logged, never a stack trace', async () => {
    const logged: string[] = [];
    const broken = Object.create(store, { stats: { value: () => { throw new Error('disk on fire'); } } });
    const app2 = createApp({ store: broken, db: store.db, logError: (m) => logged.push(m) });
    const r = await app2.request('/api/stats');
    assert.equal(r.status, 500);
    const text = await r.text();
    assert.deepEqual(JSON.parse(text), { error: { code: 'internal', message: 'internal error', field: null } });
    assert.doesNotMatch(text, /disk on fire/);
    assert.match(logged.join('\n'), /disk on fire/);
  });
});

describe('headers, CORS, dashboard files', () => {
  test('security headers on API and dashboard responses; CORS off by default', async () => {
    for (const url of ['/api/stats', '/api/nope', '/']) {
      const r = await app.request(url);
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(
        r.headers.get('content-security-policy'),
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'",
      );
      assert.equal(r.headers.get('access-control-allow-origin'), null);
    }
  });

  test('--cors enables CORS on the API', async () => {
    const app2 = createApp({ store, db: store.db, cors: true });
    const r = await app2.request('/api/stats', { headers: { origin: 'http://elsewhere.example' } });
    assert.equal(r.headers.get('access-control-allow-origin'), '*');
  });

  test('static files, SPA fallback, no traversal', async () => {
    const dist = mkdtempSync(path.join(tmpdir(), 'cw-dist-'));
    try {
      mkdirSync(path.join(dist, 'assets'));
      writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>cw</title>');
      writeFileSync(path.join(dist, 'assets', 'app-123.js'), 'console.log(1)');
      writeFileSync(path.join(path.dirname(dist), 'cw-secret.txt'), 'secret');
      const app2 = createApp({ store, db: store.db, webDist: dist });
      const index = await app2.request('/');
      assert.equal(index.status, 200);
      assert.match(index.headers.get('content-type')!, /text\/html/);
      const route = await app2.request('/partners/CZE?lang=fr');
      assert.match(await route.text(), /<title>cw<\/title>/);
      const asset = await app2.request('/assets/app-123.js');
      assert.match(asset.headers.get('content-type')!, /javascript/);
      assert.match(asset.headers.get('cache-control')!, /immutable/);
      assert.equal((await app2.request('/assets/missing.js')).status, 404);
      for (const p of ['/../cw-secret.txt', '/%2e%2e/cw-secret.txt', '/..%2fcw-secret.txt']) {
        const r = await app2.request(p);
        assert.doesNotMatch(await r.text(), /secret/, p);
      }
    } finally {
      rmSync(dist, { recursive: true, force: true });
      rmSync(path.join(path.dirname(dist), 'cw-secret.txt'), { force: true });
    }
  });
});

describe('server', () => {
  test('listens on an ephemeral loopback port and closes', async () => {
    const s = await listen({ store, db: store.db, host: '127.0.0.1', port: 0 });
    try {
      assert.match(s.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
      const r = await fetch(new URL('api/stats', s.url));
      assert.equal(r.status, 200);
      assert.equal((await r.json()).unique_documents, 6);
    } finally {
      await s.close();
    }
  });

  test('over HTTP the first response already carries its ETag, and a conditional GET is a 304', async () => {
    const s = await listen({ store, db: store.db, host: '127.0.0.1', port: 0 });
    try {
      const url = new URL('api/partners/VNM?lang=fr', s.url);
      const first = await fetch(url);
      assert.equal(first.status, 200);
      const tag = first.headers.get('etag');
      assert.match(tag ?? '', /^W\/".+"$/, 'ETag on the computed (not cached) answer');
      assert.equal(first.headers.get('cache-control'), 'no-cache');
      assert.equal(first.headers.get('x-frame-options'), 'DENY');
      const body = await first.text();
      const again = await fetch(url);
      assert.equal(again.headers.get('etag'), tag);
      assert.equal(await again.text(), body);
      const cond = await fetch(url, { headers: { 'if-none-match': tag! } });
      assert.equal(cond.status, 304);
    } finally {
      await s.close();
    }
  });

  test('loopback detection', () => {
    for (const h of ['127.0.0.1', 'localhost', '::1', '[::1]', '127.1.2.3']) assert.ok(isLoopback(h), h);
    for (const h of ['0.0.0.0', '192.168.1.4', '::', 'example.org']) assert.ok(!isLoopback(h), h);
  });
});
