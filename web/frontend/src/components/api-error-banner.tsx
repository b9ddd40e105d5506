import { Banner } from '@shopify/polaris';
import type { ApiError } from '../hooks/use-api';
import { useI18n } from '../hooks/use-i18n';

/** Shows the server's own message when it sent one; otherwise a translated generic one. */
export function ApiErrorBanner({ title, error, onRetry }: { title: string; error: ApiError; onRetry?: () => void }) {
  const { t } = useI18n();
  const message = error.fromServer ? error.message : t(error.code === 'NETWORK' ? 'errors.network' : 'errors.generic');
  return (
    <Banner tone="critical" title={title} action={onRetry ? { content: t('dashboard.error.retry'), onAction: onRetry } : undefined}>
      <p>{message}</p>
    </Banner>
  );
}
