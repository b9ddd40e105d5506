import type { Request } from 'express';
import { appProxySignature, rawQueryParams } from '../../../web/server/http/verify-app-proxy';
import { computeAppProxySignature } from '../../simulator';

const SECRET = 'proxy-secret-0123456789';
const asRequest = (originalUrl: string) => ({ originalUrl }) as Request;

describe('app proxy signature', () => {
  it("matches Shopify's algorithm, repeated keys joined with a comma in the order sent", () => {
    const params = { shop: 'a.myshopify.com', logged_in_customer_id: '42', path_prefix: '/apps/loyalty', timestamp: '1764000000', ids: ['1', '2'] };
    const signature = computeAppProxySignature(params, SECRET);
    const url = `/proxy/balance?shop=a.myshopify.com&logged_in_customer_id=42&path_prefix=%2Fapps%2Floyalty&timestamp=1764000000&ids=1&ids=2&signature=${signature}`;
    expect(appProxySignature(rawQueryParams(asRequest(url)), SECRET)).toBe(signature);
  });

  it('changes when the customer id is swapped, so a customer cannot claim another id', () => {
    const base = '/proxy/balance?shop=a.myshopify.com&timestamp=1764000000&logged_in_customer_id=';
    expect(appProxySignature(rawQueryParams(asRequest(`${base}42`)), SECRET)).not.toBe(appProxySignature(rawQueryParams(asRequest(`${base}43`)), SECRET));
  });
});
