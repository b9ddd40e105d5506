import { parseGid } from '../../simulator/gid';

describe('simulator parseGid', () => {
  it('reads the simulator’s own ids', () => {
    expect(parseGid('gid://shopify/Customer/1042', 'Customer')).toEqual({ type: 'Customer', id: 1042 });
  });

  it('treats a 64-bit id beyond 2^53 as unknown instead of rounding it onto another object', () => {
    expect(Number('9007199254740993')).toBe(9007199254740992);
    expect(parseGid('gid://shopify/Customer/9007199254740993', 'Customer')).toBeNull();
    expect(parseGid('gid://shopify/Product/9223372036854775807')).toBeNull();
  });
});
