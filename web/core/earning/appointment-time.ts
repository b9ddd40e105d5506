import { DateTime, IANAZone, type Zone } from 'luxon';
import type { BookingPropertyConfig } from './booking-property-config';
import { isHiddenProperty, matchPropertyName, type PropertyMatch, type PropertyRole } from './booking-property-names';
import { dateOrderForLocale, type DateOrder } from './date-order';
import { parseAppointmentValue, type ValueReading } from './parse-appointment-value';
import { parseDurationMinutes } from './parse-duration';
import type { CalendarDate } from './parse-date-text';
import type { TimeOfDay } from './parse-time-text';

export interface LineItemProperty {
  name: string;
  value: string;
}

export interface ReadAppointmentOptions {
  /** The shop's IANA time zone; values without an offset are wall-clock times there. */
  timeZone: string;
  /** The shop's primary locale ('en-US', 'nl', …); decides ambiguous numeric dates unless dateOrder is set. */
  locale: string;
  dateOrder?: DateOrder;
  config?: BookingPropertyConfig;
}

export type AppointmentReading =
  | {
      status: 'ok';
      start: Date;
      end: Date | null;
      /** Which properties the reading came from, e.g. "Date + Time; end from Duration". */
      source: string;
      /** True when only a date was given: start is midnight and end the next midnight, shop time. */
      allDay: boolean;
      /** Properties that looked relevant but were ignored, and why. */
      notes: string[];
    }
  | { status: 'missing' }
  | { status: 'unparseable'; reason: string };

interface Candidate extends PropertyMatch {
  name: string;
  value: string;
  hidden: boolean;
  position: number;
}

// Among properties of the same kind: shop-configured names first, then hidden "_" properties
// (booking apps write machine-readable values there, the visible ones are for humans), then the
// built-in name order, then the order on the line.
function byPriority(a: Candidate, b: Candidate): number {
  return (
    Number(b.configured) - Number(a.configured) ||
    Number(b.hidden) - Number(a.hidden) ||
    ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) ||
    a.rank - b.rank ||
    a.position - b.position
  );
}
const ROLE_ORDER: readonly PropertyRole[] = ['start', 'date', 'time', 'end', 'duration'];

function collectCandidates(properties: readonly LineItemProperty[], config: BookingPropertyConfig | undefined): Candidate[] {
  const candidates: Candidate[] = [];
  properties.forEach(({ name, value }, position) => {
    const match = matchPropertyName(name, config);
    if (match && value.trim() !== '') candidates.push({ ...match, name, value, hidden: isHiddenProperty(name), position });
  });
  return candidates.sort(byPriority);
}

const quote = (candidate: Candidate) => `"${candidate.name}" = "${candidate.value}"`;

function toDateTime(date: CalendarDate, time: TimeOfDay | undefined, zone: Zone): DateTime {
  return DateTime.fromObject({ ...date, ...(time ?? { hour: 0, minute: 0, second: 0 }) }, { zone });
}

interface Assembly {
  options: ReadAppointmentOptions;
  dateOrder: DateOrder;
  candidates: Candidate[];
  notes: string[];
}

function readValue(candidate: Candidate, assembly: Assembly) {
  const useFormat = candidate.configured && (candidate.role === 'start' || candidate.role === 'date');
  return parseAppointmentValue(candidate.value, {
    dateOrder: assembly.dateOrder,
    locale: assembly.options.locale,
    ...(useFormat && assembly.options.config?.format ? { format: assembly.options.config.format } : {}),
  });
}

/** Start time from a separate time property ("Date" + "Time"), or from a start property holding only a time. */
function findSeparateTime(assembly: Assembly, exclude: Candidate): { candidate: Candidate; reading: ValueReading } | undefined {
  const timeSources = assembly.candidates.filter((c) => c !== exclude && (c.role === 'time' || c.role === 'start' || c.role === 'date'));
  for (const candidate of timeSources) {
    const result = readValue(candidate, assembly);
    if ('reading' in result && result.reading.start) return { candidate, reading: result.reading };
    if (candidate.role === 'time') assembly.notes.push(`ignored ${quote(candidate)}: not a time of day`);
  }
  return undefined;
}

function endFromEndProperty(assembly: Assembly, start: DateTime, zone: Zone): { end: DateTime; from: string } | undefined {
  for (const candidate of assembly.candidates.filter((c) => c.role === 'end')) {
    const result = readValue(candidate, assembly);
    if ('problem' in result) {
      assembly.notes.push(`ignored ${quote(candidate)}: ${result.problem}`);
      continue;
    }
    const { date, start: time } = result.reading;
    const endZone = result.reading.zone ?? zone;
    let end = date ? toDateTime(date, time, endZone) : toDateTime(calendarDateOf(start), time, zone);
    // A date without a time ends with that day; a time without a date is on the start's day, or
    // the next when it is earlier ("22:00" to "01:00").
    if (date && !time) end = end.plus({ days: 1 });
    if (!date && end <= start) end = end.plus({ days: 1 });
    if (end.isValid && end > start) return { end, from: candidate.name };
    assembly.notes.push(`ignored ${quote(candidate)}: not after the start`);
  }
  return undefined;
}

