/**
 * The dashboard in a real browser (Debian's Chromium via playwright-core) over the fixture store:
 * overview numbers equal the API, filters change the URL and the numbers, partner / pair pages,
 * the commitments tracker, the reader's highlights, the Vietnamese UI, phone width, and untrusted
 * markup never executing. Screenshots go to test-artifacts/.
 *
 * Skipped (not failed) when Chromium is not installed.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { api, openPage, screenshot, skipReason, startHarness, type Harness } from './harness.ts';

const skip = skipReason();
if (skip) process.stderr.write(`# ${skip}\n`);

const TIMEOUT = 20_000;

async function totals(page: Page): Promise<Record<string, number>> {
  await page.locator('[data-testid="total-events"]').waitFor({ timeout: TIMEOUT });
  return page.evaluate(() => {
    const out: Record<string, number> = {};
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('[data-testid^="total-"]'))) {
      out[el.dataset.testid!.slice('total-'.length)] = Number(el.dataset.value);
    }
    return out;
  });
}

function expectedTotals(o: Record<string, number>): Record<string, number> {
  return {
    documents: o.documents,
    events: o.events,
    partners: o.partners,
    commitments: o.commitments,
    overdue: o.overdue_commitments,
    policies: o.policies,
    people: o.people,
    organisations: o.organisations,
  };
}

/** Wait until the totals shown equal `expected` (the page refetches after a URL change). */
async function waitForTotals(page: Page, expected: Record<string, number>): Promise<void> {
  const deadline = Date.now() + TIMEOUT;
  let last: Record<string, number> = {};
  while (Date.now() < deadline) {
    last = await totals(page);
    if (JSON.stringify(last) === JSON.stringify(expected)) return;
    await page.waitForTimeout(100);
  }
  assert.deepEqual(last, expected);
}

/** Every CSV download link on the page answers 200 text/csv (links carry the view's filters). */
async function checkCsvLinks(h: Harness, page: Page): Promise<number> {
  const hrefs = await page.$$eval('a[download]', (as) => as.map((a) => (a as HTMLAnchorElement).href));
  for (const href of hrefs) {
    const r = await fetch(href);
    assert.equal(r.status, 200, href);
    assert.match(r.headers.get('content-type') ?? '', /^text\/csv/, href);
  }
  return hrefs.length;
}

