// What a customer sees for a reward in their account and the storefront widget: the title, what it
// is worth, what it costs, and whether their balance covers it. Rendered from the form's draft.
import { Badge, BlockStack, Box, Button, Icon, InlineStack, Text } from '@shopify/polaris';
import { GiftCardIcon } from '@shopify/polaris-icons';
import { useI18n } from '../hooks/use-i18n';

export interface RewardPreviewProps {
  title: string;
  type: string;
  valueMinor: number | null;
  currency: string;
  pointsCost: number | null;
  expiresAfterDays: number | null;
  /** null = unlimited */
  stockRemaining: number | null;
  enabled: boolean;
  /** The sample customer's balance. */
  balance: number;
}

export function RewardPreview({ title, type, valueMinor, currency, pointsCost, expiresAfterDays, stockRemaining, enabled, balance }: RewardPreviewProps) {
  const { t, formatMoney, formatNumber } = useI18n();
  const inStock = stockRemaining === null || stockRemaining > 0;
  const canAfford = pointsCost !== null && balance >= pointsCost;
  const missing = pointsCost !== null ? Math.max(0, pointsCost - balance) : 0;
  return (
    <div data-testid="reward-preview" style={{ opacity: enabled ? 1 : 0.6 }}>
      <Box borderWidth="025" borderColor="border" borderRadius="300" padding="400" background="bg-surface-secondary">
        <BlockStack gap="300">
          <InlineStack align="space-between" blockAlign="center" gap="200" wrap={false}>
            <InlineStack gap="200" blockAlign="center" wrap={false}>
              <span aria-hidden>
                <Icon source={GiftCardIcon} tone="subdued" />
              </span>
              <Text as="h3" variant="headingSm" breakWord>
                {title.trim() || t('rewards.preview.untitled')}
              </Text>
            </InlineStack>
            <Badge>{type === 'store_credit' ? t('rewards.types.store_credit') : t('rewards.types.gift_card')}</Badge>
          </InlineStack>
          <Text as="p" variant="heading2xl" numeric>
            {valueMinor !== null ? formatMoney(valueMinor, currency) : '—'}
          </Text>
          <Text as="p" tone="subdued">
            {pointsCost !== null ? t('rewards.preview.cost', { points: formatNumber(pointsCost) }) : '—'}
          </Text>
          {expiresAfterDays !== null && (
            <Text as="p" variant="bodySm" tone="subdued">
              {t('rewards.preview.validFor', { days: formatNumber(expiresAfterDays) })}
            </Text>
          )}
          <InlineStack align="space-between" blockAlign="center" gap="200">
            {!enabled ? (
              <Badge>{t('rewards.preview.hidden')}</Badge>
            ) : !inStock ? (
              <Badge tone="warning">{t('rewards.preview.outOfStock')}</Badge>
            ) : canAfford ? (
              <Badge tone="success">{t('rewards.preview.canAfford')}</Badge>
            ) : (
              <Badge tone="attention">{t('rewards.preview.needMore', { points: formatNumber(missing) })}</Badge>
            )}
            <Button variant="primary" disabled={!enabled || !inStock || !canAfford} onClick={() => undefined}>
              {t('rewards.preview.redeem')}
            </Button>
          </InlineStack>
        </BlockStack>
      </Box>
    </div>
  );
}
