/**
 * DOM → text with one paragraph per block element, paragraphs separated by a blank line.
 *
 * `textContent` of an article glues paragraphs together ("…fin.Début…"), which breaks sentence
 * splitting and search snippets, so text is rebuilt here: every block-level element boundary ends a
 * paragraph, `<br>` is a line break inside one, whitespace inside a paragraph collapses as a
 * browser would render it, and `<pre>` keeps its lines. The walk is iterative so that absurdly
 * deep markup cannot overflow the stack.
 */
import { parseHTML } from 'linkedom';

/** Elements whose boundaries end a paragraph. */
const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr',
  'html', 'legend', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th',
  'thead', 'tr', 'ul',
]);

/** Elements that never contribute readable text. */
const SKIP_TAGS = new Set([
  'audio', 'button', 'canvas', 'datalist', 'embed', 'head', 'iframe', 'input', 'link', 'map', 'math', 'meta', 'noscript',
  'object', 'option', 'script', 'select', 'style', 'svg', 'template', 'textarea', 'title', 'video',
]);

const HIDDEN_STYLE = /(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;

/** Minimal structural view of the DOM nodes we read (linkedom and browser DOMs both fit). */
interface DomNode {
  nodeType: number;
  childNodes: ArrayLike<DomNode>;
  textContent: string | null;
  localName?: string;
  getAttribute?(name: string): string | null;
  hasAttribute?(name: string): boolean;
}

const END = Symbol('end-of-block');

/** Text of `root`, one paragraph per block, joined by "\n\n". */
export function blocksToText(root: unknown): string {
  const paragraphs: string[] = [];
  let parts: string[] = [];
  const flush = () => {
    if (parts.length === 0) return;
    const lines = parts.join('').split('\n').map((l) => l.replace(/\s+/g, ' ').trim()).filter(Boolean);
    if (lines.length) paragraphs.push(lines.join('\n'));
    parts = [];
  };

  const stack: Array<DomNode | typeof END> = [root as DomNode];
  while (stack.length) {
    const node = stack.pop()!;
    if (node === END) {
      flush();
      continue;
    }
    if (node.nodeType === 3) {
      parts.push((node.textContent ?? '').replace(/\n/g, ' '));
      continue;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) continue;
    const tag = node.localName?.toLowerCase() ?? '';
    if (SKIP_TAGS.has(tag) || isHidden(node)) continue;
    if (tag === 'br') {
      parts.push('\n');
      continue;
    }
    if (tag === 'pre') {
      flush();
      const pre = (node.textContent ?? '').replace(/[ \t]+$/gm, '').replace(/^\n+|\n+$/g, '');
      if (pre.trim()) paragraphs.push(pre);
      continue;
    }
    const block = BLOCK_TAGS.has(tag);
    if (block) {
      flush();
      stack.push(END);
    }
    const kids = node.childNodes;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  flush();
  return paragraphs.join('\n\n');
}

/** Text of an HTML fragment (feed item body, JSON `html` snippet) without Readability. */
export function htmlFragmentToText(html: string): string {
  const { document } = parseHTML(ensureDocumentShell(html));
  return blocksToText(document.body);
}

/**
 * linkedom does not build the implied <html>/<head>/<body> of HTML5 parsing: a fragment or a page
 * without <body> yields an empty or broken tree. Rebuild an explicit shell, keeping <html> attributes
 * (for lang) and any <head> block.
 */
export function ensureDocumentShell(html: string): string {
  if (/<body[\s>]/i.test(html) && /<html[\s>]/i.test(html)) return html;
  const htmlTag = /<html\b[^>]*>/i.exec(html)?.[0] ?? '<html>';
  let head = '';
  let rest = html.replace(/<!doctype[^>]*>/i, '').replace(/<html\b[^>]*>/i, '').replace(/<\/html\s*>/i, '');
  const h = /<head\b[^>]*>([\s\S]*?)<\/head\s*>/i.exec(rest);
  if (h) {
    head = h[1];
    rest = rest.slice(0, h.index) + rest.slice(h.index + h[0].length);
  }
  rest = rest.replace(/<\/?body\b[^>]*>/gi, '');
  return `<!DOCTYPE html>${htmlTag}<head>${head}</head><body>${rest}</body></html>`;
}

function isHidden(node: DomNode): boolean {
  if (node.nodeType !== 1 || !node.getAttribute) return false;
  if (node.hasAttribute?.('hidden')) return true;
  if (node.getAttribute('aria-hidden') === 'true') return true;
  const style = node.getAttribute('style');
  return style !== null && HIDDEN_STYLE.test(style);
}
