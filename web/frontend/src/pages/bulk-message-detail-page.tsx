// One bulk message (/messages/bulk/:id): delivery statistics (queued / sent / failed / not sent, with the
// reasons), cancel while scheduled, and the per-recipient log with a retry for failed messages.
import { Banner, BlockStack, Button, Card, IndexTable, InlineGrid, InlineStack, Layout, Page, Pagination, Select, Text } from '@shopify/polaris';
import { useEffect, useState } from 'react';
import type { BulkMessageDetail, BulkRecipientLog } from '../../../contracts/bulk-messages-api';
import { ApiErrorBanner } from '../components/api-error-banner';
import { BulkStatusBadge, useBulkLabels } from '../components/bulk-message-labels';
import { PageSkeleton } from '../components/page-skeleton';
import { ApiError, apiSend, toApiError, useApiQuery, withQuery } from '../hooks/use-api';
import { useI18n } from '../hooks/use-i18n';
import { showToast } from '../lib/toast';
import { navigate } from '../router';

const PAGE_SIZE = 50;

function Stat({ label, value, tone }: { label: string; value: string; tone?: 'critical' | 'success' }) {
  return (
    <Card>
      <BlockStack gap="100">
        <Text as="p" tone="subdued" variant="bodySm">
          {label}
        </Text>
        <Text as="p" variant="headingLg" tone={tone}>
          {value}
        </Text>
      </BlockStack>
    </Card>
  );
}

