// The outstanding points in money and in points, with the point value they are counted at, the same
// on the dashboard and the report (the server computes both with web/core/reports/point-value.ts).
import { BlockStack, Card, Link, Text } from '@shopify/polaris';
import { useI18n } from '../hooks/use-i18n';
import type { PointValue } from '../../../contracts/admin-api';

export function usePointValueText() {
  const { t, formatPointValue } = useI18n();
  return (value: PointValue | null): string | null => (value ? t('pointValue.onePoint', { value: formatPointValue(value.valueMinor, value.points, value.currency) }) : null);
}

export function PointValueSource({ value }: { value: PointValue | null }) {
  const { t } = useI18n();
  const text = usePointValueText();
  if (!value) {
    return (
      <Text as="p" variant="bodySm" tone="subdued">
        {t('pointValue.none')} <Link url="/settings#point-value">{t('pointValue.set')}</Link>
      </Text>
    );
  }
  return (
    <Text as="p" variant="bodySm" tone="subdued">
      {text(value)} · {value.source === 'owner' ? t('pointValue.fromOwner') : t('pointValue.fromReward', { reward: value.rewardTitle ?? '' })}
    </Text>
  );
}

export function LiabilityCard(props: { id: string; points: number; valueMinor: number | null; currency: string; pointValue: PointValue | null }) {
  const { t, formatNumber, formatMoney } = useI18n();
  const points = t('common.pointsValue', { points: formatNumber(props.points) });
  return (
    <div data-testid={`count-${props.id}`} style={{ display: 'grid', height: '100%' }}>
      <Card>
        <BlockStack gap="200">
          <Text as="h3" variant="headingSm" tone="subdued">
            {t('pointValue.liability')}
          </Text>
          <Text as="p" variant="heading2xl" numeric>
            {props.valueMinor === null ? points : formatMoney(props.valueMinor, props.currency)}
          </Text>
          <Text as="p" variant="bodySm" tone="subdued">
            {props.valueMinor === null ? t('pointValue.liabilityHelpPoints') : t('pointValue.liabilityHelp', { points })}
          </Text>
          <PointValueSource value={props.pointValue} />
        </BlockStack>
      </Card>
    </div>
  );
}
