// Calendar arithmetic for group rules and tiers, done here in TypeScript with luxon in the shop's time
// zone (DST-correct), so that SQL only ever compares instants and month-day numbers — the same
// statement then works on SQLite (no time zones) and PostgreSQL.
import { DateTime } from 'luxon';
import type { RuleWindow } from './group-rules';
import type { TierPeriod } from './group-types';

/** A half-open span of instants; a null end is open. */
export interface Span {
  from: Date | null;
  to: Date | null;
}

function inZone(now: Date, zone: string): DateTime {
  const local = DateTime.fromJSDate(now, { zone });
  // An unknown zone name would make every boundary invalid: fall back to UTC rather than fail the run.
  return local.isValid ? local : DateTime.fromJSDate(now, { zone: 'UTC' });
}

/** The span a rule's spend, visits or points are counted over, ending now. */
export function ruleWindowSpan(window: RuleWindow, now: Date, zone: string): Span {
  if (window.type === 'lifetime') return { from: null, to: null };
  const local = inZone(now, zone);
  if (window.type === 'rolling_days') return { from: local.minus({ days: window.days }).toJSDate(), to: null };
  return { from: local.startOf('year').toJSDate(), to: null };
}

/** "Now minus N days" in the shop's calendar (a day across a DST change is 23 or 25 hours). */
export function daysAgo(now: Date, zone: string, days: number): Date {
  return inZone(now, zone).minus({ days }).toJSDate();
}

/** The local dates (shop time zone) that any moment of [now, now + hours] falls on. */
function localDatesTouched(now: Date, zone: string, hours: number): DateTime[] {
  const start = inZone(now, zone).startOf('day');
  const end = inZone(new Date(now.getTime() + hours * 3_600_000), zone).startOf('day');
  const dates: DateTime[] = [];
  for (let day = start; day <= end; day = day.plus({ days: 1 })) dates.push(day);
  return dates;
}

/**
 * Birthdays "within the next N hours": month * 100 + day of every local date that any moment of the
 * next N hours falls on — so the member is in from N hours before the birthday starts until it ends.
 * A 29 February birthday is celebrated on 28 February in other years.
 */
export function birthdayMonthDays(now: Date, zone: string, withinHours: number): number[] {
  const keys = new Set<number>();
  for (const date of localDatesTouched(now, zone, withinHours)) {
    keys.add(date.month * 100 + date.day);
    if (date.month === 2 && date.day === 28 && !date.isInLeapYear) keys.add(229);
  }
  return [...keys].sort((a, b) => a - b);
}

/**
 * Signup anniversaries "within the next N hours": for each full year back to the earliest signup, the
 * span of signup instants whose local date, that many years later, falls in the next N hours.
 */
export function anniversarySpans(now: Date, zone: string, withinHours: number, earliestSignup: Date | null): Span[] {
  if (!earliestSignup) return [];
  const dates = localDatesTouched(now, zone, withinHours);
  const first = dates[0]!;
  const afterLast = dates[dates.length - 1]!.plus({ days: 1 });
  const spans: Span[] = [];
  for (let years = 1; ; years += 1) {
    const to = afterLast.minus({ years });
    if (to.toJSDate() <= earliestSignup) break;
    spans.push({ from: first.minus({ years }).toJSDate(), to: to.toJSDate() });
    if (years > 200) break;
  }
  return spans;
}

/**
 * A tier period as the ladder needs it:
 * - current: the span the metric is measured over now;
 * - previous: the period before (calendar years only), whose result is kept through the current one;
 * - keepIfQualifiedNow: how long a tier reached in the current period is kept (the end of the NEXT period);
 * - keepIfQualifiedBefore: how long a tier reached in the previous period is kept (the end of this one);
 * - currentEnds: the earliest moment a member no longer qualified may move down (null: whenever the
 *   retention already given runs out — rolling periods have no fixed end).
 */
export interface TierPeriodBounds {
  current: Span;
  previous: Span | null;
  keepIfQualifiedNow: Date;
  keepIfQualifiedBefore: Date | null;
  currentEnds: Date | null;
}

export function tierPeriodBounds(period: TierPeriod, now: Date, zone: string): TierPeriodBounds {
  const local = inZone(now, zone);
  if (period === 'calendar_year') {
    const year = local.startOf('year');
    const next = year.plus({ years: 1 });
    return {
      current: { from: year.toJSDate(), to: next.toJSDate() },
      previous: { from: year.minus({ years: 1 }).toJSDate(), to: year.toJSDate() },
      keepIfQualifiedNow: year.plus({ years: 2 }).toJSDate(),
      keepIfQualifiedBefore: next.toJSDate(),
      currentEnds: next.toJSDate(),
    };
  }
  // Rolling 12 months: qualifying today keeps the tier for the next 12 months (to the end of a local
  // day, so repeated evaluations on one day agree).
  return {
    current: { from: local.minus({ months: 12 }).toJSDate(), to: null },
    previous: null,
    keepIfQualifiedNow: local.startOf('day').plus({ days: 1 }).plus({ months: 12 }).toJSDate(),
    keepIfQualifiedBefore: null,
    currentEnds: null,
  };
}
