import { acuityAppointmentSchema } from '../../../web/server/booking-events/acuity-client';
import { acuityBookingEvent, parseAcuityNotification } from '../../../web/server/booking-events/acuity-notification';

// The shape of Acuity's GET /appointments/:id answer (its API documentation), trimmed.
const appointment = acuityAppointmentSchema.parse({
  id: 54321, firstName: 'Bob', lastName: 'McTest', phone: '', email: 'bob.mctest@example.com', date: 'November 27, 2026', time: '10:00am', endTime: '11:00am',
  datetime: '2026-11-27T10:00:00-0800', price: '45.00', paid: 'no', type: 'Deep tissue massage', appointmentTypeID: 777, duration: '60', calendarID: 27238, canceled: false,
});

describe('Acuity notifications', () => {
  it('reads the form-encoded notification', () => {
    expect(parseAcuityNotification('action=rescheduled&id=54321&calendarID=27238&appointmentTypeID=777')).toEqual({ action: 'rescheduled', id: '54321', calendarID: '27238', appointmentTypeID: '777' });
    expect(() => parseAcuityNotification('action=deleted&id=1')).toThrow();
    expect(() => parseAcuityNotification('action=scheduled&id=1;drop')).toThrow();
  });

  it('turns an appointment into a booking event: start from datetime, end from the duration', () => {
    const event = acuityBookingEvent('evt', parseAcuityNotification('action=scheduled&id=54321'), appointment);
    expect(event).toEqual({
      id: 'evt',
      type: 'created',
      booking: {
        id: '54321', start: '2026-11-27T18:00:00.000Z', end: '2026-11-27T19:00:00.000Z',
        customer: { email: 'bob.mctest@example.com', phone: undefined, firstName: 'Bob', lastName: 'McTest' },
        service: { sku: 'acuity-777', title: 'Deep tissue massage' },
      },
    });
  });

  it('lets the appointment\'s own flags win: a no-show, a cancellation', () => {
    const changed = parseAcuityNotification('action=changed&id=54321');
    expect(acuityBookingEvent('e', changed, appointment).type).toBe('rescheduled');
    expect(acuityBookingEvent('e', changed, { ...appointment, noShow: true }).type).toBe('no_show');
    expect(acuityBookingEvent('e', changed, { ...appointment, canceled: true }).type).toBe('cancelled');
    expect(acuityBookingEvent('e', parseAcuityNotification('action=canceled&id=54321'), appointment).type).toBe('cancelled');
  });
});
