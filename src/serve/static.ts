/**
 * Serves the built dashboard (web/dist) with an SPA fallback: any non-API GET path that is not a
 * file gets index.html, so /partners/CZE can be reloaded or shared.
 *
 * Paths are resolved inside the dist folder only (no traversal), hashed assets are cached
 * forever, index.html is revalidated every time.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { rootPath } from '../util/paths.ts';

/** Default location of the built dashboard: <repo>/web/dist. */
export const DEFAULT_WEB_DIST = rootPath('web', 'dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

export interface StaticFile {
  body: Uint8Array;
  type: string;
  cache: string;
}

export class Dashboard {
  private readonly root: string;
  private readonly cache = new Map<string, StaticFile>();
  constructor(root = DEFAULT_WEB_DIST) {
    this.root = resolve(root);
  }

  get built(): boolean {
    return existsSync(join(this.root, 'index.html'));
  }

  private read(abs: string, cache: string): StaticFile {
    let f = this.cache.get(abs);
    if (!f) {
      f = { body: readFileSync(abs), type: TYPES[extname(abs).toLowerCase()] ?? 'application/octet-stream', cache };
      // index.html may be rebuilt while serving: do not keep it.
      if (!abs.endsWith('index.html')) this.cache.set(abs, f);
    }
    return f;
  }

  /** The file for a URL path, index.html for client-side routes, or null (→ 404). */
  lookup(urlPath: string): StaticFile | null {
    if (!this.built) return null;
    let rel: string;
    try {
      rel = decodeURIComponent(urlPath);
    } catch {
      return null;
    }
    if (rel.includes('\0')) return null;
    const abs = resolve(this.root, '.' + normalize('/' + rel));
    if (abs !== this.root && !abs.startsWith(this.root + sep)) return null;
    if (abs !== this.root && existsSync(abs) && statSync(abs).isFile()) {
      const immutable = abs.startsWith(join(this.root, 'assets') + sep);
      return this.read(abs, immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    }
    // Missing build assets are real 404s; every other path is a client-side route (document ids
    // may contain dots, so the extension alone cannot tell).
    if (rel.startsWith('/assets/') || rel === '/favicon.ico') return null;
    return this.read(join(this.root, 'index.html'), 'no-cache');
  }
}
