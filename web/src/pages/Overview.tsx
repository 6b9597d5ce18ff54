/** Overview: totals, monthly timeline, partner × domain heat map, cooperation network. */
import { useMemo } from 'preact/hooks';
import { apiUrl, useApi } from '../api.ts';
import { Card, CsvLink, Stat } from '../components/Bits.tsx';
import { EChart } from '../components/EChart.tsx';
import { FilterBar } from '../components/FilterBar.tsx';
import { NetworkGraph } from '../components/NetworkGraph.tsx';
import { Async, Empty } from '../components/States.tsx';
import { useI18n } from '../i18n/index.ts';
import { Link, navigate, withQuery, type Loc } from '../router.ts';
import type { Matrix, Network, OverviewTotals, PartnerItem, Timeline } from '../types.ts';
import { HOME, domainLabel, filtersOf, partyLabel, useVocab } from '../vocab.ts';

const PALETTE = ['#1f4e79', '#2e86ab', '#f18f01', '#c73e1d', '#3b8b5a', '#7a4d9c', '#a23b72', '#6c757d', '#e0a458', '#4f6d7a'];

export function timelineOption(t: Timeline, by: 'type' | 'modality', label: (k: string) => string) {
  const series = by === 'type' ? t.by_type : t.by_modality;
  return {
    color: PALETTE,
    tooltip: { trigger: 'axis', renderMode: 'richText' },
    legend: { type: 'scroll', bottom: 0 },
    grid: { left: 40, right: 12, top: 12, bottom: 56 },
    xAxis: { type: 'category', data: t.months },
    yAxis: { type: 'value', minInterval: 1 },
    series: series.map((s) => ({ type: 'bar', stack: 'all', barMaxWidth: 48, name: label(s.key), data: s.counts, emphasis: { focus: 'series' } })),
  };
}

function heatmapOption(m: Matrix, partners: string[], domainName: (d: string) => string) {
  const xi = new Map(m.domains.map((d, i) => [d, i]));
  const yi = new Map(partners.map((p, i) => [p, i]));
  const data = m.cells.filter((c) => yi.has(c.partner)).map((c) => [xi.get(c.domain)!, yi.get(c.partner)!, c.events]);
  const max = Math.max(1, ...data.map((d) => d[2]));
  return {
    tooltip: { renderMode: 'richText', formatter: (p: { value: number[] }) => `${partners[p.value[1]]} · ${domainName(m.domains[p.value[0]])}: ${p.value[2]}` },
    grid: { left: 64, right: 12, top: 8, bottom: 120 },
    xAxis: { type: 'category', data: m.domains.map(domainName), axisLabel: { rotate: 40, interval: 0, width: 110, overflow: 'truncate' }, splitArea: { show: true } },
    yAxis: { type: 'category', data: partners, inverse: true, splitArea: { show: true } },
    visualMap: { min: 0, max, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120, inRange: { color: ['#eef4fa', '#1f4e79'] } },
    series: [{ type: 'heatmap', data, label: { show: true }, emphasis: { itemStyle: { borderColor: '#000', borderWidth: 1 } } }],
  };
}

