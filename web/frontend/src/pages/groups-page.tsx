// Groups (/groups): every group with its colour, type, member count and its figures over a period
// (visits, revenue, average order, outstanding points in money: GET /api/groups/stats), and the tier
// order with thresholds (PUT /api/groups/tiers). Managers and owners create and change groups.
import { Banner, BlockStack, Box, Button, Card, EmptyState, IndexTable, InlineStack, Layout, Link, Page, Select, Text, useBreakpoints } from '@shopify/polaris';
import { ArrowDownIcon, ArrowUpIcon, PlusIcon } from '@shopify/polaris-icons';
import { useState } from 'react';
import type { CustomerGroupView, GroupStats, GroupStatsResponse, TierMetricName, TierPeriodName } from '../../../contracts/groups-api';
import { ApiErrorBanner } from '../components/api-error-banner';
import { DateRangePicker, presetRange } from '../components/date-range-picker';
import { EMPTY_ILLUSTRATION } from '../components/empty-illustration';
import { GroupTypeBadge } from '../components/group-type-badge';
import { NumberField } from '../components/number-field';
import { PageSkeleton } from '../components/page-skeleton';
import { ApiError, apiSend, toApiError, useApiQuery, withQuery } from '../hooks/use-api';
import { useI18n } from '../hooks/use-i18n';
import { useMe } from '../hooks/use-me';
import { useShopCurrency } from '../hooks/use-shop-currency';
import { minorUnitsPerMajor } from '../i18n';
import type { DateRange } from '../lib/dates';
import { showToast } from '../lib/toast';
import { navigate } from '../router';

