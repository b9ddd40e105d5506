// Create or edit one reward, with inline validation, the server's own errors on the field they are
// about (e.g. a value above the shop's gift card issue limit), and a live preview of the customer's card.
import { Banner, BlockStack, Checkbox, ChoiceList, FormLayout, InlineGrid, Modal, Select, Text, TextField } from '@shopify/polaris';
import { useEffect, useMemo, useState } from 'react';
import { ApiError, apiSend, toApiError } from '../hooks/use-api';
import { useI18n } from '../hooks/use-i18n';
import { minorUnitsPerMajor } from '../i18n';
import type { Reward, RewardGroupOption, RewardInput, RewardType } from '../../../contracts/admin-api';
import { fieldOfServerMessage } from '../lib/field-of-server-message';
import { showToast } from '../lib/toast';
import { RewardPreview } from './reward-preview';

const SAMPLE_BALANCE = 1250;

interface Draft {
  title: string;
  type: RewardType;
  value: string;
  pointsCost: string;
  stockLimit: string;
  expiresAfterDays: string;
  perCustomerLimit: string;
  enabled: boolean;
  /** group ids; [] = every customer */
  visibleToGroups: string[];
}

type Field = 'title' | 'value' | 'pointsCost' | 'stockLimit' | 'expiresAfterDays' | 'perCustomerLimit' | 'type';
type Errors = Partial<Record<Field, string>>;

/** Server field names (zod paths) -> our form fields. */
const SERVER_FIELDS: Record<string, Field> = {
  title: 'title',
  type: 'type',
  valueMinor: 'value',
  currency: 'value',
  pointsCost: 'pointsCost',
  stockLimit: 'stockLimit',
  expiresAfterDays: 'expiresAfterDays',
  perCustomerLimit: 'perCustomerLimit',
};

function majorString(minor: number, perMajor: number): string {
  const digits = Math.round(Math.log10(perMajor));
  return (minor / perMajor).toFixed(digits).replace(/\.0+$/, '');
}

function draftOf(reward: Reward | null, perMajor: number): Draft {
  if (!reward) return { title: '', type: 'gift_card', value: '', pointsCost: '', stockLimit: '', expiresAfterDays: '', perCustomerLimit: '', enabled: true, visibleToGroups: [] };
  return {
    title: reward.title,
    type: reward.type === 'store_credit' ? 'store_credit' : 'gift_card',
    value: majorString(reward.value.amountMinor, perMajor),
    pointsCost: String(reward.pointsCost),
    stockLimit: reward.stockLimit === null ? '' : String(reward.stockLimit),
    expiresAfterDays: reward.expiresAfterDays === null ? '' : String(reward.expiresAfterDays),
    perCustomerLimit: reward.perCustomerLimit === null ? '' : String(reward.perCustomerLimit),
    enabled: reward.enabled,
    visibleToGroups: reward.visibleToGroups,
  };
}

/** "12,50" and "12.50" both mean 12.5; null when it is not a plain amount with at most `digits` decimals. */
function parseAmount(text: string, digits: number): number | null {
  const trimmed = text.trim().replace(',', '.');
  const pattern = digits > 0 ? new RegExp(`^\\d+(\\.\\d{1,${digits}})?$`) : /^\d+$/;
  return pattern.test(trimmed) ? Number(trimmed) : null;
}

function parseWhole(text: string): number | null {
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : null;
}

export interface RewardModalProps {
  open: boolean;
  /** null creates a new reward. */
  reward: Reward | null;
  currency: string;
  readOnly: boolean;
  /** the shop's groups and tiers the reward can be limited to */
  groups?: RewardGroupOption[];
  onClose(): void;
  onSaved(reward: Reward | null): void;
}

