// What membership gives (seed 001's "loyalty type"): nothing, bonus points (an earn multiplier or the
// group's own spend-tier table) or a discount percentage. Limits from web/contracts/groups-api.ts.
import { BlockStack, Button, ChoiceList, InlineStack, Text } from '@shopify/polaris';
import { DeleteIcon, PlusIcon } from '@shopify/polaris-icons';
import type { BenefitKindName, GroupBenefit } from '../../../contracts/groups-api';
import { GROUP_LIMITS } from '../../../contracts/groups-api';
import { SPEND_TIER_LIMITS } from '../../../contracts/program-settings-ranges';
import { useI18n } from '../hooks/use-i18n';
import { minorUnitsPerMajor } from '../i18n';
import { NumberField } from './number-field';

export type BenefitDraft = GroupBenefit & { bonusMode: 'multiplier' | 'table' };

export function benefitDraftOf(benefit: GroupBenefit): BenefitDraft {
  return { ...benefit, bonusMode: benefit.spendTiers.length > 0 ? 'table' : 'multiplier', multiplierPercent: benefit.multiplierPercent ?? 150, discountPercent: benefit.discountPercent ?? 10 };
}

export const NO_BENEFIT: GroupBenefit = { kind: 'none', multiplierPercent: null, spendTiers: [], discountPercent: null };

const inRange = (value: number | null, range: { min: number; max: number }) => value !== null && Number.isInteger(value) && value >= range.min && value <= range.max;

export function benefitProblems(draft: BenefitDraft): { multiplier: boolean; discount: boolean; table: boolean[] } {
  const table = draft.spendTiers.map((row, index) => {
    const previous = draft.spendTiers[index - 1];
    const fromOk = Number.isInteger(row.fromMinor) && row.fromMinor >= 0 && (index === 0 ? row.fromMinor === 0 : previous !== undefined && row.fromMinor > previous.fromMinor);
    return !fromOk || !inRange(row.basisPoints, SPEND_TIER_LIMITS.basisPoints);
  });
  return {
    multiplier: draft.kind === 'bonus' && draft.bonusMode === 'multiplier' && !inRange(draft.multiplierPercent, GROUP_LIMITS.multiplierPercent),
    discount: draft.kind === 'discount' && !inRange(draft.discountPercent, GROUP_LIMITS.discountPercent),
    table: draft.kind === 'bonus' && draft.bonusMode === 'table' ? table : table.map(() => false),
  };
}

export function benefitInvalid(draft: BenefitDraft): boolean {
  const problems = benefitProblems(draft);
  return problems.multiplier || problems.discount || problems.table.some(Boolean) || (draft.kind === 'bonus' && draft.bonusMode === 'table' && draft.spendTiers.length === 0);
}

/** The body's `benefit`, with only the fields its kind uses. */
export function benefitBody(draft: BenefitDraft): GroupBenefit {
  if (draft.kind === 'bonus') {
    return draft.bonusMode === 'table'
      ? { kind: 'bonus', multiplierPercent: null, spendTiers: draft.spendTiers, discountPercent: null }
      : { kind: 'bonus', multiplierPercent: draft.multiplierPercent, spendTiers: [], discountPercent: null };
  }
  if (draft.kind === 'discount') return { kind: 'discount', multiplierPercent: null, spendTiers: [], discountPercent: draft.discountPercent };
  return NO_BENEFIT;
}

