/**
 * Article reader: the cleaned text with every extracted fact highlighted at its sentence and
 * boilerplate dimmed. Selecting a highlight (click, Enter or Space) opens its record(s) in the
 * side panel; the selection is in the URL (?s=<sentence>), so evidence links land on it.
 * All article text is rendered as text nodes.
 */
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { safeHref, useApi } from '../api.ts';
import { Async } from '../components/States.tsx';
import { useI18n } from '../i18n/index.ts';
import { Link, navigate, withQuery, type Loc } from '../router.ts';
import type { CommitmentRecord, EntityRecord, EventRecord, Party, PolicyRecord, StoredDocumentDetail } from '../types.ts';
import { domainLabel, useVocab } from '../vocab.ts';

type Fact = EventRecord | CommitmentRecord | PolicyRecord;

interface Part {
  text: string;
  boilerplate: boolean;
}
interface Group {
  /** Sentence index, or -1 for text between sentences. */
  sentence: number;
  parts: Part[];
}

/** Cut the text at sentence and boilerplate boundaries, grouped by sentence. */
export function layoutText(doc: Pick<StoredDocumentDetail, 'text' | 'sentences' | 'boilerplate'>): Group[] {
  const n = doc.text.length;
  const cuts = new Set<number>([0, n]);
  const clamp = (x: number) => Math.max(0, Math.min(n, x));
  const sentences = [...doc.sentences].sort((a, b) => a.start - b.start);
  for (const s of sentences) cuts.add(clamp(s.start)), cuts.add(clamp(s.end));
  for (const b of doc.boilerplate) cuts.add(clamp(b.start)), cuts.add(clamp(b.end));
  const points = [...cuts].sort((a, b) => a - b);
  const groups: Group[] = [];
  let si = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i];
    const b = points[i + 1];
    if (a >= b) continue;
    while (si < sentences.length && sentences[si].end <= a) si++;
    const sentence = si < sentences.length && sentences[si].start <= a && a < sentences[si].end ? sentences[si].index : -1;
    const boilerplate = doc.boilerplate.some((s) => s.start <= a && a < s.end);
    const part = { text: doc.text.slice(a, b), boilerplate };
    const last = groups[groups.length - 1];
    if (last && last.sentence === sentence && sentence !== -1) last.parts.push(part);
    else groups.push({ sentence, parts: [part] });
  }
  return groups;
}

function codes(ps: Party[]): string {
  return ps.map((p) => p.code).join(', ') || '—';
}

function RecordView({ r }: { r: Fact }) {
  const { t, tv, lang, fmt } = useI18n();
  const vocab = useVocab();
  const row = (label: string, value: string, testid?: string) => (
    <>
      <dt>{label}</dt>
      <dd data-testid={testid}>{value}</dd>
    </>
  );
  const domains = r.domains.map((d) => domainLabel(vocab, d, lang)).join(', ') || t('common.none');
  return (
    <article class="record" data-record-id={r.id} data-record-type={r.type}>
      <h3>{t(`record.${r.type}` as 'record.event')}</h3>
      <dl>
        {row(t('record.type'), t(`record.${r.type}` as 'record.event'), 'record-type')}
        {r.type === 'event' && (
          <>
            {row(t('record.eventType'), r.event, 'record-event')}
            {row(t('record.actor'), codes(r.actor), 'record-actor')}
            {row(t('record.recipient'), codes(r.recipient))}
            {row(t('record.modality'), tv('modality', r.modality), 'record-modality')}
            {row(t('record.date'), r.date ?? t('common.none'))}
          </>
        )}
        {r.type === 'commitment' && (
          <>
            {row(t('record.actor'), codes(r.actor), 'record-actor')}
            {row(t('record.what'), r.what)}
            {r.quantity !== null && row(t('record.quantity'), `${fmt(r.quantity)} ${r.unit ?? ''}`)}
            {row(t('record.deadline'), r.deadline ?? t('common.none'))}
            {row(t('record.status'), tv('status', r.status))}
          </>
        )}
        {r.type === 'policy' && (
          <>
            {row(t('record.name'), r.name)}
            {row(t('record.jurisdiction'), r.jurisdiction ?? t('common.none'))}
            {row(t('record.status'), tv('status', r.status))}
            {row(t('record.date'), r.date ?? t('common.none'))}
          </>
        )}
        {row(t('record.domains'), domains)}
        {row(t('record.confidence'), `${Math.round(r.confidence * 100)} %`, 'record-confidence')}
      </dl>
    </article>
  );
}

