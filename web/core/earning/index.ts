// Public API of the earning domain: reading appointment times, computing points, voiding them on
// refunds, and deciding when pending points become available.
export { readAppointmentTime, describeAppointmentReading } from './appointment-time';
export type { AppointmentReading, LineItemProperty, ReadAppointmentOptions } from './appointment-time';
export { bookingPropertyConfigSchema, type BookingPropertyConfig } from './booking-property-config';
export { dateOrderForLocale, type DateOrder } from './date-order';
export { parseDurationMinutes } from './parse-duration';
export {
  programSettingsSchema,
  spendTierSchema,
  spendTiersSchema,
  roundingModeSchema,
  earningModeSchema,
  defaultProgramSettings,
  type ProgramSettings,
  type SpendTier,
  type RoundingMode,
  type EarningMode,
} from './program-settings-schema';
export { productLoyaltySchema, type ProductLoyalty } from './product-loyalty-schema';
export { defaultSpendTiers, pickSpendTier } from './spend-tiers';
export { roundRatio } from './round-points';
export { applicableMultipliers, sameProductId, type DateRangeMultiplier } from './applicable-multipliers';
export { calculateOrderPoints } from './calculate-order-points';
export type { EarningProgram, EarningLine, LineLoyalty, OrderPointsInput, OrderPointsResult, LinePoints, LineRule } from './calculate-order-points';
export { calculateRefundVoid, type RefundShare, type RefundVoidInput, type RefundVoid } from './calculate-refund-void';
export { planRefundReversal, type RefundReversalInput, type RefundReversalPlan } from './plan-refund-reversal';
export { creditAvailableAt, creditAvailability, type CreditAvailabilityInput, type CreditAvailability, type CreditBasis } from './credit-available-at';
