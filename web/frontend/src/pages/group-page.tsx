// One group: create (/groups/new) or edit (/groups/:groupId). Name, description, colour; the type
// (manual, automatic with rules and a live count, or a tier with its threshold); the default flag; the
// benefit; and for a manual group its members. Managers and owners edit; staff read.
import { Banner, BlockStack, Box, Button, Card, Checkbox, ChoiceList, FormLayout, InlineGrid, InlineStack, Layout, Link, Modal, Page, Select, Text, TextField } from '@shopify/polaris';
import { useState } from 'react';
import type { CustomerGroupView, GroupInput, RuleTree, TierMetricName, TierPeriodName } from '../../../contracts/groups-api';
import { GROUP_LIMITS } from '../../../contracts/groups-api';
import { ApiErrorBanner } from '../components/api-error-banner';
import { GroupTypeBadge } from '../components/group-type-badge';
import { benefitBody, benefitDraftOf, benefitInvalid, GroupBenefitFields, NO_BENEFIT, type BenefitDraft } from '../components/group-benefit-fields';
import { GroupMembersCard } from '../components/group-members-card';
import { NumberField } from '../components/number-field';
import { PageSkeleton } from '../components/page-skeleton';
import { emptyRuleTree, RuleBuilder, ruleTreeValid, useRuleChoices } from '../components/rule-builder';
import { RuleLiveCount } from '../components/rule-live-count';
import { ApiError, apiSend, toApiError, useApiQuery } from '../hooks/use-api';
import { useI18n } from '../hooks/use-i18n';
import { useMe } from '../hooks/use-me';
import { useShopCurrency } from '../hooks/use-shop-currency';
import { minorUnitsPerMajor } from '../i18n';
import { showToast } from '../lib/toast';
import { navigate } from '../router';

type GroupType = 'manual' | 'automatic' | 'tier';

interface Draft {
  name: string;
  description: string;
  colour: string;
  enabled: boolean;
  type: GroupType;
  rules: RuleTree | null;
  isDefault: boolean;
  tier: { metric: TierMetricName; threshold: number; period: TierPeriodName };
  benefit: BenefitDraft;
}

export const GROUP_COLOURS = ['#1f8a70', '#2c6ecb', '#8051e0', '#d72c87', '#e4631b', '#b98900', '#4a4a4a', '#8a8a8a'];

function typeOf(group: CustomerGroupView): GroupType {
  return group.tier ? 'tier' : group.kind;
}

function draftOf(group: CustomerGroupView | undefined, tiers: CustomerGroupView[]): Draft {
  const highest = tiers[tiers.length - 1]?.tier;
  return {
    name: group?.name ?? '',
    description: group?.description ?? '',
    colour: group?.colour ?? GROUP_COLOURS[0]!,
    enabled: group?.enabled ?? true,
    type: group ? typeOf(group) : 'manual',
    rules: group?.rules ?? null,
    isDefault: group?.isDefault ?? false,
    tier: group?.tier ?? { metric: highest?.metric ?? 'spend', period: highest?.period ?? 'calendar_year', threshold: highest ? highest.threshold * 2 || 100_000 : 100_000 },
    benefit: benefitDraftOf(group?.benefit ?? NO_BENEFIT),
  };
}

function bodyOf(draft: Draft, creating: boolean): GroupInput | Omit<GroupInput, 'kind'> {
  const common = {
    name: draft.name.trim(),
    description: draft.description.trim(),
    colour: draft.colour.trim(),
    enabled: draft.enabled,
    benefit: benefitBody(draft.benefit),
  };
  const shape =
    draft.type === 'manual'
      ? { isDefault: draft.isDefault }
      : draft.type === 'automatic'
        ? { rules: draft.rules, isDefault: false }
        : { tier: draft.tier, isDefault: false };
  const body = { ...common, ...shape };
  return creating ? { ...body, kind: draft.type === 'manual' ? 'manual' : 'automatic' } : body;
}

