import {
  Banner,
  BlockStack,
  Box,
  Card,
  EmptyState,
  InlineGrid,
  InlineStack,
  Layout,
  Link,
  Page,
  ResourceItem,
  ResourceList,
  SkeletonBodyText,
  SkeletonPage,
  Text,
} from '@shopify/polaris';
import { lazy, Suspense, useState } from 'react';
import { ApiErrorBanner } from '../components/api-error-banner';
import { CountCard } from '../components/count-card';
import { DateRangePicker, presetRange } from '../components/date-range-picker';
import { LocationFiguresCard } from '../components/location-figures-card';
import { EmailServerBanner } from '../components/email-server-banner';
import { EMPTY_ILLUSTRATION } from '../components/empty-illustration';
import { LiabilityCard } from '../components/liability-card';
import { CountCardSkeleton } from '../components/page-skeleton';
import { SetupGuideCard } from '../components/setup-guide-card';
import { useApiQuery, withQuery, type ApiQuery } from '../hooks/use-api';
import { useI18n } from '../hooks/use-i18n';
import type { DashboardStats } from '../../../contracts/admin-api';
import type { CustomerGroupView } from '../../../contracts/groups-api';
import type { DateRange } from '../lib/dates';

// The chart's chunk (polaris-viz, the largest) starts downloading with this page, in parallel with the
// dashboard's data, instead of after the data has arrived and the chart first renders.
const earnedSpentChartModule = import('../components/earned-spent-chart');
const EarnedSpentChart = lazy(() => earnedSpentChartModule);
// Members per group: its own small chunk on top of polaris-viz, fetched with the page as well.
const groupMembersChartModule = import('../components/group-members-chart');
const GroupMembersChart = lazy(() => groupMembersChartModule);

/** Response of GET /api/dashboard (web/core/reports/dashboard-summary.ts). */
export interface DashboardResponse {
  shop: { name: string; domain: string; currency: string };
  counts: { members: number; products: number; services: number; orders: number; pendingPoints: number; postedPoints: number };
}

type CountKey = keyof DashboardResponse['counts'];

const PROGRAM_COUNTS: CountKey[] = ['members', 'products', 'services', 'orders'];

export function DashboardPage() {
  const { t } = useI18n();
  const { data, error, loading, reload } = useApiQuery<DashboardResponse>('/api/dashboard');
  const [range, setRange] = useState<DateRange>(() => presetRange('last30'));
  // One request for the period's figures and the liability (a state, the same for any period).
  const stats = useApiQuery<DashboardStats>(withQuery('/api/dashboard/stats', { from: range.from, to: range.to }));

  if (loading && !data) return <DashboardSkeleton />;

  if (error || !data) {
    return (
      <Page title={t('nav.dashboard')}>
        <Layout>
          <Layout.Section>
            {error && <ApiErrorBanner title={t('dashboard.error.title')} error={error} onRetry={reload} />}
          </Layout.Section>
        </Layout>
      </Page>
    );
  }

  const isEmpty = Object.values(data.counts).every((value) => value === 0);
  return (
    <Page title={data.shop.name} subtitle={t('dashboard.subtitle', { domain: data.shop.domain })}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <EmailServerBanner />
            <SetupGuideCard />
          </BlockStack>
        </Layout.Section>
        {isEmpty ? (
          <Layout.Section>
            <Card>
              <EmptyState heading={t('dashboard.empty.heading')} image={EMPTY_ILLUSTRATION}>
                <p>{t('dashboard.empty.body')}</p>
              </EmptyState>
            </Card>
          </Layout.Section>
        ) : (
          <>
            <Layout.Section>
              <CountSection title={t('dashboard.sections.program')} keys={PROGRAM_COUNTS} counts={data.counts} columns={4} />
            </Layout.Section>
            <Layout.Section>
              <PointsNowSection pendingPoints={data.counts.pendingPoints} stats={stats.data} />
            </Layout.Section>
            <Layout.Section>
              <StatsSection range={range} onRangeChange={setRange} stats={stats} />
            </Layout.Section>
            <Layout.Section>
              <GroupsSection />
            </Layout.Section>
            <Layout.Section>
              <LocationFiguresCard from={range.from} to={range.to} />
            </Layout.Section>
          </>
        )}
      </Layout>
    </Page>
  );
}

/** The points right now: waiting to be credited, and available to spend (the liability, in money and points). */
function PointsNowSection({ pendingPoints, stats: data }: { pendingPoints: number; stats: DashboardStats | undefined }) {
  const { t, formatNumber } = useI18n();
  return (
    <BlockStack gap="300">
      <Text as="h2" variant="headingMd">
        {t('dashboard.sections.points')}
      </Text>
      <InlineGrid columns={{ xs: 1, sm: 2 }} gap="400">
        <CountCard id="pendingPoints" label={t('dashboard.counts.pendingPoints.label')} value={formatNumber(pendingPoints)} help={t('dashboard.counts.pendingPoints.help')} />
        {data ? (
          <LiabilityCard id="stat-liability" points={data.liabilityPoints} valueMinor={data.liabilityMinor} currency={data.currency} pointValue={data.pointValue} />
        ) : (
          <CountCardSkeleton />
        )}
      </InlineGrid>
    </BlockStack>
  );
}

