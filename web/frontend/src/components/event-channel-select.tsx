// Which channels an event's message goes out on (e-mail, SMS or both), next to its template. The server
// refuses SMS for an event without SMS text in any language, and lets only owners change it.
import { Select } from '@shopify/polaris';
import { useState } from 'react';
import type { EventChannelsView, MessageChannelChoice } from '../../../contracts/bulk-messages-api';
import { apiSend, toApiError, useApiQuery } from '../hooks/use-api';
import { useI18n } from '../hooks/use-i18n';
import { showToast } from '../lib/toast';
import { useBulkLabels } from './bulk-message-labels';

export function EventChannelSelect({ event, readOnly }: { event: string; readOnly: boolean }) {
  const { t } = useI18n();
  const labels = useBulkLabels();
  const channels = useApiQuery<EventChannelsView>('/api/message-channels');
  const [error, setError] = useState<string>();
  const value = channels.data?.items.find((item) => item.event === event)?.channels ?? 'email';
  const change = async (next: string) => {
    setError(undefined);
    try {
      await apiSend('PUT', `/api/message-channels/${encodeURIComponent(event)}`, { channels: next as MessageChannelChoice });
      showToast(t('bulkMessages.eventChannel.saved'));
      channels.reload();
    } catch (caught) {
      setError(toApiError(caught).message);
    }
  };
  return (
    <Select
      label={t('bulkMessages.eventChannel.label')}
      options={(['email', 'sms', 'both'] as const).map((option) => ({ value: option, label: labels.channels(option) }))}
      value={value}
      disabled={readOnly || !channels.data}
      onChange={(next) => void change(next)}
      error={error}
    />
  );
}
