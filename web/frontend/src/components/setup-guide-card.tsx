// The dashboard's setup guide (Polaris' setup-guide pattern): the six steps to a working programme with
// progress; each open step says what to do and links there. It disappears once every step is done.
import { Badge, BlockStack, Box, Button, Card, Icon, InlineStack, ProgressBar, Text } from '@shopify/polaris';
import { CheckCircleIcon } from '@shopify/polaris-icons';
import { useState } from 'react';
import { apiSend, toApiError, useApiQuery } from '../hooks/use-api';
import { useI18n } from '../hooks/use-i18n';
import type { TranslationKey } from '../i18n';
import { useMe } from '../hooks/use-me';
import type { SetupGuide, SetupStepId } from '../../../contracts/admin-api';
import { navigate } from '../router';
import { showToast } from '../lib/toast';

const STEP_LINKS: Partial<Record<SetupStepId, string>> = {
  services: '/products',
  reward: '/rewards',
  testBooking: '/members',
  email: '/settings/messages?tab=smtp',
};

export function SetupGuideCard() {
  const { t } = useI18n();
  const { me, permissions } = useMe();
  const { data, reload } = useApiQuery<SetupGuide>('/api/setup');
  const [saving, setSaving] = useState<SetupStepId | null>(null);
  if (!data || data.done) return null;

  const mark = async (id: SetupStepId, done: boolean) => {
    setSaving(id);
    try {
      await apiSend('PUT', `/api/setup/steps/${id}`, { done });
      reload();
    } catch (error) {
      showToast(toApiError(error).message, { isError: true });
    } finally {
      setSaving(null);
    }
  };

  return (
    <div data-testid="setup-guide">
      <Card>
        <BlockStack gap="400">
          <BlockStack gap="200">
            <Text as="h2" variant="headingMd">
              {t('setup.title')}
            </Text>
            <Text as="p" tone="subdued">
              {t('setup.subtitle')}
            </Text>
            <InlineStack gap="300" blockAlign="center" wrap={false}>
              <Text as="span" id="setup-progress" variant="bodySm" tone="subdued">
                {t('setup.progress', { completed: data.completed, total: data.total })}
              </Text>
              <div style={{ flex: 1 }}>
                <ProgressBar progress={(data.completed / data.total) * 100} size="small" tone="primary" ariaLabelledBy="setup-progress" />
              </div>
            </InlineStack>
          </BlockStack>
          <BlockStack as="ul" gap="300">
            {data.steps.map((step) => (
              <li key={step.id} style={{ listStyle: 'none' }} data-testid={`setup-step-${step.id}`}>
                <InlineStack gap="300" wrap={false} blockAlign="start">
                  <Box minWidth="20px">
                    {step.done ? <Icon source={CheckCircleIcon} tone="success" accessibilityLabel={t('setup.done')} /> : <span aria-hidden style={{ display: 'inline-block', width: 16, height: 16, margin: 2, borderRadius: '50%', border: '2px dashed #8a8a8a' }} />}
                  </Box>
                  <BlockStack gap="100">
                    <InlineStack gap="200" blockAlign="center">
                      <Text as="h3" variant="headingSm" tone={step.done ? 'subdued' : undefined}>
                        {t(`setup.steps.${step.id}.title`)}
                      </Text>
                      {step.done && <Badge tone="success">{t('setup.done')}</Badge>}
                    </InlineStack>
                    {!step.done && (
                      <>
                        <Text as="p" tone="subdued">
                          {t(`setup.steps.${step.id}.body`)}
                        </Text>
                        <InlineStack gap="200">
                          {STEP_LINKS[step.id] && (
                            <Button onClick={() => navigate(STEP_LINKS[step.id]!)}>{t(`setup.steps.${step.id}.action` as TranslationKey)}</Button>
                          )}
                          {step.id === 'widget' && (
                            <Button url={`https://${me?.shop.domain ?? 'admin.shopify.com'}/admin/themes/current/editor?context=apps`} external>
                              {t('setup.steps.widget.action')}
                            </Button>
                          )}
                          {step.manual && permissions.editSettings && (
                            <Button variant="plain" loading={saving === step.id} onClick={() => void mark(step.id, true)}>
                              {t('setup.markDone')}
                            </Button>
                          )}
                        </InlineStack>
                      </>
                    )}
                  </BlockStack>
                </InlineStack>
              </li>
            ))}
          </BlockStack>
        </BlockStack>
      </Card>
    </div>
  );
}
