// Admin block on the product details page: the product's loyalty tab (earns points or not, service,
// fixed points or the programme's rate, multiplier), read and saved through our admin API
// (GET/PUT /api/products/:productId/loyalty) with the admin's ID token. Saving needs the manager role.
import { extension, AdminBlock, Banner, BlockStack, Button, Checkbox, Form, NumberField, Select, Text } from '@shopify/ui-extensions/admin';

interface LoyaltySettings {
  enabled: boolean;
  isService: boolean;
  pointsMode: 'rate' | 'fixed';
  fixedPoints: number;
  multiplierPercent: number;
}

export default extension('admin.product-details.block.render', (root, api) => {
  const t = (key: string) => api.i18n.translate(key);
  const productId = api.data.selected[0]?.id;
  let settings: LoyaltySettings | null = null;
  let saved: LoyaltySettings | null = null;
  let notice: { tone: 'success' | 'critical'; text: string } | null = null;
  let saving = false;

  const call = async (method: 'GET' | 'PUT', body?: LoyaltySettings) => {
    const token = await api.auth.idToken();
    const response = await fetch(`/api/products/${encodeURIComponent(productId ?? '')}/loyalty`, {
      method,
      headers: { Accept: 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const json = (await response.json()) as { product?: LoyaltySettings; error?: { message?: string } };
    if (!response.ok || !json.product) throw new Error(json.error?.message ?? t('error'));
    return json.product;
  };

  const change = (patch: Partial<LoyaltySettings>) => {
    if (!settings) return;
    settings = { ...settings, ...patch };
    render();
  };

  const render = () => {
    const children = [];
    if (notice) children.push(root.createComponent(Banner, { tone: notice.tone }, notice.text));
    if (!settings) {
      children.push(root.createComponent(Text, {}, t('loading')));
    } else {
      const s = settings;
      children.push(
        root.createComponent(Checkbox, { label: t('enabled'), checked: s.enabled, onChange: (value: boolean) => change({ enabled: value }) }),
        root.createComponent(Checkbox, { label: t('isService'), checked: s.isService, onChange: (value: boolean) => change({ isService: value }) }),
        root.createComponent(Select, {
          label: t('pointsMode'),
          value: s.pointsMode,
          options: [{ value: 'rate', label: t('modeRate') }, { value: 'fixed', label: t('modeFixed') }],
          onChange: (value: string) => change({ pointsMode: value === 'fixed' ? 'fixed' : 'rate' }),
        }),
        s.pointsMode === 'fixed'
          ? root.createComponent(NumberField, { label: t('fixedPoints'), value: s.fixedPoints, min: 0, step: 1, inputMode: 'numeric', onChange: (value: number) => change({ fixedPoints: Math.max(0, Math.round(value || 0)) }) })
          : root.createComponent(NumberField, { label: t('multiplierPercent'), value: s.multiplierPercent, min: 0, max: 1000, step: 10, inputMode: 'numeric', onChange: (value: number) => change({ multiplierPercent: Math.max(0, Math.round(value || 0)) }) }),
        root.createComponent(Button, { variant: 'primary', disabled: saving, onPress: () => void save() }, saving ? t('saving') : t('save')),
      );
    }
    void root.replaceChildren(root.createComponent(AdminBlock, { title: t('title') }, [
      root.createComponent(Form, { onSubmit: () => save(), onReset: () => { settings = saved; render(); } }, [root.createComponent(BlockStack, { gap: true }, children)]),
    ]));
  };

  const save = async () => {
    if (!settings) return;
    saving = true;
    render();
    try {
      settings = saved = await call('PUT', settings);
      notice = { tone: 'success', text: t('saved') };
    } catch (error) {
      notice = { tone: 'critical', text: error instanceof Error ? error.message : t('error') };
    }
    saving = false;
    render();
  };

  render();
  if (productId) {
    call('GET').then((product) => {
      settings = saved = product;
      render();
    }, (error: unknown) => {
      notice = { tone: 'critical', text: error instanceof Error ? error.message : t('error') };
      render();
    });
  }
});
