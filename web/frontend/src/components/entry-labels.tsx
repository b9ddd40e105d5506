import { Badge, BlockStack, IndexTable, Text } from '@shopify/polaris';
import { useI18n } from '../hooks/use-i18n';
import type { TranslationKey } from '../i18n';
import { ENTRY_STATUSES, ENTRY_TYPES, SOURCE_TYPES } from '../../../contracts/admin-api';

function known<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

const MESSAGE_EVENTS = ['points_credited', 'balance_adjusted', 'gift_card_issued', 'reward_failed', 'points_expiring', 'welcome', 'birthday', 'anniversary', 'thank_you', 'win_back', 'nth_visit'] as const;
const MESSAGE_CHANNELS = ['email', 'sms'] as const;
const MESSAGE_STATUSES = ['pending', 'sending', 'sent', 'failed', 'skipped'] as const;
/** Why a message was not sent (the outbox's reason codes); any other reason is the provider's own words. */
const MESSAGE_REASONS = ['NO_EMAIL_SERVER', 'NO_EMAIL_ADDRESS', 'NO_PHONE_NUMBER', 'NO_SMS_TEXT', 'NO_MARKETING_CONSENT', 'TRANSACTIONAL_OPT_OUT', 'MEMBER_NOT_FOUND'] as const;

export function useEntryLabels() {
  const { t } = useI18n();
  return {
    messageEvent: (value: string) => (known(MESSAGE_EVENTS, value) ? t(`messages.events.${value}` as TranslationKey) : value),
    messageChannel: (value: string) => (known(MESSAGE_CHANNELS, value) ? t(`messages.channels.${value}` as TranslationKey) : value),
    messageStatus: (value: string) => (known(MESSAGE_STATUSES, value) ? t(`messages.statuses.${value}` as TranslationKey) : value),
    messageReason: (value: string) => (known(MESSAGE_REASONS, value) ? t(`messages.reasons.${value}` as TranslationKey) : t('messages.reasons.provider', { reason: value })),
    type: (value: string) => (known(ENTRY_TYPES, value) ? t(`entries.types.${value}` as TranslationKey) : value),
    status: (value: string) => (known(ENTRY_STATUSES, value) ? t(`entries.statuses.${value}` as TranslationKey) : value),
    source: (value: string) => (known(SOURCE_TYPES, value) ? t(`entries.sources.${value}` as TranslationKey) : value),
  };
}

const STATUS_TONE: Record<string, 'success' | 'attention' | 'critical' | undefined> = {
  posted: 'success',
  pending: 'attention',
  voided: 'critical',
};

export function StatusBadge({ status }: { status: string }) {
  const labels = useEntryLabels();
  return <Badge tone={STATUS_TONE[status]}>{labels.status(status)}</Badge>;
}

/** Signed points, green for credits and red for debits, with the number formatted for the admin. */
export function SignedPoints({ points, strike = false }: { points: number; strike?: boolean }) {
  const { formatNumber } = useI18n();
  const text = points > 0 ? `+${formatNumber(points)}` : formatNumber(points);
  return (
    <Text as="span" numeric tone={points > 0 ? 'success' : points < 0 ? 'critical' : undefined} textDecorationLine={strike ? 'line-through' : undefined}>
      {text}
    </Text>
  );
}

/** The points over the status badge, at the end of a ledger entry's narrow-screen row (member history and report). */
export function EntryPointsAndStatus({ entry }: { entry: { status: string; points: number } }) {
  return (
    <BlockStack gap="100" inlineAlign="end">
      <span data-key-cell>
        <SignedPoints points={entry.points} strike={entry.status === 'voided'} />
      </span>
      <StatusBadge status={entry.status} />
    </BlockStack>
  );
}

/** The type, status and points cells of a ledger entry's row, shared by the member history and the report. */
export function EntryTypeStatusPointsCells({ entry }: { entry: { type: string; status: string; points: number } }) {
  const labels = useEntryLabels();
  return (
    <>
      <IndexTable.Cell>{labels.type(entry.type)}</IndexTable.Cell>
      <IndexTable.Cell>
        <StatusBadge status={entry.status} />
      </IndexTable.Cell>
      <IndexTable.Cell>
        <span data-key-cell>
          <Text as="span" alignment="end" numeric>
            <SignedPoints points={entry.points} strike={entry.status === 'voided'} />
          </Text>
        </span>
      </IndexTable.Cell>
    </>
  );
}
