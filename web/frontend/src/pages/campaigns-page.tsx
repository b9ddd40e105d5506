// Automated campaigns (/campaigns, /api/campaigns): the list with the on/off switch and statistics, and a
// form per kind with a preview of who qualifies right now. Managers and owners only (admin-route-policies).
import { Badge, Banner, BlockStack, Button, Card, Checkbox, EmptyState, FormLayout, IndexTable, InlineStack, Layout, Page, Select, Text, TextField, useBreakpoints } from '@shopify/polaris';
import { useState } from 'react';
import { CAMPAIGN_KINDS, type CampaignInput, type CampaignKind, type CampaignList, type CampaignPreview, type CampaignView } from '../../../contracts/campaigns-api';
import { ApiErrorBanner } from '../components/api-error-banner';
import { EMPTY_ILLUSTRATION } from '../components/empty-illustration';
import { PageSkeleton } from '../components/page-skeleton';
import { ApiError, apiSend, toApiError, useApiQuery } from '../hooks/use-api';
import { useI18n } from '../hooks/use-i18n';
import { useMe } from '../hooks/use-me';
import type { TranslationKey } from '../i18n';
import { showToast } from '../lib/toast';

/** The one number each kind needs, with its allowed range (as the server's zod schema). */
const KIND_SETTING: Partial<Record<CampaignKind, { field: 'delayHours' | 'everyVisits' | 'daysWithoutVisit'; min: number; max: number; initial: number }>> = {
  thank_you: { field: 'delayHours', min: 1, max: 336, initial: 3 },
  nth_visit: { field: 'everyVisits', min: 2, max: 1000, initial: 5 },
  win_back: { field: 'daysWithoutVisit', min: 7, max: 3650, initial: 90 },
};

interface Draft {
  id: string | null;
  kind: CampaignKind;
  name: string;
  enabled: boolean;
  points: string;
  sendMessage: boolean;
  setting: string;
  audienceGroupId: string;
}

function emptyDraft(kind: CampaignKind = 'birthday'): Draft {
  return { id: null, kind, name: '', enabled: false, points: '0', sendMessage: true, setting: String(KIND_SETTING[kind]?.initial ?? ''), audienceGroupId: '' };
}

function draftOf(campaign: CampaignView): Draft {
  const setting = KIND_SETTING[campaign.kind];
  return {
    id: campaign.id, kind: campaign.kind, name: campaign.name, enabled: campaign.enabled, points: String(campaign.points), sendMessage: campaign.sendMessage,
    setting: setting ? String(campaign.settings[setting.field] ?? setting.initial) : '', audienceGroupId: campaign.audienceGroupId ?? '',
  };
}

function inputOf(draft: Draft): CampaignInput {
  const setting = KIND_SETTING[draft.kind];
  return {
    kind: draft.kind, name: draft.name.trim(), enabled: draft.enabled, points: Number(draft.points), sendMessage: draft.sendMessage,
    settings: setting ? { [setting.field]: Number(draft.setting) } : {}, audienceGroupId: draft.audienceGroupId || null,
  };
}

const wholeIn = (text: string, min: number, max: number) => /^\d+$/.test(text) && Number(text) >= min && Number(text) <= max;