export function GroupsPage() {
  const { t, formatNumber, formatMoney } = useI18n();
  const { permissions } = useMe();
  const { smDown } = useBreakpoints();
  const groups = useApiQuery<{ items: CustomerGroupView[] }>('/api/groups');
  const [range, setRange] = useState<DateRange>(() => presetRange('last30'));
  const stats = useApiQuery<GroupStatsResponse>(withQuery('/api/groups/stats', { from: range.from, to: range.to }));

  if (groups.loading && !groups.data) return <PageSkeleton title={t('groups.title')} primaryAction />;

  const items = groups.data?.items ?? [];
  const statsById = new Map((stats.data?.items ?? []).map((item) => [item.groupId, item]));
  const currency = stats.data?.currency ?? 'EUR';
  const money = (value: number | null | undefined) => (value === null || value === undefined ? '—' : formatMoney(value, currency));
  const figure = (group: CustomerGroupView, pick: (s: GroupStats) => string) => {
    const row = statsById.get(group.id);
    return row ? pick(row) : '—';
  };
  const nameCell = (group: CustomerGroupView) => (
    <span data-key-cell style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
      <span aria-hidden="true" style={{ width: 12, height: 12, borderRadius: 6, background: group.colour, flex: '0 0 auto', display: 'inline-block' }} />
      <Link dataPrimaryLink monochrome removeUnderline url={`/groups/${encodeURIComponent(group.id)}`}>
        <Text as="span" fontWeight="semibold">
          {group.name}
        </Text>
      </Link>
    </span>
  );

  return (
    <Page
      title={t('groups.title')}
      subtitle={t('groups.subtitle')}
      primaryAction={permissions.editGroups ? { content: t('groups.create'), icon: PlusIcon, onAction: () => navigate('/groups/new') } : undefined}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {groups.error && <ApiErrorBanner title={t('groups.error')} error={groups.error} onRetry={groups.reload} />}
            {stats.error && <ApiErrorBanner title={t('groups.statsError')} error={stats.error} onRetry={stats.reload} />}
            <Card padding="0">
              <Box padding="300">
                <InlineStack align="space-between" blockAlign="center" gap="200">
                  <Text as="p" tone="subdued" variant="bodySm">
                    {t('groups.statsHelp')}
                  </Text>
                  <DateRangePicker value={range} onChange={setRange} label={t('groups.statsPeriod')} />
                </InlineStack>
              </Box>
              <div data-testid="groups-table">
                <IndexTable
                  condensed={smDown}
                  resourceName={{ singular: t('groups.singular'), plural: t('groups.plural') }}
                  itemCount={items.length}
                  selectable={false}
                  emptyState={
                    <EmptyState heading={t('groups.empty.heading')} image={EMPTY_ILLUSTRATION} action={permissions.editGroups ? { content: t('groups.create'), onAction: () => navigate('/groups/new') } : undefined}>
                      <p>{t('groups.empty.body')}</p>
                    </EmptyState>
                  }
                  headings={[
                    { title: t('groups.columns.name') },
                    { title: t('groups.columns.kind') },
                    { title: t('groups.columns.members'), alignment: 'end' },
                    { title: t('groups.columns.visits'), alignment: 'end' },
                    { title: t('groups.columns.revenue'), alignment: 'end' },
                    { title: t('groups.columns.averageOrder'), alignment: 'end' },
                    { title: t('groups.columns.liability'), alignment: 'end' },
                  ]}
                >
                  {items.map((group, index) =>
                    smDown ? (
                      <IndexTable.Row id={group.id} key={group.id} position={index}>
                        <div style={{ padding: '12px 16px' }}>
                          <InlineStack align="space-between" gap="200" wrap={false} blockAlign="start">
                            <BlockStack gap="100" inlineAlign="start">
                              {nameCell(group)}
                              <GroupTypeBadge group={group} />
                              <Text as="span" tone="subdued" variant="bodySm">
                                {t('groups.mobileFigures', {
                                  revenue: figure(group, (s) => money(s.revenueMinor)),
                                  average: figure(group, (s) => money(s.averageOrderMinor)),
                                  visits: figure(group, (s) => formatNumber(s.visits)),
                                })}
                              </Text>
                            </BlockStack>
                            <span style={{ whiteSpace: 'nowrap' }}>
                              <Text as="span" numeric fontWeight="semibold">
                                {t('groups.memberCount', { count: formatNumber(group.memberCount) })}
                              </Text>
                            </span>
                          </InlineStack>
                        </div>
                      </IndexTable.Row>
                    ) : (
                      <IndexTable.Row id={group.id} key={group.id} position={index}>
                        <IndexTable.Cell>{nameCell(group)}</IndexTable.Cell>
                        <IndexTable.Cell>
                          <GroupTypeBadge group={group} />
                        </IndexTable.Cell>
                        <IndexTable.Cell>
                          <Text as="span" alignment="end" numeric>
                            {formatNumber(group.memberCount)}
                          </Text>
                        </IndexTable.Cell>
                        <IndexTable.Cell>
                          <Text as="span" alignment="end" numeric>
                            {figure(group, (s) => formatNumber(s.visits))}
                          </Text>
                        </IndexTable.Cell>
                        <IndexTable.Cell>
                          <Text as="span" alignment="end" numeric>
                            {figure(group, (s) => money(s.revenueMinor))}
                          </Text>
                        </IndexTable.Cell>
                        <IndexTable.Cell>
                          <Text as="span" alignment="end" numeric>
                            {figure(group, (s) => money(s.averageOrderMinor))}
                          </Text>
                        </IndexTable.Cell>
                        <IndexTable.Cell>
                          <Text as="span" alignment="end" numeric>
                            {figure(group, (s) => (s.liabilityMinor === null ? t('common.pointsValue', { points: formatNumber(s.pointsBalance) }) : money(s.liabilityMinor)))}
                          </Text>
                        </IndexTable.Cell>
                      </IndexTable.Row>
                    ),
                  )}
                </IndexTable>
              </div>
            </Card>
          </BlockStack>
        </Layout.Section>
        <Layout.Section>
          <TiersCard key={items.map((group) => `${group.id}:${group.updatedAt}`).join()} tiers={items.filter((group) => group.tier)} readOnly={!permissions.editGroups} onSaved={groups.reload} />
        </Layout.Section>
      </Layout>
    </Page>
  );
}

interface TierRow {
  id: string;
  name: string;
  colour: string;
  threshold: number;
}

