import { anniversaryWindow, birthdayCandidates } from '../../../web/core/campaigns/campaign-calendar';

const at = (iso: string) => new Date(iso);

describe('birthday window', () => {
  it('is only today until 12 hours before the next local midnight, then today and tomorrow', () => {
    expect(birthdayCandidates(at('2026-07-10T09:59:00Z'), 'Europe/Amsterdam')).toEqual([{ year: 2026, month: 7, days: [10] }]);
    // Amsterdam is UTC+2 in July: 11 July starts at 22:00 UTC, its window at 10:00 UTC on the 10th.
    expect(birthdayCandidates(at('2026-07-10T10:00:00Z'), 'Europe/Amsterdam')).toEqual([{ year: 2026, month: 7, days: [10] }, { year: 2026, month: 7, days: [11] }]);
  });

  it('celebrates members born on 29 February on 28 February in a non-leap year, and on the 29th in a leap year', () => {
    expect(birthdayCandidates(at('2027-02-28T12:00:00Z'), 'UTC')).toContainEqual({ year: 2027, month: 2, days: [28, 29] });
    expect(birthdayCandidates(at('2028-02-29T12:00:00Z'), 'UTC')).toEqual([{ year: 2028, month: 2, days: [29] }, { year: 2028, month: 3, days: [1] }]);
  });

  it('counts the new year as the period when the lead hours cross it', () => {
    expect(birthdayCandidates(at('2026-12-31T13:00:00Z'), 'UTC')).toEqual([{ year: 2026, month: 12, days: [31] }, { year: 2027, month: 1, days: [1] }]);
  });
});

describe('anniversary window', () => {
  it('matches the local sign-up day of every earlier year', () => {
    const window = anniversaryWindow(at('2026-05-15T10:00:00Z'), 'Europe/Amsterdam', at('2024-01-01T00:00:00Z'));
    expect(window).toEqual({
      year: 2026,
      ranges: [
        { from: at('2025-05-14T22:00:00Z'), to: at('2025-05-15T22:00:00Z') },
        { from: at('2024-05-14T22:00:00Z'), to: at('2024-05-15T22:00:00Z') },
      ],
    });
  });

  it('matches 29 February sign-ups on 28 February of a non-leap year', () => {
    const window = anniversaryWindow(at('2027-02-28T10:00:00Z'), 'UTC', at('2024-01-01T00:00:00Z'));
    expect(window.ranges.map((range) => range.from.toISOString().slice(0, 10))).toEqual(['2026-02-28', '2025-02-28', '2024-02-28', '2024-02-29']);
  });
});