export function BulkMessageDetailPage({ params }: { params: Record<string, string> }) {
  const { t, formatNumber, formatDateTime } = useI18n();
  const labels = useBulkLabels();
  const id = params.id ?? '';
  const message = useApiQuery<BulkMessageDetail>(`/api/bulk-messages/${encodeURIComponent(id)}`);
  const [status, setStatus] = useState('');
  const [page, setPage] = useState(1);
  const log = useApiQuery<BulkRecipientLog>(withQuery(`/api/bulk-messages/${encodeURIComponent(id)}/recipients`, { status, page, pageSize: PAGE_SIZE }));
  const [error, setError] = useState<ApiError>();
  // While the message is on its way the numbers move: refresh them every few seconds.
  const inProgress = ['scheduled', 'fanning_out', 'sending'].includes(message.data?.status ?? '');
  const { reload: reloadMessage } = message;
  const { reload: reloadLog } = log;
  useEffect(() => {
    if (!inProgress) return undefined;
    const timer = setInterval(() => {
      reloadMessage();
      reloadLog();
    }, 5000);
    return () => clearInterval(timer);
  }, [inProgress, reloadMessage, reloadLog]);

  if (message.loading && !message.data) return <PageSkeleton title={t('bulkMessages.title')} />;
  if (!message.data) return <Page title={t('bulkMessages.title')}>{message.error && <ApiErrorBanner title={t('bulkMessages.title')} error={message.error} />}</Page>;
  const detail = message.data;

  const cancel = async () => {
    try {
      await apiSend('POST', `/api/bulk-messages/${encodeURIComponent(id)}/cancel`);
      showToast(t('bulkMessages.detail.cancelled'));
      message.reload();
    } catch (caught) {
      setError(toApiError(caught));
    }
  };
  const retry = async (outboxId: string) => {
    try {
      await apiSend('POST', `/api/messages/${encodeURIComponent(outboxId)}/retry`);
      showToast(t('bulkMessages.retry.done'));
      log.reload();
      message.reload();
    } catch (caught) {
      setError(toApiError(caught));
    }
  };

  const items = log.data?.items ?? [];
  const total = log.data?.total ?? 0;
  return (
    <Page
      title={detail.name}
      titleMetadata={<BulkStatusBadge status={detail.status} />}
      subtitle={`${labels.channels(detail.channels)} · ${labels.audience(detail)} · ${formatDateTime(detail.runAt)}`}
      backAction={{ content: t('bulkMessages.title'), onAction: () => navigate('/messages/bulk') }}
      secondaryActions={detail.status === 'scheduled' ? [{ content: t('bulkMessages.detail.cancel'), destructive: true, onAction: () => void cancel() }] : undefined}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {error && <ApiErrorBanner title={detail.name} error={error} />}
            <InlineGrid columns={{ xs: 2, md: 5 }} gap="300">
              <Stat label={t('bulkMessages.detail.total')} value={formatNumber(detail.stats.total)} />
              <Stat label={t('bulkMessages.columns.queued')} value={formatNumber(detail.stats.queued)} />
              <Stat label={t('bulkMessages.columns.sent')} value={formatNumber(detail.stats.sent)} tone="success" />
              <Stat label={t('bulkMessages.columns.failed')} value={formatNumber(detail.stats.failed)} tone={detail.stats.failed > 0 ? 'critical' : undefined} />
              <Stat label={t('bulkMessages.columns.skipped')} value={formatNumber(detail.stats.skipped)} />
            </InlineGrid>
            {Object.keys(detail.stats.reasons).length > 0 && (
              <Banner tone="info" title={t('bulkMessages.detail.reasons')}>
                <BlockStack gap="100">
                  {Object.entries(detail.stats.reasons).map(([reason, count]) => (
                    <Text as="p" key={reason}>
                      {formatNumber(count)} × {labels.reason(reason)}
                    </Text>
                  ))}
                </BlockStack>
              </Banner>
            )}
            <Card padding="0">
              <BlockStack gap="200">
                <InlineStack align="space-between" blockAlign="center">
                  <div style={{ padding: '12px 16px' }}>
                    <Text as="h2" variant="headingMd">
                      {t('bulkMessages.detail.log')}
                    </Text>
                  </div>
                  <div style={{ padding: '8px 16px' }}>
                    <Select
                      label={t('bulkMessages.detail.status')}
                      labelInline
                      options={[
                        { label: t('bulkMessages.detail.filterAll'), value: '' },
                        { label: t('bulkMessages.columns.queued'), value: 'queued' },
                        { label: t('bulkMessages.columns.sent'), value: 'sent' },
                        { label: t('bulkMessages.columns.failed'), value: 'failed' },
                        { label: t('bulkMessages.columns.skipped'), value: 'skipped' },
                      ]}
                      value={status}
                      onChange={(value) => {
                        setStatus(value);
                        setPage(1);
                      }}
                    />
                  </div>
                </InlineStack>
                <IndexTable
                  resourceName={{ singular: t('bulkMessages.detail.member'), plural: t('bulkMessages.detail.log') }}
                  itemCount={items.length}
                  selectable={false}
                  loading={log.loading}
                  headings={[
                    { title: t('bulkMessages.detail.member') },
                    { title: t('bulkMessages.detail.recipient') },
                    { title: t('bulkMessages.detail.channel') },
                    { title: t('bulkMessages.detail.status') },
                    { title: t('bulkMessages.detail.reason') },
                    { title: t('bulkMessages.detail.sentAt') },
                    { title: '' },
                  ]}
                >
                  {items.map((item, index) => (
                    <IndexTable.Row id={item.outboxId} key={item.outboxId} position={index}>
                      <IndexTable.Cell>{item.memberName || item.memberId}</IndexTable.Cell>
                      <IndexTable.Cell>{item.recipient ?? '—'}</IndexTable.Cell>
                      <IndexTable.Cell>{labels.messageChannel(item.channel)}</IndexTable.Cell>
                      <IndexTable.Cell>{labels.messageStatus(item.status)}</IndexTable.Cell>
                      <IndexTable.Cell>
                        {item.reason && (
                          <Text as="span" tone={item.status === 'failed' ? 'critical' : 'subdued'} variant="bodySm">
                            {labels.reason(item.reason)}
                          </Text>
                        )}
                      </IndexTable.Cell>
                      <IndexTable.Cell>{item.sentAt ? formatDateTime(item.sentAt) : ''}</IndexTable.Cell>
                      <IndexTable.Cell>
                        {item.status === 'failed' && (
                          <Button size="slim" onClick={() => void retry(item.outboxId)}>
                            {t('bulkMessages.retry.button')}
                          </Button>
                        )}
                      </IndexTable.Cell>
                    </IndexTable.Row>
                  ))}
                </IndexTable>
                <InlineStack align="center">
                  <div style={{ padding: '8px' }}>
                    <Pagination hasPrevious={page > 1} onPrevious={() => setPage(page - 1)} hasNext={page * PAGE_SIZE < total} onNext={() => setPage(page + 1)} label={t('common.pageNumber', { page })} />
                  </div>
                </InlineStack>
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
