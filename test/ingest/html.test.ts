import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHtmlDocument } from '../../src/ingest/html.ts';
import { htmlFragmentToText } from '../../src/ingest/html-text.ts';
import { IngestError } from '../../src/ingest/errors.ts';

const P1 = 'The Ministry of Science and Technology and a Japanese research institute signed a memorandum on artificial intelligence research on Monday, covering joint laboratories.';
const P2 = 'Under the agreement, the two sides will open a shared laboratory in Hanoi by 2026 and train two hundred researchers over five years, officials said.';
const P3 = 'The deal follows a visit to Tokyo in January, during which both governments agreed to deepen cooperation in semiconductors and digital transformation.';

const CHROME_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Vietnam and Japan sign AI pact | Daily Tech</title>
<meta property="og:title" content="Vietnam and Japan sign AI pact">
<meta property="og:site_name" content="Daily Tech">
<meta property="article:published_time" content="2025-03-10T08:00:00+07:00">
<link rel="canonical" href="https://dailytech.example/news/vn-jp-ai">
</head><body>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies</div>
<header class="site-header"><a class="logo" href="/">Daily Tech</a><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/tech">Technology</a></li><li><a href="/science">Science</a></li></ul></nav></header>
<div class="breadcrumbs"><a href="/">Home</a> › <a href="/tech">Technology</a></div>
<main><article>
<h1>Vietnam and Japan sign AI pact</h1>
<div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Share on X</a> <a href="#">Email</a></div>
<p>${P1}</p>
<p>${P2}</p>
<p>${P3.replace('agreed', '<em>agreed</em>')}</p>
</article>
<aside class="sidebar"><h3>Most read</h3><ul><li><a href="/a">Stock markets rally on export data</a></li><li><a href="/b">Storm warning issued for the central coast</a></li></ul></aside></main>
<footer><p>© 2025 Daily Tech. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>`;

test('page chrome is dropped; article paragraphs come out as separate paragraphs', () => {
  const d = parseHtmlDocument(CHROME_PAGE, { sourcePath: 'page.html' });
  assert.deepEqual(d.text.split('\n\n'), [P1, P2, P3]);
  for (const chrome of ['cookies', 'Home', 'Most read', 'Share on', 'rights reserved', 'Storm warning', 'Privacy']) {
    assert.ok(!d.text.includes(chrome), `chrome "${chrome}" leaked into text`);
  }
  assert.equal(d.format, 'html');
  assert.equal(d.title, 'Vietnam and Japan sign AI pact');
  assert.equal(d.published_raw, '2025-03-10T08:00:00+07:00');
  assert.equal(d.url, 'https://dailytech.example/news/vn-jp-ai');
  assert.equal(d.site_name, 'Daily Tech');
  assert.equal(d.declared_lang, 'en');
  assert.equal(d.bytes, Buffer.byteLength(CHROME_PAGE));
  assert.deepEqual(d.boilerplate_hints, []);
});

test('JSON-LD NewsArticle inside @graph, publisher by @id, relative canonical resolved against the fetch URL', () => {
  const html = `<html><head>