function endFromDuration(assembly: Assembly, start: DateTime): { end: DateTime; from: string } | undefined {
  for (const candidate of assembly.candidates.filter((c) => c.role === 'duration')) {
    const minutes = parseDurationMinutes(candidate.value);
    if (minutes !== undefined) return { end: start.plus({ minutes }), from: candidate.name };
    assembly.notes.push(`ignored ${quote(candidate)}: not a duration`);
  }
  return undefined;
}

const calendarDateOf = (dt: DateTime): CalendarDate => ({ year: dt.year, month: dt.month, day: dt.day });

/**
 * Reads the appointment a booking app wrote onto a line item's properties. Recognises a single
 * date-time property, separate date and time properties, time ranges, ISO 8601 with or without an
 * offset, explicit end properties and durations; see the README of this folder for the full list.
 *
 * - 'missing': no property looks like an appointment date (an ordinary product).
 * - 'unparseable': something looks like one but could not be read; the reason names it, so the shop
 *   can configure its booking app's names and format.
 */
export function readAppointmentTime(properties: readonly LineItemProperty[], options: ReadAppointmentOptions): AppointmentReading {
  const shopZone = IANAZone.create(options.timeZone);
  if (!shopZone.isValid) return { status: 'unparseable', reason: `"${options.timeZone}" is not a known time zone` };
  const assembly: Assembly = {
    options,
    dateOrder: options.dateOrder ?? dateOrderForLocale(options.locale),
    candidates: collectCandidates(properties, options.config),
    notes: [],
  };

  let chosen: { candidate: Candidate; reading: ValueReading & { date: CalendarDate } } | undefined;
  let firstProblem: string | undefined;
  // Time-named properties are tried last: "Tijd", "Tid" and "Час" often hold the whole date-time.
  for (const candidate of assembly.candidates.filter((c) => c.role === 'start' || c.role === 'date' || c.role === 'time')) {
    const result = readValue(candidate, assembly);
    if ('problem' in result) firstProblem ??= `${quote(candidate)}: ${result.problem}`;
    else if (result.reading.date) {
      chosen = { candidate, reading: { ...result.reading, date: result.reading.date } };
      break;
    }
  }
  if (!chosen) {
    if (firstProblem) return { status: 'unparseable', reason: `Could not read the appointment date from ${firstProblem}.` };
    const orphan = assembly.candidates.find((c) => c.role === 'start' || c.role === 'date' || c.role === 'time' || c.role === 'end');
    if (orphan) return { status: 'unparseable', reason: `Found ${quote(orphan)} but no appointment date.` };
    return { status: 'missing' };
  }

  const { candidate, reading } = chosen;
  const sources = [candidate.name];
  let startTime = reading.start;
  let rangeEnd = reading.end;
  if (!startTime) {
    const separate = findSeparateTime(assembly, candidate);
    if (separate) {
      sources.push(separate.candidate.name);
      startTime = separate.reading.start;
      rangeEnd = separate.reading.end;
    }
  }
  const zone = reading.zone ?? shopZone;
  const start = toDateTime(reading.date, startTime, zone);
  if (!start.isValid) {
    return { status: 'unparseable', reason: `Could not read the appointment date from ${quote(candidate)}: ${start.invalidExplanation ?? 'invalid date'}.` };
  }

  let source = sources.join(' + ');
  let end: DateTime | undefined;
  const fromEndProperty = endFromEndProperty(assembly, start, zone);
  if (fromEndProperty) {
    end = fromEndProperty.end;
    source += `; end from ${fromEndProperty.from}`;
  } else if (rangeEnd) {
    end = toDateTime(reading.endDate ?? reading.date, rangeEnd, zone);
    if (!reading.endDate && end <= start) end = end.plus({ days: 1 });
  } else {
    const fromDuration = endFromDuration(assembly, start);
    if (fromDuration) {
      end = fromDuration.end;
      source += `; end from ${fromDuration.from}`;
    }
  }
  const allDay = startTime === undefined;
  // A day without a time: the visit happened some time that day, so it is over at the next midnight.
  if (allDay && !end) end = start.plus({ days: 1 });
  if (end && !(end.isValid && end > start)) {
    assembly.notes.push(`ignored an end that is not after the start`);
    end = undefined;
  }
  return { status: 'ok', start: start.toJSDate(), end: end ? end.toJSDate() : null, source, allDay, notes: assembly.notes };
}

/** One line for logs and the admin: "ok 2026-11-26T13:00:00.000Z – 2026-11-26T14:00:00.000Z (Date + Time)". */
export function describeAppointmentReading(reading: AppointmentReading, timeZone?: string): string {
  if (reading.status === 'missing') return 'no appointment time on this line';
  if (reading.status === 'unparseable') return `appointment time not readable: ${reading.reason}`;
  const show = (date: Date) => (timeZone ? DateTime.fromJSDate(date, { zone: timeZone }).toISO() : date.toISOString());
  const range = reading.end ? `${show(reading.start)} – ${show(reading.end)}` : show(reading.start);
  return `appointment ${range}${reading.allDay ? ' (all day)' : ''} from ${reading.source}`;
}
