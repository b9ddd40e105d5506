// The gift cards and store credit a member got for their points, with masked codes only (staff never
// see a code). GET /api/redemptions does not filter by member yet, so the rows are filtered here.
import { Badge, BlockStack, Card, InlineStack, SkeletonBodyText, Text } from '@shopify/polaris';
import { useApiQuery, withQuery } from '../hooks/use-api';
import { useI18n } from '../hooks/use-i18n';
import type { TranslationKey } from '../i18n';
import { REDEMPTION_STATUSES, type Page as ApiPage, type Redemption, type Reward } from '../../../contracts/admin-api';
import { ApiErrorBanner } from './api-error-banner';

const STATUS_TONE: Record<string, 'success' | 'attention' | 'critical' | 'info' | undefined> = {
  requested: 'info',
  issuing: 'attention',
  issued: 'success',
  failed: 'critical',
};

export function MemberGiftCards({ memberId }: { memberId: string }) {
  const { t, formatMoney, formatDate, formatDateTime, formatNumber } = useI18n();
  const redemptions = useApiQuery<ApiPage<Redemption>>(withQuery('/api/redemptions', { memberId, limit: 200 }));
  const rewards = useApiQuery<{ items: Reward[] }>('/api/rewards');
  const titleOf = new Map((rewards.data?.items ?? []).map((reward) => [reward.id, reward.title]));
  const items = (redemptions.data?.items ?? []).filter((item) => item.memberId === memberId);

  return (
    <Card>
      <div data-testid="member-gift-cards">
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            {t('memberGiftCards.title')}
          </Text>
          {redemptions.error && <ApiErrorBanner title={t('memberGiftCards.error')} error={redemptions.error} onRetry={redemptions.reload} />}
          {!redemptions.data && redemptions.loading ? (
            <SkeletonBodyText lines={3} />
          ) : items.length === 0 ? (
            <Text as="p" tone="subdued">
              {t('memberGiftCards.empty')}
            </Text>
          ) : (
            <BlockStack gap="300" as="ul">
              {items.map((item) => (
                <li key={item.id} style={{ listStyle: 'none' }}>
                  <InlineStack align="space-between" gap="200" wrap={false} blockAlign="start">
                    <BlockStack gap="050">
                      <Text as="span" fontWeight="semibold">
                        {titleOf.get(item.rewardId) ?? (item.type === 'store_credit' ? t('rewards.types.store_credit') : t('rewards.types.gift_card'))}
                      </Text>
                      <Text as="span" numeric>
                        {item.maskedCode ?? (item.type === 'store_credit' ? t('memberGiftCards.storeCredit') : t('memberGiftCards.noCodeYet'))}
                      </Text>
                      <Text as="span" tone="subdued" variant="bodySm">
                        {t('memberGiftCards.spent', { points: formatNumber(item.points), date: formatDateTime(item.createdAt) })}
                        {item.expiresOn ? ` · ${t('redemptions.expiresOn', { date: formatDate(item.expiresOn) })}` : ''}
                      </Text>
                    </BlockStack>
                    <BlockStack gap="100" inlineAlign="end">
                      <Text as="span" numeric fontWeight="semibold">
                        {formatMoney(item.value.amountMinor, item.value.currency)}
                      </Text>
                      <Badge tone={STATUS_TONE[item.status]}>
                        {(REDEMPTION_STATUSES as string[]).includes(item.status) ? t(`redemptions.statuses.${item.status}` as TranslationKey) : item.status}
                      </Badge>
                      {item.deactivatedAt && <Badge tone="critical">{t('redemptions.deactivated')}</Badge>}
                    </BlockStack>
                  </InlineStack>
                </li>
              ))}
            </BlockStack>
          )}
        </BlockStack>
      </div>
    </Card>
  );
}
