/**
 * The dashboard filters (date range, language, domain, event type, modality). They live in the
 * URL query string, so a filtered view can be shared; every change is a history entry.
 */
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n/index.ts';
import { navigate, withQuery, type Loc } from '../router.ts';
import { DOC_LANGS, EVENT_TYPES, FILTER_KEYS, MODALITIES, domainLabel, useVocab } from '../vocab.ts';

const ISO_PREFIX = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

function DateField({ name, label, loc }: { name: 'since' | 'until'; label: string; loc: Loc }) {
  const { t } = useI18n();
  const value = loc.query.get(name) ?? '';
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const invalid = draft !== '' && !ISO_PREFIX.test(draft);
  const commit = () => {
    if (invalid || draft === value) return;
    navigate(withQuery(loc.query, { [name]: draft || null }));
  };
  const id = `filter-${name}`;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        name={name}
        type="text"
        inputMode="numeric"
        placeholder={t('filters.datePlaceholder')}
        value={draft}
        size={10}
        aria-invalid={invalid}
        aria-describedby={invalid ? `${id}-err` : undefined}
        onInput={(e) => setDraft((e.target as HTMLInputElement).value.trim())}
        onChange={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
      {invalid && (
        <span id={`${id}-err`} class="field-error">
          {t('filters.dateInvalid')}
        </span>
      )}
    </div>
  );
}

function SelectField({ name, label, options, loc }: { name: string; label: string; options: [string, string][]; loc: Loc }) {
  const { t } = useI18n();
  const id = `filter-${name}`;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select
        id={id}
        name={name}
        value={loc.query.get(name) ?? ''}
        onChange={(e) => navigate(withQuery(loc.query, { [name]: (e.target as HTMLSelectElement).value || null }))}
      >
        <option value="">{t('filters.any')}</option>
        {options.map(([v, l]) => (
          <option value={v} key={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}

export function FilterBar({ loc, showEventFilters = true }: { loc: Loc; showEventFilters?: boolean }) {
  const { t, tv, lang } = useI18n();
  const vocab = useVocab();
  const active = FILTER_KEYS.some((k) => loc.query.get(k));
  return (
    <form class="filters" aria-label={t('filters.title')} onSubmit={(e) => e.preventDefault()} data-testid="filters">
      <DateField name="since" label={t('filters.since')} loc={loc} />
      <DateField name="until" label={t('filters.until')} loc={loc} />
      <SelectField name="lang" label={t('filters.lang')} loc={loc} options={DOC_LANGS.map((l) => [l, t(`lang.${l}` as 'lang.fr')])} />
      <SelectField
        name="domain"
        label={t('filters.domain')}
        loc={loc}
        options={vocab.domains.map((d) => [d.id, domainLabel(vocab, d.id, lang)])}
      />
      {showEventFilters && (
        <>
          <SelectField name="type" label={t('filters.type')} loc={loc} options={EVENT_TYPES.map((x) => [x, x])} />
          <SelectField name="modality" label={t('filters.modality')} loc={loc} options={MODALITIES.map((m) => [m, tv('modality', m)])} />
        </>
      )}
      {active && (
        <button
          type="button"
          class="btn btn-link"
          onClick={() => navigate(withQuery(loc.query, Object.fromEntries(FILTER_KEYS.map((k) => [k, null]))))}
        >
          {t('filters.clear')}
        </button>
      )}
    </form>
  );
}
