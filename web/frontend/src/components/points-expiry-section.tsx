// Points expiry (GET/PUT /api/settings/expiry): on/off, months without activity, warning days. Its own
// save button: the rule is separate from the programme settings above it. Managers and owners edit.
import { Banner, BlockStack, Button, Card, Checkbox, FormLayout, Layout, SkeletonBodyText, TextField } from '@shopify/polaris';
import { useEffect, useState } from 'react';
import type { PointsExpirySettingsView } from '../../../contracts/points-expiry-api';
import { ApiError, apiSend, toApiError, useApiQuery } from '../hooks/use-api';
import { useI18n } from '../hooks/use-i18n';
import { useMe } from '../hooks/use-me';
import { showToast } from '../lib/toast';
import { ApiErrorBanner } from './api-error-banner';

interface Draft {
  enabled: boolean;
  months: string;
  warningDays: string;
}

const draftOf = (settings: PointsExpirySettingsView): Draft => ({ enabled: settings.enabled, months: String(settings.inactivityMonths), warningDays: String(settings.warningDays) });
const wholeIn = (text: string, min: number, max: number) => /^\d+$/.test(text) && Number(text) >= min && Number(text) <= max;

export function PointsExpirySection() {
  const { t } = useI18n();
  const { permissions } = useMe();
  const readOnly = !permissions.manageCampaigns;
  const query = useApiQuery<PointsExpirySettingsView>('/api/settings/expiry');
  const [draft, setDraft] = useState<Draft>();
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<ApiError>();

  useEffect(() => {
    if (query.data) setDraft(draftOf(query.data));
  }, [query.data]);

  const errors = draft && {
    months: wholeIn(draft.months, 1, 120) ? undefined : t('campaigns.errors.number'),
    warningDays: wholeIn(draft.warningDays, 0, 90) ? undefined : t('campaigns.errors.number'),
  };
  const save = async () => {
    if (!draft || !errors || errors.months || errors.warningDays) return;
    setSaving(true);
    setSaveError(undefined);
    try {
      const saved = await apiSend<PointsExpirySettingsView>('PUT', '/api/settings/expiry', { enabled: draft.enabled, inactivityMonths: Number(draft.months), warningDays: Number(draft.warningDays) });
      setDraft(draftOf(saved));
      showToast(t('campaigns.expiry.saved'));
    } catch (caught) {
      setSaveError(toApiError(caught));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Layout.AnnotatedSection id="points-expiry" title={t('campaigns.expiry.title')} description={t('campaigns.expiry.description')}>
      <Card>
        <div data-testid="points-expiry">
          <BlockStack gap="300">
            {query.error && <ApiErrorBanner title={t('campaigns.expiry.error')} error={query.error} onRetry={query.reload} />}
            {saveError && <ApiErrorBanner title={t('campaigns.expiry.saveError')} error={saveError} />}
            {readOnly && (
              <Banner tone="info">
                <p>{t('campaigns.expiry.readOnly')}</p>
              </Banner>
            )}
            {!draft ? (
              <SkeletonBodyText lines={3} />
            ) : (
              <FormLayout>
                <Checkbox label={t('campaigns.expiry.enabled')} disabled={readOnly} checked={draft.enabled} onChange={(enabled) => setDraft({ ...draft, enabled })} />
                <FormLayout.Group>
                  <TextField label={t('campaigns.expiry.months')} type="number" min={1} max={120} autoComplete="off" disabled={readOnly || !draft.enabled} helpText={t('campaigns.expiry.monthsHelp')} value={draft.months} onChange={(months) => setDraft({ ...draft, months })} error={errors?.months} />
                  <TextField label={t('campaigns.expiry.warningDays')} type="number" min={0} max={90} autoComplete="off" disabled={readOnly || !draft.enabled} helpText={t('campaigns.expiry.warningHelp')} value={draft.warningDays} onChange={(warningDays) => setDraft({ ...draft, warningDays })} error={errors?.warningDays} />
                </FormLayout.Group>
                {!readOnly && (
                  <Button loading={saving} onClick={() => void save()}>
                    {t('campaigns.expiry.save')}
                  </Button>
                )}
              </FormLayout>
            )}
          </BlockStack>
        </div>
      </Card>
    </Layout.AnnotatedSection>
  );
}
