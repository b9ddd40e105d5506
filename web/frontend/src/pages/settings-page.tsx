// Programme settings (GET/PATCH /api/settings/program): earning, crediting delays, refunds, and how to
// read booking times from order line properties. Changes wait in the save bar until saved.
import { SaveBar } from '@shopify/app-bridge-react';
import { Banner, BlockStack, Box, Button, Card, Checkbox, ChoiceList, Divider, FormLayout, InlineGrid, InlineStack, Layout, Page, Select, Text, TextField } from '@shopify/polaris';
import { DeleteIcon, PlusIcon } from '@shopify/polaris-icons';
import { useEffect, useMemo, useState } from 'react';
import { PointsExpirySection } from '../components/points-expiry-section';
import { ApiErrorBanner } from '../components/api-error-banner';
import { BookingSampleTest } from '../components/booking-sample-test';
import { PageSkeleton } from '../components/page-skeleton';
import { ApiError, apiSend, toApiError, useApiQuery } from '../hooks/use-api';
import { useI18n } from '../hooks/use-i18n';
import { useMe } from '../hooks/use-me';
import { minorUnitsPerMajor, type TranslationKey } from '../i18n';
import { usePointValueText } from '../components/liability-card';
import type { BookingPropertyConfig, DashboardStats, ProgramSettings } from '../../../contracts/admin-api';
import { showToast } from '../lib/toast';
import { navigate } from '../router';
import { BOOKING_PROPERTY_LIMITS, PROGRAM_SETTING_RANGES as RANGES, SPEND_TIER_LIMITS } from '../../../contracts/program-settings-ranges';

const SAVE_BAR_ID = 'settings-save-bar';
const KEY_FIELDS = ['startKeys', 'endKeys', 'dateKeys', 'timeKeys', 'durationKeys'] as const;
type KeyField = (typeof KEY_FIELDS)[number];

interface Draft {
  pointsPerCurrencyUnit: string;
  rounding: ProgramSettings['rounding'];
  pointsPerVisit: string;
  /** Delays are entered in hours (0–72, quarter hours allowed) and stored in minutes. */
  creditDelayHours: string;
  productCreditDelayHours: string;
  productCreditTrigger: ProgramSettings['productCreditTrigger'];
  clawbackPolicy: ProgramSettings['clawbackPolicy'];
  allowNegativeBalance: boolean;
  earningMode: ProgramSettings['earningMode'];
  spendTiers: Array<{ from: string; percent: string }>;
  keys: Record<KeyField, string>;
  format: string;
  dateOrder: ProgramSettings['dateOrder'];
  /** "derived" = from the rewards; "owner" = `pointValuePoints` points are worth `pointValueAmount` */
  pointValueMode: 'derived' | 'owner';
  pointValuePoints: string;
  pointValueAmount: string;
  /** prefix of the Shopify tags of discount groups' members */
  groupTagPrefix: string;
}

/** The server's limit on both credit delays (stored in minutes), in the hours the form shows. */
const MAX_DELAY_HOURS = Math.min(RANGES.creditDelayMinutes.max, RANGES.productCreditDelayMinutes.max) / 60;

type Errors = Partial<Record<'pointsPerCurrencyUnit' | 'pointsPerVisit' | 'creditDelayHours' | 'productCreditDelayHours' | 'format' | 'pointValuePoints' | 'pointValueAmount' | 'groupTagPrefix' | KeyField, string>> & {
  tiers?: Array<{ from?: string; percent?: string }>;
};

function decimalString(value: number): string {
  return String(Math.round(value * 100) / 100);
}

