// Gift card rewards — the loyalty tab on gift cards (GET/POST/PATCH/DELETE /api/rewards): what a
// number of points buys, with a preview of the customer's card, and the redemptions made with them
// (GET /api/redemptions; staff only ever see masked codes). Managers and owners edit; staff view.
import { Badge, Banner, BlockStack, Box, Button, Card, EmptyState, IndexTable, InlineStack, Layout, Link, Page, Select, Text, useBreakpoints } from '@shopify/polaris';
import { PlusIcon } from '@shopify/polaris-icons';
import { useState } from 'react';
import { ApiErrorBanner } from '../components/api-error-banner';
import { EMPTY_ILLUSTRATION } from '../components/empty-illustration';
import { PageSkeleton, TableSkeleton } from '../components/page-skeleton';
import { RewardModal } from '../components/reward-modal';
import { apiSend, toApiError, useApiQuery, withQuery } from '../hooks/use-api';
import { useI18n } from '../hooks/use-i18n';
import { useMe } from '../hooks/use-me';
import { useShopCurrency } from '../hooks/use-shop-currency';
import type { TranslationKey } from '../i18n';
import { REDEMPTION_STATUSES, type Page as ApiPage, type Redemption, type Reward, type RewardsList } from '../../../contracts/admin-api';
import { rewardBody } from '../lib/reward-body';
import { showToast } from '../lib/toast';
import { useCursorPages } from '../lib/use-cursor-pages';

const REDEMPTIONS_PAGE_SIZE = 25;

const STATUS_TONE: Record<string, 'success' | 'attention' | 'critical' | 'info' | undefined> = {
  requested: 'info',
  issuing: 'attention',
  issued: 'success',
  failed: 'critical',
  reversed: undefined,
};

export function RedemptionStatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  const label = (REDEMPTION_STATUSES as string[]).includes(status) ? t(`redemptions.statuses.${status}` as TranslationKey) : status;
  return <Badge tone={STATUS_TONE[status]}>{label}</Badge>;
}

