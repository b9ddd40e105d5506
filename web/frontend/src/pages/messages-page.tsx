// Messages settings (/settings/messages): the notification templates per event and language with a
// live preview, the shop's own SMTP server, and the consent types customers are asked for. Owners
// change them; everyone else sees them read-only.
import { Banner, BlockStack, Box, Card, Page, Tabs } from '@shopify/polaris';
import { useState } from 'react';
import { ConsentTypesSection } from '../components/consent-types-section';
import { SmtpSettingsSection } from '../components/smtp-settings-section';
import { TemplateEditor } from '../components/template-editor';
import { useI18n } from '../hooks/use-i18n';
import { useMe } from '../hooks/use-me';
import { navigate } from '../router';

const TABS = ['templates', 'smtp', 'consents'] as const;
type Tab = (typeof TABS)[number];

function initialTab(): Tab {
  const requested = new URLSearchParams(window.location.search).get('tab');
  return (TABS as readonly string[]).includes(requested ?? '') ? (requested as Tab) : 'templates';
}

export function MessagesPage() {
  const { t } = useI18n();
  const { permissions } = useMe();
  const [tab, setTab] = useState<Tab>(initialTab);
  const readOnly = !permissions.editMessaging;

  const select = (index: number) => {
    const next = TABS[index] ?? 'templates';
    setTab(next);
    // Keep the tab in the address so a reload (or a shared link) opens it again.
    const url = new URL(window.location.href);
    url.searchParams.set('tab', next);
    window.history.replaceState(null, '', `${url.pathname}${url.search}`);
  };

  return (
    <Page
      title={t('messageSettings.title')}
      subtitle={t('messageSettings.subtitle')}
      backAction={{ content: t('settings.title'), onAction: () => navigate('/settings') }}
      fullWidth
    >
      <BlockStack gap="400">
        {readOnly && (
          <Banner tone="info">
            <p>{t('messageSettings.readOnly')}</p>
          </Banner>
        )}
        <Card padding="0">
          <Tabs
            tabs={[
              { id: 'templates', content: t('messageSettings.tabs.templates'), panelID: 'templates-panel' },
              { id: 'smtp', content: t('messageSettings.tabs.smtp'), panelID: 'smtp-panel' },
              { id: 'consents', content: t('messageSettings.tabs.consents'), panelID: 'consents-panel' },
            ]}
            selected={TABS.indexOf(tab)}
            onSelect={select}
          />
        </Card>
        <div id={`${tab}-panel`}>
          {tab === 'templates' && <TemplateEditor readOnly={readOnly} />}
          {tab === 'smtp' && <SmtpSettingsSection readOnly={readOnly} />}
          {tab === 'consents' && <ConsentTypesSection readOnly={readOnly} />}
        </div>
        <Box paddingBlockEnd="800" />
      </BlockStack>
    </Page>
  );
}
