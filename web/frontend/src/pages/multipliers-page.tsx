// Date-range multipliers (/settings/multipliers, GET/POST/DELETE /api/multipliers): "double points this
// weekend". Services count by their appointment time, other products by the order time. Managers and
// owners create and delete them (admin-route-policies).
import { Banner, BlockStack, Button, Card, EmptyState, FormLayout, IndexTable, InlineStack, Layout, Page, Text, TextField, useBreakpoints } from '@shopify/polaris';
import { DeleteIcon } from '@shopify/polaris-icons';
import { useState } from 'react';
import { ApiErrorBanner } from '../components/api-error-banner';
import { EMPTY_ILLUSTRATION } from '../components/empty-illustration';
import { PageSkeleton } from '../components/page-skeleton';
import { ApiError, apiSend, toApiError, useApiQuery } from '../hooks/use-api';
import { useI18n } from '../hooks/use-i18n';
import { useMe } from '../hooks/use-me';
import { showToast } from '../lib/toast';
import { navigate } from '../router';

interface Multiplier {
  id: string;
  name: string;
  startsAt: string;
  endsAt: string;
  multiplierPercent: number;
  productId: string | null;
}

interface Draft {
  name: string;
  from: string;
  to: string;
  percent: string;
}

const EMPTY: Draft = { name: '', from: '', to: '', percent: '200' };

/** The first moment of `day` and the first moment after `lastDay`, in the browser's (the admin's) time zone. */
function dayRange(day: string, lastDay: string): { startsAt: string; endsAt: string } {
  const start = new Date(`${day}T00:00:00`);
  const end = new Date(`${lastDay}T00:00:00`);
  end.setDate(end.getDate() + 1);
  return { startsAt: start.toISOString(), endsAt: end.toISOString() };
}

