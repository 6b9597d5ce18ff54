import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFeed, looksLikeFeed } from '../../src/ingest/feed.ts';
import { IngestError } from '../../src/ingest/errors.ts';
import type { IngestItem, RawDocument } from '../../src/types.ts';

const docs = (items: IngestItem[]): RawDocument[] => items.filter((i) => i.kind === 'doc').map((i) => (i as Extract<IngestItem, { kind: 'doc' }>).doc);

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Tech &amp; Science News</title>
  <link>https://news.example/</link>
  <language>en</language>
  <item>
    <title>Vietnam and Korea open a chip design centre</title>
    <link>https://news.example/a</link>
    <pubDate>Tue, 10 Mar 2025 08:00:00 +0700</pubDate>
    <dc:creator>Jane Reporter</dc:creator>
    <description>Short teaser only.</description>
    <content:encoded><![CDATA[<p>First paragraph of the full story.</p><p>Second paragraph &amp; more.</p>]]></content:encoded>
  </item>
  <item>
    <title>Only a description</title>
    <guid isPermaLink="true">https://news.example/b</guid>
    <description>&lt;p&gt;Escaped &lt;b&gt;HTML&lt;/b&gt; body.&lt;/p&gt;</description>
  </item>
  <item>
    <title>No body at all</title>
    <link>https://news.example/c</link>
  </item>
  <item>
    <title>Plain text description</title>
    <description>Line one of plain text.

Second paragraph.</description>
  </item>
</channel>
</rss>`;

test('RSS 2.0: content:encoded preferred, description fallback, empty items reported, feed title → source', () => {
  const items = parseFeed(RSS, { sourcePath: 'news.rss' });
  assert.equal(items.length, 4);
  const [a, b, d] = docs(items);
  assert.equal(a.format, 'rss');
  assert.equal(a.item_index, 0);
  assert.equal(a.title, 'Vietnam and Korea open a chip design centre');
  assert.equal(a.text, 'First paragraph of the full story.\n\nSecond paragraph & more.');
  assert.equal(a.url, 'https://news.example/a');
  assert.equal(a.published_raw, 'Tue, 10 Mar 2025 08:00:00 +0700');
  assert.equal(a.source, 'Tech & Science News');
  assert.equal(a.declared_lang, 'en');
  assert.equal(b.text, 'Escaped HTML body.');
  assert.equal(b.url, 'https://news.example/b');
  assert.equal(b.item_index, 1);
  const p = items[2] as Extract<IngestItem, { kind: 'problem' }>;
  assert.equal(p.kind, 'problem');
  assert.equal(p.problem.code, 'empty');
  assert.equal(p.problem.item_index, 2);
  assert.equal(d.text, 'Line one of plain text.\n\nSecond paragraph.');
});

test('Atom: html, xhtml and text content; summary fallback; alternate link', () => {
  const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
  <title>Le fil</title>
  <entry>
    <title type="html">Accord &amp;amp; coopération</title>
    <link rel="self" href="https://fil.example/self/1"/>
    <link rel="alternate" href="https://fil.example/1"/>
    <id>urn:uuid:1</id>
    <published>2025-01-02T10:00:00Z</published>
    <content type="html">&lt;p&gt;Premier &amp;amp; paragraphe.&lt;/p&gt;&lt;p&gt;Second.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Entrée XHTML</title>
    <link href="https://fil.example/2"/>
    <updated>2025-01-03T10:00:00Z</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Un.</p><p>Deux &amp; trois.</p></div></content>
  </entry>
  <entry>
    <title>Résumé seulement</title>
    <summary>Texte brut du résumé.</summary>
  </entry>
</feed>`;
  const items = parseFeed(atom, { sourcePath: 'fil.atom' });
  const [a, b, c] = docs(items);
  assert.equal(a.format, 'atom');
  assert.equal(a.title, 'Accord & coopération');
  assert.equal(a.text, 'Premier & paragraphe.\n\nSecond.');
  assert.equal(a.url, 'https://fil.example/1');
  assert.equal(a.published_raw, '2025-01-02T10:00:00Z');
  assert.equal(a.source, 'Le fil');
  assert.equal(a.declared_lang, 'fr');
  assert.equal(b.text, 'Un.\n\nDeux & trois.');
  assert.equal(b.published_raw, '2025-01-03T10:00:00Z');
  assert.equal(b.item_index, 1);
  assert.equal(c.text, 'Texte brut du résumé.');
  assert.equal(c.item_index, 2);
});

test('RSS 1.0 (RDF) items', () => {
  const rdf = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>RDF feed</title></channel>
<item><title>One</title><link>https://r.example/1</link><dc:date>2024-05-01</dc:date><description>Body one.</description></item>
</rdf:RDF>`;
  const [d] = docs(parseFeed(rdf, { sourcePath: 'r.xml' }));
  assert.equal(d.text, 'Body one.');
  assert.equal(d.published_raw, '2024-05-01');
  assert.equal(d.source, 'RDF feed');
});

test('XML that is not a feed is unsupported; oversized items are problems', () => {
  assert.throws(() => parseFeed('<?xml version="1.0"?><urlset><url><loc>x</loc></url></urlset>', { sourcePath: 's.xml' }), (e: unknown) => e instanceof IngestError && e.code === 'unsupported');
  const big = `<rss><channel><title>t</title><item><title>x</title><description>${'y'.repeat(300)}</description></item></channel></rss>`;
  const [item] = parseFeed(big, { sourcePath: 'b.rss', maxDocBytes: 100 });
  assert.equal(item.kind === 'problem' && item.problem.code, 'too_large');
});

test('looksLikeFeed', () => {
  assert.ok(looksLikeFeed('<?xml version="1.0"?>\n<!-- c -->\n<rss version="2.0">'));
  assert.ok(looksLikeFeed('<feed xmlns="http://www.w3.org/2005/Atom">'));
  assert.ok(!looksLikeFeed('<!doctype html><html><body>rss feed</body></html>'));
});
