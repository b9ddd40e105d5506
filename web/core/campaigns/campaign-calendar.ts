// Calendar arithmetic for the date-based campaigns, in the SHOP's time zone (luxon knows its DST rules):
// which birthdays are "on" at an instant, and which sign-up days have their anniversary today.
import { DateTime, IANAZone } from 'luxon';

/** A birthday counts from this many hours before the day starts (seed 000: the message arrives the evening before). */
export const BIRTHDAY_LEAD_HOURS = 12;

export interface BirthdayCandidate {
  /** the birthday's year: the period in which a member is reached at most once */
  year: number;
  month: number;
  /** day(s) of the month to match; Feb 28 in a non-leap year also matches members born on Feb 29 */
  days: number[];
}

function zoneOf(timezone: string): string {
  return IANAZone.isValidZone(timezone) ? timezone : 'UTC';
}

function daysMatching(date: DateTime): number[] {
  return date.month === 2 && date.day === 28 && !date.isInLeapYear ? [28, 29] : [date.day];
}

/**
 * The birthdays whose window contains `now`: a birthday on day D is on from D's local midnight minus
 * BIRTHDAY_LEAD_HOURS until the next local midnight. At most two days qualify (today, and tomorrow
 * during this evening's lead hours). Midnight comes from the zone, so a 23- or 25-hour DST day is right.
 */
export function birthdayCandidates(now: Date, timezone: string): BirthdayCandidate[] {
  const local = DateTime.fromJSDate(now, { zone: zoneOf(timezone) });
  const today = local.startOf('day');
  const tomorrow = today.plus({ days: 1 }).startOf('day');
  const candidates = [today];
  if (local >= tomorrow.minus({ hours: BIRTHDAY_LEAD_HOURS })) candidates.push(tomorrow);
  return candidates.map((day) => ({ year: day.year, month: day.month, days: daysMatching(day) }));
}

export interface AnniversaryWindow {
  /** this year's anniversary: a member is reached once per year */
  year: number;
  /** sign-up instants [from, to) whose local date has its anniversary today */
  ranges: Array<{ from: Date; to: Date }>;
}

/** Sign-ups from `earliestSignup` up to a year ago whose anniversary (in the shop's zone) is today. */
export function anniversaryWindow(now: Date, timezone: string, earliestSignup: Date): AnniversaryWindow {
  const zone = zoneOf(timezone);
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const firstYear = DateTime.fromJSDate(earliestSignup, { zone }).year;
  const ranges: Array<{ from: Date; to: Date }> = [];
  for (let year = today.year - 1; year >= firstYear; year -= 1) {
    for (const day of daysMatching(today)) {
      const signupDay = DateTime.fromObject({ year, month: today.month, day }, { zone });
      // Feb 29 only exists in leap years; luxon answers an invalid date for the others.
      if (!signupDay.isValid || signupDay.day !== day) continue;
      ranges.push({ from: signupDay.toJSDate(), to: signupDay.plus({ days: 1 }).startOf('day').toJSDate() });
    }
  }
  return { year: today.year, ranges };
}

/** `months` calendar months after `instant`, counted in the shop's zone (Jan 31 + 1 month = Feb 28/29). */
export function addMonthsInZone(instant: Date, months: number, timezone: string): Date {
  return DateTime.fromJSDate(instant, { zone: zoneOf(timezone) }).plus({ months }).toJSDate();
}

/** The shop-local calendar date of an instant, as "2027-03-01". */
export function localDateText(instant: Date, timezone: string): string {
  return DateTime.fromJSDate(instant, { zone: zoneOf(timezone) }).toISODate() ?? instant.toISOString().slice(0, 10);
}
