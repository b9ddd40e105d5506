// The members of a manual group on its page: the list (the members search filtered by the group), add
// one from a member search, remove one, and add many from a CSV file after a dry run shows each row.
import { Badge, Banner, BlockStack, Box, Button, Card, DropZone, InlineStack, Link, List, ResourceItem, ResourceList, Text, TextField } from '@shopify/polaris';
import { useState } from 'react';
import type { GroupImportResult, MembershipChangeResult } from '../../../contracts/groups-api';
import type { Member, Page } from '../../../contracts/admin-api';
import { ApiError, apiSend, toApiError, useApiQuery, withQuery } from '../hooks/use-api';
import { useI18n } from '../hooks/use-i18n';
import { memberName } from '../lib/member-name';
import { showToast } from '../lib/toast';
import { useCursorPages } from '../lib/use-cursor-pages';
import { ApiErrorBanner } from './api-error-banner';
import { MemberPicker, type PickedMember } from './member-picker';

const PAGE_SIZE = 10;

export function GroupMembersCard({ groupId, memberCount, canEdit, onChanged }: { groupId: string; memberCount: number; canEdit: boolean; onChanged(): void }) {
  const { t, formatNumber } = useI18n();
  const [generation, setGeneration] = useState(0);
  const paging = useCursorPages(`${groupId}:${generation}`);
  const list = useApiQuery<Page<Member>>(withQuery('/api/members', { groupId, cursor: paging.cursor, limit: PAGE_SIZE, v: generation || null }));
  const [picked, setPicked] = useState<PickedMember | null>(null);
  const [pickerKey, setPickerKey] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const changed = () => {
    setGeneration((value) => value + 1);
    onChanged();
  };

  const add = async () => {
    if (!picked) return;
    setBusy(true);
    setError(undefined);
    try {
      const result = await apiSend<MembershipChangeResult>('POST', `/api/groups/${encodeURIComponent(groupId)}/members`, { memberIds: [picked.id] });
      showToast(result.changed > 0 ? t('groups.members.added', { name: picked.label }) : t('groups.members.alreadyIn', { name: picked.label }));
      setPicked(null);
      setPickerKey((value) => value + 1);
      changed();
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  };
  const remove = async (member: Member) => {
    setError(undefined);
    try {
      await apiSend('DELETE', `/api/groups/${encodeURIComponent(groupId)}/members/${encodeURIComponent(member.id)}`);
      showToast(t('groups.members.removed', { name: memberName(member) || member.id }));
      changed();
    } catch (caught) {
      setError(toApiError(caught));
    }
  };

  const items = list.data?.items ?? [];
  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack align="space-between" blockAlign="center" gap="200">
          <InlineStack gap="200" blockAlign="center">
            <Text as="h2" variant="headingMd">
              {t('groups.members.title')}
            </Text>
            <Badge>{formatNumber(memberCount)}</Badge>
          </InlineStack>
          <Link url={`/members?groupId=${encodeURIComponent(groupId)}`}>{t('groups.members.viewAll')}</Link>
        </InlineStack>
        {error && <ApiErrorBanner title={t('groups.members.error')} error={error} />}
        {canEdit && (
          <InlineStack gap="200" blockAlign="end" wrap={false}>
            <div style={{ flex: 1, minWidth: 0 }}>
              <MemberPicker key={pickerKey} label={t('groups.members.add')} value={picked} onChange={setPicked} />
            </div>
            <Button variant="primary" disabled={!picked} loading={busy} onClick={() => void add()}>
              {t('groups.members.addButton')}
            </Button>
          </InlineStack>
        )}
        <div data-testid="group-members">
          <ResourceList
            resourceName={{ singular: t('members.singular'), plural: t('members.plural') }}
            items={items}
            loading={list.loading}
            emptyState={
              <Box paddingBlock="400">
                <Text as="p" tone="subdued">
                  {t('groups.members.empty')}
                </Text>
              </Box>
            }
            renderItem={(member) => (
              <ResourceItem
                id={member.id}
                url={`/members/${encodeURIComponent(member.id)}`}
                accessibilityLabel={memberName(member) || t('members.unnamed')}
                shortcutActions={canEdit ? [{ content: t('groups.members.remove'), accessibilityLabel: t('groups.members.removeFor', { name: memberName(member) || member.id }), onAction: () => void remove(member) }] : undefined}
                persistActions
              >
                <BlockStack gap="050">
                  <Text as="span" fontWeight="semibold">
                    {memberName(member) || t('members.unnamed')}
                  </Text>
                  <Text as="span" tone="subdued" variant="bodySm">
                    {[member.email, t('common.pointsValue', { points: formatNumber(member.balance) })].filter(Boolean).join(' · ')}
                  </Text>
                </BlockStack>
              </ResourceItem>
            )}
          />
        </div>
        {(paging.hasPrevious || list.data?.nextCursor) && (
          <InlineStack gap="200" align="center">
            <Button disabled={!paging.hasPrevious} onClick={paging.previous}>
              {t('groups.members.previous')}
            </Button>
            <Button disabled={!list.data?.nextCursor} onClick={() => paging.next(list.data?.nextCursor ?? null)}>
              {t('groups.members.next')}
            </Button>
          </InlineStack>
        )}
        {canEdit && <CsvImport groupId={groupId} onApplied={changed} />}
      </BlockStack>
    </Card>
  );
}