describe('dashboard in Chromium', { skip: skip ?? false }, () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
  });

  test('overview: totals, partners table and charts match the API', async () => {
    const { page, errors } = await openPage(h);
    await page.goto(h.base);
    await waitForTotals(page, expectedTotals(await api(h, '/api/overview')));
    const partners = (await api(h, '/api/partners')).items as { code: string; events: number }[];
    const rows = await page.$$eval('[data-testid="partners-table"] tbody tr', (trs) =>
      trs.map((tr) => ({ code: (tr as HTMLElement).dataset.code!, events: Number((tr.querySelector('[data-value]') as HTMLElement).dataset.value) })),
    );
    assert.deepEqual(rows, partners.map((p) => ({ code: p.code, events: p.events })));
    for (const id of ['timeline-chart', 'matrix-chart', 'network']) {
      await page.locator(`[data-testid="${id}"][data-ready="true"]`).waitFor({ timeout: TIMEOUT });
    }
    assert.equal(await page.locator('[data-testid="timeline-chart"] canvas').count(), 1);
    await screenshot(page, 'overview');
    assert.equal(await checkCsvLinks(h, page), 4);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('filters live in the URL and change the numbers', async () => {
    const { page, errors } = await openPage(h);
    await page.goto(h.base);
    const before = await totals(page);
    await page.selectOption('#filter-lang', 'fr');
    await page.waitForURL(/[?&]lang=fr\b/, { timeout: TIMEOUT });
    const fr = expectedTotals(await api(h, '/api/overview?lang=fr'));
    assert.notDeepEqual(fr, before);
    await waitForTotals(page, fr);

    await page.fill('#filter-since', '2025-03');
    await page.press('#filter-since', 'Enter');
    await page.waitForURL(/since=2025-03/, { timeout: TIMEOUT });
    assert.match(page.url(), /lang=fr/);
    await waitForTotals(page, expectedTotals(await api(h, '/api/overview?lang=fr&since=2025-03')));

    // The URL alone reproduces the view (shareable).
    const shared = await h.context.newPage();
    await shared.goto(page.url());
    await waitForTotals(shared, expectedTotals(await api(h, '/api/overview?lang=fr&since=2025-03')));
    assert.equal(await shared.inputValue('#filter-lang'), 'fr');
    await shared.close();

    // Back restores the previous filters.
    await page.goBack();
    await page.waitForURL((u) => !u.search.includes('since='), { timeout: TIMEOUT });
    await waitForTotals(page, fr);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('clicking a network node opens its partner page; numbers match the API', async () => {
    const { page, errors } = await openPage(h);
    await page.goto(h.base);
    const net = page.locator('[data-testid="network"][data-ready="true"]');
    await net.waitFor({ timeout: TIMEOUT });
    const pos = await net.evaluate((el) => {
      const cy = (el as HTMLElement & { __cy: { getElementById(id: string): { renderedPosition(): { x: number; y: number } } } }).__cy;
      return cy.getElementById('CZE').renderedPosition();
    });
    const box = (await net.boundingBox())!;
    await page.mouse.click(box.x + pos.x, box.y + pos.y);
    await page.waitForURL(/\/partners\/CZE$/, { timeout: TIMEOUT });
    const summary = await api(h, '/api/partners/CZE');
    const events = page.locator('[data-testid="partner-events"]');
    await events.waitFor({ timeout: TIMEOUT });
    assert.equal(Number(await events.getAttribute('data-value')), summary.events);
    assert.equal(Number(await page.getAttribute('[data-testid="partner-documents"]', 'data-value')), summary.documents);
    assert.match(await page.locator('[data-testid="partner-title"]').innerText(), /Czech Republic/);
    const domains = await page.$$eval('[data-testid="partner-domains"] .bar-count', (els) => els.map((e) => Number((e as HTMLElement).dataset.value)));
    assert.deepEqual(domains, summary.domains.map((d: { count: number }) => d.count));
    await screenshot(page, 'partner');
    assert.equal(await checkCsvLinks(h, page), 2);

    // Counterpart link → pair page.
    await page.click('#counterparts a[href^="/pairs/CZE-VNM"]');
    await page.waitForURL(/\/pairs\/CZE-VNM/, { timeout: TIMEOUT });
    const pair = await api(h, '/api/pairs/CZE-VNM');
    await page.locator('[data-testid="partner-title"]', { hasText: 'Vietnam' }).waitFor({ timeout: TIMEOUT });
    assert.equal(Number(await page.getAttribute('[data-testid="partner-events"]', 'data-value')), pair.events);
    await screenshot(page, 'pair');
    assert.equal(await checkCsvLinks(h, page), 2);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('commitments tracker: rows, overdue filter, sorting, evidence link', async () => {
    const { page, errors } = await openPage(h);
    await page.goto(new URL('commitments', h.base).href);
    const all = (await api(h, '/api/commitments')).items as { commitment: { id: string }; days_left: number | null; overdue: boolean }[];
    const rows = page.locator('[data-testid="commitments-table"] tbody tr');
    await rows.first().waitFor({ timeout: TIMEOUT });
    assert.deepEqual(await rows.evaluateAll((trs) => trs.map((t) => (t as HTMLElement).dataset.id)), all.map((i) => i.commitment.id));
    const days = await page.$$eval('[data-testid="days-left"]', (tds) => tds.map((t) => (t as HTMLElement).dataset.value));
    assert.deepEqual(days, all.map((i) => (i.days_left === null ? '' : String(i.days_left))));
    assert.equal(await page.locator('.badge-overdue').count(), all.filter((i) => i.overdue).length);
    await screenshot(page, 'commitments');
    assert.equal(await checkCsvLinks(h, page), 1);

    await page.check('input[name="overdue"]');
    await page.waitForURL(/overdue=true/, { timeout: TIMEOUT });
    const overdue = (await api(h, '/api/commitments?overdue=true')).items as { commitment: { id: string } }[];
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="commitments-table"] tbody tr').length === n, overdue.length, { timeout: TIMEOUT });
    await page.uncheck('input[name="overdue"]');
    await page.waitForURL((u) => !u.search.includes('overdue'), { timeout: TIMEOUT });

    // Sort by deadline, latest first, with the column header button.
    await page.click('th[aria-sort] button >> text=Deadline');
    await page.waitForURL(/sort=-deadline/, { timeout: TIMEOUT });
    const desc = ((await api(h, '/api/commitments?sort=-deadline')).items as { commitment: { id: string } }[]).map((i) => i.commitment.id);
    await page.waitForFunction(
      (ids) => JSON.stringify(Array.from(document.querySelectorAll<HTMLElement>('[data-testid="commitments-table"] tbody tr')).map((t) => t.dataset.id)) === JSON.stringify(ids),
      desc,
      { timeout: TIMEOUT },
    );

    // Evidence link → reader on the sentence, with its record open.
    const first = all.find((i) => i.commitment.id === 'fx-kor-en:cm0')!;
    await page.click(`tr[data-id="${first.commitment.id}"] a.evidence`);
    await page.waitForURL(/\/documents\/fx-kor-en\?s=1$/, { timeout: TIMEOUT });
    const mark = page.locator('mark.fact.selected[data-sentence="1"]');
    await mark.waitFor({ timeout: TIMEOUT });
    assert.ok(((await mark.getAttribute('data-facts')) ?? '').split(' ').includes('fx-kor-en:cm0'));
    await page.locator('[data-testid="record-panel"] [data-record-id="fx-kor-en:cm0"]').waitFor({ timeout: TIMEOUT });
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('reader: each highlight sits on its fact sentence; boilerplate dimmed; keyboard opens the record', async () => {
    const { page, errors } = await openPage(h);
    for (const id of ['fx-kor-en', 'fx-jpn-vi', 'fx-cze-fr']) {
      const doc = await api(h, `/api/documents/${id}`);
      await page.goto(new URL(`documents/${id}`, h.base).href);
      await page.locator('[data-testid="doc-text"]').waitFor({ timeout: TIMEOUT });
      assert.equal(await page.locator('[data-testid="doc-title"]').innerText(), doc.title);
      // The rendered text is the stored text, character for character.
      assert.equal(await page.locator('[data-testid="doc-text"]').evaluate((el) => el.textContent), doc.text);
      const facts = [...doc.events, ...doc.commitments, ...doc.policies] as { id: string; event_text: string; text_info: { sequence: number; start: number; end: number } }[];
      const marks = await page.$$eval('mark.fact', (ms) => ms.map((m) => ({ s: Number((m as HTMLElement).dataset.sentence), ids: (m as HTMLElement).dataset.facts!.split(' '), text: m.textContent })));
      assert.equal(marks.length, new Set(facts.map((f) => f.text_info.sequence)).size);
      for (const f of facts) {
        const m = marks.find((x) => x.s === f.text_info.sequence);
        assert.ok(m, `no highlight for ${f.id}`);
        assert.ok(m.ids.includes(f.id));
        assert.equal(m.text, doc.text.slice(f.text_info.start, f.text_info.end));
        assert.equal(m.text, f.event_text);
      }
      const dimmed = await page.$$eval('.boilerplate', (els) => els.map((e) => e.textContent).join(''));
      assert.equal(dimmed, doc.boilerplate.map((b: { start: number; end: number }) => doc.text.slice(b.start, b.end)).join(''));
      if (id === 'fx-kor-en') await screenshot(page, 'reader');
    }

    // Keyboard: Tab to the first highlight, Enter opens its record.
    await page.goto(new URL('documents/fx-cze-fr', h.base).href);
    const first = page.locator('mark.fact').first();
    await first.waitFor({ timeout: TIMEOUT });
    await first.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\?s=1$/, { timeout: TIMEOUT });
    const panel = page.locator('[data-testid="record-panel"]');
    await panel.locator('[data-record-id="fx-cze-fr:ev0"]').waitFor({ timeout: TIMEOUT });
    assert.equal(await panel.locator('[data-record-id="fx-cze-fr:ev0"] [data-testid="record-event"]').innerText(), 'CONSULT');
    assert.equal(await panel.locator('[data-record-id="fx-cze-fr:ev0"] [data-testid="record-modality"]').innerText(), 'realized');
    assert.equal(await panel.locator('[data-record-id="fx-cze-fr:ev0"] [data-testid="record-confidence"]').innerText(), '80 %');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('search: facets and highlighted snippets', async () => {
    const { page, errors } = await openPage(h);
    await page.goto(new URL('search', h.base).href);
    await page.fill('#q', 'vietnam');
    await page.press('#q', 'Enter');
    await page.waitForURL(/\/search\?q=vietnam/, { timeout: TIMEOUT });
    const res = await api(h, '/api/search?q=vietnam');
    const total = page.locator('[data-testid="search-total"]');
    await total.waitFor({ timeout: TIMEOUT });
    assert.equal(Number(await total.getAttribute('data-value')), res.total);
    assert.equal(await page.locator('.hit').count(), res.hits.length);
    assert.ok((await page.locator('.snippet mark').count()) >= res.hits.length);
    assert.match((await page.locator('.snippet mark').first().innerText()).toLowerCase(), /vietnam/);
    await page.click('.facet-btn:has-text("English")');
    await page.waitForURL(/lang=en/, { timeout: TIMEOUT });
    const en = await api(h, '/api/search?q=vietnam&lang=en');
    await page.waitForFunction((n) => Number(document.querySelector<HTMLElement>('[data-testid="search-total"]')?.dataset.value) === n, en.total, { timeout: TIMEOUT });
    await screenshot(page, 'search');
    assert.equal(await checkCsvLinks(h, page), 1);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('UI in Vietnamese (and remembered)', async () => {
    const { page, errors } = await openPage(h);
    await page.goto(h.base);
    await page.locator('[data-testid="total-events"]').waitFor({ timeout: TIMEOUT });
    await page.selectOption('[data-testid="ui-lang"]', 'vi');
    await page.waitForFunction(() => document.documentElement.lang === 'vi', undefined, { timeout: TIMEOUT });
    const nav = await page.locator('nav').innerText();
    assert.match(nav, /Tổng quan/);
    assert.match(nav, /Cam kết/);
    assert.match(nav, /Tìm kiếm/);
    assert.equal(await page.locator('h1').innerText(), 'Tổng quan');
    assert.match(await page.locator('label[for="filter-modality"]').innerText(), /Thể thức/);
    // Country names in Vietnamese in the partners table.
    await page.locator('[data-testid="partners-table"] tr[data-code="CZE"]', { hasText: 'Cộng hòa Séc' }).waitFor({ timeout: TIMEOUT });
    // NFC text in, NFC text out: diacritics are not decomposed or mangled.
    const title = await page.title();
    assert.ok(title.length > 0);
    const text = await page.locator('main').innerText();
    assert.equal(text, text.normalize('NFC'));
    await screenshot(page, 'overview-vi');
    await page.reload();
    await page.waitForFunction(() => document.documentElement.lang === 'vi', undefined, { timeout: TIMEOUT });
    await page.goto(new URL('documents/fx-jpn-vi?s=0', h.base).href);
    await page.locator('[data-testid="record-panel"] [data-record-id]').first().waitFor({ timeout: TIMEOUT });
    assert.match(await page.locator('[data-testid="record-panel"]').innerText(), /Độ tin cậy/);
    assert.equal(await page.locator('[data-testid="doc-text"]').getAttribute('lang'), 'vi');
    await screenshot(page, 'reader-vi');
    // Back to English for the other tests (the choice persists in the profile).
    await page.selectOption('[data-testid="ui-lang"]', 'en');
    await page.waitForFunction(() => document.documentElement.lang === 'en', undefined, { timeout: TIMEOUT });
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('untrusted markup in titles and text never executes', async () => {
    const { page, errors, dialogs } = await openPage(h);
    const check = async (where: string) => {
      const state = await page.evaluate(() => ({
        xss: (window as unknown as { __xss?: unknown }).__xss,
        imgs: document.querySelectorAll('main img').length,
        svgOnload: document.querySelectorAll('svg[onload]').length,
        scripts: Array.from(document.querySelectorAll('script')).filter((s) => !s.src).length,
        jsLinks: document.querySelectorAll('a[href^="javascript:" i]').length,
      }));
      assert.deepEqual(state, { xss: undefined, imgs: 0, svgOnload: 0, scripts: 0, jsLinks: 0 }, where);
    };
    await page.goto(new URL('documents/fx-xss', h.base).href);
    const title = page.locator('[data-testid="doc-title"]');
    await title.waitFor({ timeout: TIMEOUT });
    assert.equal(await title.innerText(), (await api(h, '/api/documents/fx-xss')).title);
    assert.match(await page.locator('[data-testid="doc-source"]').innerText(), /<img src=x onerror=/);
    await page.locator('mark.fact').first().click();
    await page.locator('[data-testid="record-panel"] [data-record-id]').first().waitFor({ timeout: TIMEOUT });
    await check('reader');

    await page.goto(new URL('search?q=robotics', h.base).href);
    await page.locator('.hit').first().waitFor({ timeout: TIMEOUT });
    assert.match(await page.locator('.hit-title').first().innerText(), /<script>window.__xss=1<\/script>/);
    await check('search');

    await page.goto(new URL('search?q=window', h.base).href);
    await page.locator('.hit').first().waitFor({ timeout: TIMEOUT });
    await check('search snippet');

    await page.goto(new URL('partners/FRA', h.base).href);
    await page.locator('[data-testid="people-table"]').waitFor({ timeout: TIMEOUT });
    assert.match(await page.locator('[data-testid="people-table"]').innerText(), /Mallory <img src=x/);
    await check('partner page');
    await page.waitForTimeout(300);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('empty, not-found and error states', async () => {
    const { page } = await openPage(h);
    await page.goto(new URL('partners/XYZ', h.base).href);
    await page.locator('[data-testid="empty"]').waitFor({ timeout: TIMEOUT });
    await page.goto(new URL('documents/no-such-document', h.base).href);
    const err = page.locator('[data-testid="error"][role="alert"]');
    await err.waitFor({ timeout: TIMEOUT });
    assert.match(await err.innerText(), /no document with id/);
    await page.goto(new URL('no/such/page', h.base).href);
    await page.locator('h1', { hasText: 'Page not found' }).waitFor({ timeout: TIMEOUT });
    await page.goto(new URL('?lang=en&domain=quantum', h.base).href);
    await page.locator('#timeline [data-testid="empty"]').waitFor({ timeout: TIMEOUT });
    await page.close();
  });

  test('usable at phone width (375 px)', async () => {
    const page = await h.context.newPage();
    await page.setViewportSize({ width: 375, height: 800 });
    for (const [name, url] of [['overview', ''], ['partner', 'partners/VNM'], ['commitments', 'commitments'], ['reader', 'documents/fx-kor-en?s=1']]) {
      await page.goto(new URL(url, h.base).href);
      await page.locator('main h1').first().waitFor({ timeout: TIMEOUT });
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `${name}: page is ${overflow}px wider than the screen`);
      await screenshot(page, `phone-${name}`);
    }
    await page.close();
  });
});
