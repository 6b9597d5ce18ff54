/** Commitments tracker: every commitment with actor, deadline, status, days left / overdue. */
import { useEffect, useState } from 'preact/hooks';
import { apiUrl, usePaged } from '../api.ts';
import { CommitmentTable } from '../components/Bits.tsx';
import { Empty, ErrorState, Loading } from '../components/States.tsx';
import { useI18n } from '../i18n/index.ts';
import { navigate, withQuery, type Loc } from '../router.ts';
import type { CommitmentItem } from '../types.ts';
import { COMMITMENT_SORTS, COMMITMENT_STATUSES, DOC_LANGS, domainLabel, useVocab } from '../vocab.ts';

const KEYS = ['status', 'overdue', 'party', 'due_after', 'due_before', 'domain', 'lang', 'since', 'until', 'sort'] as const;

function TextFilter({ name, label, loc, pattern, upper }: { name: string; label: string; loc: Loc; pattern: RegExp; upper?: boolean }) {
  const value = loc.query.get(name) ?? '';
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const invalid = draft !== '' && !pattern.test(draft);
  const commit = () => !invalid && draft !== value && navigate(withQuery(loc.query, { [name]: draft || null }));
  return (
    <div class="field">
      <label for={`c-${name}`}>{label}</label>
      <input
        id={`c-${name}`}
        type="text"
        size={10}
        value={draft}
        aria-invalid={invalid}
        onInput={(e) => {
          const v = (e.target as HTMLInputElement).value.trim();
          setDraft(upper ? v.toUpperCase() : v);
        }}
        onChange={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
    </div>
  );
}

export function Commitments({ loc }: { loc: Loc }) {
  const { t, tv, lang, fmt } = useI18n();
  const vocab = useVocab();
  const params: Record<string, string> = {};
  for (const k of KEYS) {
    const v = loc.query.get(k);
    if (v) params[k] = v;
  }
  const sort = params.sort ?? 'deadline';
  const url = apiUrl('/api/commitments', params);
  const list = usePaged<CommitmentItem>(url);
  const csv = apiUrl('/api/commitments', { ...params, format: 'csv' });
  const date = /^\d{4}(-\d{2}(-\d{2})?)?$/;

  const sortHeader = (col: 'actor' | 'deadline' | 'status', label: string) => {
    const active = sort === col || (col === 'deadline' && sort === '-deadline');
    const next = col === 'deadline' ? (sort === 'deadline' ? '-deadline' : 'deadline') : col;
    const ariaSort = !active ? 'none' : sort === '-deadline' ? 'descending' : 'ascending';
    return (
      <th scope="col" aria-sort={ariaSort}>
        <button
          type="button"
          class="sort-btn"
          aria-label={t('commitments.sortBy', { col: label })}
          onClick={() => navigate(withQuery(loc.query, { sort: next === 'deadline' ? null : next }))}
        >
          {label} <span aria-hidden="true">{active ? (ariaSort === 'descending' ? '▼' : '▲') : '↕'}</span>
        </button>
      </th>
    );
  };

  return (
    <>
      <h1>{t('commitments.title')}</h1>
      <form class="filters" onSubmit={(e) => e.preventDefault()} data-testid="commitment-filters">
        <div class="field">
          <label for="c-status">{t('commitments.status')}</label>
          <select id="c-status" value={params.status ?? ''} onChange={(e) => navigate(withQuery(loc.query, { status: (e.target as HTMLSelectElement).value || null }))}>
            <option value="">{t('filters.any')}</option>
            {COMMITMENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {tv('status', s)}
              </option>
            ))}
          </select>
        </div>
        <TextFilter name="party" label={t('commitments.party')} loc={loc} pattern={/^[A-Za-z][A-Za-z0-9]{1,11}$/} upper />
        <TextFilter name="due_after" label={t('commitments.dueAfter')} loc={loc} pattern={date} />
        <TextFilter name="due_before" label={t('commitments.dueBefore')} loc={loc} pattern={date} />
        <div class="field">
          <label for="c-domain">{t('filters.domain')}</label>
          <select id="c-domain" value={params.domain ?? ''} onChange={(e) => navigate(withQuery(loc.query, { domain: (e.target as HTMLSelectElement).value || null }))}>
            <option value="">{t('filters.any')}</option>
            {vocab.domains.map((d) => (
              <option key={d.id} value={d.id}>
                {domainLabel(vocab, d.id, lang)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="c-lang">{t('filters.lang')}</label>
          <select id="c-lang" value={params.lang ?? ''} onChange={(e) => navigate(withQuery(loc.query, { lang: (e.target as HTMLSelectElement).value || null }))}>
            <option value="">{t('filters.any')}</option>
            {DOC_LANGS.map((l) => (
              <option key={l} value={l}>
                {t(`lang.${l}` as 'lang.fr')}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="c-sort">{t('commitments.sort')}</label>
          <select id="c-sort" value={sort} onChange={(e) => navigate(withQuery(loc.query, { sort: (e.target as HTMLSelectElement).value === 'deadline' ? null : (e.target as HTMLSelectElement).value }))}>
            {COMMITMENT_SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`sort.${s}` as 'sort.deadline')}
              </option>
            ))}
          </select>
        </div>
        <label class="check field-check">
          <input
            type="checkbox"
            name="overdue"
            checked={params.overdue === 'true'}
            onChange={(e) => navigate(withQuery(loc.query, { overdue: (e.target as HTMLInputElement).checked ? 'true' : null }))}
          />{' '}
          {t('commitments.overdueOnly')}
        </label>
        <a class="btn btn-link" href={csv} download="coopwatch-commitments.csv">
          {t('list.csv')}
        </a>
      </form>
      {list.error && <ErrorState error={list.error} onRetry={list.reload} />}
      {!list.error && list.first === undefined && <Loading />}
      {list.first !== undefined && (list.items.length ? <CommitmentTable items={list.items} sortHeader={sortHeader} /> : <Empty />)}
      {list.hasMore && (
        <p>
          <button type="button" class="btn" onClick={list.more} disabled={list.loading}>
            {t('list.more')}
          </button>{' '}
          <span class="muted">{fmt(list.items.length)}</span>
        </p>
      )}
    </>
  );
}
