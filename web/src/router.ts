/**
 * A tiny client-side router on the History API: views are real URLs (path + query string), so
 * any view can be bookmarked, shared or reloaded (the server falls back to index.html).
 */
import { h, type ComponentChildren, type JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';

const listeners = new Set<() => void>();

function notify(): void {
  for (const f of listeners) f();
}

window.addEventListener('popstate', notify);

export function navigate(url: string, opts: { replace?: boolean } = {}): void {
  const before = location.pathname;
  if (opts.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  notify();
  if (!opts.replace && location.pathname !== before) window.scrollTo(0, 0);
}

export interface Loc {
  path: string;
  query: URLSearchParams;
  href: string;
}

function current(): Loc {
  return { path: location.pathname, query: new URLSearchParams(location.search), href: location.pathname + location.search };
}

export function useLocation(): Loc {
  const [loc, setLoc] = useState(current);
  useEffect(() => {
    const f = () => setLoc(current());
    listeners.add(f);
    return () => void listeners.delete(f);
  }, []);
  return loc;
}

/** Set / remove query parameters of the current URL (empty values remove). */
export function withQuery(query: URLSearchParams, changes: Record<string, string | null | undefined>, path = location.pathname): string {
  const q = new URLSearchParams(query);
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === undefined || v === '') q.delete(k);
    else q.set(k, v);
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

type AnchorProps = JSX.HTMLAttributes<HTMLAnchorElement> & { href: string; children?: ComponentChildren };

/** An in-app link: a real <a href> (keyboard, middle-click, copy link) that routes without reloading. */
export function Link(props: AnchorProps) {
  const { href, onClick, ...rest } = props;
  return h('a', {
    ...rest,
    href,
    onClick: (e: MouseEvent) => {
      if (onClick) (onClick as (e: MouseEvent) => void)(e);
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      navigate(href);
    },
  } as JSX.HTMLAttributes<HTMLAnchorElement>);
}
