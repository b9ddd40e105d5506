import {
  BlockStack,
  Card,
  EmptyState,
  InlineGrid,
  Layout,
  Page,
  SkeletonBodyText,
  SkeletonDisplayText,
  SkeletonPage,
  Text,
} from '@shopify/polaris';
import { ApiErrorBanner } from '../components/api-error-banner';
import { CountCard } from '../components/count-card';
import { EMPTY_ILLUSTRATION } from '../components/empty-illustration';
import { useApiQuery } from '../hooks/use-api';
import { useI18n } from '../hooks/use-i18n';

/** Response of GET /api/dashboard (web/core/reports/dashboard-summary.ts). */
export interface DashboardResponse {
  shop: { name: string; domain: string; currency: string };
  counts: { members: number; products: number; services: number; orders: number; pendingPoints: number; postedPoints: number };
}

type CountKey = keyof DashboardResponse['counts'];

const PROGRAM_COUNTS: CountKey[] = ['members', 'products', 'services', 'orders'];
const POINT_COUNTS: CountKey[] = ['pendingPoints', 'postedPoints'];

export function DashboardPage() {
  const { t } = useI18n();
  const { data, error, loading, reload } = useApiQuery<DashboardResponse>('/api/dashboard');

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
              <CountSection title={t('dashboard.sections.points')} keys={POINT_COUNTS} counts={data.counts} columns={2} />
            </Layout.Section>
          </>
        )}
      </Layout>
    </Page>
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

function DashboardSkeleton() {
  return (
    <SkeletonPage>
      <Layout>
        <Layout.Section>
          <InlineGrid columns={{ xs: 1, sm: 2, md: 4 }} gap="400">
            {PROGRAM_COUNTS.map((key) => (
              <Card key={key}>
                <BlockStack gap="300">
                  <SkeletonBodyText lines={1} />
                  <SkeletonDisplayText size="medium" />
                </BlockStack>
              </Card>
            ))}
          </InlineGrid>
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
