/**
 * A news web page around a synthetic article: head metadata, inline CSS and script blobs, a
 * navigation menu, cookie banner, share buttons, breadcrumbs, the article, a related-articles
 * aside, comments and a footer — the chrome Readability has to see through. Pages are padded to
 * a target size (about 50 KB by default), like real article pages without their external assets.
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

  const css = Array.from({ length: 60 }, (_, i) => `.c${i}-${randomToken(r, 4)}{margin:${i % 7}px ${i % 5}px;padding:${i % 3}px;color:#${randomToken(r, 6).replace(/[g-z]/g, 'a')}}`).join('');
  const nav = sections.map((s) => `<li class="nav-item"><a href="/${encodeURIComponent(s.toLowerCase())}/">${esc(s)}</a></li>`).join('');
  const body = a.paragraphs
    .map((p, i) => `<p>${esc(p.join(' '))}</p>` + (i === 0 && a.credit ? `<figure><img src="/img/${randomToken(r, 12)}.jpg" alt=""><figcaption>${esc(a.credit)}</figcaption></figure>` : ''))
    .join('\n');
  const related = a.related.map((h) => `<li><a href="/${a.lang}/${randomToken(r, 10)}.html">${esc(h)}</a><span class="time">${r.int(1, 23)}h</span></li>`).join('');
  const footerLinks = [...a.footer, ...sections].map((s) => `<a href="/p/${randomToken(r, 6)}">${esc(s)}</a>`).join(' | ');
  const published = a.published ?? '2024-01-01';

  const head =
    `<!DOCTYPE html><html lang="${a.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${esc(a.title)} | ${esc(a.source)}</title>` +
    `<meta property="og:title" content="${esc(a.title)}"><meta property="og:site_name" content="${esc(a.source)}">` +
    `<meta property="og:url" content="${esc(a.url)}"><meta property="article:published_time" content="${published}T08:00:00+07:00">` +
    `<link rel="canonical" href="${esc(a.url)}"><style>${css}</style>`;
  const top =
    `<body class="article-page"><div class="cookie-banner" id="cookie">${esc(t.cookie)} <button>OK</button></div>` +
    `<header class="site-header"><a class="logo" href="/">${esc(a.source)}</a><nav class="main-nav"><ul>${nav}</ul></nav>` +
    `<form class="search" action="/search"><input name="q" placeholder="…"></form></header>` +
    `<main><div class="breadcrumb"><a href="/">${esc(t.home)}</a> › <a href="/${encodeURIComponent(section)}/">${esc(section)}</a></div>` +
    `<article class="story"><h1 class="title">${esc(a.title)}</h1>` +
    `<div class="meta"><span class="author">${esc(t.by)} ${esc(a.person)}</span> <time datetime="${published}">${published}</time></div>` +
    `<div class="share-bar"><span>${esc(t.share)}</span><a href="#">Facebook</a><a href="#">X</a><a href="#">LinkedIn</a><a href="#">Email</a></div>` +
    `<div class="article-body">\n${body}\n</div></article>` +
    `<aside class="related"><h3>${esc(t.related)}</h3><ul>${related}</ul></aside>` +
    `<section class="comments"><h3>${esc(t.comments)} (${r.int(0, 40)})</h3><div id="comment-root"></div></section></main>` +
    `<footer class="site-footer"><div class="links">${footerLinks}</div><p>© ${published.slice(0, 4)} ${esc(host)}</p></footer>`;

  // Pad to the target with what fills real pages: inline tracking / configuration scripts.
  let script = '';
  const budget = targetBytes - Buffer.byteLength(head + top, 'utf8') - 200;
  if (budget > 0) {
    const items: string[] = [];
    let size = 0;
    while (size < budget) {
      const item = `{"id":"${randomToken(r, 12)}","slot":"ad-${r.int(1, 99)}","sizes":[[300,250],[728,90]],"k":"${randomToken(r, 24)}"}`;
      items.push(item);
      size += item.length + 1;
    }
    script = `<script>window.__PAGE_CONFIG__={"ads":[${items.join(',')}]};</script>`;
  }
  return `${head}</head>${top}${script}<script>(function(){var c=document.getElementById('cookie');c&&c.remove&&0})();</script></body></html>\n`;
}