export function RewardsPage() {
  const { t, formatNumber, formatMoney } = useI18n();
  const { permissions } = useMe();
  const { smDown } = useBreakpoints();
  const currency = useShopCurrency();
  const rewards = useApiQuery<RewardsList>('/api/rewards');
  const [editing, setEditing] = useState<Reward | 'new' | null>(null);
  const [toggling, setToggling] = useState<string | null>(null);
  const [toggleError, setToggleError] = useState<ReturnType<typeof toApiError>>();
  const readOnly = !permissions.editRewards;

  if (rewards.loading && !rewards.data) return <PageSkeleton title={t('rewards.title')} primaryAction />;

  const items = rewards.data?.items ?? [];
  const setEnabled = async (reward: Reward, enabled: boolean) => {
    setToggling(reward.id);
    setToggleError(undefined);
    try {
      await apiSend('PATCH', `/api/rewards/${encodeURIComponent(reward.id)}`, rewardBody(reward, { enabled }));
      showToast(t(enabled ? 'rewards.toastEnabled' : 'rewards.toastDisabled', { title: reward.title }));
      rewards.reload();
    } catch (error) {
      setToggleError(toApiError(error));
    } finally {
      setToggling(null);
    }
  };

  const stockText = (reward: Reward) =>
    reward.stockRemaining === null ? t('rewards.unlimited') : t('rewards.stockLeft', { left: formatNumber(reward.stockRemaining), limit: formatNumber(reward.stockLimit ?? 0) });

  return (
    <Page
      title={t('rewards.title')}
      subtitle={t('rewards.subtitle')}
      primaryAction={readOnly ? undefined : { content: t('rewards.create'), icon: PlusIcon, onAction: () => setEditing('new') }}
    >
      <BlockStack gap="400">
        {readOnly && (
          <Banner tone="info">
            <p>{t('rewards.readOnly')}</p>
          </Banner>
        )}
        {rewards.error && <ApiErrorBanner title={t('rewards.error')} error={rewards.error} onRetry={rewards.reload} />}
        {toggleError && <ApiErrorBanner title={t('rewards.saveError')} error={toggleError} />}
        <Layout>
          <Layout.Section>
            <Card padding="0">
              <div data-testid="rewards-table">
                <IndexTable
                  condensed={smDown}
                  resourceName={{ singular: t('rewards.singular'), plural: t('rewards.plural') }}
                  itemCount={items.length}
                  selectable={false}
                  loading={rewards.loading}
                  emptyState={
                    <EmptyState
                      heading={t('rewards.empty.heading')}
                      image={EMPTY_ILLUSTRATION}
                      action={readOnly ? undefined : { content: t('rewards.create'), onAction: () => setEditing('new') }}
                    >
                      <p>{t('rewards.empty.body')}</p>
                    </EmptyState>
                  }
                  headings={[
                    { title: t('rewards.columns.reward') },
                    { title: t('rewards.columns.value'), alignment: 'end' },
                    { title: t('rewards.columns.cost'), alignment: 'end' },
                    { title: t('rewards.columns.stock') },
                    { title: t('rewards.columns.limits') },
                    { title: t('rewards.columns.status') },
                    { title: t('rewards.columns.actions'), alignment: 'end' },
                  ]}
                >
                  {items.map((reward, index) => {
                    const actions = (
                      <InlineStack gap="200" align="end" wrap={false}>
                        <Button size="slim" onClick={() => setEditing(reward)} accessibilityLabel={t(readOnly ? 'rewards.viewLabel' : 'rewards.editLabel', { title: reward.title })}>
                          {readOnly ? t('rewards.view') : t('rewards.edit')}
                        </Button>
                        {!readOnly && (
                          <Button
                            size="slim"
                            loading={toggling === reward.id}
                            onClick={() => void setEnabled(reward, !reward.enabled)}
                            accessibilityLabel={t(reward.enabled ? 'rewards.disableLabel' : 'rewards.enableLabel', { title: reward.title })}
                          >
                            {reward.enabled ? t('rewards.disable') : t('rewards.enable')}
                          </Button>
                        )}
                      </InlineStack>
                    );
                    const status = reward.enabled ? <Badge tone="success">{t('rewards.statusActive')}</Badge> : <Badge>{t('rewards.statusDisabled')}</Badge>;
                    if (smDown) {
                      // A phone shows each reward as a list item: what it is, what it costs, and its actions.
                      return (
                        <IndexTable.Row id={reward.id} key={reward.id} position={index}>
                          <div style={{ padding: '12px 16px' }}>
                            <BlockStack gap="200">
                              <InlineStack align="space-between" gap="200" wrap={false}>
                                <span data-key-cell>
                                  <Text as="span" fontWeight="semibold">
                                    {reward.title}
                                  </Text>
                                </span>
                                {status}
                              </InlineStack>
                              <span data-key-cell>
                                <Text as="span" numeric>
                                  {formatMoney(reward.value.amountMinor, reward.value.currency)} · {t('common.pointsValue', { points: formatNumber(reward.pointsCost) })}
                                </Text>
                              </span>
                              <Text as="span" tone="subdued" variant="bodySm">
                                {stockText(reward)} · {reward.expiresAfterDays === null ? t('rewards.neverExpires') : t('rewards.expiresAfter', { days: formatNumber(reward.expiresAfterDays) })}
                              </Text>
                              <InlineStack>{actions}</InlineStack>
                            </BlockStack>
                          </div>
                        </IndexTable.Row>
                      );
                    }
                    return (
                    <IndexTable.Row id={reward.id} key={reward.id} position={index}>
                      <IndexTable.Cell>
                        <BlockStack gap="050">
                          <span data-key-cell>
                            <Text as="span" fontWeight="semibold">
                              {reward.title}
                            </Text>
                          </span>
                          <Text as="span" tone="subdued" variant="bodySm">
                            {reward.type === 'store_credit' ? t('rewards.types.store_credit') : t('rewards.types.gift_card')}
                          </Text>
                        </BlockStack>
                      </IndexTable.Cell>
                      <IndexTable.Cell>
                        <Text as="span" alignment="end" numeric>
                          {formatMoney(reward.value.amountMinor, reward.value.currency)}
                        </Text>
                      </IndexTable.Cell>
                      <IndexTable.Cell>
                        <span data-key-cell>
                          <Text as="span" alignment="end" numeric>
                            {t('common.pointsValue', { points: formatNumber(reward.pointsCost) })}
                          </Text>
                        </span>
                      </IndexTable.Cell>
                      <IndexTable.Cell>
                        <BlockStack gap="050">
                          <Text as="span" tone={reward.stockRemaining === 0 ? 'critical' : undefined}>
                            {stockText(reward)}
                          </Text>
                          <Text as="span" tone="subdued" variant="bodySm">
                            {t('rewards.issued', { count: formatNumber(reward.issuedCount) })}
                          </Text>
                        </BlockStack>
                      </IndexTable.Cell>
                      <IndexTable.Cell>
                        <BlockStack gap="050">
                          <Text as="span" variant="bodySm">
                            {reward.expiresAfterDays === null ? t('rewards.neverExpires') : t('rewards.expiresAfter', { days: formatNumber(reward.expiresAfterDays) })}
                          </Text>
                          <Text as="span" variant="bodySm" tone="subdued">
                            {reward.perCustomerLimit === null ? t('rewards.noPerCustomerLimit') : t('rewards.perCustomer', { count: formatNumber(reward.perCustomerLimit) })}
                          </Text>
                        </BlockStack>
                      </IndexTable.Cell>
                      <IndexTable.Cell>{status}</IndexTable.Cell>
                      <IndexTable.Cell>{actions}</IndexTable.Cell>
                    </IndexTable.Row>
                    );
                  })}
                </IndexTable>
              </div>
            </Card>
          </Layout.Section>
          <Layout.Section>
            <RedemptionsCard rewards={items} />
          </Layout.Section>
        </Layout>
        <Box paddingBlockEnd="800" />
      </BlockStack>
      <RewardModal
        open={editing !== null}
        reward={editing === 'new' ? null : editing}
        currency={currency}
        readOnly={readOnly}
        groups={rewards.data?.groups ?? []}
        onClose={() => setEditing(null)}
        onSaved={() => rewards.reload()}
      />
    </Page>
  );
}

