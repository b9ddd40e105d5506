// One product's loyalty tab: the same settings as the admin block on Shopify's product page.
import { SaveBar } from '@shopify/app-bridge-react';
import { Badge, Banner, BlockStack, Card, Layout, Page, Text } from '@shopify/polaris';
import { useEffect, useState } from 'react';
import { ApiErrorBanner } from '../components/api-error-banner';
import { draftOf, hasErrors, LoyaltyFields, settingsOf, validateLoyalty, type LoyaltyDraft } from '../components/loyalty-fields';
import { PageSkeleton } from '../components/page-skeleton';
import { ApiError, apiSend, toApiError, useApiQuery } from '../hooks/use-api';
import { useI18n } from '../hooks/use-i18n';
import { useMe } from '../hooks/use-me';
import type { LoyaltySettings, ProductLoyaltyView } from '../../../contracts/admin-api';
import { showToast } from '../lib/toast';

const SAVE_BAR_ID = 'product-save-bar';

function sameSettings(a: LoyaltySettings, b: LoyaltySettings): boolean {
  return (
    a.enabled === b.enabled &&
    a.isService === b.isService &&
    a.pointsMode === b.pointsMode &&
    (a.pointsMode !== 'fixed' || a.fixedPoints === b.fixedPoints) &&
    (a.pointsMode !== 'rate' || a.multiplierPercent === b.multiplierPercent)
  );
}

export function ProductPage({ params }: { params: Record<string, string> }) {
  const productId = params.productId ?? '';
  const { t, formatNumber } = useI18n();
  const { permissions } = useMe();
  const { data, error, loading, reload } = useApiQuery<ProductLoyaltyView>(`/api/products/${encodeURIComponent(productId)}/loyalty`);
  const [draft, setDraft] = useState<LoyaltyDraft>();
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<ApiError>();

  useEffect(() => {
    if (data) setDraft(draftOf(data.product));
  }, [data]);

  if (loading && !data) return <PageSkeleton primaryAction />;
  if (!data || !draft) {
    return (
      <Page title={t('product.title')} backAction={{ content: t('products.title'), url: '/products' }}>
        {error && <ApiErrorBanner title={t('product.error')} error={error} onRetry={reload} />}
      </Page>
    );
  }

  const errors = validateLoyalty(draft, t, formatNumber);
  const invalid = hasErrors(errors);
  const dirty = invalid || !sameSettings(settingsOf(draft), data.product);
  const readOnly = !permissions.editProducts;

  const save = async () => {
    if (invalid) return;
    setSaving(true);
    setSaveError(undefined);
    try {
      const saved = await apiSend<ProductLoyaltyView>('PUT', `/api/products/${encodeURIComponent(data.productId)}/loyalty`, settingsOf(draft));
      setDraft(draftOf(saved.product));
      showToast(t('product.saved'));
      reload();
    } catch (caught) {
      setSaveError(toApiError(caught));
    } finally {
      setSaving(false);
    }
  };
  const discard = () => setDraft(draftOf(data.product));

  return (
    <Page
      title={data.title}
      titleMetadata={data.isGiftCard ? <Badge tone="info">{t('products.kinds.giftCard')}</Badge> : draft.isService ? <Badge>{t('products.kinds.service')}</Badge> : undefined}
      backAction={{ content: t('products.title'), url: '/products' }}
      primaryAction={readOnly ? undefined : { content: t('common.save'), onAction: () => void save(), disabled: !dirty || invalid, loading: saving }}
      secondaryActions={dirty && !readOnly ? [{ content: t('common.discard'), onAction: discard }] : undefined}
    >
      <SaveBar id={SAVE_BAR_ID} open={dirty && !readOnly}>
        <button variant="primary" onClick={() => void save()} disabled={invalid || saving}>
          {t('common.save')}
        </button>
        <button onClick={discard}>{t('common.discard')}</button>
      </SaveBar>
      <Layout>
        {saveError && (
          <Layout.Section>
            <ApiErrorBanner title={t('product.saveError')} error={saveError} />
          </Layout.Section>
        )}
        {readOnly && (
          <Layout.Section>
            <Banner tone="info">
              <p>{t('products.readOnly')}</p>
            </Banner>
          </Layout.Section>
        )}
        <Layout.Section>
          <Card>
            <BlockStack gap="400">
              <Text as="h2" variant="headingMd">
                {t('product.loyaltyTitle')}
              </Text>
              <LoyaltyFields draft={draft} onChange={setDraft} errors={errors} disabled={readOnly} />
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                {t('product.variants')}
              </Text>
              {data.variants.length === 0 ? (
                <Text as="p" tone="subdued">
                  {t('product.noVariants')}
                </Text>
              ) : (
                <BlockStack gap="200" as="ul">
                  {data.variants.map((variant) => (
                    <li key={variant.variantId} style={{ listStyle: 'none' }}>
                      <BlockStack gap="050">
                        <Text as="span" fontWeight="semibold">
                          {variant.title}
                        </Text>
                        <Text as="span" tone="subdued" variant="bodySm">
                          {variant.settings ? describe(variant.settings, t, formatNumber) : t('product.sameAsProduct')}
                        </Text>
                      </BlockStack>
                    </li>
                  ))}
                </BlockStack>
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function describe(settings: LoyaltySettings, t: ReturnType<typeof useI18n>['t'], format: (value: number) => string): string {
  if (!settings.enabled) return t('product.describe.disabled');
  return settings.pointsMode === 'fixed'
    ? t('product.describe.fixed', { points: format(settings.fixedPoints) })
    : t('product.describe.rate', { percent: format(settings.multiplierPercent) });
}
