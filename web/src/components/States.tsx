/** Loading, error and empty states, announced to assistive technology. */
import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n/index.ts';

export function Loading() {
  const { t } = useI18n();
  return (
    <p class="state state-loading" role="status" aria-live="polite" data-testid="loading">
      <span class="spinner" aria-hidden="true" /> {t('state.loading')}
    </p>
  );
}

export function ErrorState({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div class="state state-error" role="alert" data-testid="error">
      <strong>{t('state.error')}</strong>
      <span class="muted"> — {error.message}</span>
      {onRetry && (
        <button type="button" class="btn" onClick={onRetry}>
          {t('state.retry')}
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children?: ComponentChildren }) {
  const { t } = useI18n();
  return (
    <p class="state state-empty" data-testid="empty">
      {children ?? t('state.empty')}
    </p>
  );
}

/** Render `children(data)` once loaded, else the matching state. */
export function Async<T>(props: { data: T | undefined; error: Error | undefined; loading: boolean; reload?: () => void; children: (d: T) => ComponentChildren }) {
  if (props.error) return <ErrorState error={props.error} onRetry={props.reload} />;
  if (props.data === undefined) return props.loading ? <Loading /> : null;
  return <>{props.children(props.data)}</>;
}
