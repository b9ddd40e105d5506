// The booking settings a shop edits (both in ProgramSettings): the no-show order tag and whether a
// check-in credits at its own time.
import type { Prisma } from '../db-client';

export interface BookingSettings {
  noShowOrderTag: string;
  creditOnCheckIn: boolean;
}

export async function readBookingSettings(prisma: Prisma, shopId: string): Promise<BookingSettings> {
  const row = await prisma.programSettings.findUnique({ where: { shopId }, select: { noShowOrderTag: true, creditOnCheckIn: true } });
  return { noShowOrderTag: row?.noShowOrderTag ?? '', creditOnCheckIn: row?.creditOnCheckIn ?? false };
}

export async function saveBookingSettings(prisma: Prisma, shopId: string, settings: BookingSettings): Promise<BookingSettings> {
  const row = await prisma.programSettings.upsert({ where: { shopId }, create: { shopId, ...settings }, update: settings, select: { noShowOrderTag: true, creditOnCheckIn: true } });
  return row;
}
