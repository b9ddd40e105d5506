// Bulk messages (/messages/bulk): every message with its delivery statistics; managers and owners
// compose new ones (the server refuses staff with 403, admin-route-policies.ts).
import { Banner, BlockStack, Card, EmptyState, IndexTable, Page, Text } from '@shopify/polaris';
import type { BulkMessageSummary } from '../../../contracts/bulk-messages-api';
import { ApiErrorBanner } from '../components/api-error-banner';
import { BulkStatusBadge, useBulkLabels } from '../components/bulk-message-labels';
import { EMPTY_ILLUSTRATION } from '../components/empty-illustration';
import { PageSkeleton } from '../components/page-skeleton';
import { useApiQuery } from '../hooks/use-api';
import { useI18n } from '../hooks/use-i18n';
import { useMe } from '../hooks/use-me';
import { navigate } from '../router';

export function BulkMessagesPage() {
  const { t, formatDateTime, formatNumber } = useI18n();
  const { permissions } = useMe();
  const labels = useBulkLabels();
  const mayBulk = permissions.bulkAdjust;
  const list = useApiQuery<{ items: BulkMessageSummary[] }>(mayBulk ? '/api/bulk-messages' : null);

  if (mayBulk && list.loading && !list.data) return <PageSkeleton title={t('bulkMessages.title')} />;
  const items = list.data?.items ?? [];
  return (
    <Page
      title={t('bulkMessages.title')}
      subtitle={t('bulkMessages.subtitle')}
      primaryAction={mayBulk ? { content: t('bulkMessages.new'), onAction: () => navigate('/messages/bulk/new') } : undefined}
      secondaryActions={[{ content: t('bulkMessages.demoInboxLink'), onAction: () => navigate('/messages/demo-inbox') }]}
    >
      <BlockStack gap="400">
        {!mayBulk && (
          <Banner tone="info">
            <p>{t('bulkMessages.readOnly')}</p>
          </Banner>
        )}
        {list.error && <ApiErrorBanner title={t('bulkMessages.title')} error={list.error} onRetry={list.reload} />}
        {mayBulk && (
          <Card padding="0">
            {items.length === 0 ? (
              <EmptyState heading={t('bulkMessages.empty')} image={EMPTY_ILLUSTRATION} action={{ content: t('bulkMessages.new'), onAction: () => navigate('/messages/bulk/new') }}>
                <p>{t('bulkMessages.emptyBody')}</p>
              </EmptyState>
            ) : (
              <IndexTable
                resourceName={{ singular: t('bulkMessages.columns.name'), plural: t('bulkMessages.title') }}
                itemCount={items.length}
                selectable={false}
                headings={[
                  { title: t('bulkMessages.columns.name') },
                  { title: t('bulkMessages.columns.status') },
                  { title: t('bulkMessages.columns.channels') },
                  { title: t('bulkMessages.columns.audience') },
                  { title: t('bulkMessages.columns.runAt') },
                  { title: t('bulkMessages.columns.sent'), alignment: 'end' },
                  { title: t('bulkMessages.columns.queued'), alignment: 'end' },
                  { title: t('bulkMessages.columns.failed'), alignment: 'end' },
                  { title: t('bulkMessages.columns.skipped'), alignment: 'end' },
                ]}
              >
                {items.map((message, index) => (
                  <IndexTable.Row id={message.id} key={message.id} position={index} onClick={() => navigate(`/messages/bulk/${message.id}`)}>
                    <IndexTable.Cell>
                      <Text as="span" fontWeight="semibold">
                        {message.name}
                      </Text>
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      <BulkStatusBadge status={message.status} />
                    </IndexTable.Cell>
                    <IndexTable.Cell>{labels.channels(message.channels)}</IndexTable.Cell>
                    <IndexTable.Cell>{labels.audience(message)}</IndexTable.Cell>
                    <IndexTable.Cell>{formatDateTime(message.runAt)}</IndexTable.Cell>
                    <IndexTable.Cell>
                      <Text as="span" alignment="end" numeric>
                        {formatNumber(message.stats.sent)}
                      </Text>
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      <Text as="span" alignment="end" numeric>
                        {formatNumber(message.stats.queued)}
                      </Text>
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      <Text as="span" alignment="end" numeric tone={message.stats.failed > 0 ? 'critical' : undefined}>
                        {formatNumber(message.stats.failed)}
                      </Text>
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      <Text as="span" alignment="end" numeric>
                        {formatNumber(message.stats.skipped)}
                      </Text>
                    </IndexTable.Cell>
                  </IndexTable.Row>
                ))}
              </IndexTable>
            )}
          </Card>
        )}
      </BlockStack>
    </Page>
  );
}