function draftOf(settings: ProgramSettings, perMajor: number): Draft {
  const config = settings.bookingPropertyConfig ?? {};
  return {
    pointsPerCurrencyUnit: String(settings.pointsPerCurrencyUnit),
    rounding: settings.rounding,
    pointsPerVisit: String(settings.pointsPerVisit),
    creditDelayHours: decimalString(settings.creditDelayMinutes / 60),
    productCreditDelayHours: decimalString(settings.productCreditDelayMinutes / 60),
    productCreditTrigger: settings.productCreditTrigger,
    clawbackPolicy: settings.clawbackPolicy,
    allowNegativeBalance: settings.allowNegativeBalance,
    earningMode: settings.earningMode,
    spendTiers: settings.spendTiers.map((tier) => ({ from: decimalString(tier.fromMinor / perMajor), percent: decimalString(tier.basisPoints / 100) })),
    keys: Object.fromEntries(KEY_FIELDS.map((field) => [field, (config[field] ?? []).join(', ')])) as Record<KeyField, string>,
    format: config.format ?? '',
    dateOrder: settings.dateOrder,
    pointValueMode: settings.pointValue ? 'owner' : 'derived',
    pointValuePoints: String(settings.pointValue?.points ?? 100),
    pointValueAmount: settings.pointValue ? decimalString(settings.pointValue.valueMinor / perMajor) : '',
    groupTagPrefix: settings.groupTagPrefix ?? 'loyalty-',
  };
}

function splitKeys(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((part) => part.trim())
    .filter(Boolean);
}

function toSettings(draft: Draft, perMajor: number): ProgramSettings {
  const bookingPropertyConfig: BookingPropertyConfig = {};
  for (const field of KEY_FIELDS) {
    const keys = splitKeys(draft.keys[field]);
    if (keys.length > 0) bookingPropertyConfig[field] = keys;
  }
  if (draft.format.trim()) bookingPropertyConfig.format = draft.format.trim();
  return {
    pointsPerCurrencyUnit: Number(draft.pointsPerCurrencyUnit),
    rounding: draft.rounding,
    pointsPerVisit: Number(draft.pointsPerVisit),
    creditDelayMinutes: Math.round(Number(draft.creditDelayHours) * 60),
    productCreditDelayMinutes: Math.round(Number(draft.productCreditDelayHours) * 60),
    productCreditTrigger: draft.productCreditTrigger,
    clawbackPolicy: draft.clawbackPolicy,
    allowNegativeBalance: draft.allowNegativeBalance,
    earningMode: draft.earningMode,
    spendTiers: draft.spendTiers.map((tier) => ({ fromMinor: Math.round(Number(tier.from) * perMajor), basisPoints: Math.round(Number(tier.percent) * 100) })),
    bookingPropertyConfig,
    dateOrder: draft.dateOrder,
    pointValue:
      draft.pointValueMode === 'owner'
        ? { valueMinor: Math.round(Number(draft.pointValueAmount.replace(',', '.')) * perMajor), points: Number(draft.pointValuePoints) }
        : null,
    groupTagPrefix: draft.groupTagPrefix.trim(),
  };
}

