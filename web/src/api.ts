/** Fetching the API: URL building, error objects, and a small data-loading hook. */
import { useCallback, useEffect, useState } from 'preact/hooks';

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export type Params = Record<string, string | number | boolean | null | undefined>;

export function apiUrl(path: string, params: Params = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

export async function fetchJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(url, { headers: { accept: 'application/json' }, signal });
  if (!res.ok) {
    let code = 'http_error';
    let message = `${res.status} ${res.statusText}`;
    try {
      const body = (await res.json()) as { error?: { code: string; message: string } };
      if (body.error) (code = body.error.code), (message = body.error.message);
    } catch {
      /* not JSON */
    }
    throw new ApiFailure(res.status, code, message);
  }
  return (await res.json()) as T;
}

export interface Loaded<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload: () => void;
}

/** Load `url` (null: nothing to load); refetches when the URL changes, aborts stale requests. */
export function useApi<T>(url: string | null): Loaded<T> {
  const [state, setState] = useState<{ url: string | null; data?: T; error?: Error; loading: boolean }>({ url, loading: !!url });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!url) {
      setState({ url, loading: false });
      return;
    }
    const ctl = new AbortController();
    setState((s) => ({ url, data: s.url === url ? s.data : undefined, loading: true }));
    fetchJson<T>(url, ctl.signal).then(
      (data) => setState({ url, data, loading: false }),
      (error: Error) => {
        if (error.name !== 'AbortError') setState({ url, error, loading: false });
      },
    );
    return () => ctl.abort();
  }, [url, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  const fresh = state.url === url;
  return { data: fresh ? state.data : undefined, error: fresh ? state.error : undefined, loading: !fresh || state.loading, reload };
}

/** Only http(s) URLs become links: article metadata is untrusted (javascript:, data: …). */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

export interface Paged<T> {
  items: T[];
  /** Extra fields of the first page (e.g. total, facets). */
  first: Record<string, unknown> | undefined;
  error: Error | undefined;
  loading: boolean;
  hasMore: boolean;
  more: () => void;
  reload: () => void;
}

/**
 * A cursor-paginated list: the first page loads with the URL; "load more" appends the next
 * pages. `key` is the array field of the response (items, hits).
 */
export function usePaged<T>(url: string | null, key: 'items' | 'hits' = 'items'): Paged<T> {
  const first = useApi<Record<string, unknown>>(url);
  const [extra, setExtra] = useState<{ url: string | null; items: T[]; cursor: string | null | undefined; loading: boolean; error?: Error }>({
    url,
    items: [],
    cursor: undefined,
    loading: false,
  });
  const own = extra.url === url;
  const cursor = own && extra.cursor !== undefined ? extra.cursor : ((first.data?.next_cursor as string | null | undefined) ?? null);
  const more = useCallback(() => {
    if (!url || !cursor) return;
    setExtra((s) => ({ ...(s.url === url ? s : { url, items: [], cursor }), loading: true, error: undefined }));
    fetchJson<Record<string, unknown>>(`${url}${url.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}`).then(
      (page) =>
        setExtra((s) => ({
          url,
          items: [...(s.url === url ? s.items : []), ...((page[key] as T[]) ?? [])],
          cursor: (page.next_cursor as string | null) ?? null,
          loading: false,
        })),
      (error: Error) => setExtra((s) => ({ ...s, loading: false, error })),
    );
  }, [url, cursor, key]);
  const items = [...(((first.data?.[key] as T[]) ?? []) as T[]), ...(own ? extra.items : [])];
  return {
    items,
    first: first.data,
    error: first.error ?? (own ? extra.error : undefined),
    loading: first.loading || (own && extra.loading),
    hasMore: !!cursor,
    more,
    reload: first.reload,
  };
}
