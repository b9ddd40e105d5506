// The rules of an automatic group: conditions combined with AND / OR, with one level of nested groups
// ("spent more than €1000 AND (visited in the last 30 days OR birthday within 12 h)"). Each condition
// kind (web/contracts/groups-api.ts) gets inputs that fit it: money in the shop's currency, days,
// hours, pickers for locations, rewards and consents the shop has, free text for a Shopify tag.
import { BlockStack, Box, Button, InlineGrid, InlineStack, Select, Text, TextField } from '@shopify/polaris';
import { DeleteIcon, PlusIcon } from '@shopify/polaris-icons';
import type { ReactNode } from 'react';
import type { RuleComparison, RuleCondition, RuleConditionKind, RuleTree, RuleWindow } from '../../../contracts/groups-api';
import { RULE_CONDITION_KINDS } from '../../../contracts/groups-api';
import { useApiQuery } from '../hooks/use-api';
import { useI18n } from '../hooks/use-i18n';
import { minorUnitsPerMajor } from '../i18n';
import { NumberField } from './number-field';

export interface RuleChoices {
  locations: Array<{ id: string; label: string }>;
  rewards: Array<{ id: string; title: string }>;
  consents: Array<{ key: string; name: string }>;
}

/** The shop's locations, rewards and consent types, for the pickers. */
export function useRuleChoices(): RuleChoices {
  const locations = useApiQuery<{ locations: Array<{ id: string; label: string }> }>('/api/report/filter-options');
  const rewards = useApiQuery<{ items: Array<{ id: string; title: string }> }>('/api/rewards');
  const consents = useApiQuery<{ items: Array<{ key: string; name: string }> }>('/api/consent-types');
  return { locations: locations.data?.locations ?? [], rewards: rewards.data?.items ?? [], consents: consents.data?.items ?? [] };
}

export function defaultCondition(kind: RuleConditionKind, choices: RuleChoices): RuleCondition {
  switch (kind) {
    case 'spend':
      return { kind, window: { type: 'lifetime' }, op: 'gt', amountMinor: 100_000 };
    case 'visits':
      return { kind, window: { type: 'rolling_days', days: 90 }, op: 'gte', count: 3 };
    case 'last_visit':
      return { kind, when: 'more_than_days_ago', days: 30 };
    case 'birthday':
      return { kind, withinHours: 12 };
    case 'signup_anniversary':
      return { kind, withinHours: 24 };
    case 'visited_location':
      return { kind, locationId: choices.locations[0]?.id ?? '' };
    case 'redeemed_reward':
      return { kind, rewardId: choices.rewards[0]?.id ?? '' };
    case 'consent':
      return { kind, consentTypeKey: choices.consents[0]?.key ?? '', granted: true };
    case 'shopify_tag':
      return { kind, tag: '' };
    case 'points_balance':
      return { kind, op: 'gte', points: 500 };
    case 'points_earned':
      return { kind, window: { type: 'calendar_year' }, op: 'gte', points: 1000 };
  }
}

export function emptyRuleTree(choices: RuleChoices): RuleTree {
  return { combinator: 'and', conditions: [defaultCondition('spend', choices)] };
}

const isTree = (node: RuleCondition | RuleTree): node is RuleTree => 'combinator' in node;
const whole = (value: number, min: number, max: number) => Number.isInteger(value) && value >= min && value <= max;

function windowValid(window: RuleWindow): boolean {
  return window.type !== 'rolling_days' || whole(window.days, 1, 3660);
}

