// The loyalty settings of one product (or many, in bulk edit): earns points, is a service, and either a
// fixed number of points per unit or the programme's rate with a multiplier.
import { BlockStack, Checkbox, ChoiceList, InlineGrid, TextField } from '@shopify/polaris';
import { useI18n } from '../hooks/use-i18n';
import type { LoyaltySettings } from '../../../contracts/admin-api';
import { PRODUCT_LOYALTY_RANGES as RANGES } from '../../../contracts/program-settings-ranges';

export interface LoyaltyDraft {
  enabled: boolean;
  isService: boolean;
  pointsMode: 'fixed' | 'rate';
  fixedPoints: string;
  multiplierPercent: string;
}

export function draftOf(settings: LoyaltySettings): LoyaltyDraft {
  return { ...settings, fixedPoints: String(settings.fixedPoints), multiplierPercent: String(settings.multiplierPercent) };
}

export interface LoyaltyErrors {
  fixedPoints?: string;
  multiplierPercent?: string;
}

type Translate = ReturnType<typeof useI18n>['t'];

function intError(text: string, min: number, max: number, t: Translate, format: (value: number) => string): string | undefined {
  if (text.trim() === '') return t('loyalty.errors.required');
  if (!/^\d+$/.test(text.trim())) return t('loyalty.errors.wholeNumber');
  const value = Number(text);
  if (value < min || value > max) return t('loyalty.errors.range', { min: format(min), max: format(max) });
  return undefined;
}

export function validateLoyalty(draft: LoyaltyDraft, t: Translate, format: (value: number) => string): LoyaltyErrors {
  return {
    fixedPoints: draft.pointsMode === 'fixed' ? intError(draft.fixedPoints, RANGES.fixedPoints.min, RANGES.fixedPoints.max, t, format) : undefined,
    multiplierPercent: draft.pointsMode === 'rate' ? intError(draft.multiplierPercent, RANGES.multiplierPercent.min, RANGES.multiplierPercent.max, t, format) : undefined,
  };
}

export function hasErrors(errors: LoyaltyErrors): boolean {
  return Boolean(errors.fixedPoints || errors.multiplierPercent);
}

/** Only the fields that validate; call after validateLoyalty says the draft is fine. */
export function settingsOf(draft: LoyaltyDraft): LoyaltySettings {
  return {
    enabled: draft.enabled,
    isService: draft.isService,
    pointsMode: draft.pointsMode,
    fixedPoints: Number(draft.fixedPoints) || 0,
    multiplierPercent: Number(draft.multiplierPercent) || 0,
  };
}

export function LoyaltyFields({ draft, onChange, errors, disabled }: { draft: LoyaltyDraft; onChange(draft: LoyaltyDraft): void; errors: LoyaltyErrors; disabled?: boolean }) {
  const { t } = useI18n();
  const set = <K extends keyof LoyaltyDraft>(key: K, value: LoyaltyDraft[K]) => onChange({ ...draft, [key]: value });
  return (
    <BlockStack gap="400">
      <Checkbox label={t('loyalty.enabled')} helpText={t('loyalty.enabledHelp')} checked={draft.enabled} onChange={(value) => set('enabled', value)} disabled={disabled} />
      <Checkbox label={t('loyalty.isService')} helpText={t('loyalty.isServiceHelp')} checked={draft.isService} onChange={(value) => set('isService', value)} disabled={disabled} />
      <ChoiceList
        title={t('loyalty.pointsMode')}
        disabled={disabled || !draft.enabled}
        choices={[
          { label: t('loyalty.modes.rate'), value: 'rate', helpText: t('loyalty.modes.rateHelp') },
          { label: t('loyalty.modes.fixed'), value: 'fixed', helpText: t('loyalty.modes.fixedHelp') },
        ]}
        selected={[draft.pointsMode]}
        onChange={([mode]) => set('pointsMode', mode === 'fixed' ? 'fixed' : 'rate')}
      />
      <InlineGrid columns={{ xs: 1, sm: 2 }} gap="400">
        {draft.pointsMode === 'fixed' ? (
          <TextField
            label={t('loyalty.fixedPoints')}
            type="number"
            min={0}
            autoComplete="off"
            value={draft.fixedPoints}
            onChange={(value) => set('fixedPoints', value)}
            error={errors.fixedPoints}
            helpText={t('loyalty.fixedPointsHelp')}
            disabled={disabled || !draft.enabled}
          />
        ) : (
          <TextField
            label={t('loyalty.multiplier')}
            type="number"
            min={0}
            max={RANGES.multiplierPercent.max}
            suffix="%"
            autoComplete="off"
            value={draft.multiplierPercent}
            onChange={(value) => set('multiplierPercent', value)}
            error={errors.multiplierPercent}
            helpText={t('loyalty.multiplierHelp')}
            disabled={disabled || !draft.enabled}
          />
        )}
      </InlineGrid>
    </BlockStack>
  );
}