export function SettingsPage() {
  const { t, formatNumber } = useI18n();
  const { me, permissions } = useMe();
  const { data, error, loading, reload } = useApiQuery<ProgramSettings>('/api/settings/program');
  const shopQuery = useApiQuery<{ shop: { currency: string } }>(me ? null : '/api/dashboard');
  const currency = me?.shop.currency ?? shopQuery.data?.shop.currency ?? 'EUR';
  const perMajor = minorUnitsPerMajor(currency);
  const [saved, setSaved] = useState<ProgramSettings>();
  const [draft, setDraft] = useState<Draft>();
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<ApiError>();
  const readOnly = !permissions.editSettings;

  useEffect(() => {
    if (data) {
      setSaved(data);
      setDraft(draftOf(data, perMajor));
    }
  }, [data, perMajor]);

  const errors = useMemo<Errors>(() => (draft ? validate(draft, t, formatNumber, perMajor) : {}), [draft, t, formatNumber, perMajor]);
  // What a point is worth when derived from the rewards, to show next to the choice.
  const derived = useApiQuery<DashboardStats>('/api/dashboard/stats');
  const pointValueText = usePointValueText();
  const invalid = Object.entries(errors).some(([key, value]) => (key === 'tiers' ? (value as Errors['tiers'])!.some((tier) => tier.from || tier.percent) : Boolean(value)));

  if (loading && !data) return <PageSkeleton title={t('settings.title')} primaryAction />;
  if (!saved || !draft) {
    return (
      <Page title={t('settings.title')}>
        {error && <ApiErrorBanner title={t('settings.error')} error={error} onRetry={reload} />}
      </Page>
    );
  }

  const dirty = JSON.stringify(draft) !== JSON.stringify(draftOf(saved, perMajor));
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((current) => (current ? { ...current, [key]: value } : current));

  const save = async () => {
    if (invalid || readOnly) return;
    setSaving(true);
    setSaveError(undefined);
    try {
      const next = await apiSend<ProgramSettings>('PATCH', '/api/settings/program', toSettings(draft, perMajor));
      setSaved(next);
      setDraft(draftOf(next, perMajor));
      showToast(t('settings.saved'));
    } catch (caught) {
      setSaveError(toApiError(caught));
    } finally {
      setSaving(false);
    }
  };
  const discard = () => setDraft(draftOf(saved, perMajor));


  const tierErrors = errors.tiers ?? [];

  return (
    <Page
      title={t('settings.title')}
      subtitle={t('settings.subtitle')}
      primaryAction={readOnly ? undefined : { content: t('common.save'), onAction: () => void save(), disabled: !dirty || invalid, loading: saving }}
      secondaryActions={[
        ...(dirty && !readOnly ? [{ content: t('common.discard'), onAction: discard }] : []),
        { content: t('settings.messagesLink'), onAction: () => navigate('/settings/messages') },
        { content: t('staff.title'), onAction: () => navigate('/settings/staff') },
        { content: t('multipliers.title'), onAction: () => navigate('/settings/multipliers') },
      ]}
    >
      <SaveBar id={SAVE_BAR_ID} open={dirty && !readOnly}>
        <button variant="primary" onClick={() => void save()} disabled={invalid || saving}>
          {t('common.save')}
        </button>
        <button onClick={discard}>{t('common.discard')}</button>
      </SaveBar>
      <BlockStack gap="500">
        {readOnly && (
          <Banner tone="info">
            <p>{t('settings.readOnly')}</p>
          </Banner>
        )}
        {saveError && <ApiErrorBanner title={t('settings.saveError')} error={saveError} />}
        {invalid && (
          <Banner tone="critical">
            <p>{t('settings.fixErrors')}</p>
          </Banner>
        )}
        <Layout>
          <Layout.AnnotatedSection title={t('settings.earning.title')} description={t('settings.earning.description')}>
            <Card>
              <FormLayout>
                <ChoiceList
                  title={t('settings.earning.mode')}
                  disabled={readOnly}
                  choices={[
                    { label: t('settings.earning.modes.rate'), value: 'rate', helpText: t('settings.earning.modes.rateHelp') },
                    { label: t('settings.earning.modes.spend_tiers'), value: 'spend_tiers', helpText: t('settings.earning.modes.spend_tiersHelp') },
                  ]}
                  selected={[draft.earningMode]}
                  onChange={([mode]) => set('earningMode', mode === 'spend_tiers' ? 'spend_tiers' : 'rate')}
                />
                {draft.earningMode === 'rate' ? (
                  <FormLayout.Group>
                    <TextField
                      label={t('settings.earning.pointsPerUnit', { currency })}
                      type="number"
                      min={0}
                      max={RANGES.pointsPerCurrencyUnit.max}
                      autoComplete="off"
                      value={draft.pointsPerCurrencyUnit}
                      onChange={(value) => set('pointsPerCurrencyUnit', value)}
                      error={errors.pointsPerCurrencyUnit}
                      disabled={readOnly}
                      helpText={t('settings.earning.pointsPerUnitHelp')}
                    />
                    <Select
                      label={t('settings.earning.rounding')}
                      disabled={readOnly}
                      options={(['down', 'nearest', 'up'] as const).map((value) => ({ value, label: t(`settings.earning.roundings.${value}` as TranslationKey) }))}
                      value={draft.rounding}
                      onChange={(value) => set('rounding', value as Draft['rounding'])}
                    />
                  </FormLayout.Group>
                ) : (
                  <BlockStack gap="300">
                    <Text as="p" tone="subdued">
                      {t('settings.earning.tiersHelp')}
                    </Text>
                    {draft.spendTiers.length === 0 && (
                      <Text as="p" tone="subdued">
                        {t('settings.earning.tiersEmpty')}
                      </Text>
                    )}
                    {draft.spendTiers.map((tier, index) => (
                      <InlineGrid key={index} columns="1fr 1fr auto" gap="300" alignItems="end">
                        <TextField
                          label={t('settings.earning.tierFrom', { currency })}
                          type="number"
                          min={0}
                          autoComplete="off"
                          value={tier.from}
                          disabled={readOnly || index === 0}
                          onChange={(value) => set('spendTiers', draft.spendTiers.map((row, i) => (i === index ? { ...row, from: value } : row)))}
                          error={tierErrors[index]?.from}
                        />
                        <TextField
                          label={t('settings.earning.tierPercent')}
                          type="number"
                          min={0}
                          max={100}
                          step={0.01}
                          suffix="%"
                          autoComplete="off"
                          value={tier.percent}
                          disabled={readOnly}
                          onChange={(value) => set('spendTiers', draft.spendTiers.map((row, i) => (i === index ? { ...row, percent: value } : row)))}
                          error={tierErrors[index]?.percent}
                        />
                        <Button
                          icon={DeleteIcon}
                          accessibilityLabel={t('settings.earning.removeTier')}
                          disabled={readOnly}
                          onClick={() => set('spendTiers', draft.spendTiers.filter((_row, i) => i !== index))}
                        />
                      </InlineGrid>
                    ))}
                    <InlineStack>
                      <Button
                        icon={PlusIcon}
                        disabled={readOnly || draft.spendTiers.length >= SPEND_TIER_LIMITS.maxTiers}
                        onClick={() => {
                          const last = draft.spendTiers[draft.spendTiers.length - 1];
                          const from = last ? String(Number(last.from || 0) + 500) : '0';
                          set('spendTiers', [...draft.spendTiers, { from, percent: last?.percent ?? '1' }]);
                        }}
                      >
                        {t('settings.earning.addTier')}
                      </Button>
                    </InlineStack>
                  </BlockStack>
                )}
                <TextField
                  label={t('settings.earning.pointsPerVisit')}
                  type="number"
                  min={0}
                  autoComplete="off"
                  value={draft.pointsPerVisit}
                  onChange={(value) => set('pointsPerVisit', value)}
                  error={errors.pointsPerVisit}
                  disabled={readOnly}
                  helpText={t('settings.earning.pointsPerVisitHelp')}
                />
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>

          <Layout.AnnotatedSection id="point-value" title={t('settings.pointValue.title')} description={t('settings.pointValue.description')}>
            <Card>
              <FormLayout>
                <ChoiceList
                  title={t('settings.pointValue.mode')}
                  titleHidden
                  disabled={readOnly}
                  choices={[
                    {
                      value: 'derived',
                      label: t('settings.pointValue.derived'),
                      helpText: derived.data?.pointValue?.source === 'reward'
                        ? t('settings.pointValue.derivedNow', { value: pointValueText(derived.data.pointValue) ?? '', reward: derived.data.pointValue.rewardTitle ?? '' })
                        : t('settings.pointValue.derivedNone'),
                    },
                    { value: 'owner', label: t('settings.pointValue.owner') },
                  ]}
                  selected={[draft.pointValueMode]}
                  onChange={([value]) => set('pointValueMode', value === 'owner' ? 'owner' : 'derived')}
                />
                {draft.pointValueMode === 'owner' && (
                  <FormLayout.Group>
                    <TextField
                      label={t('settings.pointValue.points')}
                      type="number"
                      min={1}
                      autoComplete="off"
                      value={draft.pointValuePoints}
                      onChange={(value) => set('pointValuePoints', value)}
                      error={errors.pointValuePoints}
                      disabled={readOnly}
                    />
                    <TextField
                      label={t('settings.pointValue.amount', { currency })}
                      type="number"
                      min={0}
                      step={0.01}
                      autoComplete="off"
                      value={draft.pointValueAmount}
                      onChange={(value) => set('pointValueAmount', value)}
                      error={errors.pointValueAmount}
                      helpText={
                        !errors.pointValueAmount && !errors.pointValuePoints && draft.pointValueAmount.trim() !== ''
                          ? pointValueText({ valueMinor: Math.round(Number(draft.pointValueAmount) * perMajor), points: Number(draft.pointValuePoints), currency, source: 'owner' }) ?? undefined
                          : undefined
                      }
                      disabled={readOnly}
                    />
                  </FormLayout.Group>
                )}
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>

          <Layout.AnnotatedSection title={t('settings.delay.title')} description={t('settings.delay.description')}>
            <Card>
              <FormLayout>
                <FormLayout.Group>
                  <TextField
                    label={t('settings.delay.service')}
                    type="number"
                    min={0}
                    max={MAX_DELAY_HOURS}
                    step={0.25}
                    suffix={t('settings.delay.hours')}
                    autoComplete="off"
                    value={draft.creditDelayHours}
                    onChange={(value) => set('creditDelayHours', value)}
                    error={errors.creditDelayHours}
                    helpText={errors.creditDelayHours ? undefined : t('settings.delay.serviceHelp')}
                    disabled={readOnly}
                  />
                  <TextField
                    label={t('settings.delay.product')}
                    type="number"
                    min={0}
                    max={MAX_DELAY_HOURS}
                    step={0.25}
                    suffix={t('settings.delay.hours')}
                    autoComplete="off"
                    value={draft.productCreditDelayHours}
                    onChange={(value) => set('productCreditDelayHours', value)}
                    error={errors.productCreditDelayHours}
                    helpText={errors.productCreditDelayHours ? undefined : t('settings.delay.productHelp')}
                    disabled={readOnly}
                  />
                </FormLayout.Group>
                <Select
                  label={t('settings.delay.trigger')}
                  disabled={readOnly}
                  options={[
                    { value: 'paid', label: t('settings.delay.triggers.paid') },
                    { value: 'fulfilled', label: t('settings.delay.triggers.fulfilled') },
                  ]}
                  value={draft.productCreditTrigger}
                  onChange={(value) => set('productCreditTrigger', value === 'fulfilled' ? 'fulfilled' : 'paid')}
                />
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>

          <Layout.AnnotatedSection title={t('settings.refunds.title')} description={t('settings.refunds.description')}>
            <Card>
              <FormLayout>
                <ChoiceList
                  title={t('settings.refunds.policy')}
                  disabled={readOnly}
                  choices={[
                    { value: 'claw_back', label: t('settings.refunds.clawBack'), helpText: t('settings.refunds.clawBackHelp') },
                    { value: 'keep', label: t('settings.refunds.keep'), helpText: t('settings.refunds.keepHelp') },
                  ]}
                  selected={[draft.clawbackPolicy]}
                  onChange={([value]) => set('clawbackPolicy', value === 'keep' ? 'keep' : 'claw_back')}
                />
                <Divider />
                <Checkbox
                  label={t('settings.refunds.allowNegative')}
                  helpText={t('settings.refunds.allowNegativeHelp')}
                  checked={draft.allowNegativeBalance}
                  disabled={readOnly}
                  onChange={(value) => set('allowNegativeBalance', value)}
                />
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>

          <Layout.AnnotatedSection title={t('tiers.tagPrefixTitle')} description={t('tiers.tagPrefixDescription')}>
            <Card>
              <TextField
                label={t('tiers.tagPrefix')}
                autoComplete="off"
                value={draft.groupTagPrefix}
                onChange={(value) => set('groupTagPrefix', value)}
                helpText={t('tiers.tagPrefixHelp', { example: `${draft.groupTagPrefix.trim()}gold` })}
                error={errors.groupTagPrefix}
                disabled={readOnly}
              />
            </Card>
          </Layout.AnnotatedSection>

          <Layout.AnnotatedSection title={t('settings.booking.title')} description={t('settings.booking.description')}>
            <Card>
              <FormLayout>
                {KEY_FIELDS.map((field) => (
                  <TextField
                    key={field}
                    label={t(`settings.booking.fields.${field}` as TranslationKey)}
                    autoComplete="off"
                    value={draft.keys[field]}
                    placeholder={t(`settings.booking.placeholders.${field}` as TranslationKey)}
                    onChange={(value) => set('keys', { ...draft.keys, [field]: value })}
                    error={errors[field]}
                    disabled={readOnly}
                  />
                ))}
                <Text as="p" tone="subdued" variant="bodySm">
                  {t('settings.booking.keysHelp')}
                </Text>
                <FormLayout.Group>
                  <TextField
                    label={t('settings.booking.format')}
                    autoComplete="off"
                    value={draft.format}
                    placeholder="dd-MM-yyyy HH:mm"
                    helpText={t('settings.booking.formatHelp')}
                    onChange={(value) => set('format', value)}
                    error={errors.format}
                    disabled={readOnly}
                  />
                  <Select
                    label={t('settings.booking.dateOrder')}
                    disabled={readOnly}
                    options={[
                      { value: '', label: t('settings.booking.dateOrders.auto') },
                      { value: 'DMY', label: t('settings.booking.dateOrders.DMY') },
                      { value: 'MDY', label: t('settings.booking.dateOrders.MDY') },
                    ]}
                    value={draft.dateOrder}
                    onChange={(value) => set('dateOrder', value as Draft['dateOrder'])}
                  />
                </FormLayout.Group>
                <Divider />
                <BookingSampleTest config={toSettings(draft, perMajor).bookingPropertyConfig} dateOrder={draft.dateOrder} />
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>
          <PointsExpirySection />
        </Layout>
        <Box paddingBlockEnd="800" />
      </BlockStack>
    </Page>
  );
}

