export interface CreditAvailabilityInput {
  isService: boolean;
  /** From readAppointmentTime; null/undefined when missing or unparseable. */
  appointmentStart?: Date | null;
  appointmentEnd?: Date | null;
  orderProcessedAt: Date;
  paidAt?: Date | null;
  fulfilledAt?: Date | null;
  creditDelayMinutes: number;
  productCreditDelayMinutes: number;
  productCreditTrigger: 'paid' | 'fulfilled';
}

export type CreditBasis = 'appointment_end' | 'appointment_start' | 'order_processed' | 'paid' | 'fulfilled';

export type CreditAvailability =
  | { availableAt: Date; basedOn: CreditBasis }
  /** A product waiting for its trigger (payment or fulfilment) that has not happened yet. */
  | { availableAt: null; waitingFor: 'paid' | 'fulfilled' };

const plusMinutes = (date: Date, minutes: number) => new Date(date.getTime() + minutes * 60_000);

/**
 * When pending points become available, and why.
 * - Services: appointment end + the shop's delay (the delay leaves room for a no-show or a refund);
 *   the start when the booking app gave no end; the order's processed time when the appointment
 *   could not be read at all, so the customer still gets the points rather than waiting forever.
 * - Products: the trigger (paid or fulfilled) + the product delay; not yet known until it happens.
 */
export function creditAvailability(input: CreditAvailabilityInput): CreditAvailability {
  if (input.isService) {
    if (input.appointmentEnd) return { availableAt: plusMinutes(input.appointmentEnd, input.creditDelayMinutes), basedOn: 'appointment_end' };
    if (input.appointmentStart) return { availableAt: plusMinutes(input.appointmentStart, input.creditDelayMinutes), basedOn: 'appointment_start' };
    return { availableAt: plusMinutes(input.orderProcessedAt, input.creditDelayMinutes), basedOn: 'order_processed' };
  }
  const trigger = input.productCreditTrigger;
  const happenedAt = trigger === 'paid' ? input.paidAt : input.fulfilledAt;
  if (!happenedAt) return { availableAt: null, waitingFor: trigger };
  return { availableAt: plusMinutes(happenedAt, input.productCreditDelayMinutes), basedOn: trigger };
}

/** The instant pending points become available, or null while a product waits for payment/fulfilment. */
export function creditAvailableAt(input: CreditAvailabilityInput): Date | null {
  return creditAvailability(input).availableAt;
}