/** Whether a condition would pass the server's schema (web/core/groups/group-rules.ts). */
export function conditionValid(condition: RuleCondition): boolean {
  switch (condition.kind) {
    case 'spend':
      return windowValid(condition.window) && whole(condition.amountMinor, 0, Number.MAX_SAFE_INTEGER);
    case 'visits':
      return windowValid(condition.window) && whole(condition.count, 0, 1_000_000);
    case 'last_visit':
      return whole(condition.days, 1, 3660);
    case 'birthday':
    case 'signup_anniversary':
      return whole(condition.withinHours, 1, 24 * 31);
    case 'visited_location':
      return condition.locationId !== '';
    case 'redeemed_reward':
      return condition.rewardId !== '';
    case 'consent':
      return condition.consentTypeKey !== '';
    case 'shopify_tag':
      return condition.tag.trim() !== '' && condition.tag.length <= 255;
    case 'points_balance':
      return whole(condition.points, -2_000_000_000, 2_000_000_000);
    case 'points_earned':
      return windowValid(condition.window) && whole(condition.points, -2_000_000_000, 2_000_000_000);
  }
}

export function ruleTreeValid(tree: RuleTree): boolean {
  return tree.conditions.length > 0 && tree.conditions.every((node) => (isTree(node) ? ruleTreeValid(node) : conditionValid(node)));
}

export function RuleBuilder({ value, onChange, currency, choices }: { value: RuleTree; onChange(tree: RuleTree): void; currency: string; choices: RuleChoices }) {
  const { t } = useI18n();
  const setAt = (index: number, node: RuleCondition | RuleTree) => onChange({ ...value, conditions: value.conditions.map((old, i) => (i === index ? node : old)) });
  const removeAt = (index: number) => onChange({ ...value, conditions: value.conditions.filter((_, i) => i !== index) });
  return (
    <div data-testid="rule-builder">
      <BlockStack gap="300">
        <CombinatorSelect value={value.combinator} onChange={(combinator) => onChange({ ...value, combinator })} />
        {value.conditions.map((node, index) =>
          isTree(node) ? (
            <Box key={index} padding="300" borderWidth="025" borderColor="border" borderRadius="200" background="bg-surface-secondary">
              <BlockStack gap="300">
                <InlineStack align="space-between" blockAlign="center" gap="200">
                  <Text as="h3" variant="headingSm">
                    {t('groups.rules.nested')}
                  </Text>
                  <Button icon={DeleteIcon} variant="tertiary" tone="critical" accessibilityLabel={t('groups.rules.removeGroup')} onClick={() => removeAt(index)} />
                </InlineStack>
                <CombinatorSelect value={node.combinator} onChange={(combinator) => setAt(index, { ...node, combinator })} />
                {node.conditions.map((inner, innerIndex) =>
                  isTree(inner) ? null : (
                    <ConditionRow
                      key={innerIndex}
                      condition={inner}
                      currency={currency}
                      choices={choices}
                      onChange={(next) => setAt(index, { ...node, conditions: node.conditions.map((old, i) => (i === innerIndex ? next : old)) })}
                      onRemove={() => {
                        const rest = node.conditions.filter((_, i) => i !== innerIndex);
                        if (rest.length === 0) removeAt(index);
                        else setAt(index, { ...node, conditions: rest });
                      }}
                    />
                  ),
                )}
                <InlineStack>
                  <Button icon={PlusIcon} onClick={() => setAt(index, { ...node, conditions: [...node.conditions, defaultCondition('visits', choices)] })}>
                    {t('groups.rules.addCondition')}
                  </Button>
                </InlineStack>
              </BlockStack>
            </Box>
          ) : (
            <ConditionRow key={index} condition={node} currency={currency} choices={choices} onChange={(next) => setAt(index, next)} onRemove={() => removeAt(index)} />
          ),
        )}
        <InlineStack gap="200">
          <Button icon={PlusIcon} onClick={() => onChange({ ...value, conditions: [...value.conditions, defaultCondition('last_visit', choices)] })}>
            {t('groups.rules.addCondition')}
          </Button>
          <Button
            onClick={() =>
              onChange({
                ...value,
                conditions: [...value.conditions, { combinator: value.combinator === 'and' ? 'or' : 'and', conditions: [defaultCondition('last_visit', choices), defaultCondition('birthday', choices)] }],
              })
            }
          >
            {t('groups.rules.addGroup')}
          </Button>
        </InlineStack>
      </BlockStack>
    </div>
  );
}

