// Order status page block: the points this order earns and when they are (or were) added.
import '@shopify/ui-extensions/preact';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { APP_URL } from '../../shared/app-url';
import { createExtensionClient } from '../../shared/extension-client';
import { orderPointsLines } from '../../shared/present';
import { createTranslator, resolveLocale } from '../../shared/translate';

export default async () => {
  render(<OrderPoints />, document.body);
};

function OrderPoints() {
  const tr = createTranslator(resolveLocale(shopify.localization.language.value.isoCode));
  const [lines, setLines] = useState([tr.t('loading')]);
  const orderId = shopify.order.value?.id;
  useEffect(() => {
    if (!orderId) return;
    const client = createExtensionClient({ appUrl: APP_URL, getToken: () => shopify.sessionToken.get(), fetch: (url, init) => fetch(url, init) });
    client.orderPoints(orderId).then((view) => setLines(orderPointsLines(view, tr)), () => setLines([tr.t('error')]));
  }, [orderId]);
  if (!orderId) return null;
  return (
    <s-stack gap="small-200">
      <s-heading>{tr.t('pageTitle')}</s-heading>
      {lines.map((line) => <s-text>{line}</s-text>)}
    </s-stack>
  );
}
