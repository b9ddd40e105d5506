// Staff roles (/settings/staff, GET/PUT /api/staff): who is owner, manager or staff, how many points
// a staff member may add or subtract in one adjustment, and the locations a user is limited to. Owners change them; the last owner stays owner
// (the server refuses, and its reason is shown).
import { Badge, Banner, BlockStack, Button, Card, IndexTable, InlineStack, Layout, List, Page, Select, Text, TextField, useBreakpoints } from '@shopify/polaris';
import { useState } from 'react';
import { ApiErrorBanner } from '../components/api-error-banner';
import { LocationMultiPicker } from '../components/location-multi-picker';
import { PageSkeleton } from '../components/page-skeleton';
import { ApiError, apiSend, toApiError, useApiQuery } from '../hooks/use-api';
import { useI18n } from '../hooks/use-i18n';
import { useMe, type StaffRole } from '../hooks/use-me';
import type { TranslationKey } from '../i18n';
import type { LocationView } from '../../../contracts/admin-api';
import { showToast } from '../lib/toast';
import { navigate } from '../router';

interface StaffMember {
  userId: string;
  name: string;
  role: StaffRole;
  adjustLimit: number | null;
  locationIds: string[];
}

const ROLES: StaffRole[] = ['owner', 'manager', 'staff'];

interface RowDraft {
  role: StaffRole;
  limit: string;
  locationIds: string[];
}

