/** Shell: header (navigation, UI language), vocabularies, and the route switch. */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useApi } from './api.ts';
import { I18n, UI_LANGS, initialLang, makeI18n, nativeName, rememberLang, type UiLang } from './i18n/index.ts';
import { Link, useLocation } from './router.ts';
import type { DomainLabel, Names, PartnerItem } from './types.ts';
import { VocabContext, type Vocab } from './vocab.ts';
import { Overview } from './pages/Overview.tsx';
import { PartnerPage } from './pages/Partner.tsx';
import { Commitments } from './pages/Commitments.tsx';
import { Search } from './pages/Search.tsx';
import { Reader } from './pages/Reader.tsx';
import { NotFound } from './pages/NotFound.tsx';

const CODE = '[A-Za-z][A-Za-z0-9]{1,11}';
const PARTNER = new RegExp(`^/partners/(${CODE})/?$`);
const PAIR = new RegExp(`^/pairs/(${CODE})-(${CODE})/?$`);
const DOC = /^\/documents\/(.+)$/;

function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

export function App() {
  const [lang, setLangState] = useState<UiLang>(initialLang);
  const i18n = useMemo(() => makeI18n(lang, setLangState), [lang]);
  useEffect(() => rememberLang(lang), [lang]);
  const loc = useLocation();
  const { t } = i18n;

  const domains = useApi<{ items: DomainLabel[] }>('/api/domains');
  const partners = useApi<{ items: PartnerItem[] }>('/api/partners');
  const vocab = useMemo<Vocab>(
    () => ({ domains: domains.data?.items ?? [], parties: new Map<string, Names>((partners.data?.items ?? []).map((p) => [p.code, p.names])) }),
    [domains.data, partners.data],
  );

  let page;
  let section: 'overview' | 'commitments' | 'search' | null = null;
  let m: RegExpExecArray | null;
  if (loc.path === '/' || loc.path === '') (page = <Overview loc={loc} />), (section = 'overview');
  else if ((m = PARTNER.exec(loc.path))) page = <PartnerPage key={m[1]} codes={[m[1].toUpperCase()]} loc={loc} />;
  else if ((m = PAIR.exec(loc.path))) page = <PartnerPage key={m[0]} codes={[m[1].toUpperCase(), m[2].toUpperCase()]} loc={loc} />;
  else if (loc.path === '/commitments') (page = <Commitments loc={loc} />), (section = 'commitments');
  else if (loc.path === '/search') (page = <Search loc={loc} />), (section = 'search');
  else if ((m = DOC.exec(loc.path)) && safeDecode(m[1])) page = <Reader key={m[1]} id={safeDecode(m[1])!} loc={loc} />;
  else page = <NotFound />;

  const nav = (href: string, key: 'overview' | 'commitments' | 'search') => (
    <Link href={href} aria-current={section === key ? 'page' : undefined}>
      {t(`nav.${key}`)}
    </Link>
  );

  return (
    <I18n.Provider value={i18n}>
      <VocabContext.Provider value={vocab}>
        <a href="#main" class="skip">
          {t('app.skip')}
        </a>
        <header class="top">
          <div class="brand">
            <Link href="/" class="brand-name">
              {t('app.title')}
            </Link>
            <span class="tagline">{t('app.tagline')}</span>
          </div>
          <nav aria-label="main" class="nav">
            {nav('/', 'overview')}
            {nav('/commitments', 'commitments')}
            {nav('/search', 'search')}
          </nav>
          <div class="ui-lang">
            <label for="ui-lang" class="sr-only">
              {t('nav.language')}
            </label>
            <select id="ui-lang" data-testid="ui-lang" value={lang} onChange={(e) => setLangState((e.target as HTMLSelectElement).value as UiLang)}>
              {UI_LANGS.map((l) => (
                <option key={l} value={l} lang={l}>
                  {nativeName(l)}
                </option>
              ))}
            </select>
          </div>
        </header>
        <main id="main" tabIndex={-1}>
          {page}
        </main>
        <footer class="foot muted small">
          Coopwatch · <a href="/api/openapi.json">API (OpenAPI 3.1)</a>
        </footer>
      </VocabContext.Provider>
    </I18n.Provider>
  );
}
