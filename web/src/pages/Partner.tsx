/** Partner page (/partners/CZE) and pair page (/pairs/CZE-VNM): the same views, one or two codes. */
import { useMemo } from 'preact/hooks';
import { apiUrl, useApi } from '../api.ts';
import { Card, CommitmentTable, CountList, CsvLink, Stat, evidenceHref } from '../components/Bits.tsx';
import { EChart } from '../components/EChart.tsx';
import { FilterBar } from '../components/FilterBar.tsx';
import { Async, Empty } from '../components/States.tsx';
import { useI18n } from '../i18n/index.ts';
import { Link, type Loc } from '../router.ts';
import type { PartnerSummary } from '../types.ts';
import { domainLabel, filtersOf, partyLabel, useVocab } from '../vocab.ts';
import { timelineOption } from './Overview.tsx';

export function PartnerPage({ codes, loc }: { codes: string[]; loc: Loc }) {
  const { t, tv, lang, fmt } = useI18n();
  const vocab = useVocab();
  const filters = filtersOf(loc.query);
  const url = codes.length === 1 ? `/api/partners/${encodeURIComponent(codes[0])}` : `/api/pairs/${encodeURIComponent(`${codes[0]}-${codes[1]}`)}`;
  const s = useApi<PartnerSummary>(apiUrl(url, filters));
  const keep = new URLSearchParams(filters).toString();
  const qs = keep ? `?${keep}` : '';

  const tOption = useMemo(() => s.data && timelineOption(s.data.timeline, 'type', (k) => k), [s.data]);

  const title = (d?: PartnerSummary) =>
    codes.map((c) => partyLabel(vocab, c, lang, d?.parties.find((p) => p.code === c)?.names)).join(' – ');

  return (
    <>
      <p class="crumbs">
        <Link href={`/${qs}`}>{t('nav.overview')}</Link> › {codes.length === 1 ? t('partner.title') : t('partner.pair')}
      </p>
      <h1 data-testid="partner-title">
        {title(s.data)} <span class="muted code-suffix">({codes.join('–')})</span>
      </h1>
      <FilterBar loc={loc} />
      <Async {...s}>
        {(d) => (
          <>
            <div class="stats">
              <Stat label={t('partner.events')} value={d.events} testid="partner-events" />
              <Stat label={t('partner.documents')} value={d.documents} testid="partner-documents" />
              <Stat label={t('partner.commitments')} value={d.commitments.length} testid="partner-commitments" />
              <div class="stat stat-wide">
                <span class="stat-value small-value">{d.first_date ? `${d.first_date} → ${d.last_date}` : t('common.none')}</span>
                <span class="stat-label">{t('partner.period')}</span>
              </div>
            </div>
            {d.events === 0 && <Empty>{t('partner.noEvents')}</Empty>}
            {d.timeline.months.length > 0 && (
              <Card id="partner-timeline" title={t('partner.timeline')}>
                <EChart option={tOption!} height={260} label={t('partner.timeline')} testid="partner-timeline-chart" />
              </Card>
            )}
            <div class="grid-3">
              <Card id="domains" title={t('partner.domains')}>
                <CountList items={d.domains} label={(k) => domainLabel(vocab, k, lang)} testid="partner-domains" />
              </Card>
              <Card id="types" title={t('partner.types')}>
                <CountList items={d.event_types} label={(k) => k} testid="partner-types" />
                <h3>{t('partner.modalities')}</h3>
                <CountList items={d.modalities} label={(k) => tv('modality', k)} />
              </Card>
              <Card id="counterparts" title={t('partner.counterparts')}>
                <CountList
                  items={d.counterparts}
                  label={(k) => `${k} · ${partyLabel(vocab, k, lang)}`}
                  href={(k) => (codes.length === 1 ? `/pairs/${encodeURIComponent(`${codes[0]}-${k}`)}${qs}` : `/partners/${encodeURIComponent(k)}${qs}`)}
                />
              </Card>
            </div>
            <div class="grid-2">
              <Card id="people" title={t('partner.people')}>
                {d.people.length ? (
                  <div class="table-wrap">
                    <table class="table" data-testid="people-table">
                      <thead>
                        <tr>
                          <th scope="col">{t('table.name')}</th>
                          <th scope="col">{t('table.role')}</th>
                          <th scope="col">{t('table.country')}</th>
                          <th scope="col" class="num">
                            {t('table.documents')}
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {d.people.map((p) => (
                          <tr key={p.name}>
                            <td>{p.name}</td>
                            <td>{p.role ?? t('common.none')}</td>
                            <td>{p.country ?? t('common.none')}</td>
                            <td class="num">{fmt(p.documents)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                ) : (
                  <p class="muted">{t('common.none')}</p>
                )}
              </Card>
              <Card id="organisations" title={t('partner.organisations')}>
                {d.organisations.length ? (
                  <ul class="plain">
                    {d.organisations.map((o) => (
                      <li key={o.name}>
                        {o.name} {o.country && <span class="muted">({o.country})</span>}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p class="muted">{t('common.none')}</p>
                )}
              </Card>
            </div>
            <Card
              id="partner-commitments-card"
              title={t('partner.commitments')}
              actions={
                <CsvLink
                  href={apiUrl('/api/facts/commitments', { ...filters, type: undefined, modality: undefined, [codes.length === 1 ? 'party' : 'pair']: codes.join('-'), format: 'csv' })}
                  name="commitments"
                />
              }
            >
              {d.commitments.length ? <CommitmentTable items={d.commitments} /> : <p class="muted">{t('common.none')}</p>}
            </Card>
            {d.policies.length > 0 && (
              <Card id="policies" title={t('partner.policies')}>
                <ul class="plain">
                  {d.policies.map((p) => (
                    <li key={p.id}>
                      <Link href={evidenceHref(p.doc_id, p.text_info.sequence)}>{p.name}</Link>{' '}
                      <span class="muted">
                        ({p.jurisdiction ?? '?'}, {tv('status', p.status)}
                        {p.date ? `, ${p.date}` : ''})
                      </span>
                    </li>
                  ))}
                </ul>
              </Card>
            )}
            <Card
              id="articles"
              title={t('partner.articles')}
              actions={
                codes.length === 1 ? (
                  <CsvLink
                    href={apiUrl('/api/documents', { lang: filters.lang, since: filters.since, until: filters.until, domain: filters.domain, party: codes[0], format: 'csv' })}
                    name="documents"
                  />
                ) : (
                  <CsvLink href={apiUrl('/api/facts/events', { ...filters, pair: codes.join('-'), format: 'csv' })} name="events" />
                )
              }
            >
              {d.latest_articles.length ? (
                <ul class="articles" data-testid="partner-articles">
                  {d.latest_articles.map((a) => (
                    <li key={a.id}>
                      <Link href={`/documents/${encodeURIComponent(a.id)}`} lang={a.lang}>
                        {a.title ?? a.id}
                      </Link>
                      <div class="muted small">
                        {a.published ?? t('reader.undated')} · {a.lang} {a.source ? `· ${a.source}` : ''} · {t('partner.events')}: {fmt(a.events)}
                      </div>
                    </li>
                  ))}
                </ul>
              ) : (
                <p class="muted">{t('common.none')}</p>
              )}
            </Card>
          </>
        )}
      </Async>
    </>
  );
}
