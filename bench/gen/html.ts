/**
 * A news web page around a synthetic article: head metadata, inline CSS, JSON-LD and scripts, a
 * mega menu, cookie banner, ad slots, share buttons, breadcrumbs, the article, a sidebar of
 * related and most-read teasers, comments and a footer — the chrome Readability has to see through.
 * Pages are filled to a target size (about 50 KB, ~1,100 elements) with a grid of teaser cards.
 */
import { Rng, mixSeed } from './rng.ts';
import type { Article } from './article.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const SECTIONS: Record<string, string[]> = {
  en: ['World', 'Business', 'Technology', 'Science', 'Politics', 'Sport', 'Culture', 'Health', 'Travel', 'Opinion', 'Video', 'Podcasts'],
  fr: ['Monde', 'Économie', 'Technologies', 'Sciences', 'Politique', 'Sport', 'Culture', 'Santé', 'Voyage', 'Opinions', 'Vidéos', 'Podcasts'],
  vi: ['Thế giới', 'Kinh doanh', 'Công nghệ', 'Khoa học', 'Thời sự', 'Thể thao', 'Văn hóa', 'Sức khỏe', 'Du lịch', 'Góc nhìn', 'Video', 'Podcast'],
};

const CHROME_TEXT: Record<string, { cookie: string; share: string; comments: string; related: string; home: string; by: string }> = {
  en: { cookie: 'We use cookies to improve your experience. Accept all cookies?', share: 'Share', comments: 'Comments', related: 'Related articles', home: 'Home', by: 'By' },
  fr: { cookie: 'Nous utilisons des cookies pour améliorer votre expérience. Tout accepter ?', share: 'Partager', comments: 'Commentaires', related: 'Articles liés', home: 'Accueil', by: 'Par' },
  vi: { cookie: 'Chúng tôi sử dụng cookie để cải thiện trải nghiệm của bạn. Đồng ý?', share: 'Chia sẻ', comments: 'Bình luận', related: 'Tin liên quan', home: 'Trang chủ', by: 'Tác giả' },
};

function randomToken(r: Rng, len: number): string {
  const abc = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let s = '';
  for (let i = 0; i < len; i++) s += abc[r.int(0, abc.length - 1)];
  return s;
}

