import { DateTime } from 'luxon';
import {
  describeAppointmentReading,
  readAppointmentTime,
  type AppointmentReading,
  type ReadAppointmentOptions,
} from '../../../web/core/earning/appointment-time';

const AMSTERDAM: ReadAppointmentOptions = { timeZone: 'Europe/Amsterdam', locale: 'nl' };
const NEW_YORK: ReadAppointmentOptions = { timeZone: 'America/New_York', locale: 'en-US' };

function read(properties: Record<string, string> | Array<[string, string]>, options: ReadAppointmentOptions = AMSTERDAM): AppointmentReading {
  const list = Array.isArray(properties) ? properties : Object.entries(properties);
  return readAppointmentTime(
    list.map(([name, value]) => ({ name, value })),
    options,
  );
}

/** Start and end as ISO strings in the given zone, for readable expectations. */
function local(reading: AppointmentReading, zone = 'Europe/Amsterdam'): { start: string; end: string | null } {
  if (reading.status !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(reading)}`);
  const iso = (d: Date) => DateTime.fromJSDate(d, { zone }).toFormat("yyyy-MM-dd'T'HH:mmZZ");
  return { start: iso(reading.start), end: reading.end ? iso(reading.end) : null };
}

const NOV_26_14_TO_15 = { start: '2026-11-26T14:00+01:00', end: '2026-11-26T15:00+01:00' };

describe('readAppointmentTime: single date-time properties', () => {
  test.each([
    ['Booking date', '2026-11-26 14:00'],
    ['Appointment', '2026-11-26 14:00'],
    ['Date & time', '26-11-2026 14:00'],
    ['Booking', '26/11/2026 14:00'],
    ['When', '26.11.2026 14:00'],
    ['Start', '2026-11-26T14:00'],
    ['Start time', 'Nov 26, 2026 2:00 PM'],
    ['_appointment_start', '2026-11-26T14:00:00'],
    ['_booking_start', '2026-11-26T14:00:00+01:00'],
    ['Appointment date', 'Thursday, November 26, 2026 at 2:00 pm'],
    ['APPOINTMENT-DATE', '26 November 2026, 14:00'],
    ['Datum', 'do 26 nov 2026 14:00'],
    ['Dato', '26. nov. 2026 kl. 14.00'],
    ['Data', '26 listopada 2026 r. 14:00'],
    ['Дата', '26 листопада 2026 14:00'],
    ['Tijd', '26-11-2026 14h00'],
  ])('reads %p = %p as 26 Nov 2026 14:00 shop time', (name, value) => {
    expect(local(read({ [name]: value })).start).toBe('2026-11-26T14:00+01:00');
  });

  test('matches property names case- and punctuation-insensitively', () => {
    expect(read({ 'booking_date:': '2026-11-26 14:00' }).status).toBe('ok');
    expect(read({ 'DATE / TIME': '2026-11-26 14:00' }).status).toBe('ok');
  });

  test('names the properties it used in source', () => {
    const reading = read({ 'Booking date': '2026-11-26 14:00' });
    expect(reading.status === 'ok' && reading.source).toBe('Booking date');
  });
});

describe('readAppointmentTime: time ranges', () => {
  test.each([
    ['2026-11-26 14:00-15:00'],
    ['2026-11-26 14:00 - 15:00'],
    ['Nov 26, 2026 2:00 PM - 3:00 PM'],
    ['Nov 26, 2026 2:00 - 3:00 PM'],
    ['26.11.2026 14.00–15.00'],
    ['26/11/2026 14:00 — 15:00'],
    ['26 november 2026 14:00 tot 15:00'],
    ['2026-11-26T14:00/2026-11-26T15:00'],
    ['2026-11-26T14:00 - 15:00'],
    ['Nov 26, 2026 2:00 PM - Nov 26, 2026 3:00 PM'],
  ])('reads the range in %p as 14:00 to 15:00', (value) => {
    expect(local(read({ 'Booking date': value }))).toEqual(NOV_26_14_TO_15);
  });

  test('gives the start the end\'s AM/PM unless that puts it after the end ("11:00 - 1:00 PM" is 11 AM to 1 PM)', () => {
    expect(local(read({ Date: 'Nov 26, 2026', Time: '11:00 - 1:00 PM' }))).toEqual({
      start: '2026-11-26T11:00+01:00',
      end: '2026-11-26T13:00+01:00',
    });
  });

  test('moves a range end that is earlier than its start to the next day (22:00-01:00)', () => {
    expect(local(read({ 'Booking date': '2026-11-26 22:00-01:00' })).end).toBe('2026-11-27T01:00+01:00');
  });

  test('reads a range spanning two dates', () => {
    expect(local(read({ Booking: 'Nov 26, 2026 11:00 PM - Nov 27, 2026 1:00 AM' })).end).toBe('2026-11-27T01:00+01:00');
  });
});

describe('readAppointmentTime: separate date and time properties', () => {
  test.each([
    [{ Date: '2026-11-26', Time: '14:00' }],
    [{ Date: '26/11/2026', Time: '2:00 PM' }],
    [{ Datum: '26-11-2026', Tijd: '14.00' }],
    [{ Dato: '26.11.2026', Tid: '14:00' }],
    [{ Data: '26.11.2026', Godzina: '14:00' }],
    [{ Дата: '26.11.2026', Час: '14:00' }],
    [{ Date: 'November 26th, 2026', Time: '2 p.m.' }],
  ])('combines %p into 26 Nov 2026 14:00', (properties) => {
    expect(local(read(properties)).start).toBe('2026-11-26T14:00+01:00');
  });

  test('reads a time range from the time property ("14:00 - 15:00")', () => {
    expect(local(read({ Date: '2026-11-26', Time: '14:00 - 15:00' }))).toEqual(NOV_26_14_TO_15);
  });

  test('combines a date property with a "Start time" property that holds only a time', () => {
    expect(local(read({ Date: '2026-11-26', 'Start time': '14:00' })).start).toBe('2026-11-26T14:00+01:00');
  });

  test('reports the date and time properties as the source', () => {
    const reading = read({ Date: '2026-11-26', Time: '14:00' });
    expect(reading.status === 'ok' && reading.source).toBe('Date + Time');
  });

  test('treats a date without any time as the whole day, ending at the next midnight', () => {
    const reading = read({ Date: '2026-11-26' });
    expect(reading.status === 'ok' && reading.allDay).toBe(true);
    expect(local(reading)).toEqual({ start: '2026-11-26T00:00+01:00', end: '2026-11-27T00:00+01:00' });
  });

  test('falls back to the whole day, with a note, when the time property is not a time', () => {
    const reading = read({ Date: '2026-11-26', Time: 'morning' });
    expect(reading.status === 'ok' && reading.allDay).toBe(true);
    expect(reading.status === 'ok' && reading.notes[0]).toMatch(/"Time" = "morning"/);
  });
});

describe('readAppointmentTime: ISO 8601 and zones', () => {
  test('keeps an explicit offset even when it differs from the shop zone', () => {
    const reading = read({ _appointment_start: '2026-11-26T14:00:00+03:00' });
    expect(reading.status === 'ok' && reading.start.toISOString()).toBe('2026-11-26T11:00:00.000Z');
  });

  test('reads Z as UTC', () => {
    const reading = read({ _appointment_start: '2026-11-26T13:00:00Z' });
    expect(reading.status === 'ok' && reading.start.toISOString()).toBe('2026-11-26T13:00:00.000Z');
  });

  test('reads ISO without an offset in the shop time zone', () => {
    const reading = read({ _appointment_start: '2026-11-26T14:00' }, NEW_YORK);
    expect(reading.status === 'ok' && reading.start.toISOString()).toBe('2026-11-26T19:00:00.000Z');
  });

  test('reads an explicit "GMT-05:00" in a human value', () => {
    const reading = read({ Booking: 'Nov 26, 2026 2:00 PM (GMT-05:00)' });
    expect(reading.status === 'ok' && reading.start.toISOString()).toBe('2026-11-26T19:00:00.000Z');
  });

  test('reads an IANA zone name written after the time', () => {
    const reading = read({ Booking: 'Nov 26, 2026 2:00 PM America/New_York' });
    expect(reading.status === 'ok' && reading.start.toISOString()).toBe('2026-11-26T19:00:00.000Z');
  });

  test('puts an end without offset in the zone of a start that has one', () => {
    const reading = read({ _appointment_start: '2026-11-26T14:00:00+03:00', _appointment_end: '15:00' });
    expect(reading.status === 'ok' && reading.end?.toISOString()).toBe('2026-11-26T12:00:00.000Z');
  });
});

describe('readAppointmentTime: daylight saving time (shop zone Europe/Amsterdam)', () => {
  test('uses winter time (+01:00) in November', () => {
    const reading = read({ 'Booking date': '2026-11-26 14:00' });
    expect(reading.status === 'ok' && reading.start.toISOString()).toBe('2026-11-26T13:00:00.000Z');
  });

  test('uses summer time (+02:00) in July', () => {
    const reading = read({ 'Booking date': '2026-07-15 14:00' });
    expect(reading.status === 'ok' && reading.start.toISOString()).toBe('2026-07-15T12:00:00.000Z');
  });

  test('switches to summer time on the last Sunday of March (29 March 2026)', () => {
    const before = read({ 'Booking date': '2026-03-28 14:00' });
    const after = read({ 'Booking date': '2026-03-29 14:00' });
    expect(before.status === 'ok' && before.start.toISOString()).toBe('2026-03-28T13:00:00.000Z');
    expect(after.status === 'ok' && after.start.toISOString()).toBe('2026-03-29T12:00:00.000Z');
  });

  test('keeps a 60-minute duration 60 real minutes across the autumn change (25 Oct 2026 02:30)', () => {
    const reading = read({ 'Booking date': '2026-10-25 01:30', Duration: '60 min' });
    if (reading.status !== 'ok' || !reading.end) throw new Error('expected an end');
    expect(reading.end.getTime() - reading.start.getTime()).toBe(60 * 60_000);
  });

  test('moves a time inside the spring-forward gap (02:30 on 29 March 2026 does not exist) one hour on', () => {
    expect(local(read({ 'Booking date': '2026-03-29 02:30' })).start).toBe('2026-03-29T03:30+02:00');
  });

  test('reads a repeated autumn hour (02:30 on 25 October 2026) as the later, winter-time one, so credit is never early', () => {
    const reading = read({ 'Booking date': '2026-10-25 02:30' });
    expect(reading.status === 'ok' && reading.start.toISOString()).toBe('2026-10-25T01:30:00.000Z');
  });

  test('reads the same wall-clock time in New York with its own DST change (8 March 2026)', () => {
    const reading = read({ 'Booking date': '2026-03-09 09:00' }, NEW_YORK);
    expect(reading.status === 'ok' && reading.start.toISOString()).toBe('2026-03-09T13:00:00.000Z');
  });
});

describe('readAppointmentTime: explicit end properties and durations', () => {
  test.each([
    ['_appointment_end', '2026-11-26T15:00:00+01:00'],
    ['End', '15:00'],
    ['End time', '3:00 PM'],
    ['Ends', '2026-11-26 15:00'],
  ])('reads the end from %p = %p', (name, value) => {
    expect(local(read([['_appointment_start', '2026-11-26T14:00:00+01:00'], [name, value]]))).toEqual(NOV_26_14_TO_15);
  });

  test.each([
    ['60 min', '15:00'],
    ['1h 30m', '15:30'],
    ['90', '15:30'],
    ['1:30', '15:30'],
    ['1 hour', '15:00'],
    ['2 hours', '16:00'],
    ['1,5 uur', '15:30'],
    ['45 minutes', '14:45'],
    ['PT1H15M', '15:15'],
  ])('adds the duration %p to the start (ends %s)', (duration, endTime) => {
    expect(local(read({ 'Booking date': '2026-11-26 14:00', Duration: duration })).end).toBe(`2026-11-26T${endTime}+01:00`);
  });

  test('prefers an explicit end property over a duration', () => {
    expect(local(read({ 'Booking date': '2026-11-26 14:00', End: '15:00', Duration: '30 min' })).end).toBe('2026-11-26T15:00+01:00');
  });

  test('ignores an unreadable duration, keeping the start, and notes why', () => {
    const reading = read({ 'Booking date': '2026-11-26 14:00', Duration: 'a while' });
    expect(reading.status === 'ok' && reading.end).toBeNull();
    expect(reading.status === 'ok' && reading.notes).toEqual(['ignored "Duration" = "a while": not a duration']);
  });

  test('leaves end null when nothing gives one', () => {
    expect(local(read({ 'Booking date': '2026-11-26 14:00' })).end).toBeNull();
  });
});

describe('readAppointmentTime: day-first vs month-first numeric dates', () => {
  test('reads 26/11/2026 as 26 November even in a month-first locale', () => {
    expect(local(read({ Date: '26/11/2026', Time: '14:00' }, { ...AMSTERDAM, locale: 'en-US' })).start).toBe('2026-11-26T14:00+01:00');
  });

  test('reads 11/26/2026 as 26 November even in a day-first locale', () => {
    expect(local(read({ Date: '11/26/2026', Time: '14:00' }, { ...AMSTERDAM, locale: 'nl' })).start).toBe('2026-11-26T14:00+01:00');
  });

  test.each([
    ['en-US', '2026-03-04'],
    ['en', '2026-03-04'],
    ['en-GB', '2026-04-03'],
    ['en-CA', '2026-04-03'],
    ['nl', '2026-04-03'],
    ['da', '2026-04-03'],
    ['pl', '2026-04-03'],
    ['uk', '2026-04-03'],
    ['de-DE', '2026-04-03'],
  ])('reads the ambiguous 03/04/2026 by the locale %p as %s', (locale, day) => {
    expect(local(read({ Date: '03/04/2026', Time: '10:00' }, { ...AMSTERDAM, locale })).start.slice(0, 10)).toBe(day);
  });

  test('lets an explicit dateOrder override the locale', () => {
    expect(local(read({ Date: '03/04/2026', Time: '10:00' }, { ...AMSTERDAM, locale: 'nl', dateOrder: 'MDY' })).start.slice(0, 10)).toBe('2026-03-04');
    expect(local(read({ Date: '03/04/2026', Time: '10:00' }, { ...AMSTERDAM, locale: 'en-US', dateOrder: 'DMY' })).start.slice(0, 10)).toBe('2026-04-03');
  });

  test('reads a two-digit year as 20xx', () => {
    expect(local(read({ Date: '26.11.26', Time: '14:00' })).start).toBe('2026-11-26T14:00+01:00');
  });
});

describe('readAppointmentTime: property priority', () => {
  test('lets a hidden "_" property win over a visible one', () => {
    const reading = read([
      ['Booking date', 'Thursday 26 November, 2 PM'],
      ['_appointment_start', '2026-11-26T14:00:00+01:00'],
    ]);
    expect(reading.status === 'ok' && reading.source).toBe('_appointment_start');
  });

  test('prefers a shop-configured property name over built-in ones', () => {
    const reading = read(
      { 'Booking date': '2026-11-26 14:00', 'Gekozen moment': '2026-12-01 10:00' },
      { ...AMSTERDAM, config: { startKeys: ['gekozen moment'] } },
    );
    expect(local(reading).start).toBe('2026-12-01T10:00+01:00');
  });

  test('tries the shop\'s luxon format first for configured names', () => {
    const reading = read({ Slot: '12|01|2026 @ 10.15' }, { ...AMSTERDAM, config: { startKeys: ['Slot'], format: "MM|dd|yyyy '@' HH.mm" } });
    expect(local(reading).start).toBe('2026-12-01T10:15+01:00');
  });

  test('uses configured date, time, end and duration names', () => {
    const config = { dateKeys: ['Dag'], timeKeys: ['Uur van afspraak'], durationKeys: ['Lengte'] };
    const reading = read({ Dag: '26-11-2026', 'Uur van afspraak': '14:00', Lengte: '60' }, { ...AMSTERDAM, config });
    expect(local(reading)).toEqual(NOV_26_14_TO_15);
  });

  test('falls back to built-in shapes when the custom format does not fit', () => {
    const reading = read({ Slot: '2026-11-26 14:00' }, { ...AMSTERDAM, config: { startKeys: ['Slot'], format: 'dd-MM-yyyy HH:mm' } });
    expect(local(reading).start).toBe('2026-11-26T14:00+01:00');
  });

  test('skips a date property it cannot read when a later one can be read', () => {
    const reading = read([['Booking', 'see e-mail'], ['Date', '2026-11-26'], ['Time', '14:00']]);
    expect(local(reading).start).toBe('2026-11-26T14:00+01:00');
  });
});

describe('readAppointmentTime: missing and unparseable', () => {
  test('is missing when no property looks like a date (an ordinary product)', () => {
    expect(read({ Size: 'M', Colour: 'Blue', 'Engraving date': '2026-11-26' })).toEqual({ status: 'missing' });
  });

  test('is missing for an empty property list', () => {
    expect(read([])).toEqual({ status: 'missing' });
  });

  test('ignores empty values', () => {
    expect(read({ Date: '  ' })).toEqual({ status: 'missing' });
  });

  test('is unparseable, naming property and value, when a date property has no date', () => {
    expect(read({ 'Booking date': 'next Tuesday' })).toEqual({
      status: 'unparseable',
      reason: 'Could not read the appointment date from "Booking date" = "next Tuesday": no date or time found.',
    });
  });

  test('is unparseable for an impossible date (31/02/2026)', () => {
    const reading = read({ Date: '31/02/2026', Time: '14:00' });
    expect(reading.status).toBe('unparseable');
    expect(reading.status === 'unparseable' && reading.reason).toMatch(/"Date" = "31\/02\/2026".*not a real date/);
  });

  test('is unparseable for an impossible time (25:00)', () => {
    expect(read({ 'Booking date': '2026-11-26 25:00' }).status).toBe('unparseable');
  });

  test('is unparseable when there is a time but no date', () => {
    const reading = read({ Time: '14:00' });
    expect(reading.status === 'unparseable' && reading.reason).toBe('Found "Time" = "14:00" but no appointment date.');
  });

  test('is unparseable for a date without a year rather than guessing the year', () => {
    expect(read({ 'Booking date': 'Nov 26, 2:00 PM' }).status).toBe('unparseable');
  });

  test('is unparseable for an unknown shop time zone', () => {
    expect(read({ 'Booking date': '2026-11-26 14:00' }, { timeZone: 'Mars/Olympus', locale: 'en' }).status).toBe('unparseable');
  });
});

describe('describeAppointmentReading', () => {
  test('describes each status in one line', () => {
    expect(describeAppointmentReading({ status: 'missing' })).toBe('no appointment time on this line');
    expect(describeAppointmentReading({ status: 'unparseable', reason: 'x' })).toBe('appointment time not readable: x');
    expect(describeAppointmentReading(read({ Date: '2026-11-26', Time: '14:00-15:00' }), 'Europe/Amsterdam')).toBe(
      'appointment 2026-11-26T14:00:00.000+01:00 – 2026-11-26T15:00:00.000+01:00 from Date + Time',
    );
  });
});