export function GroupPage({ params }: { params: Record<string, string> }) {
  const groupId = params.groupId ?? '';
  const creating = groupId === '';
  const group = useApiQuery<CustomerGroupView>(creating ? null : `/api/groups/${encodeURIComponent(groupId)}`);
  const groups = useApiQuery<{ items: CustomerGroupView[] }>('/api/groups');
  const { t } = useI18n();

  if ((!creating && group.loading && !group.data) || (groups.loading && !groups.data)) return <PageSkeleton title={t('groups.title')} />;
  if (!creating && !group.data) {
    return (
      <Page title={t('groups.title')} backAction={{ content: t('groups.title'), url: '/groups' }}>
        {group.error && <ApiErrorBanner title={t('groups.form.loadError')} error={group.error} onRetry={group.reload} />}
      </Page>
    );
  }
  const tiers = (groups.data?.items ?? []).filter((candidate) => candidate.tier && candidate.id !== groupId);
  // Keyed by the group: a reload after saving or a membership change keeps what is being edited.
  return <GroupForm key={group.data?.id ?? 'new'} group={group.data} tiers={tiers} onSaved={group.reload} />;
}

function GroupForm({ group, tiers, onSaved }: { group: CustomerGroupView | undefined; tiers: CustomerGroupView[]; onSaved(): void }) {
  const { t, formatNumber } = useI18n();
  const { permissions } = useMe();
  const currency = useShopCurrency();
  const choices = useRuleChoices();
  const creating = !group;
  const readOnly = !permissions.editGroups;
  const [draft, setDraft] = useState<Draft>(() => draftOf(group, tiers));
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<ApiError>();
  const [archiving, setArchiving] = useState(false);
  const memberCount = group?.memberCount ?? 0;
  const set = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }));
  const rules = draft.rules ?? emptyRuleTree(choices);

  const errors = {
    name: draft.name.trim() === '' ? t('groups.form.errors.name') : undefined,
    colour: /^#[0-9a-fA-F]{6}$/.test(draft.colour.trim()) ? undefined : t('groups.form.errors.colour'),
    rules: draft.type === 'automatic' && !ruleTreeValid(rules) ? t('groups.form.errors.rules') : undefined,
    threshold: draft.type === 'tier' && !(Number.isInteger(draft.tier.threshold) && draft.tier.threshold >= 0) ? t('groups.form.errors.threshold') : undefined,
    benefit: benefitInvalid(draft.benefit),
  };
  const invalid = Object.values(errors).some(Boolean);

  const save = async () => {
    setTried(true);
    if (invalid) return;
    setSaving(true);
    setSaveError(undefined);
    const body = bodyOf({ ...draft, rules: draft.type === 'automatic' ? rules : null }, creating);
    try {
      if (creating) {
        const created = await apiSend<CustomerGroupView>('POST', '/api/groups', body);
        showToast(t('groups.form.created', { name: created.name }));
        navigate(`/groups/${encodeURIComponent(created.id)}`);
      } else {
        await apiSend<CustomerGroupView>('PATCH', `/api/groups/${encodeURIComponent(group.id)}`, body);
        showToast(t('groups.form.saved'));
        onSaved();
      }
    } catch (caught) {
      setSaveError(toApiError(caught));
    } finally {
      setSaving(false);
    }
  };
  const archive = async () => {
    if (!group) return;
    try {
      await apiSend('DELETE', `/api/groups/${encodeURIComponent(group.id)}`);
      showToast(t('groups.form.archived', { name: group.name }));
      navigate('/groups');
    } catch (caught) {
      setSaveError(toApiError(caught));
      setArchiving(false);
    }
  };

  const typeChoices = (['manual', 'automatic', 'tier'] as GroupType[]).map((type) => ({ label: t(`groups.form.types.${type}`), value: type, helpText: t(`groups.form.types.${type}Help`) }));
  const perMajor = minorUnitsPerMajor(currency);
  const highestBelow = draft.type === 'tier' ? tiers.filter((tier) => !group?.tier || tier.tier!.rank < group.tier.rank).pop() : undefined;

  return (
    <Page
      title={creating ? t('groups.form.newTitle') : group.name}
      titleMetadata={group ? <GroupTypeBadge group={group} /> : undefined}
      backAction={{ content: t('groups.title'), url: '/groups' }}
      primaryAction={readOnly ? undefined : { content: t('groups.form.save'), loading: saving, onAction: () => void save() }}
      secondaryActions={group && !readOnly ? [{ content: t('groups.form.archive'), destructive: true, onAction: () => setArchiving(true) }] : undefined}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {saveError && <ApiErrorBanner title={t('groups.saveError')} error={saveError} />}
            {readOnly && (
              <Banner tone="info">
                <p>{t('groups.readOnly')}</p>
              </Banner>
            )}
            <Card>
              <FormLayout>
                <TextField label={t('groups.form.name')} autoComplete="off" maxLength={GROUP_LIMITS.nameLength} placeholder={t('groups.form.namePlaceholder')} value={draft.name} onChange={(name) => set({ name })} error={tried ? errors.name : undefined} disabled={readOnly} />
                <TextField label={t('groups.form.description')} autoComplete="off" multiline={2} maxLength={GROUP_LIMITS.descriptionLength} value={draft.description} onChange={(description) => set({ description })} disabled={readOnly} />
                <ColourField value={draft.colour} onChange={(colour) => set({ colour })} error={tried ? errors.colour : undefined} disabled={readOnly} />
                <Checkbox label={t('groups.form.enabled')} helpText={t('groups.form.enabledHelp')} checked={draft.enabled} onChange={(enabled) => set({ enabled })} disabled={readOnly} />
              </FormLayout>
            </Card>
            <Card>
              <BlockStack gap="300">
                {creating ? (
                  <ChoiceList title={t('groups.form.type')} choices={typeChoices} selected={[draft.type]} onChange={([type]) => set({ type: (type as GroupType) ?? 'manual' })} />
                ) : (
                  <BlockStack gap="100">
                    <Text as="h2" variant="headingMd">
                      {t('groups.form.type')}: {t(`groups.form.types.${draft.type}`)}
                    </Text>
                    <Text as="p" tone="subdued">
                      {t('groups.form.typeFixed')}
                    </Text>
                  </BlockStack>
                )}
                {draft.type === 'manual' && (
                  <Checkbox label={t('groups.form.isDefault')} helpText={t('groups.form.isDefaultHelp')} checked={draft.isDefault} onChange={(isDefault) => set({ isDefault })} disabled={readOnly} />
                )}
                {draft.type === 'automatic' && (
                  <BlockStack gap="300">
                    <Text as="h3" variant="headingSm">
                      {t('groups.rules.title')}
                    </Text>
                    <RuleBuilder value={rules} onChange={(next) => set({ rules: next })} currency={currency} choices={choices} />
                    {tried && errors.rules && (
                      <Text as="p" tone="critical">
                        {errors.rules}
                      </Text>
                    )}
                    <Box padding="300" background="bg-surface-secondary" borderRadius="200">
                      <RuleLiveCount rules={rules} valid={ruleTreeValid(rules)} />
                    </Box>
                  </BlockStack>
                )}
                {draft.type === 'tier' && (
                  <InlineGrid columns={{ xs: 1, md: 3 }} gap="300">
                    <Select
                      label={t('groups.tiers.metric')}
                      options={(['spend', 'points_earned'] as const).map((metric) => ({ label: t(`groups.metrics.${metric}`), value: metric }))}
                      value={draft.tier.metric}
                      disabled={readOnly || tiers.length > 0}
                      helpText={tiers.length > 0 ? t('groups.tiers.sharedHelp') : undefined}
                      onChange={(metric) => set({ tier: { ...draft.tier, metric: metric as TierMetricName } })}
                    />
                    <NumberField
                      label={t('groups.form.threshold')}
                      prefix={draft.tier.metric === 'spend' ? currency : undefined}
                      suffix={draft.tier.metric === 'points_earned' ? t('common.pointsShort') : undefined}
                      scale={draft.tier.metric === 'spend' ? perMajor : 1}
                      value={draft.tier.threshold}
                      onChange={(threshold) => set({ tier: { ...draft.tier, threshold } })}
                      helpText={highestBelow?.tier ? t('groups.form.thresholdAbove', { name: highestBelow.name }) : undefined}
                      error={tried ? errors.threshold : undefined}
                      disabled={readOnly}
                    />
                    <Select
                      label={t('groups.tiers.period')}
                      options={(['calendar_year', 'rolling_12_months'] as const).map((period) => ({ label: t(`groups.periods.${period}`), value: period }))}
                      value={draft.tier.period}
                      disabled={readOnly || tiers.length > 0}
                      onChange={(period) => set({ tier: { ...draft.tier, period: period as TierPeriodName } })}
                    />
                  </InlineGrid>
                )}
              </BlockStack>
            </Card>
            <Card>
              <GroupBenefitFields value={draft.benefit} onChange={(benefit) => set({ benefit })} currency={currency} showErrors={tried} />
            </Card>
            {!readOnly && (
              <InlineStack align="end">
                <Button variant="primary" loading={saving} onClick={() => void save()}>
                  {t('groups.form.save')}
                </Button>
              </InlineStack>
            )}
          </BlockStack>
        </Layout.Section>
        {group && (
          <Layout.Section variant="oneThird">
            {group.kind === 'manual' ? (
              <GroupMembersCard groupId={group.id} memberCount={memberCount} canEdit={!readOnly} onChanged={onSaved} />
            ) : (
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">
                    {t('groups.columns.members')}
                  </Text>
                  <Text as="p" variant="headingLg" numeric>
                    {formatNumber(memberCount)}
                  </Text>
                  <Text as="p" tone="subdued">
                    {t('groups.members.automatic')}
                  </Text>
                  <Link url={`/members?groupId=${encodeURIComponent(group.id)}`}>{t('groups.members.viewAll')}</Link>
                </BlockStack>
              </Card>
            )}
          </Layout.Section>
        )}
      </Layout>
      {group && (
        <Modal
          open={archiving}
          onClose={() => setArchiving(false)}
          title={t('groups.form.archiveTitle', { name: group.name })}
          primaryAction={{ content: t('groups.form.archive'), destructive: true, onAction: () => void archive() }}
          secondaryActions={[{ content: t('common.cancel'), onAction: () => setArchiving(false) }]}
        >
          <Modal.Section>
            <Text as="p">{t('groups.form.archiveBody', { count: formatNumber(memberCount) })}</Text>
          </Modal.Section>
        </Modal>
      )}
    </Page>
  );
}