/** Render `a` as a full HTML page of roughly `targetBytes`. */
export function articlePage(a: Article, seed: number, targetBytes = 50_000): string {
  const r = new Rng(mixSeed(seed, a.index, 7));
  const t = CHROME_TEXT[a.lang];
  const sections = SECTIONS[a.lang];
  const section = r.pick(sections);
  const host = new URL(a.url).host;
  const link = (text: string, cls = '') => `<a${cls ? ` class="${cls}"` : ''} href="/${a.lang}/${randomToken(r, 10)}.html">${esc(text)}</a>`;
  const headline = () => r.pick(a.related.length ? a.related : [a.title]);
  // A teaser card as news sites nest them: image, section label, headline, time.
  const card = (cls: string) =>
    `<div class="${cls} card"><div class="thumb"><a href="/${a.lang}/${randomToken(r, 8)}.html"><img src="/img/${randomToken(r, 12)}.jpg" alt="" loading="lazy" width="320" height="180"></a></div>` +
    `<div class="card-body"><span class="label">${link(r.pick(sections), 'cat')}</span><h3 class="card-title">${link(headline())}</h3>` +
    `<div class="card-meta"><time>${r.int(1, 23)}h</time><span class="comments">${r.int(0, 99)}</span></div></div></div>`;
  const adSlot = () => `<div class="ad-slot" id="ad-${randomToken(r, 6)}" data-size="300x250"><div class="ad-inner"><span class="ad-label">Advertisement</span></div></div>`;

  const css = Array.from({ length: 40 }, (_, i) => `.c${i}-${randomToken(r, 4)}{margin:${i % 7}px ${i % 5}px;padding:${i % 3}px;color:#${randomToken(r, 6).replace(/[g-z]/g, 'a')}}`).join('');
  // Mega menu: every section with its sub-sections.
  const nav = sections
    .map((s) => `<li class="nav-item"><a href="/${encodeURIComponent(s.toLowerCase())}/">${esc(s)}</a><ul class="sub">${Array.from({ length: 8 }, () => `<li>${link(r.pick(sections))}</li>`).join('')}</ul></li>`)
    .join('');
  const body = a.paragraphs
    .map((p, i) => `<p>${esc(p.join(' '))}</p>` + (i === 0 && a.credit ? `<figure><img src="/img/${randomToken(r, 12)}.jpg" alt=""><figcaption>${esc(a.credit)}</figcaption></figure>` : '') + (i === 1 ? adSlot() : ''))
    .join('\n');
  const related = a.related.map(() => `<li>${card('related-item')}</li>`).join('');
  const mostRead = Array.from({ length: 10 }, (_, i) => `<li><span class="rank">${i + 1}</span>${link(headline())}</li>`).join('');
  const footerCols = Array.from({ length: 4 }, () => `<div class="col"><h4>${esc(r.pick(sections))}</h4><ul>${Array.from({ length: 10 }, () => `<li>${link(r.pick(sections))}</li>`).join('')}</ul></div>`).join('');
  const published = a.published ?? '2024-01-01';
  const jsonLd = JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: a.title, datePublished: published, author: { '@type': 'Person', name: a.person }, publisher: { '@type': 'Organization', name: a.source } }).replace(/</g, '\\u003c');
  const analytics = `<script>(function(w,d){w.dataLayer=w.dataLayer||[];w.dataLayer.push({page:'${randomToken(r, 16)}',section:'${esc(section)}'});${Array.from({ length: 30 }, () => `w['${randomToken(r, 6)}']=${r.int(0, 9999)};`).join('')}})(window,document);</script>`;

  const head =
    `<!DOCTYPE html><html lang="${a.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${esc(a.title)} | ${esc(a.source)}</title>` +
    `<meta property="og:title" content="${esc(a.title)}"><meta property="og:site_name" content="${esc(a.source)}">` +
    `<meta property="og:url" content="${esc(a.url)}"><meta property="article:published_time" content="${published}T08:00:00+07:00">` +
    `<link rel="canonical" href="${esc(a.url)}"><style>${css}</style><script type="application/ld+json">${jsonLd}</script>${analytics}</head>`;
  const top =
    `<body class="article-page"><div class="cookie-banner" id="cookie">${esc(t.cookie)} <button>OK</button></div>${adSlot()}` +
    `<header class="site-header"><a class="logo" href="/">${esc(a.source)}</a><nav class="main-nav"><ul>${nav}</ul></nav>` +
    `<form class="search" action="/search"><input name="q" placeholder="…"></form></header>` +
    `<main><div class="breadcrumb"><a href="/">${esc(t.home)}</a> › <a href="/${encodeURIComponent(section)}/">${esc(section)}</a></div>` +
    `<div class="layout"><article class="story"><h1 class="title">${esc(a.title)}</h1>` +
    `<div class="meta"><span class="author">${esc(t.by)} ${esc(a.person)}</span> <time datetime="${published}">${published}</time></div>` +
    `<div class="share-bar"><span>${esc(t.share)}</span><a href="#">Facebook</a><a href="#">X</a><a href="#">LinkedIn</a><a href="#">Email</a></div>` +
    `<div class="article-body">\n${body}\n</div><div class="tags">${Array.from({ length: 6 }, () => link(r.pick(sections), 'tag')).join('')}</div></article>` +
    `<aside class="sidebar">${adSlot()}<section class="related"><h3>${esc(t.related)}</h3><ul>${related}</ul></section>` +
    `<section class="most-read"><ol>${mostRead}</ol></section>${adSlot()}</aside></div>` +
    `<section class="comments"><h3>${esc(t.comments)} (${r.int(0, 40)})</h3><div id="comment-root"></div></section>`;
  const bottom = `</main><footer class="site-footer"><div class="cols">${footerCols}</div><div class="links">${a.footer.map((f) => `<span>${esc(f)}</span>`).join(' | ')}</div><p>© ${published.slice(0, 4)} ${esc(host)}</p></footer></body></html>\n`;

  // Fill to the target with what fills real pages: a "more stories" grid of teaser cards and ads.
  const more: string[] = [];
  let size = Buffer.byteLength(head + top + bottom, 'utf8') + 60;
  for (let i = 0; size < targetBytes; i++) {
    const c = i % 8 === 7 ? adSlot() : card('more-item');
    more.push(c);
    size += Buffer.byteLength(c, 'utf8');
  }
  return `${head}${top}<section class="more-stories"><div class="grid">${more.join('')}</div></section>${bottom}`;
}
