// The `shopify` global of each of this extension's targets, for the typechecker (the form `shopify app dev` generates).
import '@shopify/ui-extensions';

//@ts-ignore
declare module './src/points-page.tsx' {
  const shopify: import('@shopify/ui-extensions/customer-account.page.render').Api;
  const globalThis: { shopify: typeof shopify };
}

//@ts-ignore
declare module './src/order-status-block.tsx' {
  const shopify: import('@shopify/ui-extensions/customer-account.order-status.block.render').Api;
  const globalThis: { shopify: typeof shopify };
}