function RedemptionsCard({ rewards }: { rewards: Reward[] }) {
  const { t, formatNumber, formatMoney, formatDateTime, formatDate } = useI18n();
  const [status, setStatus] = useState('');
  const paging = useCursorPages(status);
  const query = useApiQuery<ApiPage<Redemption>>(withQuery('/api/redemptions', { status, limit: REDEMPTIONS_PAGE_SIZE, before: paging.cursor }));
  const titleOf = new Map(rewards.map((reward) => [reward.id, reward.title]));
  const items = query.data?.items ?? [];
  return (
    <Card padding="0">
      <Box padding="400" paddingBlockEnd="200">
        <InlineStack align="space-between" blockAlign="end" gap="400">
          <BlockStack gap="100">
            <Text as="h2" variant="headingMd">
              {t('redemptions.title')}
            </Text>
            <Text as="p" tone="subdued" variant="bodySm">
              {t('redemptions.subtitle')}
            </Text>
          </BlockStack>
          <Box minWidth="200px">
            <Select
              label={t('redemptions.statusFilter')}
              options={[{ label: t('redemptions.allStatuses'), value: '' }, ...REDEMPTION_STATUSES.map((value) => ({ value, label: t(`redemptions.statuses.${value}` as TranslationKey) }))]}
              value={status}
              onChange={setStatus}
            />
          </Box>
        </InlineStack>
      </Box>
      {query.error && (
        <Box padding="400" paddingBlockStart="0">
          <ApiErrorBanner title={t('redemptions.error')} error={query.error} onRetry={query.reload} />
        </Box>
      )}
      {!query.data && query.loading ? (
        <TableSkeleton lines={4} />
      ) : (
        <div data-testid="redemptions-table">
          <IndexTable
            resourceName={{ singular: t('redemptions.singular'), plural: t('redemptions.plural') }}
            itemCount={items.length}
            selectable={false}
            loading={query.loading}
            emptyState={
              <Box padding="400">
                <Text as="p" tone="subdued" alignment="center">
                  {status ? t('redemptions.emptyFiltered') : t('redemptions.empty')}
                </Text>
              </Box>
            }
            headings={[
              { title: t('redemptions.columns.date') },
              { title: t('redemptions.columns.reward') },
              { title: t('redemptions.columns.member') },
              { title: t('redemptions.columns.code') },
              { title: t('redemptions.columns.value'), alignment: 'end' },
              { title: t('redemptions.columns.points'), alignment: 'end' },
              { title: t('redemptions.columns.status') },
            ]}
            pagination={{
              hasPrevious: paging.hasPrevious,
              hasNext: Boolean(query.data?.nextCursor),
              onPrevious: paging.previous,
              onNext: () => paging.next(query.data?.nextCursor ?? null),
              label: t('common.pageNumber', { page: paging.pageNumber }),
            }}
          >
            {items.map((redemption, index) => (
              <IndexTable.Row id={redemption.id} key={redemption.id} position={index}>
                <IndexTable.Cell>{formatDateTime(redemption.createdAt)}</IndexTable.Cell>
                <IndexTable.Cell>
                  <BlockStack gap="050">
                    <Text as="span">{titleOf.get(redemption.rewardId) ?? t('redemptions.removedReward')}</Text>
                    <Text as="span" tone="subdued" variant="bodySm">
                      {redemption.requestedBy === 'staff' ? t('redemptions.byStaff') : t('redemptions.byCustomer')}
                    </Text>
                  </BlockStack>
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <Link url={`/members/${encodeURIComponent(redemption.memberId)}`} removeUnderline>
                    {t('redemptions.openMember')}
                  </Link>
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <BlockStack gap="050">
                    <Text as="span" numeric>
                      {redemption.maskedCode ?? '—'}
                    </Text>
                    {redemption.expiresOn && (
                      <Text as="span" tone="subdued" variant="bodySm">
                        {t('redemptions.expiresOn', { date: formatDate(redemption.expiresOn) })}
                      </Text>
                    )}
                  </BlockStack>
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <Text as="span" alignment="end" numeric>
                    {formatMoney(redemption.value.amountMinor, redemption.value.currency)}
                  </Text>
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <Text as="span" alignment="end" numeric>
                    {formatNumber(redemption.points)}
                  </Text>
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <BlockStack gap="050" inlineAlign="start">
                    <RedemptionStatusBadge status={redemption.status} />
                    {redemption.deactivatedAt && <Badge tone="critical">{t('redemptions.deactivated')}</Badge>}
                    {redemption.lastError && (
                      <Text as="span" tone="critical" variant="bodySm">
                        {redemption.lastError}
                      </Text>
                    )}
                  </BlockStack>
                </IndexTable.Cell>
              </IndexTable.Row>
            ))}
          </IndexTable>
        </div>
      )}
    </Card>
  );
}
