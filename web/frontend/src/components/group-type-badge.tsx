// A group's type at a glance: manual, automatic or its tier rank, and whether it is the default or disabled.
import { Badge, InlineStack } from '@shopify/polaris';
import type { CustomerGroupView } from '../../../contracts/groups-api';
import { useI18n } from '../hooks/use-i18n';

export function GroupTypeBadge({ group }: { group: CustomerGroupView }) {
  const { t } = useI18n();
  return (
    <InlineStack gap="100" wrap>
      <Badge tone={group.tier ? 'info' : undefined}>{group.tier ? t('groups.kinds.tier', { rank: group.tier.rank }) : t(`groups.kinds.${group.kind}`)}</Badge>
      {group.isDefault && <Badge tone="success">{t('groups.default')}</Badge>}
      {!group.enabled && <Badge>{t('groups.disabled')}</Badge>}
    </InlineStack>
  );
}