function validate(draft: Draft, t: ReturnType<typeof useI18n>['t'], format: (value: number) => string, perMajor: number): Errors {
  const hours = (text: string): string | undefined => {
    if (text.trim() === '') return t('loyalty.errors.required');
    const value = Number(text);
    if (!Number.isFinite(value) || value < 0 || value > MAX_DELAY_HOURS) return t('loyalty.errors.range', { min: format(0), max: format(MAX_DELAY_HOURS) });
    return Number.isInteger(value * 4) ? undefined : t('settings.delay.quarterHours');
  };
  const int = (text: string, min: number, max: number): string | undefined => {
    if (text.trim() === '') return t('loyalty.errors.required');
    if (!/^\d+$/.test(text.trim())) return t('loyalty.errors.wholeNumber');
    const value = Number(text);
    return value < min || value > max ? t('loyalty.errors.range', { min: format(min), max: format(max) }) : undefined;
  };
  const errors: Errors = {
    pointsPerCurrencyUnit: draft.earningMode === 'rate' ? int(draft.pointsPerCurrencyUnit, RANGES.pointsPerCurrencyUnit.min, RANGES.pointsPerCurrencyUnit.max) : undefined,
    pointsPerVisit: int(draft.pointsPerVisit, RANGES.pointsPerVisit.min, RANGES.pointsPerVisit.max),
    creditDelayHours: hours(draft.creditDelayHours),
    productCreditDelayHours: hours(draft.productCreditDelayHours),
    pointValuePoints: draft.pointValueMode === 'owner' ? int(draft.pointValuePoints, 1, 1_000_000) : undefined,
    pointValueAmount:
      draft.pointValueMode !== 'owner'
        ? undefined
        : !/^\d+([.,]\d+)?$/.test(draft.pointValueAmount.trim()) || Math.round(Number(draft.pointValueAmount.replace(',', '.')) * perMajor) < 1
          ? t('settings.pointValue.amountInvalid')
          : undefined,
    format: draft.format.length > BOOKING_PROPERTY_LIMITS.maxFormatLength ? t('settings.booking.formatTooLong') : undefined,
  };
  for (const field of KEY_FIELDS) {
    const keys = splitKeys(draft.keys[field]);
    if (keys.length > BOOKING_PROPERTY_LIMITS.maxKeysPerRole) errors[field] = t('settings.booking.tooManyKeys');
    else if (keys.some((key) => key.length > BOOKING_PROPERTY_LIMITS.maxKeyLength)) errors[field] = t('settings.booking.keyTooLong');
  }
  if (draft.earningMode === 'spend_tiers') {
    errors.tiers = draft.spendTiers.map((tier, index) => {
      const result: { from?: string; percent?: string } = {};
      const from = Number(tier.from);
      const percent = Number(tier.percent);
      if (tier.from.trim() === '' || !Number.isFinite(from) || from < 0) result.from = t('settings.earning.tierFromInvalid');
      else if (index === 0 && from !== 0) result.from = t('settings.earning.tierFirstZero');
      else if (index > 0 && from <= Number(draft.spendTiers[index - 1]?.from)) result.from = t('settings.earning.tierAscending');
      if (tier.percent.trim() === '' || !Number.isFinite(percent) || percent < 0 || percent > SPEND_TIER_LIMITS.basisPoints.max / 100) result.percent = t('settings.earning.tierPercentInvalid');
      return result;
    });
  }
  if (!/^[a-z0-9][a-z0-9_-]{0,29}$/.test(draft.groupTagPrefix.trim())) errors.groupTagPrefix = t('tiers.tagPrefixInvalid');
  return errors;
}