/** The tier ladder: lowest first; move a tier up or down, change thresholds, one metric and period for all. */
function TiersCard({ tiers, readOnly, onSaved }: { tiers: CustomerGroupView[]; readOnly: boolean; onSaved(): void }) {
  const { t } = useI18n();
  const currency = useShopCurrency();
  const sorted = [...tiers].sort((a, b) => a.tier!.rank - b.tier!.rank);
  const [rows, setRows] = useState<TierRow[]>(() => sorted.map((group) => ({ id: group.id, name: group.name, colour: group.colour, threshold: group.tier!.threshold })));
  const [metric, setMetric] = useState<TierMetricName>(sorted[0]?.tier?.metric ?? 'spend');
  const [period, setPeriod] = useState<TierPeriodName>(sorted[0]?.tier?.period ?? 'calendar_year');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError>();
  const scale = metric === 'spend' ? minorUnitsPerMajor(currency) : 1;
  const rowError = (index: number) => {
    const row = rows[index]!;
    const previous = rows[index - 1];
    if (!Number.isInteger(row.threshold) || row.threshold < 0) return t('groups.form.errors.threshold');
    if (previous && row.threshold <= previous.threshold) return t('groups.tiers.ascending', { name: previous.name });
    return undefined;
  };
  const invalid = rows.some((_, index) => rowError(index));
  const move = (index: number, by: -1 | 1) => {
    const next = [...rows];
    const [row] = next.splice(index, 1);
    next.splice(index + by, 0, row!);
    setRows(next);
  };
  const save = async () => {
    setSaving(true);
    setError(undefined);
    try {
      await apiSend('PUT', '/api/groups/tiers', { metric, period, tiers: rows.map((row) => ({ groupId: row.id, threshold: row.threshold })) });
      showToast(t('groups.tiers.saved'));
      onSaved();
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t('groups.tiers.title')}
        </Text>
        <Text as="p" tone="subdued">
          {t('groups.tiers.help')}
        </Text>
        {error && <ApiErrorBanner title={t('groups.tiers.error')} error={error} />}
        {rows.length === 0 ? (
          <Banner tone="info">
            <p>{t('groups.tiers.empty')}</p>
          </Banner>
        ) : (
          <div data-testid="tiers">
            <BlockStack gap="300">
              <InlineStack gap="300" wrap>
                <Select label={t('groups.tiers.metric')} options={(['spend', 'points_earned'] as const).map((value) => ({ label: t(`groups.metrics.${value}`), value }))} value={metric} onChange={(value) => setMetric(value as TierMetricName)} disabled={readOnly} />
                <Select label={t('groups.tiers.period')} options={(['calendar_year', 'rolling_12_months'] as const).map((value) => ({ label: t(`groups.periods.${value}`), value }))} value={period} onChange={(value) => setPeriod(value as TierPeriodName)} disabled={readOnly} />
              </InlineStack>
              <BlockStack gap="200" as="ol">
                {rows.map((row, index) => (
                  <li key={row.id} style={{ listStyle: 'none' }}>
                    <Box padding="300" borderWidth="025" borderColor="border" borderRadius="200">
                      <InlineStack gap="300" blockAlign="end" wrap={false}>
                        <div style={{ flex: 1, minWidth: 0 }}>
                          <BlockStack gap="200">
                            <InlineStack gap="200" blockAlign="center" wrap={false}>
                              <span aria-hidden="true" style={{ width: 12, height: 12, borderRadius: 6, background: row.colour, display: 'inline-block', flex: '0 0 auto' }} />
                              <Text as="span" fontWeight="semibold">
                                {t('groups.tiers.rank', { rank: index + 1, name: row.name })}
                              </Text>
                            </InlineStack>
                            <NumberField
                              label={t('groups.tiers.threshold', { name: row.name })}
                              prefix={metric === 'spend' ? currency : undefined}
                              suffix={metric === 'points_earned' ? t('common.pointsShort') : undefined}
                              scale={scale}
                              value={row.threshold}
                              disabled={readOnly}
                              onChange={(threshold) => setRows(rows.map((candidate) => (candidate.id === row.id ? { ...candidate, threshold } : candidate)))}
                              error={rowError(index)}
                            />
                          </BlockStack>
                        </div>
                        {!readOnly && (
                          <InlineStack gap="100" wrap={false}>
                            <Button icon={ArrowUpIcon} disabled={index === 0} accessibilityLabel={t('groups.tiers.moveUp', { name: row.name })} onClick={() => move(index, -1)} />
                            <Button icon={ArrowDownIcon} disabled={index === rows.length - 1} accessibilityLabel={t('groups.tiers.moveDown', { name: row.name })} onClick={() => move(index, 1)} />
                          </InlineStack>
                        )}
                      </InlineStack>
                    </Box>
                  </li>
                ))}
              </BlockStack>
              {!readOnly && (
                <InlineStack align="end">
                  <Button variant="primary" disabled={invalid} loading={saving} onClick={() => void save()}>
                    {t('groups.tiers.save')}
                  </Button>
                </InlineStack>
              )}
            </BlockStack>
          </div>
        )}
      </BlockStack>
    </Card>
  );
}
