/**
 * The HTTP application (Hono): the JSON/CSV API under /api and the dashboard everywhere else.
 *
 * Cross-cutting behaviour lives here, once: input validation (zod, strict: unknown parameters
 * are errors), error objects instead of stack traces, weak ETags with 304s, content negotiation
 * for CSV, security headers, optional CORS, and the SPA fallback for the dashboard.
 */
import type { Database } from 'better-sqlite3';
import { Hono, type Context } from 'hono';
import { cors as corsMiddleware } from 'hono/cors';
import type { Store } from '../store/store.ts';
import { BadCursorError, isoDay } from '../store/analytics.ts';
import { toCsv } from './csv.ts';
import { ApiError, errorBody, fromZod } from './errors.ts';
import { dbVersion, etagMatches, weakEtag } from './etag.ts';
import { buildOpenApi } from './openapi.ts';
import { ROUTES, type RouteContext, type RouteDef } from './routes.ts';
import { Dashboard, DEFAULT_WEB_DIST } from './static.ts';

export interface AppOptions {
  store: Store;
  /** The store's better-sqlite3 handle (analytic queries run on it directly). */
  db: Database;
  /** Clock for "today" (days left / overdue); injectable for tests. */
  now?: () => Date;
  /** Send CORS headers on /api (off by default). */
  cors?: boolean;
  /** Built dashboard folder (default web/dist). */
  webDist?: string;
  /** Domain labels file (default dict/domains.yaml). */
  domainsFile?: string;
  /** Where internal errors are reported (default stderr). */
  logError?: (message: string) => void;
}

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'";

const CACHE_ENTRIES = 256;
const CACHE_MAX_BODY = 1 << 20;

/** A small LRU map (Map keeps insertion order; a hit is re-inserted at the end). */
class LruCache<V> {
  private readonly m = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(k: string): V | undefined {
    const v = this.m.get(k);
    if (v !== undefined) this.m.delete(k), this.m.set(k, v);
    return v;
  }
  set(k: string, v: V): void {
    this.m.delete(k);
    this.m.set(k, v);
    if (this.m.size > this.max) this.m.delete(this.m.keys().next().value as string);
  }
}

/** OpenAPI path → Hono path: /api/documents/{id} → /api/documents/:id */
function honoPath(p: string): string {
  return p.replace(/\{(\w+)\}/g, ':$1');
}

function wantsCsv(c: Context, format: string | undefined): boolean {
  if (format) return format === 'csv';
  const accept = c.req.header('accept') ?? '';
  return /(^|,)\s*text\/csv\b/i.test(accept) && !/(^|,)\s*application\/json\b/i.test(accept);
}

/** Query string → object of single values; a repeated parameter is an error, not a silent pick. */
function singleValues(c: Context): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(c.req.queries())) {
    if (v.length > 1) throw new ApiError(400, 'invalid_parameter', `parameter "${k}" given more than once`, k);
    out[k] = v[0];
  }
  return out;
}

