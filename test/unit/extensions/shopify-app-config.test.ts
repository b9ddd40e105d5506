// The configuration the Shopify CLI builds the extensions with (scripts/shopify-app.ts).
import { appUrlFromConfig, shopifyCliEnv } from '../../../scripts/shopify-app';

describe('Shopify CLI configuration', () => {
  it('takes the app URL the extensions call from SHOPIFY_APP_URL, else from shopify.app.toml', () => {
    expect(appUrlFromConfig({ SHOPIFY_APP_URL: 'https://loyalty.example.org' })).toBe('https://loyalty.example.org');
    expect(appUrlFromConfig({})).toBe('https://example.com');
  });

  it('runs the CLI without prompts or analytics, with the app URL for the bundles', () => {
    expect(shopifyCliEnv({ PATH: '/bin', SHOPIFY_APP_URL: 'https://a.example' })).toEqual({
      PATH: '/bin', CI: '1', SHOPIFY_CLI_NO_ANALYTICS: '1', SHOPIFY_APP_URL: 'https://a.example',
    });
  });
});
