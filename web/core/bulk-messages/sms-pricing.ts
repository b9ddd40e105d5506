// What the shop pays per SMS segment, for the cost estimate of a bulk SMS. Seed 001's provider bills
// per 70 Cyrillic characters, which is one UCS-2 segment (count-sms-segments.ts), so price × segments.
import type { BulkCostEstimate, SmsPricingView } from '../../contracts/bulk-messages-api';
import type { Prisma } from '../db-client';
import { AppError } from '../errors/app-error';

export async function getSmsPricing(prisma: Prisma, shopId: string): Promise<SmsPricingView> {
  const [row, shop] = await Promise.all([prisma.smsPricing.findUnique({ where: { shopId } }), prisma.shop.findUniqueOrThrow({ where: { id: shopId }, select: { currency: true } })]);
  return { pricePerSegment: { amountMinor: Number(row?.pricePerSegmentMinor ?? 0n), currency: row?.currency ?? shop.currency } };
}

export async function setSmsPricing(prisma: Prisma, shopId: string, pricePerSegmentMinor: number, currency: string): Promise<SmsPricingView> {
  if (!Number.isSafeInteger(pricePerSegmentMinor) || pricePerSegmentMinor < 0) throw new AppError('VALIDATION', 'The price per segment must be a whole number of minor units, 0 or more.');
  const data = { pricePerSegmentMinor: BigInt(pricePerSegmentMinor), currency };
  await prisma.smsPricing.upsert({ where: { shopId }, create: { shopId, ...data }, update: data });
  return getSmsPricing(prisma, shopId);
}

export function estimateSmsCost(smsRecipients: number, segmentsPerMessage: number, pricing: SmsPricingView): BulkCostEstimate {
  const segments = smsRecipients * segmentsPerMessage;
  return { segments, pricePerSegment: pricing.pricePerSegment, total: { amountMinor: segments * pricing.pricePerSegment.amountMinor, currency: pricing.pricePerSegment.currency } };
}
