/** Full-text search with facets and highlighted snippets (snippet parts rendered as text + <mark>). */
import { useEffect, useState } from 'preact/hooks';
import { apiUrl, usePaged } from '../api.ts';
import { Empty, ErrorState, Loading } from '../components/States.tsx';
import { useI18n } from '../i18n/index.ts';
import { Link, navigate, withQuery, type Loc } from '../router.ts';
import type { KeyCount, SearchFacets, SearchHit } from '../types.ts';
import { domainLabel, partyLabel, useVocab } from '../vocab.ts';

const FACETS = ['lang', 'partner', 'domain', 'type'] as const;
/** Facet name → the search parameter it sets. */
const PARAM: Record<(typeof FACETS)[number], string> = { lang: 'lang', partner: 'party', domain: 'domain', type: 'type' };

export function Search({ loc }: { loc: Loc }) {
  const { t, lang, fmt } = useI18n();
  const vocab = useVocab();
  const q = loc.query.get('q') ?? '';
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]);
  const params: Record<string, string> = { q };
  for (const f of FACETS) {
    const v = loc.query.get(PARAM[f]);
    if (v) params[PARAM[f]] = v;
  }
  const url = q.trim() ? apiUrl('/api/search', params) : null;
  const res = usePaged<SearchHit>(url, 'hits');
  const facets = res.first?.facets as SearchFacets | undefined;
  const total = res.first?.total as number | undefined;

  const facetLabel = (f: (typeof FACETS)[number], key: string) =>
    f === 'lang' ? t(`lang.${key}` as 'lang.fr') : f === 'domain' ? domainLabel(vocab, key, lang) : f === 'partner' ? `${key} · ${partyLabel(vocab, key, lang)}` : key;

  return (
    <>
      <h1>{t('search.title')}</h1>
      <form
        class="searchbar"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(withQuery(loc.query, { q: draft.trim() || null }));
        }}
      >
        <label for="q" class="sr-only">
          {t('search.title')}
        </label>
        <input id="q" name="q" type="search" value={draft} placeholder={t('search.placeholder')} onInput={(e) => setDraft((e.target as HTMLInputElement).value)} maxLength={500} />
        <button type="submit" class="btn btn-primary">
          {t('search.submit')}
        </button>
      </form>
      {!url && <p class="muted">{t('search.prompt')}</p>}
      {res.error && <ErrorState error={res.error} onRetry={res.reload} />}
      {url && !res.error && res.first === undefined && <Loading />}
      {url && res.first !== undefined && (
        <div class="search-layout">
          <aside class="facets" aria-label={t('search.facets')}>
            {FACETS.map((f) => {
              const items: KeyCount[] = facets?.[f] ?? [];
              const active = loc.query.get(PARAM[f]);
              if (!items.length && !active) return null;
              return (
                <div class="facet" key={f}>
                  <h2>{t(`search.facet.${f}` as 'search.facet.lang')}</h2>
                  <ul class="plain">
                    {items.map((i) => (
                      <li key={i.key}>
                        <button
                          type="button"
                          class="facet-btn"
                          aria-pressed={active === i.key}
                          onClick={() => navigate(withQuery(loc.query, { [PARAM[f]]: active === i.key ? null : i.key }))}
                        >
                          <span>{facetLabel(f, i.key)}</span> <span class="muted">{fmt(i.count)}</span>
                        </button>
                      </li>
                    ))}
                  </ul>
                </div>
              );
            })}
          </aside>
          <section class="hits" aria-live="polite">
            <p class="muted" data-testid="search-total" data-value={total}>
              {t('search.results', { n: fmt(total ?? 0) })}{' '}
              <a class="btn btn-link" href={apiUrl('/api/search', { ...params, format: 'csv', limit: 100 })} download="coopwatch-search.csv">
                {t('list.csv')}
              </a>
            </p>
            {res.items.length === 0 ? (
              <Empty />
            ) : (
              <ol class="hit-list" data-testid="hits">
                {res.items.map((h) => (
                  <li key={h.id} class="hit">
                    <Link href={`/documents/${encodeURIComponent(h.id)}`} class="hit-title" lang={h.lang}>
                      {h.title ?? h.id}
                    </Link>
                    <div class="muted small">
                      {h.published ?? t('reader.undated')} · {h.lang}
                      {h.source ? ` · ${h.source}` : ''}
                    </div>
                    <p class="snippet" lang={h.lang}>
                      {h.snippet_parts.map((p, i) => (p.match ? <mark key={i}>{p.text}</mark> : p.text))}
                    </p>
                  </li>
                ))}
              </ol>
            )}
            {res.hasMore && (
              <button type="button" class="btn" onClick={res.more} disabled={res.loading}>
                {t('list.more')}
              </button>
            )}
          </section>
        </div>
      )}
    </>
  );
}