function StatsSection({ range, onRangeChange, stats }: { range: DateRange; onRangeChange(range: DateRange): void; stats: ApiQuery<DashboardStats> }) {
  const { t, formatNumber, formatPercent } = useI18n();
  const { data, error, loading, reload } = stats;

  return (
    <BlockStack gap="300">
      <InlineStack align="space-between" blockAlign="center" gap="200">
        <Text as="h2" variant="headingMd">
          {t('dashboard.sections.activity')}
        </Text>
        <DateRangePicker value={range} onChange={onRangeChange} label={t('dashboard.period')} />
      </InlineStack>
      {error && <ApiErrorBanner title={t('dashboard.stats.error')} error={error} onRetry={reload} />}
      {!data && loading && <StatCardsSkeleton />}
      {data && (
        <BlockStack gap="400">
          <InlineGrid columns={{ xs: 1, sm: 2, md: 4 }} gap="400">
            <CountCard id="stat-members" label={t('dashboard.stats.members.label')} value={formatNumber(data.members)} help={t('dashboard.stats.members.help')} />
            <CountCard id="stat-issued" label={t('dashboard.stats.issued.label')} value={formatNumber(data.issued)} help={t('dashboard.stats.issued.help')} />
            <CountCard id="stat-redeemed" label={t('dashboard.stats.redeemed.label')} value={formatNumber(data.redeemed)} help={t('dashboard.stats.redeemed.help')} />
            <CountCard
              id="stat-redemption-rate"
              label={t('dashboard.stats.redemptionRate.label')}
              value={formatPercent(data.redemptionRate)}
              help={t('dashboard.stats.redemptionRate.help')}
            />
          </InlineGrid>
          <Layout>
            <Layout.Section>
              <Card>
                <BlockStack gap="300">
                  <Text as="h3" variant="headingSm">
                    {t('dashboard.chart.title')}
                  </Text>
                  {data.series.length === 0 || data.series.every((point) => point.earned === 0 && point.spent === 0) ? (
                    <Box paddingBlock="800">
                      <Text as="p" tone="subdued" alignment="center">
                        {t('dashboard.chart.empty')}
                      </Text>
                    </Box>
                  ) : (
                    <Suspense fallback={<SkeletonBodyText lines={8} />}>
                      <EarnedSpentChart series={data.series} />
                    </Suspense>
                  )}
                </BlockStack>
              </Card>
            </Layout.Section>
            <Layout.Section variant="oneThird">
              <Card padding="0">
                <Box padding="400" paddingBlockEnd="200">
                  <Text as="h3" variant="headingSm">
                    {t('dashboard.topServices.title')}
                  </Text>
                </Box>
                {data.topServices.length === 0 ? (
                  <Box padding="400" paddingBlockStart="0">
                    <Text as="p" tone="subdued">
                      {t('dashboard.topServices.empty')}
                    </Text>
                  </Box>
                ) : (
                  <div data-testid="top-services">
                    <ResourceList
                      items={data.topServices}
                      resourceName={{ singular: t('dashboard.topServices.singular'), plural: t('dashboard.topServices.plural') }}
                      renderItem={(service, _id, index) => (
                        <ResourceItem id={service.productId} url={`/products/${encodeURIComponent(service.productId.replace(/^gid:\/\/shopify\/Product\//, ''))}`} accessibilityLabel={service.title}>
                          <InlineStack align="space-between" gap="200" wrap={false}>
                            <Text as="span">
                              {index + 1}. {service.title}
                            </Text>
                            <Text as="span" numeric fontWeight="semibold">
                              {t('common.pointsValue', { points: formatNumber(service.points) })}
                            </Text>
                          </InlineStack>
                        </ResourceItem>
                      )}
                    />
                  </div>
                )}
              </Card>
            </Layout.Section>
          </Layout>
        </BlockStack>
      )}
      {!data && !loading && !error && (
        <Banner tone="info">
          <p>{t('dashboard.stats.unavailable')}</p>
        </Banner>
      )}
    </BlockStack>
  );
}

/** Members per group and tier, now (hidden until the shop has a group). */
function GroupsSection() {
  const { t } = useI18n();
  const { data, error, reload } = useApiQuery<{ items: CustomerGroupView[] }>('/api/groups');
  if (error) return <ApiErrorBanner title={t('groups.error')} error={error} onRetry={reload} />;
  if (!data || data.items.length === 0) return null;
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center" gap="200">
          <Text as="h2" variant="headingMd">
            {t('groups.chart.title')}
          </Text>
          <Link url="/groups">{t('groups.chart.open')}</Link>
        </InlineStack>
        <Suspense fallback={<SkeletonBodyText lines={6} />}>
          <GroupMembersChart groups={data.items} />
        </Suspense>
      </BlockStack>
    </Card>
  );
}

function CountSection({ title, keys, counts, columns }: { title: string; keys: CountKey[]; counts: DashboardResponse['counts']; columns: 2 | 4 }) {
  const { t, formatNumber } = useI18n();
  return (
    <BlockStack gap="300">
      <Text as="h2" variant="headingMd">
        {title}
      </Text>
      <InlineGrid columns={{ xs: 1, sm: 2, md: columns }} gap="400">
        {keys.map((key) => (
          <CountCard
            key={key}
            id={key}
            label={t(`dashboard.counts.${key}.label`)}
            value={formatNumber(counts[key])}
            help={t(`dashboard.counts.${key}.help`)}
          />
        ))}
      </InlineGrid>
    </BlockStack>
  );
}

function StatCardsSkeleton() {
  return (
    <InlineGrid columns={{ xs: 1, sm: 2, md: 4 }} gap="400">
      {[0, 1, 2, 3].map((key) => (
        <CountCardSkeleton key={key} />
      ))}
    </InlineGrid>
  );
}

function DashboardSkeleton() {
  return (
    <SkeletonPage>
      <Layout>
        <Layout.Section>
          <StatCardsSkeleton />
        </Layout.Section>
        <Layout.Section>
          <Card>
            <SkeletonBodyText lines={3} />
          </Card>
        </Layout.Section>
      </Layout>
    </SkeletonPage>
  );
}
