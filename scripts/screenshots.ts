/**
 * Screenshots of the dashboard for the README: docs/screenshots/{overview,partner,reader}.png.
 *
 *   node --import tsx scripts/screenshots.ts                 # the test fixture articles
 *   node --import tsx scripts/screenshots.ts --db coopwatch.db   # a real store (e.g. after `npm run demo`)
 *
 * Needs Debian's Chromium at /usr/bin/chromium (or $COOPWATCH_CHROMIUM); builds web/dist if missing.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { listen } from '../src/serve/index.ts';
import { openStore, type SqliteStore } from '../src/store/index.ts';
import { CHROMIUM, DOMAINS_FILE, LAUNCH_ARGS, REPO, WEB_DIST, ensureWebBuilt, skipReason } from '../test/browser/harness.ts';
import { FIXTURE_DOCS, FIXTURE_NOW, fixtureStore } from '../test/serve/fixtures.ts';

const { values } = parseArgs({ options: { db: { type: 'string' }, out: { type: 'string' } } });
const out = path.resolve(values.out ?? path.join(REPO, 'docs', 'screenshots'));

const why = skipReason();
if (why) {
  console.error(why);
  process.exit(1);
}
ensureWebBuilt();

// The fixture minus its XSS probe, which is a test, not a sight for a README.
const store: SqliteStore = values.db ? openStore(values.db) : fixtureStore(':memory:', FIXTURE_DOCS.filter((d) => d.id !== 'fx-xss'));
const server = await listen({
  store,
  db: store.db,
  port: 0,
  webDist: WEB_DIST,
  domainsFile: DOMAINS_FILE,
  now: values.db ? undefined : () => FIXTURE_NOW,
});
const profile = mkdtempSync(path.join(tmpdir(), 'cw-shots-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  headless: true,
  args: LAUNCH_ARGS,
  viewport: { width: 1280, height: 900 },
  locale: 'en-GB',
});
try {
  const get = async (p: string) => (await fetch(new URL(p, server.url))).json();
  const partners = (await get('api/partners')).items as { code: string }[];
  const partner = partners.find((p) => p.code !== 'VNM')?.code ?? partners[0]?.code ?? 'VNM';
  const docs = (await get('api/documents?limit=200')).items as { id: string; events: number }[];
  const doc = [...docs].sort((a, b) => b.events - a.events)[0];
  const detail = doc ? await get(`api/documents/${encodeURIComponent(doc.id)}`) : null;
  const sentence = detail?.events[0]?.text_info.sequence ?? detail?.commitments[0]?.text_info.sequence;

  mkdirSync(out, { recursive: true });
  const page = await context.newPage();
  const shots: [string, string, string][] = [
    ['overview', '', '[data-testid="network"][data-ready="true"]'],
    ['partner', `partners/${partner}`, '[data-testid="partner-events"]'],
  ];
  if (doc) shots.push(['reader', `documents/${encodeURIComponent(doc.id)}${sentence !== undefined ? `?s=${sentence}` : ''}`, '[data-testid="doc-text"]']);
  for (const [name, url, ready] of shots) {
    await page.goto(new URL(url, server.url).href);
    await page.locator(ready).first().waitFor({ timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(500); // let charts finish their first paint
    const file = path.join(out, `${name}.png`);
    await page.screenshot({ path: file, fullPage: name !== 'reader' });
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
} finally {
  await context.close();
  await server.close();
  store.close();
  rmSync(profile, { recursive: true, force: true });
}