function CombinatorSelect({ value, onChange }: { value: 'and' | 'or'; onChange(value: 'and' | 'or'): void }) {
  const { t } = useI18n();
  return (
    <Select
      label={t('groups.rules.match')}
      options={[
        { label: t('groups.rules.all'), value: 'and' },
        { label: t('groups.rules.any'), value: 'or' },
      ]}
      value={value}
      onChange={(next) => onChange(next === 'or' ? 'or' : 'and')}
    />
  );
}

function ConditionRow({ condition, onChange, onRemove, currency, choices }: { condition: RuleCondition; onChange(next: RuleCondition): void; onRemove(): void; currency: string; choices: RuleChoices }) {
  const { t } = useI18n();
  const invalid = !conditionValid(condition);
  const error = (bad: boolean) => (bad ? t('groups.rules.invalid') : undefined);
  const ops = (['gt', 'gte', 'lt', 'lte'] as RuleComparison[]).map((op) => ({ label: t(`groups.rules.ops.${op}`), value: op }));
  const opSelect = (value: RuleComparison, set: (op: RuleComparison) => void) => <Select label={t('groups.rules.op')} options={ops} value={value} onChange={(op) => set(op as RuleComparison)} />;
  const windowFields = (window: RuleWindow, set: (window: RuleWindow) => void) => (
    <>
      <Select
        label={t('groups.rules.window')}
        options={(['lifetime', 'rolling_days', 'calendar_year'] as const).map((type) => ({ label: t(`groups.rules.windows.${type}`), value: type }))}
        value={window.type}
        onChange={(type) => set(type === 'rolling_days' ? { type, days: 365 } : { type: type as 'lifetime' | 'calendar_year' })}
      />
      {window.type === 'rolling_days' && <NumberField label={t('groups.rules.days')} value={window.days} onChange={(days) => set({ type: 'rolling_days', days })} error={error(!whole(window.days, 1, 3660))} />}
    </>
  );
  const picker = (label: string, options: Array<{ label: string; value: string }>, value: string, set: (value: string) => void) => (
    <Select
      label={label}
      options={options.length === 0 ? [{ label: t('groups.rules.noOptions'), value: '' }] : [...(value === '' ? [{ label: t('groups.rules.choose'), value: '' }] : []), ...options, ...(value !== '' && !options.some((o) => o.value === value) ? [{ label: value, value }] : [])]}
      value={value}
      onChange={set}
      disabled={options.length === 0}
      error={error(value === '')}
    />
  );

  let fields: ReactNode;
  switch (condition.kind) {
    case 'spend':
      fields = (
        <>
          {windowFields(condition.window, (window) => onChange({ ...condition, window }))}
          {opSelect(condition.op, (op) => onChange({ ...condition, op }))}
          <NumberField label={t('groups.rules.amount', { currency })} value={condition.amountMinor} scale={minorUnitsPerMajor(currency)} onChange={(amountMinor) => onChange({ ...condition, amountMinor })} error={error(!whole(condition.amountMinor, 0, Number.MAX_SAFE_INTEGER))} />
        </>
      );
      break;
    case 'visits':
      fields = (
        <>
          {windowFields(condition.window, (window) => onChange({ ...condition, window }))}
          {opSelect(condition.op, (op) => onChange({ ...condition, op }))}
          <NumberField label={t('groups.rules.count')} value={condition.count} onChange={(count) => onChange({ ...condition, count })} error={error(!whole(condition.count, 0, 1_000_000))} />
        </>
      );
      break;
    case 'last_visit':
      fields = (
        <>
          <Select
            label={t('groups.rules.lastVisit')}
            options={[
              { label: t('groups.rules.within'), value: 'within_days' },
              { label: t('groups.rules.moreThan'), value: 'more_than_days_ago' },
            ]}
            value={condition.when}
            onChange={(when) => onChange({ ...condition, when: when as 'within_days' | 'more_than_days_ago' })}
          />
          <NumberField label={t('groups.rules.days')} value={condition.days} onChange={(days) => onChange({ ...condition, days })} error={error(!whole(condition.days, 1, 3660))} />
        </>
      );
      break;
    case 'birthday':
    case 'signup_anniversary':
      fields = <NumberField label={t('groups.rules.hours')} helpText={t('groups.rules.hoursHelp')} value={condition.withinHours} onChange={(withinHours) => onChange({ ...condition, withinHours })} error={error(!whole(condition.withinHours, 1, 744))} />;
      break;
    case 'visited_location':
      fields = picker(t('groups.rules.location'), choices.locations.map((l) => ({ label: t('report.filters.locationLabel', { number: l.label }), value: l.id })), condition.locationId, (locationId) => onChange({ ...condition, locationId }));
      break;
    case 'redeemed_reward':
      fields = picker(t('groups.rules.reward'), choices.rewards.map((r) => ({ label: r.title, value: r.id })), condition.rewardId, (rewardId) => onChange({ ...condition, rewardId }));
      break;
    case 'consent':
      fields = (
        <>
          {picker(t('groups.rules.consent'), choices.consents.map((c) => ({ label: c.name, value: c.key })), condition.consentTypeKey, (consentTypeKey) => onChange({ ...condition, consentTypeKey }))}
          <Select
            label={t('groups.rules.granted')}
            options={[
              { label: t('groups.rules.grantedYes'), value: 'yes' },
              { label: t('groups.rules.grantedNo'), value: 'no' },
            ]}
            value={condition.granted ? 'yes' : 'no'}
            onChange={(granted) => onChange({ ...condition, granted: granted === 'yes' })}
          />
        </>
      );
      break;
    case 'shopify_tag':
      fields = <TextField label={t('groups.rules.tag')} autoComplete="off" value={condition.tag} maxLength={255} onChange={(tag) => onChange({ ...condition, tag })} error={error(condition.tag.trim() === '')} />;
      break;
    case 'points_balance':
      fields = (
        <>
          {opSelect(condition.op, (op) => onChange({ ...condition, op }))}
          <NumberField label={t('groups.rules.points')} value={condition.points} onChange={(points) => onChange({ ...condition, points })} error={error(!Number.isInteger(condition.points))} />
        </>
      );
      break;
    case 'points_earned':
      fields = (
        <>
          {windowFields(condition.window, (window) => onChange({ ...condition, window }))}
          {opSelect(condition.op, (op) => onChange({ ...condition, op }))}
          <NumberField label={t('groups.rules.points')} value={condition.points} onChange={(points) => onChange({ ...condition, points })} error={error(!Number.isInteger(condition.points))} />
        </>
      );
      break;
  }

  return (
    <div data-testid="rule-condition" data-invalid={invalid || undefined}>
      <Box padding="300" borderWidth="025" borderColor={invalid ? 'border-critical' : 'border'} borderRadius="200">
        <InlineStack gap="200" wrap={false} blockAlign="start">
          <div style={{ flex: 1, minWidth: 0 }}>
            <InlineGrid columns={{ xs: 1, sm: 2, lg: 4 }} gap="200">
              <Select
                label={t('groups.rules.kind')}
                options={RULE_CONDITION_KINDS.map((kind) => ({ label: t(`groups.rules.kinds.${kind}`), value: kind }))}
                value={condition.kind}
                onChange={(kind) => onChange(defaultCondition(kind as RuleConditionKind, choices))}
              />
              {fields}
            </InlineGrid>
          </div>
          <Button icon={DeleteIcon} variant="tertiary" tone="critical" accessibilityLabel={t('groups.rules.remove')} onClick={onRemove} />
        </InlineStack>
      </Box>
    </div>
  );
}
