import { Badge, BlockStack, Box, Button, Card, EmptyState, IndexTable, InlineGrid, InlineStack, Layout, Page, Text, useBreakpoints } from '@shopify/polaris';
import { PlusIcon } from '@shopify/polaris-icons';
import { useState } from 'react';
import { AdjustPointsModal } from '../components/adjust-points-modal';
import { ApiErrorBanner } from '../components/api-error-banner';
import { CountCard } from '../components/count-card';
import { EmailServerBanner } from '../components/email-server-banner';
import { EMPTY_ILLUSTRATION } from '../components/empty-illustration';
import { MemberConsents } from '../components/member-consents';
import { MemberBookings } from '../components/member-bookings';
import { MemberGiftCards } from '../components/member-gift-cards';
import { MemberGroupsCard } from '../components/member-groups-card';
import { EntryPointsAndStatus, EntryTypeStatusPointsCells, SignedPoints, useEntryLabels } from '../components/entry-labels';
import { PageSkeleton, TableSkeleton } from '../components/page-skeleton';
import { apiSend, toApiError, useApiQuery, withQuery } from '../hooks/use-api';
import { showToast } from '../lib/toast';
import type { ExpiryReversalAnswer } from '../../../contracts/points-expiry-api';
import { useI18n } from '../hooks/use-i18n';
import { useMe } from '../hooks/use-me';
import type { Entry, MemberDetail, Page as ApiPage } from '../../../contracts/admin-api';
import { memberName } from '../lib/member-name';
import { useCursorPages } from '../lib/use-cursor-pages';

const HISTORY_PAGE_SIZE = 25;

