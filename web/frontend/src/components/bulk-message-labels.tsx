// Labels for bulk messages: status badges, channels, audience and the reasons a recipient got nothing.
import { Badge } from '@shopify/polaris';
import type { BulkMessageSummary } from '../../../contracts/bulk-messages-api';
import { useI18n } from '../hooks/use-i18n';
import type { TranslationKey } from '../i18n';
import { useEntryLabels } from './entry-labels';

const STATUSES = ['scheduled', 'fanning_out', 'sending', 'done', 'cancelled'];
const CHANNELS = ['email', 'sms', 'both'];
const OWN_REASONS = ['CANCELLED', 'BULK_MESSAGE_NOT_FOUND', 'NO_SMS_PROVIDER'];
const STATUS_TONE: Record<string, 'success' | 'info' | 'attention' | undefined> = { done: 'success', sending: 'info', fanning_out: 'info', scheduled: 'attention' };

export function useBulkLabels() {
  const { t } = useI18n();
  const entry = useEntryLabels();
  return {
    status: (value: string) => (STATUSES.includes(value) ? t(`bulkMessages.statuses.${value}` as TranslationKey) : value),
    channels: (value: string) => (CHANNELS.includes(value) ? t(`bulkMessages.channels.${value}` as TranslationKey) : value),
    reason: (value: string) => (OWN_REASONS.includes(value) ? t(`bulkMessages.reasons.${value}` as TranslationKey) : entry.messageReason(value)),
    audience: (message: Pick<BulkMessageSummary, 'allMembers' | 'groupIds'>) => (message.allMembers ? t('bulkMessages.audience.all') : t('bulkMessages.audience.groups', { count: message.groupIds.length })),
    messageStatus: entry.messageStatus,
    messageChannel: entry.messageChannel,
  };
}

export function BulkStatusBadge({ status }: { status: string }) {
  const labels = useBulkLabels();
  return <Badge tone={STATUS_TONE[status]}>{labels.status(status)}</Badge>;
}