function ReaderBody({ doc, loc }: { doc: StoredDocumentDetail; loc: Loc }) {
  const { t, lang } = useI18n();
  const vocab = useVocab();
  const groups = useMemo(() => layoutText(doc), [doc]);
  const facts = useMemo(() => {
    const m = new Map<number, Fact[]>();
    for (const r of [...doc.events, ...doc.commitments, ...doc.policies] as Fact[]) {
      const k = r.text_info.sequence;
      m.set(k, [...(m.get(k) ?? []), r]);
    }
    return m;
  }, [doc]);
  const entitiesAt = (s: number): EntityRecord[] => doc.entities.filter((e) => e.mentions.some((m) => m.sequence === s));
  const sParam = loc.query.get('s');
  const selected = sParam !== null && /^\d+$/.test(sParam) ? Number(sParam) : null;
  const textRef = useRef<HTMLDivElement>(null);
  const panelRef = useRef<HTMLHeadingElement>(null);

  // Landing on ?s=N (evidence link): bring the sentence into view.
  useEffect(() => {
    if (selected === null) return;
    const el = textRef.current?.querySelector<HTMLElement>(`[data-sentence="${selected}"]`);
    el?.scrollIntoView({ block: 'center' });
  }, [doc.id]);

  const select = (s: number | null) => navigate(withQuery(loc.query, { s: s === null ? null : String(s) }), { replace: true });
  const href = safeHref(doc.url);
  const selectedFacts = selected !== null ? facts.get(selected) ?? [] : [];
  const selectedEntities = selected !== null ? entitiesAt(selected) : [];
  const factCount = doc.events.length + doc.commitments.length + doc.policies.length;

  return (
    <div class="reader">
      <article class="reader-main">
        <h1 lang={doc.lang} data-testid="doc-title">
          {doc.title ?? doc.id}
        </h1>
        <p class="muted small doc-meta">
          {t('reader.published')}: {doc.published ?? t('reader.undated')} · {t(`lang.${doc.lang}` as 'lang.fr')}
          {doc.source && (
            <>
              {' '}
              · {t('reader.source')}: <span data-testid="doc-source">{doc.source}</span>
            </>
          )}
          {href && (
            <>
              {' '}
              ·{' '}
              <a href={href} rel="noopener noreferrer nofollow" target="_blank">
                {t('reader.original')}
              </a>
            </>
          )}
        </p>
        {doc.duplicate_of && (
          <p class="notice">
            {t('reader.duplicate')} <Link href={`/documents/${encodeURIComponent(doc.duplicate_of)}`}>{doc.duplicate_of}</Link>
          </p>
        )}
        {doc.domains.length > 0 && (
          <p class="chips">
            {doc.domains.map((d) => (
              <span class="chip" key={d}>
                {domainLabel(vocab, d, lang)}
              </span>
            ))}
          </p>
        )}
        <p class="muted small">
          {t('reader.facts', { n: factCount })} — {t('reader.legend')}
        </p>
        <div class="doc-text" lang={doc.lang} ref={textRef} data-testid="doc-text">
          {groups.map((g, i) => {
            const content = g.parts.map((p, j) =>
              p.boilerplate ? (
                <span class="boilerplate" key={j}>
                  {p.text}
                </span>
              ) : (
                p.text
              ),
            );
            if (g.sentence < 0) return <span key={i}>{content}</span>;
            const fs = facts.get(g.sentence);
            if (!fs) {
              return (
                <span key={i} data-sentence={g.sentence}>
                  {content}
                </span>
              );
            }
            const isSel = selected === g.sentence;
            return (
              <mark
                key={i}
                class={`fact${isSel ? ' selected' : ''}`}
                data-sentence={g.sentence}
                data-facts={fs.map((f) => f.id).join(' ')}
                tabIndex={0}
                role="button"
                aria-pressed={isSel}
                aria-label={`${t('record.sentence', { n: g.sentence })}: ${fs.map((f) => t(`record.${f.type}` as 'record.event')).join(', ')}`}
                onClick={() => select(isSel ? null : g.sentence)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    select(isSel ? null : g.sentence);
                    setTimeout(() => panelRef.current?.focus(), 0);
                  }
                }}
              >
                {content}
              </mark>
            );
          })}
        </div>
      </article>
      <aside class="reader-panel" aria-label={t('reader.panel')} data-testid="record-panel">
        {selected === null || (!selectedFacts.length && !selectedEntities.length) ? (
          <p class="muted">{t('reader.hint')}</p>
        ) : (
          <>
            <div class="card-head">
              <h2 tabIndex={-1} ref={panelRef}>
                {t('reader.panel')} · {t('record.sentence', { n: selected })}
              </h2>
              <button type="button" class="btn btn-small" onClick={() => select(null)}>
                {t('reader.close')}
              </button>
            </div>
            {selectedFacts.map((r) => (
              <RecordView r={r} key={r.id} />
            ))}
            {selectedEntities.length > 0 && (
              <>
                <h3>{t('reader.entities')}</h3>
                <ul class="plain">
                  {selectedEntities.map((e) => (
                    <li key={e.id}>
                      {e.name}
                      {e.role && <span class="muted"> — {e.role}</span>}
                      {e.country && <span class="muted"> ({e.country})</span>}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </>
        )}
      </aside>
    </div>
  );
}

export function Reader({ id, loc }: { id: string; loc: Loc }) {
  const doc = useApi<StoredDocumentDetail>(`/api/documents/${encodeURIComponent(id)}`);
  return <Async {...doc}>{(d) => <ReaderBody doc={d} loc={loc} />}</Async>;
}
