import { addMonthsInZone } from '../../../web/core/campaigns/campaign-calendar';
import { expiryDateText, latestActivityExpiredBy } from '../../../web/core/expiry/last-activity';
import { shopClock } from '../../../web/core/reports/shop-clock';

const at = (iso: string) => new Date(iso);

describe('points expiry dates', () => {
  it('writes the shop-local day N months after the last activity, clamped to the month end', () => {
    const amsterdam = shopClock('Europe/Amsterdam');
    expect(expiryDateText(at('2026-01-15T10:00:00Z'), 3, amsterdam)).toBe('2026-04-15');
    // 31 January 23:30 UTC is already 1 February in Amsterdam.
    expect(expiryDateText(at('2026-01-31T23:30:00Z'), 1, amsterdam)).toBe('2026-03-01');
    expect(expiryDateText(at('2026-01-31T10:00:00Z'), 1, amsterdam)).toBe('2026-02-28');
    expect(expiryDateText(at('2027-12-31T10:00:00Z'), 2, amsterdam)).toBe('2028-02-29');
    expect(expiryDateText(at('2026-06-30T10:00:00Z'), 24, shopClock('America/New_York'))).toBe('2028-06-30');
  });

  it('agrees with luxon on the day of every expiry it writes', () => {
    for (const iso of ['2026-01-31T10:00:00Z', '2026-03-29T00:30:00Z', '2026-10-25T01:30:00Z', '2026-08-31T22:00:00Z']) {
      for (const months of [1, 6, 12]) {
        const expected = addMonthsInZone(at(iso), months, 'Europe/Amsterdam');
        const local = shopClock('Europe/Amsterdam')(expected.getTime()).slice(0, 10);
        expect([iso, months, expiryDateText(at(iso), months, shopClock('Europe/Amsterdam'))]).toEqual([iso, months, local]);
      }
    }
  });

  it('finds the latest last activity that has expired by a moment, exactly', () => {
    const now = at('2026-04-15T09:00:00Z');
    const threshold = latestActivityExpiredBy(now, 3, 'Europe/Amsterdam');
    expect(addMonthsInZone(threshold, 3, 'Europe/Amsterdam') <= now).toBe(true);
    expect(addMonthsInZone(new Date(threshold.getTime() + 1), 3, 'Europe/Amsterdam') > now).toBe(true);
    expect(threshold.toISOString()).toBe('2026-01-15T10:00:00.000Z');
  });
});
