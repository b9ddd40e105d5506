// Everything the earning rules need about a shop, read inside the order's transaction.
import type { Tx } from '../db-client';

export interface EarningContext {
  shop: { id: string; currency: string; ianaTimezone: string; primaryLocale: string };
  settings: {
    pointsPerCurrencyUnit: number;
    rounding: 'down' | 'nearest' | 'up';
    pointsPerVisit: number;
    earningMode: 'rate' | 'spend_tiers';
    spendTiers: Array<{ fromMinor: number; basisPoints: number }>;
    creditDelayMinutes: number;
    productCreditDelayMinutes: number;
    productCreditTrigger: 'paid' | 'fulfilled';
    clawbackPolicy: 'claw_back' | 'keep';
    allowNegativeBalance: boolean;
    bookingPropertyConfig: Record<string, unknown>;
    dateOrder: 'DMY' | 'MDY' | '';
    /** an order tag that marks the order's bookings as no-shows; "" = off */
    noShowOrderTag: string;
  };
  multipliers: Array<{ multiplierPercent: number; productId: string | null; startsAt: Date; endsAt: Date }>;
  loyaltyByKey: Map<string, { enabled: boolean; isService: boolean; pointsMode: 'fixed' | 'rate'; fixedPoints: number; multiplierPercent: number }>;
}

export const loyaltyKey = (productId: string, variantId = '') => `${productId}|${variantId}`;

export async function loadEarningContext(tx: Tx, shopId: string, productIds: string[]): Promise<EarningContext> {
  const shop = await tx.shop.findUniqueOrThrow({ where: { id: shopId }, select: { id: true, currency: true, ianaTimezone: true, primaryLocale: true, settings: true } });
  const settings = shop.settings ?? (await tx.programSettings.create({ data: { shopId } }));
  const [multipliers, loyalty] = await Promise.all([
    tx.earnMultiplier.findMany({ where: { shopId }, select: { multiplierPercent: true, productId: true, startsAt: true, endsAt: true } }),
    productIds.length ? tx.productLoyalty.findMany({ where: { shopId, productId: { in: productIds } } }) : Promise.resolve([]),
  ]);
  return {
    shop: { id: shop.id, currency: shop.currency, ianaTimezone: shop.ianaTimezone, primaryLocale: shop.primaryLocale },
    settings: {
      pointsPerCurrencyUnit: settings.pointsPerCurrencyUnit,
      rounding: settings.rounding as EarningContext['settings']['rounding'],
      pointsPerVisit: settings.pointsPerVisit,
      earningMode: settings.earningMode as EarningContext['settings']['earningMode'],
      spendTiers: JSON.parse(settings.spendTiers) as EarningContext['settings']['spendTiers'],
      creditDelayMinutes: settings.creditDelayMinutes,
      productCreditDelayMinutes: settings.productCreditDelayMinutes,
      productCreditTrigger: settings.productCreditTrigger as EarningContext['settings']['productCreditTrigger'],
      clawbackPolicy: settings.clawbackPolicy as EarningContext['settings']['clawbackPolicy'],
      allowNegativeBalance: settings.allowNegativeBalance,
      bookingPropertyConfig: JSON.parse(settings.bookingPropertyConfig) as Record<string, unknown>,
      dateOrder: settings.dateOrder as EarningContext['settings']['dateOrder'],
      noShowOrderTag: settings.noShowOrderTag,
    },
    multipliers,
    loyaltyByKey: new Map(
      loyalty.map((row) => [
        loyaltyKey(row.productId, row.variantId),
        { enabled: row.enabled, isService: row.isService, pointsMode: row.pointsMode as 'fixed' | 'rate', fixedPoints: row.fixedPoints, multiplierPercent: row.multiplierPercent },
      ]),
    ),
  };
}
