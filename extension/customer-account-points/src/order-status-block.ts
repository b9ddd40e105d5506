// Order status page block: the points this order earns and when they are (or were) added.
import { extension, BlockStack, Heading, Text } from '@shopify/ui-extensions/customer-account';
import { APP_URL } from '../../shared/app-url';
import { createExtensionClient } from '../../shared/extension-client';
import { orderPointsLines } from '../../shared/present';
import { createTranslator, resolveLocale } from '../../shared/translate';

export default extension('customer-account.order-status.block.render', (root, api) => {
  const tr = createTranslator(resolveLocale(api.localization.language.current.isoCode));
  const client = createExtensionClient({ appUrl: APP_URL, getToken: () => api.sessionToken.get(), fetch: (url, init) => fetch(url, init) });
  const show = (lines: string[]) =>
    void root.replaceChildren(root.createComponent(BlockStack, { spacing: 'tight' }, [
      root.createComponent(Heading, { level: 3 }, tr.t('pageTitle')),
      ...lines.map((line) => root.createComponent(Text, {}, line)),
    ]));
  const orderId = api.order.current?.id;
  if (!orderId) return;
  show([tr.t('loading')]);
  client.orderPoints(orderId).then((view) => show(orderPointsLines(view, tr)), () => show([tr.t('error')]));
});
