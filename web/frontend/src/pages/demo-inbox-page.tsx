// "Sent in demo" (/messages/demo-inbox): in demo mode the sender hands nothing to SMTP or the SMS provider;
// every e-mail and SMS is kept here, per shop, so the owner sees what customers would get.
import { BlockStack, Card, EmptyState, IndexTable, Modal, Page, Text } from '@shopify/polaris';
import { useState } from 'react';
import type { CaughtMessageView } from '../../../contracts/bulk-messages-api';
import { ApiErrorBanner } from '../components/api-error-banner';
import { EMPTY_ILLUSTRATION } from '../components/empty-illustration';
import { PageSkeleton } from '../components/page-skeleton';
import { useApiQuery } from '../hooks/use-api';
import { useI18n } from '../hooks/use-i18n';
import { navigate } from '../router';

export function DemoInboxPage() {
  const { t, formatDateTime } = useI18n();
  const list = useApiQuery<{ items: CaughtMessageView[] }>('/api/caught-messages');
  const [openId, setOpenId] = useState<string | null>(null);
  const opened = useApiQuery<CaughtMessageView>(openId ? `/api/caught-messages/${encodeURIComponent(openId)}` : null);

  if (list.loading && !list.data) return <PageSkeleton title={t('bulkMessages.demoInbox.title')} />;
  const items = list.data?.items ?? [];
  const message = openId && opened.data?.id === openId ? opened.data : undefined;
  return (
    <Page title={t('bulkMessages.demoInbox.title')} subtitle={t('bulkMessages.demoInbox.subtitle')} backAction={{ content: t('bulkMessages.title'), onAction: () => navigate('/messages/bulk') }}>
      <BlockStack gap="400">
        {list.error && <ApiErrorBanner title={t('bulkMessages.demoInbox.title')} error={list.error} onRetry={list.reload} />}
        <Card padding="0">
          {items.length === 0 ? (
            <EmptyState heading={t('bulkMessages.demoInbox.empty')} image={EMPTY_ILLUSTRATION}>
              <p>{t('bulkMessages.demoInbox.subtitle')}</p>
            </EmptyState>
          ) : (
            <IndexTable
              resourceName={{ singular: t('bulkMessages.demoInbox.subject'), plural: t('bulkMessages.demoInbox.title') }}
              itemCount={items.length}
              selectable={false}
              headings={[{ title: t('bulkMessages.demoInbox.at') }, { title: t('bulkMessages.demoInbox.channel') }, { title: t('bulkMessages.demoInbox.to') }, { title: t('bulkMessages.demoInbox.subject') }]}
            >
              {items.map((item, index) => (
                <IndexTable.Row id={item.id} key={item.id} position={index} onClick={() => setOpenId(item.id)}>
                  <IndexTable.Cell>{formatDateTime(item.createdAt)}</IndexTable.Cell>
                  <IndexTable.Cell>{item.channel === 'sms' ? t('bulkMessages.demoInbox.sms') : t('bulkMessages.channels.email')}</IndexTable.Cell>
                  <IndexTable.Cell>{item.recipient}</IndexTable.Cell>
                  <IndexTable.Cell>
                    <Text as="span" fontWeight="semibold">
                      {item.channel === 'sms' ? item.text.slice(0, 80) : item.subject}
                    </Text>
                  </IndexTable.Cell>
                </IndexTable.Row>
              ))}
            </IndexTable>
          )}
        </Card>
      </BlockStack>
      <Modal open={openId !== null} onClose={() => setOpenId(null)} title={message ? message.subject || t('bulkMessages.demoInbox.sms') : ''} loading={!message} secondaryActions={[{ content: t('bulkMessages.demoInbox.close'), onAction: () => setOpenId(null) }]}>
        <Modal.Section>
          {message && (
            <BlockStack gap="200">
              <Text as="p" tone="subdued">
                {t('bulkMessages.demoInbox.to')}: {message.recipient}
              </Text>
              {message.channel === 'email' ? (
                // sandbox="" : no scripts, no forms, no navigation, a unique origin.
                <iframe title={message.subject} sandbox="" srcDoc={message.html} style={{ display: 'block', width: '100%', height: 420, border: 0, background: '#fff' }} data-testid="demo-inbox-html" />
              ) : (
                <Text as="p">{message.text}</Text>
              )}
            </BlockStack>
          )}
        </Modal.Section>
      </Modal>
    </Page>
  );
}