<link rel="canonical" href="/tin/hop-tac-ai">
<script type="application/ld+json">
{"@context":"https://schema.org","@graph":[
  {"@type":"Organization","@id":"https://bao.example/#org","name":"Báo Ví Dụ"},
  {"@type":"WebPage","@id":"https://bao.example/tin/hop-tac-ai","inLanguage":"vi-VN"},
  {"@type":["NewsArticle"],"headline":"Việt Nam và Hàn Quốc hợp tác về AI","datePublished":"2025-02-01T09:00:00+07:00",
   "publisher":{"@id":"https://bao.example/#org"},"mainEntityOfPage":{"@id":"https://bao.example/tin/hop-tac-ai"}}
]}
</script></head><body><article><p>${P1}</p><p>${P2}</p></article></body></html>`;
  const d = parseHtmlDocument(html, { sourcePath: 'https://bao.example/tin/hop-tac-ai?utm=x', url: 'https://bao.example/tin/hop-tac-ai?utm=x' });
  assert.equal(d.title, 'Việt Nam và Hàn Quốc hợp tác về AI');
  assert.equal(d.published_raw, '2025-02-01T09:00:00+07:00');
  assert.equal(d.source, 'Báo Ví Dụ');
  assert.equal(d.declared_lang, 'vi-VN');
  assert.equal(d.url, 'https://bao.example/tin/hop-tac-ai');
});

test('JSON-LD Article at top level and meta name=date / <time datetime> fallbacks', () => {
  const ld = `<html><head><script type="application/ld+json">[{"@type":"BreadcrumbList"},{"@type":"Article","headline":"Headline from LD","datePublished":"2024-11-05","url":"https://x.example/a","publisher":{"@type":"Organization","name":"X Media"},"inLanguage":"fr"}]</script></head><body><p>${P1}</p></body></html>`;
  const a = parseHtmlDocument(ld, { sourcePath: 'a.html' });
  assert.equal(a.title, 'Headline from LD');
  assert.equal(a.published_raw, '2024-11-05');
  assert.equal(a.url, 'https://x.example/a');
  assert.equal(a.source, 'X Media');
  assert.equal(a.declared_lang, 'fr');

  const meta = parseHtmlDocument(`<html><head><meta name="dc.date" content="2023-05-29"></head><body><p>${P1}</p></body></html>`, { sourcePath: 'b.html' });
  assert.equal(meta.published_raw, '2023-05-29');
  const time = parseHtmlDocument(`<html><body><article><time datetime="2023-06-01T10:00">1 June</time><p>${P1}</p></article></body></html>`, { sourcePath: 'c.html' });
  assert.equal(time.published_raw, '2023-06-01T10:00');
});

test('HTML without body content is an "empty" problem, not a crash', () => {
  for (const html of ['<html><head><title>Nothing here</title></head></html>', '<html><head></head><body>   </body></html>', '']) {
    assert.throws(
      () => parseHtmlDocument(html, { sourcePath: 'e.html' }),
      (e: unknown) => e instanceof IngestError && e.code === 'empty' && /no readable text/.test(e.message),
    );
  }
});

test('short pages and pages without <html>/<body> still yield their text', () => {
  const d = parseHtmlDocument('<!doctype html><title>Short</title><p>Only one short paragraph.</p>', { sourcePath: 's.html' });
  assert.equal(d.text, 'Only one short paragraph.');
  assert.equal(d.title, 'Short');
});

test('fragments: <br> is a line break, blocks are paragraphs, scripts and hidden nodes are skipped, <pre> keeps lines', () => {
  assert.equal(htmlFragmentToText('<p>a<br>b</p><div>c <b>d</b></div><ul><li>e</li><li>f</li></ul>'), 'a\nb\n\nc d\n\ne\n\nf');
  assert.equal(htmlFragmentToText('<p>x<script>var a = 1;</script><style>p{}</style><span hidden>h</span><span style="display:none">n</span>y</p>'), 'xy');
  assert.equal(htmlFragmentToText('<pre>line 1\n  line 2</pre>'), 'line 1\n  line 2');
  assert.equal(htmlFragmentToText('<p>caf&eacute; &amp; th&#233;</p>'), 'café & thé');
  assert.equal(htmlFragmentToText('<table><tr><td>A</td><td>B</td></tr></table>'), 'A\n\nB');
  const d = parseHtmlDocument('<p>One</p><p>Two</p>', { sourcePath: 'f', fragment: true, format: 'json', itemIndex: 3 });
  assert.equal(d.text, 'One\n\nTwo');
  assert.equal(d.format, 'json');
  assert.equal(d.item_index, 3);
});

test('deeply nested markup does not overflow the stack', () => {
  const depth = 5000;
  const html = `<html><body>${'<div>'.repeat(depth)}<p>${P1}</p>${'</div>'.repeat(depth)}</body></html>`;
  const text = htmlFragmentToText(html);
  assert.equal(text, P1);
});

test('NFD HTML comes out NFC', () => {
  const d = parseHtmlDocument(`<html><body><p>${'Hà Nội hợp tác'.normalize('NFD')} — ${P1}</p></body></html>`, { sourcePath: 'n.html' });
  assert.ok(d.text.startsWith('Hà Nội hợp tác'));
  assert.equal(d.text, d.text.normalize('NFC'));
});
