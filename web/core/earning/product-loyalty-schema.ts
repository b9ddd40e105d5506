import { z } from 'zod';
import type { LoyaltySettings } from '../../contracts/admin-api';
import { PRODUCT_LOYALTY_RANGES as RANGES } from '../../contracts/program-settings-ranges';

/** The loyalty tab of a product or service; HTTP handlers and the admin block validate with this. */
export const productLoyaltySchema = z.object({
  enabled: z.boolean(),
  isService: z.boolean(),
  /** fixed: fixedPoints per unit; rate: the programme's rate (or spend tier) on the line amount. */
  pointsMode: z.enum(['fixed', 'rate']),
  fixedPoints: z.number().int().min(RANGES.fixedPoints.min).max(RANGES.fixedPoints.max),
  /** 100 = x1, 200 = double points for this product. */
  multiplierPercent: z.number().int().min(RANGES.multiplierPercent.min).max(RANGES.multiplierPercent.max),
}) satisfies z.ZodType<LoyaltySettings>;
export type ProductLoyalty = LoyaltySettings;