export function GroupBenefitFields({ value, onChange, currency, showErrors }: { value: BenefitDraft; onChange(next: BenefitDraft): void; currency: string; showErrors: boolean }) {
  const { t } = useI18n();
  const perMajor = minorUnitsPerMajor(currency);
  const problems = benefitProblems(value);
  const setRow = (index: number, patch: Partial<{ fromMinor: number; basisPoints: number }>) =>
    onChange({ ...value, spendTiers: value.spendTiers.map((row, i) => (i === index ? { ...row, ...patch } : row)) });
  return (
    <BlockStack gap="300">
      <ChoiceList
        title={t('groups.benefits.title')}
        choices={(['none', 'bonus', 'discount'] as BenefitKindName[]).map((kind) => ({ label: t(`groups.benefits.${kind}`), value: kind, helpText: t(`groups.benefits.${kind}Help`) }))}
        selected={[value.kind]}
        onChange={([kind]) => onChange({ ...value, kind: (kind as BenefitKindName) ?? 'none' })}
      />
      {value.kind === 'bonus' && (
        <BlockStack gap="300">
          <ChoiceList
            title={t('groups.benefits.bonusMode')}
            choices={[
              { label: t('groups.benefits.multiplier'), value: 'multiplier' },
              { label: t('groups.benefits.spendTable'), value: 'table' },
            ]}
            selected={[value.bonusMode]}
            onChange={([mode]) => onChange({ ...value, bonusMode: mode === 'table' ? 'table' : 'multiplier', spendTiers: mode === 'table' && value.spendTiers.length === 0 ? [{ fromMinor: 0, basisPoints: 200 }] : value.spendTiers })}
          />
          {value.bonusMode === 'multiplier' ? (
            <NumberField
              label={t('groups.benefits.multiplierPercent')}
              suffix="%"
              helpText={t('groups.benefits.multiplierHelp')}
              value={value.multiplierPercent ?? Number.NaN}
              onChange={(multiplierPercent) => onChange({ ...value, multiplierPercent })}
              error={showErrors && problems.multiplier ? t('groups.benefits.multiplierError') : undefined}
            />
          ) : (
            <BlockStack gap="200">
              <Text as="p" tone="subdued">
                {t('groups.benefits.tableHelp')}
              </Text>
              {value.spendTiers.map((row, index) => (
                <InlineStack key={index} gap="200" wrap={false} blockAlign="end">
                  <div style={{ flex: 1 }}>
                    <NumberField
                      label={t('groups.benefits.tableFrom', { currency })}
                      value={row.fromMinor}
                      scale={perMajor}
                      disabled={index === 0}
                      onChange={(fromMinor) => setRow(index, { fromMinor })}
                      error={showErrors && problems.table[index] ? t('groups.benefits.tableError') : undefined}
                    />
                  </div>
                  <div style={{ flex: 1 }}>
                    <NumberField label={t('groups.benefits.tableRate')} suffix="%" value={row.basisPoints} scale={100} onChange={(basisPoints) => setRow(index, { basisPoints })} />
                  </div>
                  <Button
                    icon={DeleteIcon}
                    variant="tertiary"
                    tone="critical"
                    disabled={index === 0}
                    accessibilityLabel={t('groups.benefits.removeRow')}
                    onClick={() => onChange({ ...value, spendTiers: value.spendTiers.filter((_, i) => i !== index) })}
                  />
                </InlineStack>
              ))}
              {value.spendTiers.length < SPEND_TIER_LIMITS.maxTiers && (
                <InlineStack>
                  <Button
                    icon={PlusIcon}
                    onClick={() => {
                      const last = value.spendTiers[value.spendTiers.length - 1];
                      onChange({ ...value, spendTiers: [...value.spendTiers, { fromMinor: (last?.fromMinor ?? 0) + 100 * perMajor, basisPoints: (last?.basisPoints ?? 200) + 100 }] });
                    }}
                  >
                    {t('groups.benefits.addRow')}
                  </Button>
                </InlineStack>
              )}
            </BlockStack>
          )}
        </BlockStack>
      )}
      {value.kind === 'discount' && (
        <NumberField
          label={t('groups.benefits.discountPercent')}
          suffix="%"
          helpText={t('groups.benefits.discountRange')}
          value={value.discountPercent ?? Number.NaN}
          onChange={(discountPercent) => onChange({ ...value, discountPercent })}
          error={showErrors && problems.discount ? t('groups.benefits.discountError') : undefined}
        />
      )}
    </BlockStack>
  );
}
