// The JSON shapes of the admin API's booking routes (web/server/http/admin/bookings-route.ts).
// Type-only, shared by the server and the admin UI.

export const BOOKING_STATUSES = ['booked', 'no_show', 'cancelled', 'completed'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];
export const BOOKING_EVENT_KINDS = ['booked', 'rescheduled', 'time_set', 'no_show', 'cancelled', 'checked_in', 'completed'] as const;
export const BOOKING_CHANGE_SOURCES = ['staff', 'tag', 'webhook', 'booking_system'] as const;

/** One booking of a member: a service line of an order, or a booking made in a booking system. */
export interface MemberBooking {
  /** the order line (lineItemId) or the Booking row (bookingId) the actions take */
  lineItemId: string | null;
  bookingId: string | null;
  orderName: string | null;
  title: string;
  start: string | null;
  end: string | null;
  status: BookingStatus;
  /** points still pending for it, and when they are due */
  pendingPoints: number;
  availableAt: string | null;
}

export interface BookingEventView {
  id: string;
  kind: string;
  title: string;
  orderId: string | null;
  lineItemId: string | null;
  bookingId: string | null;
  oldStart: string | null;
  oldEnd: string | null;
  newStart: string | null;
  newEnd: string | null;
  oldAvailableAt: string | null;
  newAvailableAt: string | null;
  pointsVoided: number;
  pointsClawedBack: number;
  reason: string;
  source: string;
  staffUserId: string | null;
  at: string;
}

export interface BookingChangeAnswer {
  applied: boolean;
  note: string | null;
  availableAt: string | null;
  pointsVoided: number;
  pointsClawedBack: number;
}

export interface BookingReviewItem {
  id: string;
  provider: string;
  eventId: string;
  note: string | null;
  receivedAt: string;
  payload: unknown;
}

export interface BookingSettingsView {
  noShowOrderTag: string;
  creditOnCheckIn: boolean;
  /** the full URL booking systems post to, and the secret that signs them (owners only) */
  endpointUrl: string;
  acuityEndpointUrl: string;
  secret: string;
  acuityUserId: string;
  acuityConnected: boolean;
}
