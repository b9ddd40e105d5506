// Admin block on the product details page: the product's loyalty tab (earns points or not, service,
// fixed points or the programme's rate, multiplier), read and saved through our admin API
// (GET/PUT /api/products/:productId/loyalty) with the admin's ID token. Saving needs the manager role.
import '@shopify/ui-extensions/preact';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export default async () => {
  render(<ProductLoyalty />, document.body);
};

interface LoyaltySettings {
  enabled: boolean;
  isService: boolean;
  pointsMode: 'rate' | 'fixed';
  fixedPoints: number;
  multiplierPercent: number;
}

const t = (key: string) => shopify.i18n.translate(key);

async function call(productId: string, method: 'GET' | 'PUT', body?: LoyaltySettings): Promise<LoyaltySettings> {
  const token = await shopify.auth.idToken();
  // Relative to the app's URL: Shopify resolves admin extensions' requests against application_url.
  const response = await fetch(`/api/products/${encodeURIComponent(productId)}/loyalty`, {
    method,
    headers: { Accept: 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const json = (await response.json()) as { product?: LoyaltySettings; error?: { message?: string } };
  if (!response.ok || !json.product) throw new Error(json.error?.message ?? t('error'));
  return json.product;
}

const wholeNumber = (value: string, max = Number.MAX_SAFE_INTEGER) => Math.min(max, Math.max(0, Math.round(Number(value) || 0)));

function ProductLoyalty() {
  const productId = shopify.data.selected[0]?.id;
  const [settings, setSettings] = useState<LoyaltySettings | null>(null);
  const [notice, setNotice] = useState<{ tone: 'success' | 'critical'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const fail = (error: unknown) => setNotice({ tone: 'critical', text: error instanceof Error ? error.message : t('error') });

  useEffect(() => {
    if (productId) call(productId, 'GET').then(setSettings, fail);
  }, [productId]);

  const change = (patch: Partial<LoyaltySettings>) => setSettings((current) => (current ? { ...current, ...patch } : current));
  const save = async () => {
    if (!settings || !productId) return;
    setSaving(true);
    try {
      setSettings(await call(productId, 'PUT', settings));
      setNotice({ tone: 'success', text: t('saved') });
    } catch (error) {
      fail(error);
    }
    setSaving(false);
  };

  return (
    <s-admin-block heading={t('title')}>
      <s-stack gap="base">
        {notice && <s-banner tone={notice.tone}>{notice.text}</s-banner>}
        {!settings ? <s-text>{t('loading')}</s-text> : (
          <>
            <s-checkbox label={t('enabled')} checked={settings.enabled} onChange={(event) => change({ enabled: event.currentTarget.checked })} />
            <s-checkbox label={t('isService')} checked={settings.isService} onChange={(event) => change({ isService: event.currentTarget.checked })} />
            <s-select label={t('pointsMode')} value={settings.pointsMode} onChange={(event) => change({ pointsMode: event.currentTarget.value === 'fixed' ? 'fixed' : 'rate' })}>
              <s-option value="rate">{t('modeRate')}</s-option>
              <s-option value="fixed">{t('modeFixed')}</s-option>
            </s-select>
            {settings.pointsMode === 'fixed'
              ? <s-number-field label={t('fixedPoints')} value={String(settings.fixedPoints)} min={0} step={1} onChange={(event) => change({ fixedPoints: wholeNumber(event.currentTarget.value) })} />
              : <s-number-field label={t('multiplierPercent')} value={String(settings.multiplierPercent)} min={0} max={1000} step={10} onChange={(event) => change({ multiplierPercent: wholeNumber(event.currentTarget.value, 1000) })} />}
            <s-button variant="primary" loading={saving} onClick={() => void save()}>{t('save')}</s-button>
          </>
        )}
      </s-stack>
    </s-admin-block>
  );
}