export function createApp(opts: AppOptions): Hono {
  const { store, db } = opts;
  const now = opts.now ?? (() => new Date());
  const logError = opts.logError ?? ((m: string) => process.stderr.write(m + '\n'));
  const ctx: RouteContext = { store, db, now, domainsFile: opts.domainsFile };
  const dashboard = new Dashboard(opts.webDist ?? DEFAULT_WEB_DIST);
  let openapi: Record<string, unknown> | null = null;
  // Responses by ETag: the tag already names (data version, URL, representation, day), so a
  // repeated dashboard view costs one version check instead of its aggregate queries.
  const responses = new LruCache<{ body: ArrayBuffer; headers: Headers }>(CACHE_ENTRIES);

  const app = new Hono();

  app.use('*', async (c, next) => {
    await next();
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    c.res.headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    c.res.headers.set('Referrer-Policy', 'no-referrer');
    c.res.headers.set('X-Frame-Options', 'DENY');
  });

  if (opts.cors) {
    app.use('/api/*', corsMiddleware({ origin: '*', allowMethods: ['GET', 'HEAD', 'OPTIONS'], exposeHeaders: ['ETag', 'X-Next-Cursor'] }));
  }

  // Conditional GET: the tag depends on the data version, the URL, the representation and the
  // day (days-left values change at midnight), so it is computed before any query runs.
  app.use('/api/*', async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const url = new URL(c.req.url);
    const tag = weakEtag(dbVersion(db), url.pathname + url.search, c.req.header('accept') ?? '', isoDay(now()));
    if (etagMatches(c.req.header('if-none-match'), tag)) {
      return c.body(null, 304, { ETag: tag, 'Cache-Control': 'no-cache' });
    }
    const hit = c.req.method === 'GET' ? responses.get(tag) : undefined;
    if (hit) return new Response(hit.body, { status: 200, headers: hit.headers });
    await next();
    if (c.res.status === 200) {
      // A new Response rather than c.res.headers.set(): Hono may hand out a fresh Response for
      // c.res once its body has been read (clone), and headers set before that were lost on the
      // wire (they survived only in app.request tests).
      const body = await c.res.arrayBuffer();
      const headers = new Headers(c.res.headers);
      headers.set('ETag', tag);
      headers.set('Cache-Control', 'no-cache');
      headers.append('Vary', 'Accept');
      if (c.req.method === 'GET' && body.byteLength <= CACHE_MAX_BODY) responses.set(tag, { body, headers: new Headers(headers) });
      c.res = new Response(body, { status: 200, headers });
    }
  });

  app.get('/api/openapi.json', (c) => c.json((openapi ??= buildOpenApi(ROUTES))));

  for (const r of ROUTES) app.get(honoPath(r.path), (c) => handle(c, r));

  function handle(c: Context, r: RouteDef) {
    const q = r.query.safeParse(singleValues(c));
    if (!q.success) throw fromZod(q.error, 'query');
    let params: unknown = {};
    if (r.params) {
      const p = r.params.safeParse(c.req.param());
      if (!p.success) throw fromZod(p.error, 'path');
      params = p.data;
    }
    const format = (q.data as { format?: string }).format;
    if (format === 'csv' && !r.csv) throw new ApiError(400, 'invalid_parameter', 'CSV is not available for this resource', 'format');
    const csv = !!r.csv && wantsCsv(c, format);
    const body = r.handler(ctx, q.data as never, params as never, csv);
    if (csv && r.csv) {
      const next = (body as { next_cursor?: string | null }).next_cursor;
      const headers: Record<string, string> = {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="coopwatch-${r.csvName ?? 'export'}.csv"`,
      };
      if (next) headers['X-Next-Cursor'] = next;
      return c.body(toCsv(r.csv(body as never)), 200, headers);
    }
    return c.json(body as object);
  }

  app.all('/api/*', (c) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      return c.json(errorBody('method_not_allowed', `${c.req.method} is not allowed: the API is read-only`), 405, { Allow: 'GET, HEAD' });
    }
    return c.json(errorBody('not_found', `no such API route: ${new URL(c.req.url).pathname}`), 404);
  });

  app.get('*', (c) => {
    const f = dashboard.lookup(new URL(c.req.url).pathname);
    if (!f) {
      if (!dashboard.built) {
        return c.json(errorBody('not_found', 'the dashboard is not built: run "npm run build:web"'), 404);
      }
      return c.json(errorBody('not_found', 'not found'), 404);
    }
    return c.body(f.body as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': f.type, 'Cache-Control': f.cache });
  });

  app.notFound((c) => c.json(errorBody('not_found', 'not found'), 404));

  app.onError((err, c) => {
    if (err instanceof ApiError) return c.json(errorBody(err.code, err.message, err.field), err.status);
    if (err instanceof BadCursorError) return c.json(errorBody('invalid_cursor', err.message, 'cursor'), 400);
    logError(`coopwatch serve: internal error on ${c.req.method} ${new URL(c.req.url).pathname}: ${err.stack ?? err.message}`);
    return c.json(errorBody('internal', 'internal error'), 500);
  });

  return app;
}
