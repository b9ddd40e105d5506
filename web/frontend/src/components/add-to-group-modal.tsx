// The members list's bulk action: add the selected members to a manual group.
import { Modal, Select, Text, BlockStack } from '@shopify/polaris';
import { useState } from 'react';
import type { CustomerGroupView, MembershipChangeResult } from '../../../contracts/groups-api';
import { ApiError, apiSend, toApiError } from '../hooks/use-api';
import { useI18n } from '../hooks/use-i18n';
import { showToast } from '../lib/toast';
import { ApiErrorBanner } from './api-error-banner';

export function AddToGroupModal({ open, memberIds, groups, onClose, onAdded }: { open: boolean; memberIds: string[]; groups: CustomerGroupView[]; onClose(): void; onAdded(): void }) {
  const { t, formatNumber } = useI18n();
  const manual = groups.filter((group) => group.kind === 'manual');
  const [groupId, setGroupId] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError>();
  const chosen = groupId || manual[0]?.id || '';
  const add = async () => {
    setSaving(true);
    setError(undefined);
    try {
      const result = await apiSend<MembershipChangeResult>('POST', `/api/groups/${encodeURIComponent(chosen)}/members`, { memberIds });
      const name = manual.find((group) => group.id === chosen)?.name ?? '';
      showToast(t('groups.memberList.added', { count: formatNumber(result.changed), name }));
      onAdded();
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={open}
      onClose={onClose}
      title={t('groups.memberList.addTitle', { count: formatNumber(memberIds.length) })}
      primaryAction={{ content: t('groups.memberList.addToGroup'), disabled: chosen === '', loading: saving, onAction: () => void add() }}
      secondaryActions={[{ content: t('common.cancel'), onAction: onClose }]}
    >
      <Modal.Section>
        <BlockStack gap="300">
          {error && <ApiErrorBanner title={t('groups.members.error')} error={error} />}
          {manual.length === 0 ? (
            <Text as="p">{t('groups.memberList.noManual')}</Text>
          ) : (
            <Select label={t('groups.memberList.choose')} options={manual.map((group) => ({ label: group.name, value: group.id }))} value={chosen} onChange={setGroupId} />
          )}
        </BlockStack>
      </Modal.Section>
    </Modal>
  );
}