export function MemberPage({ params }: { params: Record<string, string> }) {
  const memberId = params.memberId ?? '';
  const labels = useEntryLabels();
  const { t, formatNumber, formatMoney, formatDate, formatDateTime } = useI18n();
  const { permissions } = useMe();
  const detail = useApiQuery<MemberDetail>(`/api/members/${encodeURIComponent(memberId)}`);
  const [historyGeneration, setHistoryGeneration] = useState(0);
  const paging = useCursorPages(`${memberId}:${historyGeneration}`);
  const history = useApiQuery<ApiPage<Entry>>(
    withQuery(`/api/members/${encodeURIComponent(memberId)}/history`, { cursor: paging.cursor, limit: HISTORY_PAGE_SIZE, v: historyGeneration || null }),
  );
  const [adjusting, setAdjusting] = useState(false);
  const reverseExpiry = async (entry: Entry) => {
    if (!window.confirm(t('campaigns.expiry.reverseQuestion', { points: formatNumber(-entry.points) }))) return;
    try {
      const answer = await apiSend<ExpiryReversalAnswer>('POST', `/api/members/${encodeURIComponent(memberId)}/entries/${encodeURIComponent(entry.id)}/reverse-expiry`);
      showToast(t('campaigns.expiry.reversed', { points: formatNumber(answer.points) }));
      detail.reload();
      setHistoryGeneration((value) => value + 1);
    } catch (caught) {
      showToast(`${t('campaigns.expiry.reverseError')}: ${toApiError(caught).message}`, { isError: true });
    }
  };

  if (detail.loading && !detail.data) return <PageSkeleton cards={4} primaryAction />;
  if (!detail.data) {
    return (
      <Page title={t('member.title')} backAction={{ content: t('members.title'), url: '/members' }}>
        {detail.error && <ApiErrorBanner title={t('member.error')} error={detail.error} onRetry={detail.reload} />}
      </Page>
    );
  }

  const { member, pending, messages } = detail.data;
  const name = memberName(member) || t('members.unnamed');
  const contact = [member.email, member.phone].filter(Boolean).join(' · ');

  return (
    <Page
      title={name}
      subtitle={contact || undefined}
      titleMetadata={member.pendingPoints > 0 ? <Badge tone="attention">{t('member.pendingBadge', { points: formatNumber(member.pendingPoints) })}</Badge> : undefined}
      backAction={{ content: t('members.title'), url: '/members' }}
      primaryAction={permissions.adjust ? { content: t('member.adjust'), icon: PlusIcon, onAction: () => setAdjusting(true) } : undefined}
    >
      <BlockStack gap="400">
        {detail.error && <ApiErrorBanner title={t('member.error')} error={detail.error} onRetry={detail.reload} />}
        {messages.some((message) => message.channel === 'email') && <EmailServerBanner />}
        <InlineGrid columns={{ xs: 1, sm: 2, md: 4 }} gap="400">
          <CountCard id="member-balance" label={t('member.balance')} value={formatNumber(member.balance)} help={t('member.balanceHelp')} />
          <CountCard id="member-pending" label={t('member.pending')} value={formatNumber(member.pendingPoints)} help={t('member.pendingHelp')} />
          <CountCard id="member-spend" label={t('member.lifetimeSpend')} value={formatMoney(member.lifetimeSpendMinor, member.currency)} help={t('member.lifetimeSpendHelp')} />
          <CountCard
            id="member-last-visit"
            label={t('member.lastVisit')}
            value={detail.data.visits.lastVisitAt ? formatDate(detail.data.visits.lastVisitAt) : t('member.noVisitYet')}
            help={[
              detail.data.visits.nextAppointmentAt ? t('member.nextAppointment', { date: formatDate(detail.data.visits.nextAppointmentAt) }) : null,
              t('member.since', { date: formatDate(detail.data.visits.memberSince) }),
            ]
              .filter(Boolean)
              .join(' · ')}
          />
        </InlineGrid>
        <Layout>
          <Layout.Section>
            <Card padding="0">
              <Box padding="400" paddingBlockEnd="200">
                <Text as="h2" variant="headingMd">
                  {t('member.history.title')}
                </Text>
              </Box>
              {history.error && (
                <Box padding="400" paddingBlockStart="0">
                  <ApiErrorBanner title={t('member.history.error')} error={history.error} onRetry={history.reload} />
                </Box>
              )}
              {!history.data && history.loading ? (
                <TableSkeleton />
              ) : (
                <HistoryTable
                  entries={history.data?.items ?? []}
                  loading={history.loading}
                  pagination={{
                    hasPrevious: paging.hasPrevious,
                    hasNext: Boolean(history.data?.nextCursor),
                    onPrevious: paging.previous,
                    onNext: () => paging.next(history.data?.nextCursor ?? null),
                    label: t('common.pageNumber', { page: paging.pageNumber }),
                  }}
                  {...(permissions.manageCampaigns ? { onReverse: (entry: Entry) => void reverseExpiry(entry) } : {})}
                />
              )}
            </Card>
            <Box paddingBlockStart="400">
              <MemberBookings
                memberId={member.id}
                onChanged={() => {
                  detail.reload();
                  setHistoryGeneration((value) => value + 1);
                }}
              />
            </Box>
          </Layout.Section>
          <Layout.Section variant="oneThird">
            <BlockStack gap="400">
              <MemberGroupsCard memberId={member.id} />
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    {t('member.pendingList.title')}
                  </Text>
                  {pending.length === 0 ? (
                    <Text as="p" tone="subdued">
                      {t('member.pendingList.empty')}
                    </Text>
                  ) : (
                    <BlockStack gap="200" as="ul">
                      {pending.map((item, index) => (
                        <li key={index} style={{ listStyle: 'none' }}>
                          <InlineStack align="space-between" gap="200" wrap={false} blockAlign="start">
                            <BlockStack gap="050">
                              <Text as="span">{item.description}</Text>
                              <Text as="span" tone="subdued" variant="bodySm">
                                {item.availableAt ? t('member.pendingList.availableAt', { date: formatDateTime(item.availableAt) }) : t('member.pendingList.waiting')}
                              </Text>
                            </BlockStack>
                            <SignedPoints points={item.points} />
                          </InlineStack>
                        </li>
                      ))}
                    </BlockStack>
                  )}
                </BlockStack>
              </Card>
              <MemberGiftCards memberId={member.id} />
              <MemberConsents memberId={member.id} />
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    {t('member.messages.title')}
                  </Text>
                  {messages.length === 0 ? (
                    <Text as="p" tone="subdued">
                      {t('member.messages.empty')}
                    </Text>
                  ) : (
                    <BlockStack gap="200" as="ul">
                      {messages.map((message) => (
                        <li key={message.id} style={{ listStyle: 'none' }}>
                          <InlineStack align="space-between" gap="200" wrap={false}>
                            <BlockStack gap="050">
                              <Text as="span">{labels.messageEvent(message.event)}</Text>
                              <Text as="span" tone="subdued" variant="bodySm">
                                {labels.messageChannel(message.channel)} · {formatDateTime(message.createdAt)}
                              </Text>
                              {message.reason && (
                                <Text as="span" tone={message.status === 'failed' ? 'critical' : 'subdued'} variant="bodySm">
                                  {labels.messageReason(message.reason)}
                                </Text>
                              )}
                            </BlockStack>
                            <InlineStack gap="200" blockAlign="center" wrap={false}>
                              {message.status === 'failed' && (
                                <Button
                                  size="slim"
                                  onClick={() =>
                                    void apiSend('POST', `/api/messages/${encodeURIComponent(message.id)}/retry`).then(
                                      () => {
                                        showToast(t('bulkMessages.retry.done'));
                                        detail.reload();
                                      },
                                      (error: unknown) => showToast(error instanceof Error ? error.message : String(error), { isError: true }),
                                    )
                                  }
                                >
                                  {t('bulkMessages.retry.button')}
                                </Button>
                              )}
                              <Badge tone={message.status === 'sent' ? 'success' : message.status === 'failed' ? 'critical' : undefined}>{labels.messageStatus(message.status)}</Badge>
                            </InlineStack>
                          </InlineStack>
                        </li>
                      ))}
                    </BlockStack>
                  )}
                </BlockStack>
              </Card>
            </BlockStack>
          </Layout.Section>
        </Layout>
      </BlockStack>
      <AdjustPointsModal
        open={adjusting}
        memberId={member.id}
        member={member}
        onClose={() => setAdjusting(false)}
        onAdjusted={() => {
          detail.reload();
          setHistoryGeneration((value) => value + 1);
        }}
      />
    </Page>
  );
}

