// The limits of the programme settings a shop may save. The server's zod schemas
// (web/core/earning/program-settings-schema.ts, booking-property-config.ts) are built from these
// numbers and the admin settings form checks its fields against the same ones, so the two cannot
// disagree. Plain numbers: the admin bundle imports this file without zod.

/** Inclusive whole-number ranges of the numeric settings. */
export const PROGRAM_SETTING_RANGES = {
  pointsPerCurrencyUnit: { min: 0, max: 1000 },
  pointsPerVisit: { min: 0, max: 100_000 },
  creditDelayMinutes: { min: 0, max: 4320 },
  productCreditDelayMinutes: { min: 0, max: 4320 },
} as const;

export const SPEND_TIER_LIMITS = {
  maxTiers: 10,
  /** A tier earns basisPoints / 100 % of the spend: 0 to 100 %. */
  basisPoints: { min: 0, max: 10_000 },
} as const;

export const BOOKING_PROPERTY_LIMITS = {
  maxKeysPerRole: 20,
  maxKeyLength: 100,
  maxFormatLength: 64,
} as const;

/** The loyalty tab of a product or variant. */
export const PRODUCT_LOYALTY_RANGES = {
  fixedPoints: { min: 0, max: 1_000_000 },
  /** 100 = x1, 200 = double points. */
  multiplierPercent: { min: 0, max: 1000 },
} as const;
