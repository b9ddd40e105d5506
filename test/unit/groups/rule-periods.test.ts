// Calendar arithmetic of group rules and tiers, in the shop's time zone.
import { anniversarySpans, birthdayMonthDays, tierPeriodBounds } from '../../../web/core/groups/rule-periods';

describe('rule periods', () => {
  it('birthday window: the local dates any moment of the next N hours falls on', () => {
    // 30 June 10:30 UTC is 12:30 in Amsterdam: the next 12 h reach 1 July 00:30 local.
    expect(birthdayMonthDays(new Date('2026-06-30T10:30:00Z'), 'Europe/Amsterdam', 12)).toEqual([630, 701]);
    // The same instant in UTC stays on 30 June.
    expect(birthdayMonthDays(new Date('2026-06-30T10:30:00Z'), 'UTC', 12)).toEqual([630]);
  });

  it('celebrates 29 February on 28 February in other years', () => {
    expect(birthdayMonthDays(new Date('2027-02-28T08:00:00Z'), 'UTC', 1)).toEqual([228, 229]);
    expect(birthdayMonthDays(new Date('2028-02-28T08:00:00Z'), 'UTC', 1)).toEqual([228]);
  });

  it('anniversary spans: one per full year back to the earliest signup, in local days', () => {
    const spans = anniversarySpans(new Date('2026-06-15T10:00:00Z'), 'America/New_York', 1, new Date('2024-01-01T00:00:00Z'));
    expect(spans.map((s) => [s.from!.toISOString(), s.to!.toISOString()])).toEqual([
      ['2025-06-15T04:00:00.000Z', '2025-06-16T04:00:00.000Z'],
      ['2024-06-15T04:00:00.000Z', '2024-06-16T04:00:00.000Z'],
    ]);
    expect(anniversarySpans(new Date('2026-06-15T10:00:00Z'), 'UTC', 1, null)).toEqual([]);
  });

  it('calendar-year tiers: reached this year -> kept to the end of next year, in the shop time zone', () => {
    const bounds = tierPeriodBounds('calendar_year', new Date('2026-06-15T10:00:00Z'), 'Europe/Amsterdam');
    expect(bounds.current.from!.toISOString()).toBe('2025-12-31T23:00:00.000Z');
    expect(bounds.previous!.from!.toISOString()).toBe('2024-12-31T23:00:00.000Z');
    expect(bounds.keepIfQualifiedNow.toISOString()).toBe('2027-12-31T23:00:00.000Z');
    expect(bounds.keepIfQualifiedBefore!.toISOString()).toBe('2026-12-31T23:00:00.000Z');
  });

  it('rolling 12 months: kept for 12 months after the day the member qualified; no fixed period end', () => {
    const bounds = tierPeriodBounds('rolling_12_months', new Date('2026-06-15T10:00:00Z'), 'UTC');
    expect(bounds.current.from!.toISOString()).toBe('2025-06-15T10:00:00.000Z');
    expect(bounds.previous).toBeNull();
    expect(bounds.currentEnds).toBeNull();
    expect(bounds.keepIfQualifiedNow.toISOString()).toBe('2027-06-16T00:00:00.000Z');
  });
});
