import { createSecretBox } from '../../core/crypto/secret-box';
import type { BookingIntegrationBoxes } from '../../core/bookings/booking-integration-store';

const cache = new Map<string, BookingIntegrationBoxes>();

/** The secret boxes of the booking-events secret and the Acuity API key, one purpose each. */
export function bookingIntegrationBoxes(encryptionKey: string): BookingIntegrationBoxes {
  let boxes = cache.get(encryptionKey);
  if (!boxes) {
    boxes = { secret: createSecretBox(encryptionKey, 'booking-events-secret'), acuityApiKey: createSecretBox(encryptionKey, 'acuity-api-key') };
    cache.set(encryptionKey, boxes);
  }
  return boxes;
}
