/** Small shared pieces: count lists with bars, party labels, stat cards, commitment rows. */
import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n/index.ts';
import { Link } from '../router.ts';
import { partyLabel, useVocab } from '../vocab.ts';
import type { CommitmentItem, KeyCount, Names } from '../types.ts';

export function Stat({ label, value, testid, href }: { label: string; value: number; testid: string; href?: string }) {
  const { fmt } = useI18n();
  const body = (
    <>
      <span class="stat-value" data-testid={testid} data-value={value}>
        {fmt(value)}
      </span>
      <span class="stat-label">{label}</span>
    </>
  );
  return <div class="stat">{href ? <Link href={href}>{body}</Link> : body}</div>;
}

/** Download link for the CSV form of an API list (same filters as the view). */
export function CsvLink({ href, name }: { href: string; name: string }) {
  const { t } = useI18n();
  return (
    <a class="btn btn-link btn-small" href={href} download={`coopwatch-${name}.csv`}>
      {t('list.csv')}
    </a>
  );
}

export function Card({ title, children, id, actions }: { title: string; children: ComponentChildren; id?: string; actions?: ComponentChildren }) {
  const hid = id ? `${id}-title` : undefined;
  return (
    <section class="card" aria-labelledby={hid} id={id}>
      <div class="card-head">
        <h2 id={hid}>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** Counts as a list with proportional bars; `href` makes each label a link. */
export function CountList({ items, label, href, testid }: { items: KeyCount[]; label: (k: string) => string; href?: (k: string) => string; testid?: string }) {
  const { fmt, t } = useI18n();
  if (!items.length) return <p class="muted">{t('common.none')}</p>;
  const max = Math.max(...items.map((i) => i.count));
  return (
    <ul class="bars" data-testid={testid}>
      {items.map((i) => (
        <li key={i.key}>
          <span class="bar-label">{href ? <Link href={href(i.key)}>{label(i.key)}</Link> : label(i.key)}</span>
          <span class="bar-track" aria-hidden="true">
            <span class="bar-fill" style={{ width: `${(100 * i.count) / max}%` }} />
          </span>
          <span class="bar-count" data-value={i.count}>
            {fmt(i.count)}
          </span>
        </li>
      ))}
    </ul>
  );
}

export function PartyName({ code, names }: { code: string; names?: Names }) {
  const { lang } = useI18n();
  const v = useVocab();
  const label = partyLabel(v, code, lang, names);
  return (
    <span class="party" title={label}>
      <abbr class="code">{code}</abbr>
      {label !== code && <span class="party-name"> {label}</span>}
    </span>
  );
}

/** "12 d left" / "overdue by 3 d" / "no deadline". */
export function DaysLeft({ item }: { item: CommitmentItem }) {
  const { t, fmt } = useI18n();
  if (item.days_left === null) return <span class="muted">{t('commitments.noDeadline')}</span>;
  if (item.overdue) {
    return (
      <span class="badge badge-overdue" data-overdue="true">
        {t('commitments.overdueBy', { n: fmt(-item.days_left) })}
      </span>
    );
  }
  if (item.days_left < 0) return <span class="muted">{item.commitment.deadline}</span>;
  return <span>{t('commitments.daysLeftN', { n: fmt(item.days_left) })}</span>;
}

export function evidenceHref(docId: string, sentence: number): string {
  return `/documents/${encodeURIComponent(docId)}?s=${sentence}`;
}

export function CommitmentTable({ items, sortHeader }: { items: CommitmentItem[]; sortHeader?: (col: 'actor' | 'deadline' | 'status', label: string) => ComponentChildren }) {
  const { t, tv, fmt } = useI18n();
  const head = (col: 'actor' | 'deadline' | 'status', label: string) => (sortHeader ? sortHeader(col, label) : <th scope="col">{label}</th>);
  return (
    <div class="table-wrap">
      <table class="table stack" data-testid="commitments-table">
        <thead>
          <tr>
            {head('actor', t('commitments.actor'))}
            <th scope="col">{t('commitments.what')}</th>
            {head('deadline', t('commitments.deadline'))}
            {head('status', t('commitments.status'))}
            <th scope="col">{t('commitments.daysLeft')}</th>
            <th scope="col">{t('commitments.evidence')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.commitment.id} data-id={i.commitment.id} class={i.overdue ? 'row-overdue' : undefined}>
              <td data-label={t('commitments.actor')}>
                {i.commitment.actor.map((a) => (
                  <Link key={a.code} href={`/partners/${encodeURIComponent(a.code)}`} class="chip">
                    {a.code}
                  </Link>
                ))}
              </td>
              <td data-label={t('commitments.what')}>
                {i.commitment.what}
                {i.commitment.quantity !== null && (
                  <span class="muted">
                    {' '}
                    · {fmt(i.commitment.quantity)} {i.commitment.unit ?? ''}
                  </span>
                )}
              </td>
              <td data-label={t('commitments.deadline')}>{i.commitment.deadline ?? t('common.none')}</td>
              <td data-label={t('commitments.status')}>
                <span class={`badge badge-${i.commitment.status}`}>{tv('status', i.commitment.status)}</span>
              </td>
              <td data-label={t('commitments.daysLeft')} data-testid="days-left" data-value={i.days_left ?? ''}>
                <DaysLeft item={i} />
              </td>
              <td data-label={t('commitments.evidence')}>
                <Link href={evidenceHref(i.document.id, i.commitment.text_info.sequence)} class="evidence" title={i.commitment.event_text}>
                  {t('commitments.open')}
                </Link>
                <div class="muted small">{i.document.title ?? i.document.id}</div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