export function StaffPage() {
  const { t, formatNumber } = useI18n();
  const { me, permissions } = useMe();
  const { smDown } = useBreakpoints();
  const list = useApiQuery<{ items: StaffMember[] }>(permissions.editSettings ? '/api/staff' : null);
  const locations = useApiQuery<{ items: LocationView[] }>(permissions.editSettings ? '/api/locations' : null);
  const [drafts, setDrafts] = useState<Record<string, RowDraft>>({});
  const [saving, setSaving] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<ApiError>();

  const page = (children: React.ReactNode) => (
    <Page title={t('staff.title')} subtitle={t('staff.subtitle')} backAction={{ content: t('settings.title'), onAction: () => navigate('/settings') }}>
      {children}
    </Page>
  );

  if (!permissions.editSettings) {
    return page(
      <Banner tone="info" title={t('staff.ownersOnly')}>
        <p>{t('staff.yourRole', { role: t(`staff.roles.${me?.role ?? 'staff'}` as TranslationKey) })}</p>
      </Banner>,
    );
  }
  if (list.loading && !list.data) return <PageSkeleton title={t('staff.title')} />;

  const items = list.data?.items ?? [];
  const draftOf = (member: StaffMember): RowDraft =>
    drafts[member.userId] ?? { role: member.role, limit: member.adjustLimit === null ? '' : String(member.adjustLimit), locationIds: member.locationIds ?? [] };
  const limitError = (draft: RowDraft) => (draft.role === 'staff' && draft.limit.trim() !== '' && !/^\d+$/.test(draft.limit.trim()) ? t('loyalty.errors.wholeNumber') : undefined);
  const change = (member: StaffMember, patch: Partial<RowDraft>) => setDrafts((current) => ({ ...current, [member.userId]: { ...draftOf(member), ...patch } }));

  const save = async (member: StaffMember) => {
    const draft = draftOf(member);
    if (limitError(draft)) return;
    setSaving(member.userId);
    setSaveError(undefined);
    try {
      await apiSend('PUT', `/api/staff/${encodeURIComponent(member.userId)}`, {
        role: draft.role,
        adjustLimit: draft.role === 'staff' && draft.limit.trim() !== '' ? Number(draft.limit) : null,
        locationIds: draft.locationIds,
      });
      setDrafts(({ [member.userId]: _saved, ...rest }) => rest);
      list.reload();
      showToast(t('staff.saved', { name: member.name }));
    } catch (caught) {
      setSaveError(toApiError(caught));
    } finally {
      setSaving(null);
    }
  };

  const roleSelect = (member: StaffMember, draft: RowDraft) => (
    <Select
      label={t('staff.roleFor', { name: member.name })}
      labelHidden
      options={ROLES.map((role) => ({ value: role, label: t(`staff.roles.${role}` as TranslationKey) }))}
      value={draft.role}
      onChange={(role) => change(member, { role: role as StaffRole })}
    />
  );
  const limitField = (member: StaffMember, draft: RowDraft) =>
    draft.role === 'staff' ? (
      <TextField
        label={t('staff.limitFor', { name: member.name })}
        labelHidden
        type="number"
        min={0}
        autoComplete="off"
        suffix={t('common.pointsShort')}
        placeholder={t('staff.noLimit')}
        value={draft.limit}
        onChange={(limit) => change(member, { limit })}
        error={limitError(draft)}
      />
    ) : (
      <Text as="span" tone="subdued">
        {t('staff.noLimit')}
      </Text>
    );
  const locationsField = (member: StaffMember, draft: RowDraft) => (
    <LocationMultiPicker
      label={t('locations.picker.label', { name: member.name })}
      value={draft.locationIds}
      locations={locations.data?.items ?? []}
      onChange={(locationIds) => change(member, { locationIds })}
    />
  );
  const saveButton = (member: StaffMember) => (
    <Button size="slim" disabled={!(member.userId in drafts)} loading={saving === member.userId} onClick={() => void save(member)} accessibilityLabel={t('staff.saveFor', { name: member.name })}>
      {t('common.save')}
    </Button>
  );

  return page(
    <Layout>
      <Layout.Section>
        <BlockStack gap="400">
          {list.error && <ApiErrorBanner title={t('staff.error')} error={list.error} onRetry={list.reload} />}
          {saveError && <ApiErrorBanner title={t('staff.saveError')} error={saveError} />}
          <Card padding="0">
            <div data-testid="staff-table">
              <IndexTable
                condensed={smDown}
                resourceName={{ singular: t('staff.singular'), plural: t('staff.plural') }}
                itemCount={items.length}
                selectable={false}
                headings={[{ title: t('staff.columns.name') }, { title: t('staff.columns.role') }, { title: t('staff.columns.limit') }, { title: t('locations.staff.column') }, { title: t('staff.columns.actions'), hidden: true }]}
              >
                {items.map((member, index) => {
                  const draft = draftOf(member);
                  const name = (
                    <span data-key-cell>
                      <InlineStack gap="200" blockAlign="center">
                        <Text as="span" fontWeight="semibold">
                          {member.name}
                        </Text>
                        {member.userId === me?.userId && <Badge>{t('staff.you')}</Badge>}
                      </InlineStack>
                    </span>
                  );
                  return smDown ? (
                    <IndexTable.Row id={member.userId} key={member.userId} position={index}>
                      <div style={{ padding: '12px 16px' }}>
                        <BlockStack gap="200">
                          {name}
                          {roleSelect(member, draft)}
                          {limitField(member, draft)}
                          {locationsField(member, draft)}
                          <InlineStack>{saveButton(member)}</InlineStack>
                        </BlockStack>
                      </div>
                    </IndexTable.Row>
                  ) : (
                    <IndexTable.Row id={member.userId} key={member.userId} position={index}>
                      <IndexTable.Cell>{name}</IndexTable.Cell>
                      <IndexTable.Cell>{roleSelect(member, draft)}</IndexTable.Cell>
                      <IndexTable.Cell>
                        <div style={{ maxWidth: 180 }}>{limitField(member, draft)}</div>
                      </IndexTable.Cell>
                      <IndexTable.Cell>{locationsField(member, draft)}</IndexTable.Cell>
                      <IndexTable.Cell>{saveButton(member)}</IndexTable.Cell>
                    </IndexTable.Row>
                  );
                })}
              </IndexTable>
            </div>
          </Card>
        </BlockStack>
      </Layout.Section>
      <Layout.Section variant="oneThird">
        <Card>
          <BlockStack gap="300">
            <Text as="h2" variant="headingMd">
              {t('staff.rolesTitle')}
            </Text>
            <List>
              {ROLES.map((role) => (
                <List.Item key={role}>
                  <Text as="span" fontWeight="semibold">
                    {t(`staff.roles.${role}` as TranslationKey)}
                  </Text>
                  {': '}
                  {t(`staff.roleHelp.${role}` as TranslationKey, { limit: formatNumber(500) })}
                </List.Item>
              ))}
            </List>
            <Text as="p" tone="subdued" variant="bodySm">
              {t('staff.newUsers')}
            </Text>
            <Text as="p" tone="subdued" variant="bodySm">
              {t('locations.staff.help')}
            </Text>
          </BlockStack>
        </Card>
      </Layout.Section>
    </Layout>,
  );
}