function HistoryTable({ entries, loading, pagination, onReverse }: { entries: Entry[]; loading: boolean; pagination: NonNullable<Parameters<typeof IndexTable>[0]['pagination']>; onReverse?: (entry: Entry) => void }) {
  const { t, formatDateTime } = useI18n();
  // An expiry can be given back by managers and owners (a reversal entry; the server refuses a second one).
  const reverseButton = (entry: Entry) =>
    onReverse && entry.type === 'expire' && entry.status === 'posted' ? (
      <Button size="slim" variant="plain" onClick={() => onReverse(entry)}>
        {t('campaigns.expiry.reverse')}
      </Button>
    ) : null;
  const labels = useEntryLabels();
  // On a phone the rows become a list (Polaris' condensed index table) so the points never fall off the
  // screen; wider, the points column stays pinned at the right edge while the rest scrolls.
  const { smDown } = useBreakpoints();
  const subline = (entry: Entry) =>
    `${labels.source(entry.sourceType)}${entry.status === 'pending' && entry.availableAt ? ` · ${t('member.pendingList.availableAt', { date: formatDateTime(entry.availableAt) })}` : ''}`;
  return (
    <div data-testid="member-history">
      <IndexTable
        condensed={smDown}
        lastColumnSticky
        resourceName={{ singular: t('entries.singular'), plural: t('entries.plural') }}
        itemCount={entries.length}
        selectable={false}
        loading={loading}
        emptyState={
          <EmptyState heading={t('member.history.emptyHeading')} image={EMPTY_ILLUSTRATION}>
            <p>{t('member.history.emptyBody')}</p>
          </EmptyState>
        }
        headings={[
          { title: t('entries.columns.date') },
          { title: t('entries.columns.description') },
          { title: t('entries.columns.type') },
          { title: t('entries.columns.status') },
          { title: t('entries.columns.points'), alignment: 'end' },
        ]}
        pagination={pagination}
      >
        {entries.map((entry, index) =>
          smDown ? (
            <IndexTable.Row id={entry.id} key={entry.id} position={index}>
              <div data-key-column style={{ padding: '12px 16px' }}>
                <InlineStack align="space-between" gap="200" wrap={false} blockAlign="start">
                  <BlockStack gap="100">
                    <Text as="span" fontWeight="semibold">
                      {entry.description}
                    </Text>
                    <Text as="span" tone="subdued" variant="bodySm">
                      {formatDateTime(entry.createdAt)} · {labels.type(entry.type)}
                    </Text>
                    <Text as="span" tone="subdued" variant="bodySm">
                      {subline(entry)}
                    </Text>
                    {reverseButton(entry)}
                  </BlockStack>
                  <EntryPointsAndStatus entry={entry} />
                </InlineStack>
              </div>
            </IndexTable.Row>
          ) : (
            <IndexTable.Row id={entry.id} key={entry.id} position={index}>
              <IndexTable.Cell>{formatDateTime(entry.createdAt)}</IndexTable.Cell>
              <IndexTable.Cell>
                <div style={{ minWidth: 160, whiteSpace: 'normal' }}>
                  <BlockStack gap="050">
                    <Text as="span">{entry.description}</Text>
                    <Text as="span" tone="subdued" variant="bodySm">
                      {subline(entry)}
                    </Text>
                    {reverseButton(entry)}
                  </BlockStack>
                </div>
              </IndexTable.Cell>
              <EntryTypeStatusPointsCells entry={entry} />
            </IndexTable.Row>
          ),
        )}
      </IndexTable>
    </div>
  );
}
