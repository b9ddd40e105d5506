// How many members the rules match right now, before saving: the groups engine's preview
// (POST /api/groups/preview), asked again half a second after the rules stop changing.
import { BlockStack, InlineStack, Spinner, Text } from '@shopify/polaris';
import { useEffect, useState } from 'react';
import type { RuleTree } from '../../../contracts/groups-api';
import { apiSend } from '../hooks/use-api';
import { useI18n } from '../hooks/use-i18n';
import { useDebounced } from '../lib/use-debounced';
import { memberName } from '../lib/member-name';

interface Preview {
  count: number;
  sample: Array<{ id: string; name?: string | null; firstName?: string | null; lastName?: string | null; email: string | null }>;
}

type State = { status: 'idle' | 'counting' | 'unavailable' } | { status: 'done'; preview: Preview };

export function RuleLiveCount({ rules, valid }: { rules: RuleTree; valid: boolean }) {
  const { t, formatNumber } = useI18n();
  const key = useDebounced(valid ? JSON.stringify(rules) : '', 500);
  const [state, setState] = useState<State>({ status: 'idle' });

  useEffect(() => {
    if (key === '') {
      setState({ status: 'idle' });
      return undefined;
    }
    let current = true;
    setState({ status: 'counting' });
    apiSend<Preview>('POST', '/api/groups/preview', { rules: JSON.parse(key) as RuleTree }).then(
      (preview) => current && setState({ status: 'done', preview }),
      () => current && setState({ status: 'unavailable' }),
    );
    return () => {
      current = false;
    };
  }, [key]);

  const names = state.status === 'done'
    ? state.preview.sample.slice(0, 3).map((member) => member.name || memberName({ firstName: member.firstName ?? null, lastName: member.lastName ?? null }) || member.email || '').filter(Boolean)
    : [];
  return (
    <div data-testid="rule-live-count" aria-live="polite">
      {state.status === 'counting' && (
        <InlineStack gap="200" blockAlign="center">
          <Spinner size="small" accessibilityLabel={t('groups.rules.counting')} />
          <Text as="span" tone="subdued">
            {t('groups.rules.counting')}
          </Text>
        </InlineStack>
      )}
      {state.status === 'unavailable' && (
        <Text as="p" tone="subdued">
          {t('groups.rules.countUnavailable')}
        </Text>
      )}
      {state.status === 'done' && (
        <BlockStack gap="100">
          <Text as="p" variant="headingSm">
            {t('groups.rules.liveCount', { count: formatNumber(state.preview.count) })}
          </Text>
          {names.length > 0 && (
            <Text as="p" tone="subdued" variant="bodySm">
              {t('groups.rules.sample', { names: names.join(', ') })}
            </Text>
          )}
        </BlockStack>
      )}
    </div>
  );
}