export function RewardModal({ open, reward, currency, readOnly, groups = [], onClose, onSaved }: RewardModalProps) {
  const { t, formatNumber, formatMoney } = useI18n();
  const perMajor = minorUnitsPerMajor(currency);
  const digits = Math.round(Math.log10(perMajor));
  const [draft, setDraft] = useState<Draft>(() => draftOf(reward, perMajor));
  const [touched, setTouched] = useState(false);
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<ApiError>();
  const [serverFieldErrors, setServerFieldErrors] = useState<Errors>({});
  const [confirmArchive, setConfirmArchive] = useState(false);
  const [sampleBalance, setSampleBalance] = useState(String(SAMPLE_BALANCE));

  useEffect(() => {
    if (!open) return;
    setDraft(draftOf(reward, perMajor));
    setTouched(false);
    setSaving(false);
    setServerError(undefined);
    setServerFieldErrors({});
    setConfirmArchive(false);
  }, [open, reward, perMajor]);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((current) => ({ ...current, [key]: value }));
    const field = key === 'enabled' || key === 'visibleToGroups' ? undefined : (key as Field);
    if (field && serverFieldErrors[field]) setServerFieldErrors((current) => ({ ...current, [field]: undefined }));
  };

  const errors = useMemo<Errors>(() => {
    const result: Errors = {};
    const range = (text: string, min: number, max: number, optional: boolean): string | undefined => {
      if (text.trim() === '') return optional ? undefined : t('loyalty.errors.required');
      const value = parseWhole(text);
      if (value === null) return t('loyalty.errors.wholeNumber');
      return value < min || value > max ? t('loyalty.errors.range', { min: formatNumber(min), max: formatNumber(max) }) : undefined;
    };
    if (draft.title.trim() === '') result.title = t('rewards.form.errors.titleRequired');
    else if (draft.title.trim().length > 120) result.title = t('rewards.form.errors.titleTooLong', { max: 120 });
    const amount = parseAmount(draft.value, digits);
    if (draft.value.trim() === '') result.value = t('loyalty.errors.required');
    else if (amount === null) result.value = t('rewards.form.errors.valueFormat', { digits });
    else if (amount <= 0) result.value = t('rewards.form.errors.valuePositive');
    else if (Math.round(amount * perMajor) > 100_000_000) result.value = t('rewards.form.errors.valueTooLarge', { max: formatMoney(100_000_000, currency) });
    result.pointsCost = range(draft.pointsCost, 1, 100_000_000, false);
    result.stockLimit = range(draft.stockLimit, 0, 10_000_000, true);
    result.expiresAfterDays = range(draft.expiresAfterDays, 1, 3650, true);
    result.perCustomerLimit = range(draft.perCustomerLimit, 1, 10_000, true);
    return result;
  }, [draft, digits, perMajor, currency, t, formatNumber, formatMoney]);
  const invalid = Object.values(errors).some(Boolean);
  const shown = (field: Field) => serverFieldErrors[field] ?? (touched ? errors[field] : undefined);

  const amount = parseAmount(draft.value, digits);
  const valueMinor = amount !== null && amount > 0 ? Math.round(amount * perMajor) : null;
  const stockLimit = parseWhole(draft.stockLimit);
  const input = (): RewardInput => ({
    title: draft.title.trim(),
    type: draft.type,
    valueMinor: valueMinor ?? 0,
    currency,
    pointsCost: parseWhole(draft.pointsCost) ?? 0,
    enabled: draft.enabled,
    stockLimit,
    expiresAfterDays: parseWhole(draft.expiresAfterDays),
    perCustomerLimit: parseWhole(draft.perCustomerLimit),
    // Sent on every save so a PATCH never resets the groups (see rewardBody).
    visibleToGroups: draft.visibleToGroups,
  });

  /** Puts a field's server error on the field; the issue limit gets a sentence with the amount. */
  const explain = (error: ApiError) => {
    const details = error.details;
    if (error.code === 'VALIDATION' && details && typeof details === 'object' && 'issueLimitMinor' in details) {
      const limit = details as { issueLimitMinor: number; currency: string };
      setServerFieldErrors({ value: t('rewards.form.errors.issueLimit', { limit: formatMoney(limit.issueLimitMinor, limit.currency) }) });
      return;
    }
    const located = error.fromServer && error.code === 'VALIDATION' ? fieldOfServerMessage(error.message) : undefined;
    const field = located ? SERVER_FIELDS[located.field] : undefined;
    if (located && field) {
      setServerFieldErrors({ [field]: located.message });
      return;
    }
    setServerError(error);
  };

  const save = async () => {
    setTouched(true);
    if (invalid || readOnly) return;
    setSaving(true);
    setServerError(undefined);
    setServerFieldErrors({});
    try {
      const body = input();
      const answer = reward
        ? await apiSend<{ reward: Reward }>('PATCH', `/api/rewards/${encodeURIComponent(reward.id)}`, body)
        : await apiSend<{ reward: Reward }>('POST', '/api/rewards', body);
      showToast(t(reward ? 'rewards.toastSaved' : 'rewards.toastCreated', { title: answer.reward.title }));
      onSaved(answer.reward);
      onClose();
    } catch (error) {
      explain(toApiError(error));
    } finally {
      setSaving(false);
    }
  };

  const archive = async () => {
    if (!reward) return;
    setSaving(true);
    setServerError(undefined);
    try {
      await apiSend('DELETE', `/api/rewards/${encodeURIComponent(reward.id)}`);
      showToast(t('rewards.toastArchived', { title: reward.title }));
      onSaved(null);
      onClose();
    } catch (error) {
      setServerError(toApiError(error));
      setConfirmArchive(false);
    } finally {
      setSaving(false);
    }
  };

  const title = readOnly ? (reward?.title ?? t('rewards.title')) : reward ? t('rewards.form.editTitle', { title: reward.title }) : t('rewards.form.createTitle');
  const secondaryActions = [
    { content: readOnly ? t('rewards.form.close') : t('common.cancel'), onAction: onClose, disabled: saving },
    ...(reward && !readOnly && !confirmArchive ? [{ content: t('rewards.form.archive'), destructive: true, onAction: () => setConfirmArchive(true), disabled: saving }] : []),
  ];
  const sample = parseWhole(sampleBalance) ?? 0;
  const alreadyIssued = reward ? reward.issuedCount : 0;

  return (
    <Modal
      open={open}
      size="large"
      onClose={saving ? () => undefined : onClose}
      title={title}
      primaryAction={
        readOnly
          ? undefined
          : confirmArchive
            ? { content: t('rewards.form.archiveConfirm'), destructive: true, onAction: () => void archive(), loading: saving }
            : { content: reward ? t('common.save') : t('rewards.form.createAction'), onAction: () => void save(), loading: saving, disabled: touched && invalid }
      }
      secondaryActions={confirmArchive ? [{ content: t('common.cancel'), onAction: () => setConfirmArchive(false), disabled: saving }] : secondaryActions}
    >
      <Modal.Section>
        <BlockStack gap="400">
          {serverError && (
            <Banner tone="critical" title={t('rewards.saveError')} onDismiss={() => setServerError(undefined)}>
              <p>{serverError.fromServer ? serverError.message : t(serverError.code === 'NETWORK' ? 'errors.network' : 'errors.generic')}</p>
            </Banner>
          )}
          {confirmArchive && (
            <Banner tone="warning" title={t('rewards.form.archiveQuestion', { title: reward?.title ?? '' })}>
              <p>{t('rewards.form.archiveHelp')}</p>
            </Banner>
          )}
          {touched && invalid && !readOnly && (
            <Banner tone="critical">
              <p>{t('rewards.form.fixErrors')}</p>
            </Banner>
          )}
          <InlineGrid columns={{ xs: 1, md: '3fr 2fr' }} gap="500">
            <FormLayout>
              <TextField
                label={t('rewards.form.title')}
                autoComplete="off"
                value={draft.title}
                onChange={(value) => set('title', value)}
                onBlur={() => setTouched(true)}
                maxLength={120}
                placeholder={t('rewards.form.titlePlaceholder', { value: formatMoney(10 * perMajor, currency) })}
                helpText={t('rewards.form.titleHelp')}
                error={shown('title')}
                disabled={readOnly}
              />
              <Select
                label={t('rewards.form.type')}
                options={[
                  { value: 'gift_card', label: t('rewards.types.gift_card') },
                  { value: 'store_credit', label: t('rewards.types.store_credit') },
                ]}
                value={draft.type}
                onChange={(value) => set('type', value === 'store_credit' ? 'store_credit' : 'gift_card')}
                helpText={draft.type === 'gift_card' ? t('rewards.form.typeGiftCardHelp') : t('rewards.form.typeStoreCreditHelp')}
                error={shown('type')}
                disabled={readOnly}
              />
              <FormLayout.Group>
                <TextField
                  label={t('rewards.form.value')}
                  type="text"
                  inputMode="decimal"
                  autoComplete="off"
                  value={draft.value}
                  onChange={(value) => set('value', value)}
                  onBlur={() => setTouched(true)}
                  suffix={currency}
                  helpText={t('rewards.form.valueHelp', { currency })}
                  error={shown('value')}
                  disabled={readOnly}
                />
                <TextField
                  label={t('rewards.form.pointsCost')}
                  type="number"
                  min={1}
                  inputMode="numeric"
                  autoComplete="off"
                  value={draft.pointsCost}
                  onChange={(value) => set('pointsCost', value)}
                  onBlur={() => setTouched(true)}
                  suffix={t('common.pointsShort')}
                  error={shown('pointsCost')}
                  disabled={readOnly}
                />
              </FormLayout.Group>
              <FormLayout.Group>
                <TextField
                  label={t('rewards.form.stockLimit')}
                  type="number"
                  min={0}
                  inputMode="numeric"
                  autoComplete="off"
                  value={draft.stockLimit}
                  onChange={(value) => set('stockLimit', value)}
                  placeholder={t('rewards.unlimited')}
                  helpText={reward ? t('rewards.form.stockLimitHelpIssued', { count: formatNumber(alreadyIssued) }) : t('rewards.form.stockLimitHelp')}
                  error={shown('stockLimit')}
                  disabled={readOnly}
                />
                <TextField
                  label={t('rewards.form.expiresAfterDays')}
                  type="number"
                  min={1}
                  max={3650}
                  inputMode="numeric"
                  autoComplete="off"
                  value={draft.expiresAfterDays}
                  onChange={(value) => set('expiresAfterDays', value)}
                  placeholder={t('rewards.neverExpires')}
                  suffix={t('rewards.form.days')}
                  helpText={t('rewards.form.expiresAfterDaysHelp')}
                  error={shown('expiresAfterDays')}
                  disabled={readOnly}
                />
              </FormLayout.Group>
              <TextField
                label={t('rewards.form.perCustomerLimit')}
                type="number"
                min={1}
                inputMode="numeric"
                autoComplete="off"
                value={draft.perCustomerLimit}
                onChange={(value) => set('perCustomerLimit', value)}
                placeholder={t('rewards.noPerCustomerLimit')}
                helpText={t('rewards.form.perCustomerLimitHelp')}
                error={shown('perCustomerLimit')}
                disabled={readOnly}
              />
              {groups.length > 0 ? (
                <ChoiceList
                  allowMultiple
                  title={t('tiers.visibleTo')}
                  choices={groups.map((group) => ({
                    value: group.id,
                    label: group.tierRank === null ? group.name : t('tiers.tierOption', { name: group.name, rank: group.tierRank }),
                  }))}
                  selected={draft.visibleToGroups}
                  onChange={(selected) => set('visibleToGroups', selected)}
                  disabled={readOnly}
                />
              ) : (
                <Text as="p" tone="subdued">{t('tiers.noGroups')}</Text>
              )}
              {groups.length > 0 && <Text as="p" tone="subdued">{t('tiers.visibleToHelp')}</Text>}
              <Checkbox
                label={t('rewards.form.enabled')}
                helpText={t('rewards.form.enabledHelp')}
                checked={draft.enabled}
                onChange={(value) => set('enabled', value)}
                disabled={readOnly}
              />
            </FormLayout>
            <BlockStack gap="300">
              <Text as="h3" variant="headingSm">
                {t('rewards.preview.title')}
              </Text>
              <RewardPreview
                title={draft.title}
                type={draft.type}
                valueMinor={valueMinor}
                currency={currency}
                pointsCost={parseWhole(draft.pointsCost)}
                expiresAfterDays={parseWhole(draft.expiresAfterDays)}
                stockRemaining={stockLimit === null ? null : Math.max(0, stockLimit - alreadyIssued)}
                enabled={draft.enabled}
                balance={sample}
              />
              <TextField
                label={t('rewards.preview.sampleBalance')}
                type="number"
                min={0}
                autoComplete="off"
                value={sampleBalance}
                onChange={setSampleBalance}
                suffix={t('common.pointsShort')}
                helpText={t('rewards.preview.sampleBalanceHelp')}
              />
            </BlockStack>
          </InlineGrid>
        </BlockStack>
      </Modal.Section>
    </Modal>
  );
}