export function CampaignsPage() {
  const { t, formatNumber, formatMoney } = useI18n();
  const { permissions } = useMe();
  const { smDown } = useBreakpoints();
  const list = useApiQuery<CampaignList>(permissions.manageCampaigns ? '/api/campaigns' : null);
  const [draft, setDraft] = useState<Draft>(emptyDraft());
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<ApiError>();
  const [preview, setPreview] = useState<CampaignPreview>();
  const [previewing, setPreviewing] = useState(false);

  if (!permissions.manageCampaigns) {
    return (
      <Page title={t('campaigns.title')}>
        <Banner tone="info">
          <p>{t('campaigns.managersOnly')}</p>
        </Banner>
      </Page>
    );
  }
  if (list.loading && !list.data) return <PageSkeleton title={t('campaigns.title')} />;

  const setting = KIND_SETTING[draft.kind];
  const errors = {
    name: draft.name.trim() === '' ? t('campaigns.errors.name') : undefined,
    points: !wholeIn(draft.points, 0, 100_000) ? t('campaigns.errors.number') : draft.points !== '' && Number(draft.points) === 0 && !draft.sendMessage ? t('campaigns.errors.nothing') : undefined,
    setting: setting && !wholeIn(draft.setting, setting.min, setting.max) ? t('campaigns.errors.number') : undefined,
  };
  const invalid = Object.values(errors).some(Boolean);
  const edit = (change: Partial<Draft>) => {
    setDraft({ ...draft, ...change });
    setPreview(undefined);
  };

  const save = async () => {
    setTried(true);
    if (invalid) return;
    setSaving(true);
    setSaveError(undefined);
    try {
      const input = inputOf(draft);
      if (draft.id) {
        const { kind: _kind, ...patch } = input;
        await apiSend('PATCH', `/api/campaigns/${encodeURIComponent(draft.id)}`, patch);
        showToast(t('campaigns.saved', { name: input.name }));
      } else {
        await apiSend('POST', '/api/campaigns', input);
        showToast(t('campaigns.created', { name: input.name }));
      }
      setDraft(emptyDraft(draft.kind));
      setTried(false);
      setPreview(undefined);
      list.reload();
    } catch (caught) {
      setSaveError(toApiError(caught));
    } finally {
      setSaving(false);
    }
  };
  const toggle = async (campaign: CampaignView) => {
    try {
      await apiSend('PATCH', `/api/campaigns/${encodeURIComponent(campaign.id)}`, { enabled: !campaign.enabled });
      showToast(t(campaign.enabled ? 'campaigns.switchedOff' : 'campaigns.switchedOn', { name: campaign.name }));
      list.reload();
    } catch (caught) {
      setSaveError(toApiError(caught));
    }
  };
  const remove = async (campaign: CampaignView) => {
    if (!window.confirm(t('campaigns.deleteQuestion', { name: campaign.name }))) return;
    try {
      await apiSend('DELETE', `/api/campaigns/${encodeURIComponent(campaign.id)}`);
      showToast(t('campaigns.deleted', { name: campaign.name }));
      if (draft.id === campaign.id) setDraft(emptyDraft());
      list.reload();
    } catch (caught) {
      setSaveError(toApiError(caught));
    }
  };
  const runPreview = async () => {
    setTried(true);
    if (invalid) return;
    setPreviewing(true);
    try {
      setPreview(await apiSend<CampaignPreview>('POST', '/api/campaigns/preview', { ...(draft.id ? { campaignId: draft.id } : {}), campaign: inputOf(draft) }));
    } catch (caught) {
      setSaveError(toApiError(caught));
    } finally {
      setPreviewing(false);
    }
  };

  const items = list.data?.items ?? [];
  const kindLabel = (kind: CampaignKind) => t(`campaigns.kinds.${kind}` as TranslationKey);
  const gives = (c: CampaignView) =>
    c.points > 0 && c.sendMessage ? t('campaigns.gives.both', { points: c.points }) : c.points > 0 ? t('campaigns.gives.points', { points: c.points }) : t('campaigns.gives.message');
  const statusBadge = (c: CampaignView) => <Badge tone={c.enabled ? 'success' : undefined}>{t(c.enabled ? 'campaigns.on' : 'campaigns.off')}</Badge>;
  const actions = (c: CampaignView) => (
    <InlineStack gap="200" wrap={false}>
      <Button size="slim" onClick={() => void toggle(c)}>
        {t(c.enabled ? 'campaigns.switchOff' : 'campaigns.switchOn')}
      </Button>
      <Button size="slim" variant="tertiary" onClick={() => { setDraft(draftOf(c)); setPreview(undefined); setTried(false); }}>
        {t('campaigns.edit')}
      </Button>
      <Button size="slim" variant="tertiary" tone="critical" onClick={() => void remove(c)}>
        {t('campaigns.delete')}
      </Button>
    </InlineStack>
  );

  return (
    <Page title={t('campaigns.title')} subtitle={t('campaigns.subtitle')}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {list.error && <ApiErrorBanner title={t('campaigns.error')} error={list.error} onRetry={list.reload} />}
            {saveError && <ApiErrorBanner title={t('campaigns.saveError')} error={saveError} />}
            <Card padding="0">
              <div data-testid="campaigns-table">
                <IndexTable
                  condensed={smDown}
                  resourceName={{ singular: t('campaigns.singular'), plural: t('campaigns.plural') }}
                  itemCount={items.length}
                  selectable={false}
                  emptyState={
                    <EmptyState heading={t('campaigns.empty.heading')} image={EMPTY_ILLUSTRATION}>
                      <p>{t('campaigns.empty.body')}</p>
                    </EmptyState>
                  }
                  headings={[
                    { title: t('campaigns.columns.name') },
                    { title: t('campaigns.columns.status') },
                    { title: t('campaigns.columns.reached'), alignment: 'end' },
                    { title: t('campaigns.columns.points'), alignment: 'end' },
                    { title: t('campaigns.columns.revenue'), alignment: 'end', tooltipContent: t('campaigns.revenueHelp') },
                  ]}
                >
                  {items.map((c, index) => (
                    <IndexTable.Row id={c.id} key={c.id} position={index}>
                      <IndexTable.Cell>
                        <BlockStack gap="050">
                          <span data-key-cell>
                            <Text as="span" fontWeight="semibold">
                              {c.name}
                            </Text>
                          </span>
                          <Text as="span" tone="subdued" variant="bodySm">
                            {kindLabel(c.kind)} · {gives(c)}
                          </Text>
                          {smDown && statusBadge(c)}
                          {actions(c)}
                        </BlockStack>
                      </IndexTable.Cell>
                      {!smDown && (
                        <>
                          <IndexTable.Cell>{statusBadge(c)}</IndexTable.Cell>
                          <IndexTable.Cell>
                            <Text as="span" alignment="end" numeric>
                              {formatNumber(c.stats.membersReached)}
                            </Text>
                          </IndexTable.Cell>
                          <IndexTable.Cell>
                            <Text as="span" alignment="end" numeric>
                              {formatNumber(c.stats.pointsGiven)}
                            </Text>
                          </IndexTable.Cell>
                          <IndexTable.Cell>
                            <Text as="span" alignment="end" numeric>
                              {formatMoney(c.stats.revenueAfterMinor, c.stats.currency)}
                            </Text>
                          </IndexTable.Cell>
                        </>
                      )}
                    </IndexTable.Row>
                  ))}
                </IndexTable>
              </div>
            </Card>
          </BlockStack>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                {t(draft.id ? 'campaigns.edit' : 'campaigns.new')}
              </Text>
              <FormLayout>
                <Select
                  label={t('campaigns.fields.kind')}
                  disabled={draft.id !== null}
                  options={CAMPAIGN_KINDS.map((kind) => ({ label: kindLabel(kind), value: kind }))}
                  value={draft.kind}
                  onChange={(kind) => edit({ kind: kind as CampaignKind, setting: String(KIND_SETTING[kind as CampaignKind]?.initial ?? '') })}
                  helpText={t(`campaigns.kindHelp.${draft.kind}` as TranslationKey)}
                />
                <TextField label={t('campaigns.fields.name')} autoComplete="off" value={draft.name} onChange={(name) => edit({ name })} error={tried ? errors.name : undefined} />
                {setting && (
                  <TextField
                    label={t(`campaigns.fields.${setting.field}` as TranslationKey)}
                    type="number"
                    min={setting.min}
                    max={setting.max}
                    autoComplete="off"
                    value={draft.setting}
                    onChange={(value) => edit({ setting: value })}
                    error={tried ? errors.setting : undefined}
                  />
                )}
                <TextField label={t('campaigns.fields.points')} type="number" min={0} autoComplete="off" helpText={t('campaigns.fields.pointsHelp')} value={draft.points} onChange={(points) => edit({ points })} error={tried ? errors.points : undefined} />
                <Checkbox
                  label={t('campaigns.fields.sendMessage')}
                  helpText={t(draft.kind === 'welcome' ? 'campaigns.fields.sendWelcomeHelp' : 'campaigns.fields.sendMessageHelp', { event: t(`messages.events.${draft.kind}` as TranslationKey) })}
                  checked={draft.sendMessage}
                  onChange={(sendMessage) => edit({ sendMessage })}
                />
                <Select
                  label={t('campaigns.fields.audience')}
                  options={[{ label: t('campaigns.fields.allMembers'), value: '' }, ...(list.data?.audiences ?? []).map((group) => ({ label: group.name, value: group.id }))]}
                  value={draft.audienceGroupId}
                  onChange={(audienceGroupId) => edit({ audienceGroupId })}
                />
                <Checkbox label={t('campaigns.fields.enabled')} checked={draft.enabled} onChange={(enabled) => edit({ enabled })} />
                {preview && (
                  <Banner tone="info">
                    <BlockStack gap="100">
                      <p>{preview.count === 0 ? t('campaigns.preview.none') : t('campaigns.preview.count', { count: preview.count })}</p>
                      {preview.sample.length > 0 && <p>{preview.sample.map((member) => member.name || member.email || member.id).join(', ')}</p>}
                    </BlockStack>
                  </Banner>
                )}
                <InlineStack gap="200">
                  <Button variant="primary" loading={saving} onClick={() => void save()}>
                    {t(draft.id ? 'campaigns.save' : 'campaigns.create')}
                  </Button>
                  <Button loading={previewing} onClick={() => void runPreview()}>
                    {t('campaigns.preview.button')}
                  </Button>
                  {draft.id && <Button variant="tertiary" onClick={() => setDraft(emptyDraft())}>{t('campaigns.cancelEdit')}</Button>}
                </InlineStack>
              </FormLayout>
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