function ColourField({ value, onChange, error, disabled }: { value: string; onChange(value: string): void; error?: string; disabled?: boolean }) {
  const { t } = useI18n();
  return (
    <BlockStack gap="200">
      <TextField
        label={t('groups.form.colour')}
        autoComplete="off"
        helpText={t('groups.form.colourHelp')}
        prefix={<span style={{ display: 'inline-block', width: 16, height: 16, borderRadius: 4, background: /^#[0-9a-fA-F]{6}$/.test(value) ? value : 'transparent', border: '1px solid #8a8a8a' }} />}
        value={value}
        onChange={onChange}
        error={error}
        disabled={disabled}
        maxLength={7}
      />
      <InlineStack gap="200" wrap>
        {GROUP_COLOURS.map((colour) => (
          <button
            key={colour}
            type="button"
            disabled={disabled}
            aria-label={t('groups.form.colourPick', { colour })}
            aria-pressed={value.toLowerCase() === colour}
            onClick={() => onChange(colour)}
            style={{
              width: 28, height: 28, borderRadius: 14, background: colour, cursor: disabled ? 'default' : 'pointer',
              border: value.toLowerCase() === colour ? '3px solid #303030' : '1px solid #c9c9c9', outlineOffset: 2,
            }}
          />
        ))}
      </InlineStack>
    </BlockStack>
  );
}
