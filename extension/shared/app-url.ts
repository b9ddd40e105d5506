// Where the UI extensions (checkout, customer account) reach our API. Shopify runs them in a sandbox
// on its own origin, so they call the app by its absolute URL: set this to the app's URL
// (shopify.app.toml `application_url`) before `shopify app deploy`.
export const APP_URL = 'https://example.com';
