import { DateTime } from 'luxon';
import { readAppointmentTime } from '../../../web/core/earning/appointment-time';
import { creditAvailability, creditAvailableAt, type CreditAvailabilityInput } from '../../../web/core/earning/credit-available-at';

const ZONE = 'Europe/Amsterdam';
const base: CreditAvailabilityInput = {
  isService: true,
  orderProcessedAt: new Date('2026-11-20T10:00:00Z'),
  creditDelayMinutes: 180,
  productCreditDelayMinutes: 0,
  productCreditTrigger: 'paid',
};
const shopTime = (date: Date | null) => (date ? DateTime.fromJSDate(date, { zone: ZONE }).toFormat('yyyy-MM-dd HH:mm') : null);

describe('creditAvailableAt', () => {
  test('makes a service booked for tomorrow 14:00-15:00 (Amsterdam) with a 3 h delay available at 18:00 shop time', () => {
    const tomorrow = DateTime.now().setZone(ZONE).plus({ days: 1 }).toFormat('yyyy-MM-dd');
    const reading = readAppointmentTime([{ name: 'Booking date', value: `${tomorrow} 14:00-15:00` }], { timeZone: ZONE, locale: 'nl' });
    if (reading.status !== 'ok') throw new Error('expected the appointment to be read');
    const at = creditAvailableAt({ ...base, appointmentStart: reading.start, appointmentEnd: reading.end });
    expect(shopTime(at)).toBe(`${tomorrow} 18:00`);
  });

  test('counts the delay in real hours across the DST change (appointment ends 01:30 on 25 Oct 2026, +3 h = 03:30 winter time)', () => {
    const end = DateTime.fromISO('2026-10-25T01:30', { zone: ZONE }).toJSDate();
    expect(shopTime(creditAvailableAt({ ...base, appointmentEnd: end }))).toBe('2026-10-25 03:30');
  });

  test('uses the appointment start when there is no end', () => {
    const start = new Date('2026-11-26T13:00:00Z');
    expect(creditAvailability({ ...base, appointmentStart: start })).toEqual({ availableAt: new Date('2026-11-26T16:00:00Z'), basedOn: 'appointment_start' });
  });

  test('uses the order processed time when a service has no readable appointment', () => {
    expect(creditAvailability({ ...base, appointmentStart: null, appointmentEnd: null })).toEqual({
      availableAt: new Date('2026-11-20T13:00:00Z'),
      basedOn: 'order_processed',
    });
  });

  test('credits a product at payment plus the product delay', () => {
    const paidAt = new Date('2026-11-20T10:05:00Z');
    expect(creditAvailability({ ...base, isService: false, paidAt, productCreditDelayMinutes: 60 })).toEqual({
      availableAt: new Date('2026-11-20T11:05:00Z'),
      basedOn: 'paid',
    });
  });

  test('credits a product at fulfilment when the shop chose "fulfilled"', () => {
    const fulfilledAt = new Date('2026-11-22T08:00:00Z');
    expect(creditAvailableAt({ ...base, isService: false, productCreditTrigger: 'fulfilled', paidAt: new Date('2026-11-20T10:05:00Z'), fulfilledAt })).toEqual(fulfilledAt);
  });

  test('has no date yet for a product that is not fulfilled, and says what it waits for', () => {
    expect(creditAvailability({ ...base, isService: false, productCreditTrigger: 'fulfilled', paidAt: new Date() })).toEqual({ availableAt: null, waitingFor: 'fulfilled' });
  });

  test('ignores the appointment for a product that is not a service', () => {
    const paidAt = new Date('2026-11-20T10:05:00Z');
    expect(creditAvailableAt({ ...base, isService: false, paidAt, appointmentEnd: new Date('2026-12-01T00:00:00Z') })).toEqual(paidAt);
  });
});
