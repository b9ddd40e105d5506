import { z } from 'zod';

/** The loyalty tab of a product or service; HTTP handlers and the admin block validate with this. */
export const productLoyaltySchema = z.object({
  enabled: z.boolean(),
  isService: z.boolean(),
  /** fixed: fixedPoints per unit; rate: the programme's rate (or spend tier) on the line amount. */
  pointsMode: z.enum(['fixed', 'rate']),
  fixedPoints: z.number().int().min(0).max(1_000_000),
  /** 100 = x1, 200 = double points for this product. */
  multiplierPercent: z.number().int().min(0).max(1000),
});
export type ProductLoyalty = z.infer<typeof productLoyaltySchema>;