export function Overview({ loc }: { loc: Loc }) {
  const { t, tv, lang, fmt } = useI18n();
  const vocab = useVocab();
  const filters = filtersOf(loc.query);
  const totals = useApi<OverviewTotals>(apiUrl('/api/overview', filters));
  const timeline = useApi<Timeline>(apiUrl('/api/timeline', filters));
  const matrix = useApi<Matrix>(apiUrl('/api/matrix', filters));
  const net = useApi<Network>(apiUrl('/api/network', filters));
  const partners = useApi<{ items: PartnerItem[] }>(apiUrl('/api/partners', filters));
  const by = loc.query.get('by') === 'modality' ? 'modality' : 'type';
  const hideHome = loc.query.get('home') === 'hide';
  const domainName = (d: string) => domainLabel(vocab, d, lang);

  const tOption = useMemo(
    () => timeline.data && timelineOption(timeline.data, by, (k) => (by === 'type' ? k : tv('modality', k))),
    [timeline.data, by, lang],
  );
  const shownPartners = matrix.data ? matrix.data.partners.filter((p) => !(hideHome && p === HOME)) : [];
  const hOption = useMemo(() => matrix.data && heatmapOption(matrix.data, shownPartners, domainName), [matrix.data, hideHome, lang, vocab]);

  return (
    <>
      <h1>{t('overview.title')}</h1>
      <FilterBar loc={loc} />
      <Async {...totals}>
        {(d) => (
          <div class="stats" data-testid="totals">
            <Stat label={t('totals.documents')} value={d.documents} testid="total-documents" />
            <Stat label={t('totals.events')} value={d.events} testid="total-events" />
            <Stat label={t('totals.partners')} value={d.partners} testid="total-partners" />
            <Stat label={t('totals.commitments')} value={d.commitments} testid="total-commitments" href="/commitments" />
            <Stat label={t('totals.overdue')} value={d.overdue_commitments} testid="total-overdue" href="/commitments?overdue=true" />
            <Stat label={t('totals.policies')} value={d.policies} testid="total-policies" />
            <Stat label={t('totals.people')} value={d.people} testid="total-people" />
            <Stat label={t('totals.organisations')} value={d.organisations} testid="total-organisations" />
          </div>
        )}
      </Async>

      <div class="grid-2">
        <Card
          id="timeline"
          title={t('overview.timeline')}
          actions={
            <div class="segmented" role="group" aria-label={t('overview.timeline')}>
              <CsvLink href={apiUrl('/api/timeline', { ...filters, format: 'csv' })} name="timeline" />
              {(['type', 'modality'] as const).map((b) => (
                <button
                  type="button"
                  key={b}
                  class="btn btn-small"
                  aria-pressed={by === b}
                  onClick={() => navigate(withQuery(loc.query, { by: b === 'type' ? null : b }), { replace: true })}
                >
                  {t(b === 'type' ? 'overview.byType' : 'overview.byModality')}
                </button>
              ))}
            </div>
          }
        >
          <Async {...timeline}>
            {(d) =>
              d.months.length ? (
                <>
                  <EChart option={tOption!} label={t('overview.timeline')} testid="timeline-chart" />
                  {d.undated > 0 && <p class="muted small">{t('overview.undated', { n: fmt(d.undated) })}</p>}
                </>
              ) : (
                <Empty />
              )
            }
          </Async>
        </Card>

        <Card id="network" title={t('overview.network')} actions={<CsvLink href={apiUrl('/api/network', { ...filters, format: 'csv' })} name="network-edges" />}>
          <Async {...net}>
            {(d) =>
              d.nodes.length ? (
                <>
                  <NetworkGraph data={d} label={t('overview.network')} names={(c) => partyLabel(vocab, c, lang)} />
                  <p class="muted small">{t('overview.networkHint')}</p>
                </>
              ) : (
                <Empty />
              )
            }
          </Async>
        </Card>
      </div>

      <Card
        id="matrix"
        title={t('overview.matrix')}
        actions={
          <span class="segmented">
          <CsvLink href={apiUrl('/api/matrix', { ...filters, format: 'csv' })} name="matrix" />
          <label class="check">
            <input
              type="checkbox"
              checked={hideHome}
              onChange={(e) => navigate(withQuery(loc.query, { home: (e.target as HTMLInputElement).checked ? 'hide' : null }), { replace: true })}
            />{' '}
            {t('overview.hideHome')}
          </label>
          </span>
        }
      >
        <Async {...matrix}>
          {(d) =>
            d.cells.length && shownPartners.length ? (
              <div class="scroll-x">
                <div style={{ minWidth: `${Math.max(360, 90 + 56 * d.domains.length)}px` }}>
                  <EChart option={hOption!} height={150 + 26 * shownPartners.length} label={t('overview.matrix')} testid="matrix-chart" />
                </div>
              </div>
            ) : (
              <Empty />
            )
          }
        </Async>
      </Card>

      <Card id="partners" title={t('overview.partners')} actions={<CsvLink href={apiUrl('/api/partners', { ...filters, format: 'csv' })} name="partners" />}>
        <Async {...partners}>
          {(d) =>
            d.items.length ? (
              <div class="table-wrap">
                <table class="table" data-testid="partners-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('table.code')}</th>
                      <th scope="col">{t('table.name')}</th>
                      <th scope="col" class="num">
                        {t('table.events')}
                      </th>
                      <th scope="col" class="num">
                        {t('table.documents')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.items.map((p) => (
                      <tr key={p.code} data-code={p.code}>
                        <td>
                          <Link href={`/partners/${encodeURIComponent(p.code)}`}>{p.code}</Link>
                        </td>
                        <td>{p.names[lang]}</td>
                        <td class="num" data-value={p.events}>
                          {fmt(p.events)}
                        </td>
                        <td class="num">{fmt(p.documents)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <Empty />
            )
          }
        </Async>
      </Card>
    </>
  );
}
