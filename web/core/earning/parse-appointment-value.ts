import { DateTime, FixedOffsetZone, IANAZone, type Zone } from 'luxon';
import type { DateOrder } from './date-order';
import { findDate, type CalendarDate } from './parse-date-text';
import { parseTimeText, type TimeOfDay } from './parse-time-text';

/** What one property value says: any of a date, a start time, an end time, an end date and a zone. */
export interface ValueReading {
  date?: CalendarDate;
  start?: TimeOfDay;
  end?: TimeOfDay;
  endDate?: CalendarDate;
  /** Only when the value itself carries an offset or zone; otherwise the shop's zone applies. */
  zone?: Zone;
}

export interface ValueContext {
  dateOrder: DateOrder;
  locale: string;
  /** The shop's own luxon format, tried before the built-in shapes when given. */
  format?: string;
}

export type ValueResult = { reading: ValueReading } | { problem: string };

// ISO 8601 date-time with a "T": "2026-11-26T14:00", "2026-11-26T14:00:00.000+01:00", "...Z".
// A space-separated "2026-11-26 14:00-15:00" deliberately does not match: there "-15:00" is the end
// of a range, not an offset, and the general reader below handles it.
const ISO_DATE_TIME = /(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(Z|[+-]\d{2}(?::?\d{2})?)?(?!\d)/giu;
const GMT_OFFSET = /\b(?:GMT|UTC)(?:\s*([+\-−])\s*(\d{1,2})(?::?(\d{2}))?)?(?![\d\p{L}])/iu;
const IANA_NAME = /\b[A-Z][A-Za-z]+\/[A-Za-z_]+(?:\/[A-Za-z_]+)?\b/u;

function offsetZone(sign: string, hours: string, minutes = '0'): Zone {
  const total = Number(hours) * 60 + Number(minutes);
  return FixedOffsetZone.instance(sign === '+' ? total : -total);
}

function isoZone(designator: string | undefined): Zone | undefined {
  if (designator === undefined) return undefined;
  if (designator.toUpperCase() === 'Z') return FixedOffsetZone.utcInstance;
  const digits = designator.slice(1).replace(':', '');
  return offsetZone(designator[0] ?? '+', digits.slice(0, 2), digits.slice(2) || '0');
}

function readIso(value: string): ValueReading | undefined {
  const [first, second] = [...value.matchAll(ISO_DATE_TIME)];
  if (!first) return undefined;
  const toParts = (m: RegExpMatchArray) => ({
    date: { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) },
    time: { hour: Number(m[4]), minute: Number(m[5]), second: Number(m[6] ?? 0) },
  });
  const start = toParts(first);
  const reading: ValueReading = { date: start.date, start: start.time, zone: isoZone(first[7]) };
  if (second) {
    // An ISO interval ("start/end") or two ISO values: the end may carry its own offset, so
    // express it in the start's zone (or the shop's, applied later, when neither has one).
    const end = toParts(second);
    const endZone = isoZone(second[7]);
    if (endZone && reading.zone) {
      const local = DateTime.fromObject({ ...end.date, ...end.time }, { zone: endZone }).setZone(reading.zone);
      return { ...reading, endDate: { year: local.year, month: local.month, day: local.day }, end: { hour: local.hour, minute: local.minute, second: local.second } };
    }
    return { ...reading, endDate: end.date, end: end.time };
  }
  const rest = parseTimeText(value.slice((first.index ?? 0) + first[0].length));
  if (rest && rest !== 'invalid') reading.end = rest.start;
  return reading;
}

function readWithFormat(value: string, context: ValueContext & { format: string }): ValueReading | undefined {
  const parsed = DateTime.fromFormat(value.trim(), context.format, { setZone: true, locale: context.locale });
  if (!parsed.isValid) return undefined;
  const formatWithoutLiterals = context.format.replace(/'[^']*'/g, '');
  const hasTime = /[Hhmsa]/.test(formatWithoutLiterals);
  const hasZone = /[Zz]/.test(formatWithoutLiterals);
  return {
    date: { year: parsed.year, month: parsed.month, day: parsed.day },
    ...(hasTime ? { start: { hour: parsed.hour, minute: parsed.minute, second: parsed.second } } : {}),
    ...(hasZone ? { zone: parsed.zone } : {}),
  };
}

/** Pulls an explicit zone ("GMT+1", "UTC", "Europe/Amsterdam") out of the text so it is not read as a time. */
function extractZone(text: string): { zone?: Zone; rest: string } {
  const gmt = GMT_OFFSET.exec(text);
  if (gmt) {
    const [whole, sign, hours, minutes] = gmt;
    const zone = hours === undefined ? FixedOffsetZone.utcInstance : offsetZone(sign === '+' ? '+' : '-', hours, minutes);
    return { zone, rest: text.replace(whole, ' ') };
  }
  const iana = IANA_NAME.exec(text);
  if (iana && IANAZone.isValidZone(iana[0])) {
    return { zone: IANAZone.create(iana[0]), rest: text.replace(iana[0], ' ') };
  }
  return { rest: text };
}

/** Blanks out a matched date so its digits are not read again as a time. */
const blank = (text: string, index: number, length: number) => text.slice(0, index) + ' '.repeat(length) + text.slice(index + length);

function readGeneral(value: string, context: ValueContext): ValueResult {
  const { zone, rest } = extractZone(value);
  let text = rest;
  const first = findDate(text, context.dateOrder);
  if (typeof first === 'string') return { problem: first };
  const reading: ValueReading = zone ? { zone } : {};
  if (first) {
    reading.date = first.date;
    text = blank(text, first.index, first.length);
    // "Nov 26, 2026 11:00 PM - Nov 27, 2026 1:00 AM": a second date is the end date.
    const second = findDate(text, context.dateOrder);
    if (second && typeof second !== 'string') {
      reading.endDate = second.date;
      text = blank(text, second.index, second.length);
    }
  }
  const times = parseTimeText(text);
  if (times === 'invalid') return { problem: 'the time is not a valid time of day' };
  if (times) {
    reading.start = times.start;
    if (times.end) reading.end = times.end;
  }
  if (!reading.date && !reading.start) return { problem: 'no date or time found' };
  return { reading };
}

/**
 * Reads one property value into its date, times and zone. The shop's own format goes first, then
 * ISO 8601, then the general reader (dates in any supported shape, then times and time ranges in
 * what is left of the text).
 */
export function parseAppointmentValue(value: string, context: ValueContext): ValueResult {
  if (context.format) {
    const custom = readWithFormat(value, { ...context, format: context.format });
    if (custom) return { reading: custom };
  }
  const iso = readIso(value);
  if (iso) return { reading: iso };
  return readGeneral(value, context);
}
