/**
 * Browser-test harness: Debian's Chromium driven by playwright-core (no browser download), the
 * dashboard bundle (built on demand), and the API server on an ephemeral loopback port over the
 * fixture store.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { listen, type RunningServer } from '../../src/serve/index.ts';
import type { SqliteStore } from '../../src/store/index.ts';
import { fixtureStore, FIXTURE_NOW } from '../serve/fixtures.ts';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CHROMIUM = process.env.COOPWATCH_CHROMIUM ?? '/usr/bin/chromium';
export const ARTIFACTS = path.join(REPO, 'test-artifacts');
export const WEB_DIST = path.join(REPO, 'web', 'dist');
export const DOMAINS_FILE = path.join(REPO, 'dict', 'domains.yaml');

/** Why the browser tests cannot run here, or null when they can. */
export function skipReason(): string | null {
  if (!existsSync(CHROMIUM)) return `Chromium not found at ${CHROMIUM} (install Debian's "chromium" package): browser tests skipped`;
  return null;
}

/** Build web/dist with Vite if it is missing (a few seconds). */
export function ensureWebBuilt(): void {
  if (existsSync(path.join(WEB_DIST, 'index.html'))) return;
  execFileSync(process.execPath, [path.join(REPO, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: REPO,
    stdio: 'inherit',
  });
}

export const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

export interface Harness {
  store: SqliteStore;
  server: RunningServer;
  context: BrowserContext;
  base: string;
  close(): Promise<void>;
}

/** Start the fixture server and a fresh Chromium profile. */
export async function startHarness(opts: { viewport?: { width: number; height: number } } = {}): Promise<Harness> {
  ensureWebBuilt();
  const store = fixtureStore();
  const server = await listen({ store, db: store.db, host: '127.0.0.1', port: 0, now: () => FIXTURE_NOW, webDist: WEB_DIST, domainsFile: DOMAINS_FILE });
  const profile = mkdtempSync(path.join(tmpdir(), 'cw-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: LAUNCH_ARGS,
      viewport: opts.viewport ?? { width: 1280, height: 900 },
      locale: 'en-GB',
      timeout: 60_000,
    });
  } catch (e) {
    await server.close();
    store.close();
    rmSync(profile, { recursive: true, force: true });
    throw e;
  }
  return {
    store,
    server,
    context,
    base: server.url,
    close: async () => {
      await context.close();
      await server.close();
      store.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A page that records console errors, page errors and dialogs (an XSS would open one). */
export async function openPage(h: Harness): Promise<{ page: Page; errors: string[]; dialogs: string[] }> {
  const page = await h.context.newPage();
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return { page, errors, dialogs };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** JSON from the API, as the page's numbers must match it. */
export async function api<T = any>(h: Harness, pathAndQuery: string): Promise<T> {
  const r = await fetch(new URL(pathAndQuery.replace(/^\//, ''), h.base));
  if (!r.ok) throw new Error(`${pathAndQuery}: ${r.status}`);
  return (await r.json()) as T;
}
