// One clear banner when no e-mail server is set up: the app records every e-mail as "not sent" then,
// so the owner must know before customers wonder why nothing arrives.
import { Banner } from '@shopify/polaris';
import { useApiQuery } from '../hooks/use-api';
import { useI18n } from '../hooks/use-i18n';
import type { SetupGuide } from '../../../contracts/admin-api';
import { navigate } from '../router';

/** Whether e-mails can be sent: undefined while unknown. */
export function useEmailServer(): { configured: boolean | undefined } {
  const { data } = useApiQuery<SetupGuide>('/api/setup');
  return { configured: data ? data.emailServer !== null : undefined };
}

export function EmailServerBanner({ onSettingsPage = false }: { onSettingsPage?: boolean }) {
  const { t } = useI18n();
  const { configured } = useEmailServer();
  if (configured !== false) return null;
  return (
    <div data-testid="email-server-banner">
      <Banner
        tone="warning"
        title={t('email.noServer.title')}
        action={onSettingsPage ? undefined : { content: t('email.noServer.action'), onAction: () => navigate('/settings/messages?tab=smtp') }}
      >
        <p>{t('email.noServer.body')}</p>
      </Banner>
    </div>
  );
}
