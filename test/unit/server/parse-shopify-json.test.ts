import { parseShopifyJson } from '../../../web/server/webhooks/parse-shopify-json';

describe('parseShopifyJson', () => {
  it('keeps every digit of integers beyond 2^53, which JSON.parse rounds to another id', () => {
    const text = '{"id":9223372036854775807,"line_items":[{"product_id":788032119674292922,"variant_id":9007199254740993}]}';
    expect((JSON.parse(text) as { id: number }).id).toBe(9223372036854775807); // really 9223372036854775808
    expect(String((JSON.parse(text) as { id: number }).id)).not.toBe('9223372036854775807');
    expect(parseShopifyJson(text)).toEqual({ id: '9223372036854775807', line_items: [{ product_id: '788032119674292922', variant_id: '9007199254740993' }] });
  });

  it('leaves short integers, fractions, exponents, negatives and digits inside strings as JSON.parse reads them', () => {
    const text = '{"quantity":2,"n":-12,"price":"12345678901234567890.00","f":1.2345678901234567,"e":12345678901234567e2,"s":"a \\"9223372036854775807\\" b","neg":-9223372036854775808,"z":0,"a":[123456789012345,1234567890123456]}';
    expect(parseShopifyJson(text)).toEqual({
      quantity: 2,
      n: -12,
      price: '12345678901234567890.00',
      f: 1.2345678901234567,
      e: 12345678901234567e2,
      s: 'a "9223372036854775807" b',
      neg: '-9223372036854775808',
      z: 0,
      a: [123456789012345, '1234567890123456'],
    });
  });

  it('rejects what JSON.parse rejects', () => {
    for (const bad of ['{"id":', '{"id":0123}', '{"s":"unterminated}', 'not json', '']) {
      expect(() => parseShopifyJson(bad)).toThrow(SyntaxError);
    }
  });
});
