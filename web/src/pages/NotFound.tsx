import { useI18n } from '../i18n/index.ts';
import { Link } from '../router.ts';

export function NotFound() {
  const { t } = useI18n();
  return (
    <>
      <h1>{t('state.notFound')}</h1>
      <p>
        <Link href="/">{t('state.back')}</Link>
      </p>
    </>
  );
}
