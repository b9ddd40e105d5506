// Where the checkout and customer-account extensions reach our API. Shopify runs them in a sandbox
// on its own origin, so they call the app by its absolute URL. It comes from configuration at build
// time: the Shopify CLI replaces `process.env.SHOPIFY_APP_URL` when it bundles an extension, and
// `npm run shopify:build` / `npm run shopify:deploy` (scripts/shopify-app.ts) set it from
// SHOPIFY_APP_URL or shopify.app.toml's application_url. Nothing to edit by hand before a deploy.
declare const process: { env: Record<string, string | undefined> };

function configuredAppUrl(): string {
  try {
    return process.env.SHOPIFY_APP_URL ?? '';
  } catch {
    // Bundled without the variable: there is no `process` in Shopify's sandbox.
    return '';
  }
}

export const APP_URL = configuredAppUrl();
