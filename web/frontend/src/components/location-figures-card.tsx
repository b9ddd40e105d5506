// "By location": points earned and redeemed, orders, customers and sales per location for a period
// (GET /api/locations/figures), on the dashboard and the report. Managers can ask for a fresh copy of
// the location names from Shopify.
import { BlockStack, Box, Button, Card, DataTable, Divider, InlineGrid, InlineStack, SkeletonBodyText, Text, useBreakpoints } from '@shopify/polaris';
import { useState } from 'react';
import type { LocationFiguresResponse } from '../../../contracts/admin-api';
import { apiSend, toApiError, useApiQuery, withQuery, type ApiError } from '../hooks/use-api';
import { useI18n } from '../hooks/use-i18n';
import { useMe } from '../hooks/use-me';
import { showToast } from '../lib/toast';
import { ApiErrorBanner } from './api-error-banner';
import { useLocationName } from './location-name';

export function LocationFiguresCard({ from, to }: { from: string; to: string }) {
  const { t, formatNumber, formatMoney } = useI18n();
  const { permissions } = useMe();
  const nameOf = useLocationName();
  // Seven columns do not fit a phone: there each location becomes a small block of figures.
  const { mdDown } = useBreakpoints();
  const figures = useApiQuery<LocationFiguresResponse>(withQuery('/api/locations/figures', { from, to }));
  const [syncing, setSyncing] = useState(false);
  const [syncError, setSyncError] = useState<ApiError>();
  const items = figures.data?.items ?? [];

  const sync = async () => {
    setSyncing(true);
    setSyncError(undefined);
    try {
      await apiSend('POST', '/api/locations/sync', {});
      showToast(t('locations.sync.queued'));
    } catch (caught) {
      setSyncError(toApiError(caught));
    } finally {
      setSyncing(false);
    }
  };

  const headings = [
    t('locations.figures.location'), t('locations.figures.earned'), t('locations.figures.pending'), t('locations.figures.redeemed'),
    t('locations.figures.orders'), t('locations.figures.customers'), t('locations.figures.sales'),
  ];
  const rows = items.map((row) => [
    nameOf({ id: row.locationId, name: row.name }), formatNumber(row.earned), formatNumber(row.pending), formatNumber(row.redeemed),
    formatNumber(row.orders), formatNumber(row.customers), formatMoney(row.revenueMinor, row.currency),
  ]);

  return (
    <Card padding="0">
      <Box padding="400" paddingBlockEnd="200">
        <InlineStack align="space-between" blockAlign="center" gap="200">
          <Text as="h2" variant="headingMd">
            {t('locations.figures.title')}
          </Text>
          {permissions.editProducts && (
            <Button variant="plain" loading={syncing} onClick={() => void sync()}>
              {t('locations.sync.action')}
            </Button>
          )}
        </InlineStack>
      </Box>
      <BlockStack gap="200">
        {figures.error && (
          <Box paddingInline="400">
            <ApiErrorBanner title={t('locations.figures.error')} error={figures.error} onRetry={figures.reload} />
          </Box>
        )}
        {syncError && (
          <Box paddingInline="400">
            <ApiErrorBanner title={t('locations.sync.error')} error={syncError} />
          </Box>
        )}
        {!figures.data && figures.loading ? (
          <Box padding="400">
            <SkeletonBodyText lines={4} />
          </Box>
        ) : items.length === 0 ? (
          <Box padding="400" paddingBlockStart="0">
            <Text as="p" tone="subdued">
              {t('locations.figures.empty')}
            </Text>
          </Box>
        ) : (
          <div data-testid="location-figures">
            {mdDown ? (
              <BlockStack>
                {rows.map(([name, ...values], index) => (
                  <Box key={items[index]!.locationId ?? 'none'} padding="400" paddingBlockStart="200">
                    <BlockStack gap="200">
                      {index > 0 && <Divider />}
                      <Text as="h3" variant="headingSm">
                        {name}
                      </Text>
                      <InlineGrid columns={2} gap="100">
                        {values.map((value, column) => (
                          <Text as="p" variant="bodySm" key={headings[column + 1]}>
                            {headings[column + 1]}: <Text as="span" fontWeight="semibold" numeric>{value}</Text>
                          </Text>
                        ))}
                      </InlineGrid>
                    </BlockStack>
                  </Box>
                ))}
              </BlockStack>
            ) : (
              <DataTable columnContentTypes={['text', 'numeric', 'numeric', 'numeric', 'numeric', 'numeric', 'numeric']} headings={headings} rows={rows} />
            )}
          </div>
        )}
      </BlockStack>
    </Card>
  );
}
