/** A wall-clock time without a date or zone. */
export interface TimeOfDay {
  hour: number;
  minute: number;
  second: number;
}

export interface TimeRange {
  start: TimeOfDay;
  end?: TimeOfDay;
}

// One time of day: "14:00", "14:00:00", "14.00", "14h00", "14h", "2 PM", "2:00 p.m.". A bare number
// ("14") is not a time: it could be a room, a duration or part of a date.
const TIME_TOKEN = /(?<![\d:.])(\d{1,2})(?:\s?([:.h])\s?(\d{2})(?::(\d{2}))?|(h)(?!\p{L}))?\s*(?:([ap])\.?\s?m\.?(?!\p{L}))?(?!\d)/giu;

// What may stand between the two times of a range: dashes (hyphen, en dash, em dash), "to" and its
// translations ("tot", "til", "do", "до", "bis").
const RANGE_SEPARATOR = /^\s*(?:-|–|—|~|to|till?|until|tot|do|до|bis|à|a|hasta)\s*$/iu;

interface TimeToken {
  hour: number;
  minute: number;
  second: number;
  meridiem: 'a' | 'p' | undefined;
  index: number;
  length: number;
}

function readTokens(text: string): TimeToken[] {
  const tokens: TimeToken[] = [];
  for (const match of text.matchAll(TIME_TOKEN)) {
    const [whole, hour, , minute, second, bareH, meridiem] = match;
    const hasClockShape = minute !== undefined || bareH !== undefined || meridiem !== undefined;
    if (!hasClockShape) continue;
    tokens.push({
      hour: Number(hour),
      minute: Number(minute ?? 0),
      second: Number(second ?? 0),
      meridiem: meridiem?.toLowerCase() as 'a' | 'p' | undefined,
      index: match.index,
      length: whole.trimEnd().length,
    });
  }
  return tokens;
}

function to24Hour(token: TimeToken, meridiem: 'a' | 'p' | undefined): TimeOfDay | undefined {
  let { hour } = token;
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (meridiem === 'p' ? 12 : 0);
  }
  if (hour > 23 || token.minute > 59 || token.second > 59) return undefined;
  return { hour, minute: token.minute, second: token.second };
}

const minutesOf = (time: TimeOfDay) => time.hour * 60 + time.minute;

/**
 * Reads the first time of day in a text, and the end of a range when one follows ("14:00 - 15:00",
 * "2:00 PM – 3:00 PM", "14.00–15.00"). In "2:00 - 3:00 PM" the start borrows the end's AM/PM, unless
 * that would put the start after the end ("11:00 - 1:00 PM" is 11 AM to 1 PM).
 * Returns undefined when there is no time, 'invalid' for an impossible one ("25:00", "13 PM").
 */
export function parseTimeText(text: string): TimeRange | 'invalid' | undefined {
  const [first, second] = readTokens(text);
  if (!first) return undefined;
  const isRange = second !== undefined && RANGE_SEPARATOR.test(text.slice(first.index + first.length, second.index));
  if (!isRange || !second) {
    const start = to24Hour(first, first.meridiem);
    return start ? { start } : 'invalid';
  }
  const end = to24Hour(second, second.meridiem);
  let start = to24Hour(first, first.meridiem ?? second.meridiem);
  if (start && end && first.meridiem === undefined && second.meridiem !== undefined && minutesOf(start) > minutesOf(end)) {
    start = to24Hour(first, second.meridiem === 'p' ? 'a' : 'p');
  }
  if (!start || !end) return 'invalid';
  return { start, end };
}
