// The member page's groups: the tier (with the date it is kept until, when retention holds it), the
// other groups the member is in, and the newest changes of their membership with the reason.
import { Badge, BlockStack, Card, InlineStack, Link, Text } from '@shopify/polaris';
import type { MemberGroupsResponse, MemberGroupView } from '../../../contracts/groups-api';
import { useApiQuery } from '../hooks/use-api';
import { useI18n } from '../hooks/use-i18n';
import type { TranslationKey } from '../i18n';
import { ApiErrorBanner } from './api-error-banner';

const KNOWN_REASONS = ['staff', 'csv_import', 'group_archived', 'rule', 'tier_up', 'tier_down', 'default_group', 'group_deleted'];
const HISTORY_SHOWN = 10;

function GroupChip({ group }: { group: MemberGroupView }) {
  return (
    <Link url={`/groups/${encodeURIComponent(group.groupId)}`} removeUnderline monochrome>
      <InlineStack gap="100" blockAlign="center" wrap={false}>
        <span aria-hidden="true" style={{ width: 10, height: 10, borderRadius: 5, background: group.colour, display: 'inline-block' }} />
        <Text as="span">{group.name}</Text>
      </InlineStack>
    </Link>
  );
}

export function MemberGroupsCard({ memberId }: { memberId: string }) {
  const { t, formatDate, formatDateTime } = useI18n();
  const { data, error, reload } = useApiQuery<MemberGroupsResponse>(`/api/members/${encodeURIComponent(memberId)}/groups`);
  const reason = (value: string) => (KNOWN_REASONS.includes(value) ? t(`groups.memberPage.reasons.${value}` as TranslationKey) : value);
  const others = data?.groups.filter((group) => group.groupId !== data.tier?.groupId) ?? [];
  return (
    <Card>
      <div data-testid="member-groups">
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            {t('groups.memberPage.title')}
          </Text>
          {error && <ApiErrorBanner title={t('groups.memberPage.error')} error={error} onRetry={reload} />}
          {data && (
            <>
              <BlockStack gap="100">
                <Text as="h3" variant="headingSm">
                  {t('groups.memberPage.tier')}
                </Text>
                {data.tier ? (
                  <InlineStack gap="200" blockAlign="center">
                    <GroupChip group={data.tier} />
                    {data.tier.keepUntil && (
                      <Text as="span" tone="subdued" variant="bodySm">
                        {t('groups.memberPage.keepUntil', { date: formatDate(data.tier.keepUntil) })}
                      </Text>
                    )}
                  </InlineStack>
                ) : (
                  <Text as="p" tone="subdued">
                    {t('groups.memberPage.noTier')}
                  </Text>
                )}
              </BlockStack>
              <BlockStack gap="100">
                <Text as="h3" variant="headingSm">
                  {t('groups.memberPage.groups')}
                </Text>
                {others.length === 0 ? (
                  <Text as="p" tone="subdued">
                    {t('groups.memberPage.none')}
                  </Text>
                ) : (
                  <BlockStack gap="100" as="ul">
                    {others.map((group) => (
                      <li key={group.groupId} style={{ listStyle: 'none' }}>
                        <InlineStack gap="200" blockAlign="center" align="space-between" wrap={false}>
                          <GroupChip group={group} />
                          <Badge>{t(`groups.kinds.${group.kind === 'automatic' ? 'automatic' : 'manual'}`)}</Badge>
                        </InlineStack>
                      </li>
                    ))}
                  </BlockStack>
                )}
              </BlockStack>
              <BlockStack gap="100">
                <Text as="h3" variant="headingSm">
                  {t('groups.memberPage.history')}
                </Text>
                {data.history.length === 0 ? (
                  <Text as="p" tone="subdued">
                    {t('groups.memberPage.historyEmpty')}
                  </Text>
                ) : (
                  <BlockStack gap="150" as="ul">
                    {data.history.slice(0, HISTORY_SHOWN).map((event) => (
                      <li key={event.id} style={{ listStyle: 'none' }}>
                        <BlockStack gap="025">
                          <Text as="span">{t(event.change === 'left' ? 'groups.memberPage.left' : 'groups.memberPage.joined', { group: event.groupName })}</Text>
                          <Text as="span" tone="subdued" variant="bodySm">
                            {formatDateTime(event.occurredAt)} · {reason(event.reason)}
                          </Text>
                        </BlockStack>
                      </li>
                    ))}
                  </BlockStack>
                )}
              </BlockStack>
            </>
          )}
        </BlockStack>
      </div>
    </Card>
  );
}
