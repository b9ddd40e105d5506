// A shop's booking-events endpoint (BookingIntegration): the key in its URL and its signing secret,
// created on first use, and the Acuity Scheduling credentials. This module owns the table. Secrets are
// sealed with secret boxes the caller builds from the app's encryption key.
import { randomBytes } from 'node:crypto';
import type { SecretBox } from '../crypto/secret-box';
import type { Prisma } from '../db-client';

export interface BookingIntegrationBoxes {
  secret: SecretBox;
  acuityApiKey: SecretBox;
}

export interface BookingIntegration {
  shopId: string;
  shopDomain: string;
  endpointKey: string;
  secret: string;
  acuityUserId: string;
  /** "" = not connected */
  acuityApiKey: string;
}

const newEndpointKey = () => randomBytes(18).toString('base64url');
const newSecret = () => `bes_${randomBytes(32).toString('hex')}`;

function open(row: { shopId: string; endpointKey: string; secretEncrypted: string; acuityUserId: string; acuityApiKeyEncrypted: string }, shopDomain: string, boxes: BookingIntegrationBoxes): BookingIntegration {
  return {
    shopId: row.shopId, shopDomain, endpointKey: row.endpointKey, secret: boxes.secret.decrypt(row.secretEncrypted),
    acuityUserId: row.acuityUserId, acuityApiKey: row.acuityApiKeyEncrypted ? boxes.acuityApiKey.decrypt(row.acuityApiKeyEncrypted) : '',
  };
}

export async function ensureBookingIntegration(prisma: Prisma, shopId: string, boxes: BookingIntegrationBoxes): Promise<BookingIntegration> {
  const shop = await prisma.shop.findUniqueOrThrow({ where: { id: shopId }, select: { domain: true } });
  const row = await prisma.bookingIntegration.upsert({
    where: { shopId },
    create: { shopId, endpointKey: newEndpointKey(), secretEncrypted: boxes.secret.encrypt(newSecret()) },
    update: {},
  });
  return open(row, shop.domain, boxes);
}

/** The integration behind an endpoint key; null for an unknown key or an uninstalled shop. */
export async function findBookingIntegration(prisma: Prisma, endpointKey: string, boxes: BookingIntegrationBoxes): Promise<BookingIntegration | null> {
  const row = await prisma.bookingIntegration.findUnique({ where: { endpointKey } });
  if (!row) return null;
  const shop = await prisma.shop.findUnique({ where: { id: row.shopId }, select: { domain: true, uninstalledAt: true } });
  if (!shop || shop.uninstalledAt) return null;
  return open(row, shop.domain, boxes);
}

/** A new secret: events signed with the old one are refused from now on. */
export async function rotateBookingEventsSecret(prisma: Prisma, shopId: string, boxes: BookingIntegrationBoxes): Promise<BookingIntegration> {
  await ensureBookingIntegration(prisma, shopId, boxes);
  await prisma.bookingIntegration.update({ where: { shopId }, data: { secretEncrypted: boxes.secret.encrypt(newSecret()) } });
  return ensureBookingIntegration(prisma, shopId, boxes);
}

/** apiKey undefined keeps the stored key; "" disconnects. */
export async function saveAcuityCredentials(prisma: Prisma, shopId: string, boxes: BookingIntegrationBoxes, input: { userId: string; apiKey?: string }): Promise<BookingIntegration> {
  await ensureBookingIntegration(prisma, shopId, boxes);
  await prisma.bookingIntegration.update({
    where: { shopId },
    data: { acuityUserId: input.userId, ...(input.apiKey === undefined ? {} : { acuityApiKeyEncrypted: input.apiKey ? boxes.acuityApiKey.encrypt(input.apiKey) : '' }) },
  });
  return ensureBookingIntegration(prisma, shopId, boxes);
}