function CsvImport({ groupId, onApplied }: { groupId: string; onApplied(): void }) {
  const { t, formatNumber } = useI18n();
  const [csv, setCsv] = useState('');
  const [result, setResult] = useState<GroupImportResult>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();

  const send = async (dryRun: boolean) => {
    setBusy(true);
    setError(undefined);
    try {
      const answer = await apiSend<GroupImportResult>('POST', `/api/groups/${encodeURIComponent(groupId)}/members/import`, { csv, dryRun });
      setResult(answer);
      if (answer.applied) {
        showToast(t('groups.csv.applied', { count: formatNumber(answer.added) }));
        setCsv('');
        setResult(undefined);
        onApplied();
      }
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  const toAdd = result?.rows.filter((row) => row.memberId && !row.alreadyMember && !row.error).length ?? 0;
  const bad = result?.rows.filter((row) => row.error) ?? [];
  return (
    <BlockStack gap="300">
      <Text as="h3" variant="headingSm">
        {t('groups.csv.title')}
      </Text>
      <Text as="p" tone="subdued">
        {t('groups.csv.help')}
      </Text>
      <DropZone
        accept=".csv,text/csv,text/plain"
        type="file"
        allowMultiple={false}
        label={t('groups.csv.file')}
        onDropAccepted={([file]) => {
          if (!file) return;
          void file.text().then((text) => {
            setCsv(text);
            setResult(undefined);
          });
        }}
      >
        <DropZone.FileUpload actionTitle={t('groups.csv.choose')} actionHint={t('groups.csv.hint')} />
      </DropZone>
      <TextField
        label={t('groups.csv.paste')}
        multiline={4}
        autoComplete="off"
        monospaced
        value={csv}
        onChange={(value) => {
          setCsv(value);
          setResult(undefined);
        }}
      />
      {error && <ApiErrorBanner title={t('groups.csv.error')} error={error} />}
      {result && !result.applied && (
        <div data-testid="group-csv-result">
          {result.valid ? (
            <Banner tone="success">
              <p>{t('groups.csv.valid', { count: formatNumber(toAdd) })}</p>
            </Banner>
          ) : (
            <Banner tone="critical" title={t('groups.csv.invalid', { count: formatNumber(bad.length) })}>
              <List>
                {bad.slice(0, 20).map((row) => (
                  <List.Item key={row.line}>
                    {t('groups.csv.line', { line: row.line })}: {row.customer || '—'} — {row.error}
                  </List.Item>
                ))}
              </List>
            </Banner>
          )}
        </div>
      )}
      <InlineStack gap="200">
        <Button disabled={csv.trim() === ''} loading={busy && !result} onClick={() => void send(true)}>
          {t('groups.csv.check')}
        </Button>
        {result?.valid && toAdd > 0 && (
          <Button variant="primary" loading={busy} onClick={() => void send(false)}>
            {t('groups.csv.apply', { count: formatNumber(toAdd) })}
          </Button>
        )}
      </InlineStack>
    </BlockStack>
  );
}