export function MultipliersPage() {
  const { t, formatDate, formatPercent } = useI18n();
  const { permissions } = useMe();
  const { smDown } = useBreakpoints();
  const list = useApiQuery<{ items: Multiplier[] }>('/api/multipliers');
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<ApiError>();
  const readOnly = !permissions.manageCampaigns;

  if (list.loading && !list.data) return <PageSkeleton title={t('multipliers.title')} />;

  const errors = {
    name: draft.name.trim() === '' ? t('multipliers.errors.name') : undefined,
    from: draft.from === '' ? t('multipliers.errors.date') : undefined,
    to: draft.to === '' ? t('multipliers.errors.date') : draft.from !== '' && draft.to < draft.from ? t('multipliers.errors.order') : undefined,
    percent: !/^\d+$/.test(draft.percent) || Number(draft.percent) < 0 || Number(draft.percent) > 1000 ? t('multipliers.errors.percent') : undefined,
  };
  const invalid = Object.values(errors).some(Boolean);

  const create = async () => {
    setTried(true);
    if (invalid) return;
    setSaving(true);
    setSaveError(undefined);
    try {
      await apiSend('POST', '/api/multipliers', { name: draft.name.trim(), ...dayRange(draft.from, draft.to), multiplierPercent: Number(draft.percent) });
      showToast(t('multipliers.created', { name: draft.name.trim() }));
      setDraft(EMPTY);
      setTried(false);
      list.reload();
    } catch (caught) {
      setSaveError(toApiError(caught));
    } finally {
      setSaving(false);
    }
  };
  const remove = async (multiplier: Multiplier) => {
    try {
      await apiSend('DELETE', `/api/multipliers/${encodeURIComponent(multiplier.id)}`);
      showToast(t('multipliers.deleted', { name: multiplier.name }));
      list.reload();
    } catch (caught) {
      setSaveError(toApiError(caught));
    }
  };

  const items = list.data?.items ?? [];
  // The last day shown is the day before the exclusive end.
  const period = (m: Multiplier) => `${formatDate(m.startsAt)} – ${formatDate(new Date(new Date(m.endsAt).getTime() - 1))}`;
  const deleteButton = (m: Multiplier) =>
    readOnly ? null : <Button size="slim" icon={DeleteIcon} tone="critical" variant="tertiary" accessibilityLabel={t('multipliers.deleteFor', { name: m.name })} onClick={() => void remove(m)} />;

  return (
    <Page title={t('multipliers.title')} subtitle={t('multipliers.subtitle')} backAction={{ content: t('settings.title'), onAction: () => navigate('/settings') }}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {list.error && <ApiErrorBanner title={t('multipliers.error')} error={list.error} onRetry={list.reload} />}
            {saveError && <ApiErrorBanner title={t('multipliers.saveError')} error={saveError} />}
            {readOnly && (
              <Banner tone="info">
                <p>{t('multipliers.readOnly')}</p>
              </Banner>
            )}
            <Card padding="0">
              <div data-testid="multipliers-table">
                <IndexTable
                  condensed={smDown}
                  resourceName={{ singular: t('multipliers.singular'), plural: t('multipliers.plural') }}
                  itemCount={items.length}
                  selectable={false}
                  emptyState={
                    <EmptyState heading={t('multipliers.empty.heading')} image={EMPTY_ILLUSTRATION}>
                      <p>{t('multipliers.empty.body')}</p>
                    </EmptyState>
                  }
                  headings={[{ title: t('multipliers.columns.name') }, { title: t('multipliers.columns.period') }, { title: t('multipliers.columns.multiplier'), alignment: 'end' }, { title: t('multipliers.columns.actions'), hidden: true }]}
                >
                  {items.map((m, index) =>
                    smDown ? (
                      <IndexTable.Row id={m.id} key={m.id} position={index}>
                        <div style={{ padding: '12px 16px' }}>
                          <InlineStack align="space-between" wrap={false} gap="200">
                            <BlockStack gap="100">
                              <span data-key-cell>
                                <Text as="span" fontWeight="semibold">
                                  {m.name}
                                </Text>
                              </span>
                              <Text as="span" tone="subdued" variant="bodySm">
                                {period(m)} · {formatPercent(m.multiplierPercent / 100)}
                              </Text>
                            </BlockStack>
                            {deleteButton(m)}
                          </InlineStack>
                        </div>
                      </IndexTable.Row>
                    ) : (
                      <IndexTable.Row id={m.id} key={m.id} position={index}>
                        <IndexTable.Cell>
                          <span data-key-cell>
                            <Text as="span" fontWeight="semibold">
                              {m.name}
                            </Text>
                          </span>
                        </IndexTable.Cell>
                        <IndexTable.Cell>{period(m)}</IndexTable.Cell>
                        <IndexTable.Cell>
                          <Text as="span" alignment="end" numeric>
                            {formatPercent(m.multiplierPercent / 100)}
                          </Text>
                        </IndexTable.Cell>
                        <IndexTable.Cell>{deleteButton(m)}</IndexTable.Cell>
                      </IndexTable.Row>
                    ),
                  )}
                </IndexTable>
              </div>
            </Card>
          </BlockStack>
        </Layout.Section>
        {!readOnly && (
          <Layout.Section variant="oneThird">
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  {t('multipliers.new')}
                </Text>
                <FormLayout>
                  <TextField label={t('multipliers.fields.name')} autoComplete="off" placeholder={t('multipliers.fields.namePlaceholder')} value={draft.name} onChange={(name) => setDraft({ ...draft, name })} error={tried ? errors.name : undefined} />
                  <TextField label={t('multipliers.fields.from')} type="date" autoComplete="off" value={draft.from} onChange={(from) => setDraft({ ...draft, from })} error={tried ? errors.from : undefined} />
                  <TextField label={t('multipliers.fields.to')} type="date" autoComplete="off" value={draft.to} onChange={(to) => setDraft({ ...draft, to })} error={tried ? errors.to : undefined} />
                  <TextField
                    label={t('multipliers.fields.percent')}
                    type="number"
                    min={0}
                    max={1000}
                    suffix="%"
                    autoComplete="off"
                    helpText={t('multipliers.fields.percentHelp')}
                    value={draft.percent}
                    onChange={(percent) => setDraft({ ...draft, percent })}
                    error={tried ? errors.percent : undefined}
                  />
                  <Button variant="primary" loading={saving} onClick={() => void create()}>
                    {t('multipliers.create')}
                  </Button>
                </FormLayout>
              </BlockStack>
            </Card>
          </Layout.Section>
        )}
      </Layout>
    </Page>
  );
}
