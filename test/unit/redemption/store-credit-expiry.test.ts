import { sameInstant, storeCreditExpiresAt } from '../../../web/core/redemption/store-credit-expiry';

describe('storeCreditExpiresAt', () => {
  const createdAt = new Date('2026-11-30T10:00:00.000Z');

  it("expires on the reward's expiry day, at a second derived from the redemption", () => {
    const expiresAt = storeCreditExpiresAt({ id: 'redemption-1', expiresOn: '2027-01-31', createdAt });
    expect(expiresAt).toMatch(/^2027-01-31T\d{2}:\d{2}:\d{2}Z$/);
    expect(storeCreditExpiresAt({ id: 'redemption-1', expiresOn: '2027-01-31', createdAt: new Date() })).toBe(expiresAt);
  });

  it('puts a reward without an expiry 100 years out', () => {
    expect(storeCreditExpiresAt({ id: 'redemption-1', expiresOn: null, createdAt })).toMatch(/^2126-11-30T/);
  });

  it('gives different redemptions different seconds (1,000 ids, at most a few collisions in 86,400 slots)', () => {
    const seconds = new Set(Array.from({ length: 1000 }, (_, i) => storeCreditExpiresAt({ id: `r-${i}`, expiresOn: '2027-01-31', createdAt })));
    expect(seconds.size).toBeGreaterThan(990);
  });

  it('compares instants whatever the notation Shopify answers in', () => {
    expect(sameInstant('2027-01-31T05:06:07+00:00', '2027-01-31T05:06:07Z')).toBe(true);
    expect(sameInstant(null, '2027-01-31T05:06:07Z')).toBe(false);
    expect(sameInstant('2027-01-31T05:06:08Z', '2027-01-31T05:06:07Z')).toBe(false);
  });
});
