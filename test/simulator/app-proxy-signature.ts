import { createHmac } from 'node:crypto';

// Shopify's app-proxy signature: drop `signature`, render each key as `key=value` (multiple values
// joined with ","), sort, concatenate without separator, hex HMAC-SHA256 with the app secret.

export type AppProxyParams = Record<string, string | string[]>;

export function computeAppProxySignature(params: AppProxyParams, apiSecret: string): string {
  const message = Object.entries(params)
    .filter(([key]) => key !== 'signature')
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join(',') : value}`)
    .sort()
    .join('');
  return createHmac('sha256', apiSecret).update(message).digest('hex');
}

export function signAppProxyQuery(params: AppProxyParams, apiSecret: string): AppProxyParams & { signature: string } {
  const { signature: _ignored, ...rest } = params;
  return { ...rest, signature: computeAppProxySignature(rest, apiSecret) };
}
