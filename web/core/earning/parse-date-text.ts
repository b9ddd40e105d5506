import { DateTime } from 'luxon';
import type { DateOrder } from './date-order';
import { monthFromWord } from './month-names';

/** A calendar day without a time or zone. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export interface DateMatch {
  date: CalendarDate;
  /** Where the date was found, so the caller can look for times in the rest of the text. */
  index: number;
  length: number;
}

type Parts = readonly (string | undefined)[];

interface DatePattern {
  name: string;
  regex: RegExp;
  /** Turns the captured parts into a date, or a reason why they are not one; undefined = not a date, keep looking. */
  read: (parts: Parts, dateOrder: DateOrder) => CalendarDate | string | undefined;
}

const ORDINAL = '(?:st|nd|rd|th|e|er|\\.)?';
const year = (text: string | undefined) => (text && text.length === 2 ? 2000 + Number(text) : Number(text));

// Tried in this order; the first pattern with a hit wins. Year-first goes before numeric so that
// "2026-11-26" is never read as "26-11-26".
const DATE_PATTERNS: readonly DatePattern[] = [
  {
    name: 'year-month-day',
    regex: /(?<!\d)(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d)/gu,
    read: ([, y, , m, d]) => ({ year: Number(y), month: Number(m), day: Number(d) }),
  },
  {
    name: 'day monthname year',
    regex: new RegExp(`(?<![\\p{L}\\d])(\\d{1,2})${ORDINAL}(?:\\s+of)?[\\s\\-/]*(\\p{L}+)\\.?,?[\\s\\-/]*(\\d{4})(?!\\d)`, 'giu'),
    read: ([, d, word, y]) => withMonthWord(word, Number(d), Number(y)),
  },
  {
    name: 'monthname day year',
    regex: new RegExp(`(?<!\\p{L})(\\p{L}+)\\.?,?[\\s\\-/]*(\\d{1,2})${ORDINAL},?[\\s\\-/]+(\\d{4})(?!\\d)`, 'giu'),
    read: ([, word, d, y]) => withMonthWord(word, Number(d), Number(y)),
  },
  {
    name: 'numeric day/month/year',
    regex: /(?<![\d.:/-])(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?![\d:])/gu,
    read: ([, a, , b, y], dateOrder) => resolveNumeric(Number(a), Number(b), year(y), dateOrder),
  },
];

function withMonthWord(word: string | undefined, day: number, yearValue: number): CalendarDate | undefined {
  const month = word === undefined ? undefined : monthFromWord(word);
  return month === undefined ? undefined : { year: yearValue, month, day };
}

/**
 * 26/11/2026 can only be day-first and 11/26/2026 only month-first, whatever the shop's setting;
 * only when both parts are 12 or less does the configured or locale date order decide.
 */
function resolveNumeric(a: number, b: number, yearValue: number, dateOrder: DateOrder): CalendarDate | string {
  if (a > 12 && b > 12) return 'neither part can be the month';
  const dayFirst = a > 12 ? true : b > 12 ? false : dateOrder === 'DMY';
  return dayFirst ? { year: yearValue, month: b, day: a } : { year: yearValue, month: a, day: b };
}

function isRealDate(date: CalendarDate): boolean {
  return DateTime.fromObject(date, { zone: 'UTC' }).isValid;
}

/**
 * Finds the first date in a text: ISO-like "2026-11-26", "26/11/2026", "11/26/2026", "26.11.2026",
 * "26-11-2026", "Nov 26, 2026", "26 november 2026", "26. nov. 2026", "26 listopada 2026".
 * Returns undefined when there is none and a reason string when a date-shaped value is impossible
 * ("31/02/2026"). Dates without a year are not accepted: guessing the year would misplace bookings
 * made around New Year.
 */
export function findDate(text: string, dateOrder: DateOrder): DateMatch | string | undefined {
  for (const pattern of DATE_PATTERNS) {
    pattern.regex.lastIndex = 0;
    for (const match of text.matchAll(pattern.regex)) {
      const date = pattern.read(match, dateOrder);
      if (date === undefined) continue;
      if (typeof date === 'string') return `"${match[0]}": ${date}`;
      if (!isRealDate(date)) return `"${match[0]}" is not a real date`;
      return { date, index: match.index, length: match[0].length };
    }
  }
  return undefined;
}
