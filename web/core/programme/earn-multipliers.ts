// Date-range multipliers ("double points weekend"), optionally for one product.
import { z } from 'zod';
import type { Prisma } from '../db-client';
import { AppError } from '../errors/app-error';

export const earnMultiplierInputSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    startsAt: z.coerce.date({ message: 'must be a date-time' }),
    endsAt: z.coerce.date({ message: 'must be a date-time' }),
    multiplierPercent: z.number().int().min(0).max(1000),
    productId: z.string().min(1).nullable().optional(),
  })
  .strict()
  .refine((input) => input.endsAt > input.startsAt, { message: 'endsAt must be after startsAt', path: ['endsAt'] });

export type EarnMultiplierInput = z.infer<typeof earnMultiplierInputSchema>;

export async function listEarnMultipliers(prisma: Prisma, shopId: string) {
  return prisma.earnMultiplier.findMany({ where: { shopId }, orderBy: { startsAt: 'desc' } });
}

export async function createEarnMultiplier(prisma: Prisma, shopId: string, input: EarnMultiplierInput) {
  const productId = input.productId ? (/^\d+$/.test(input.productId) ? `gid://shopify/Product/${input.productId}` : input.productId) : null;
  if (productId && !(await prisma.product.findUnique({ where: { shopId_shopifyId: { shopId, shopifyId: productId } }, select: { id: true } }))) {
    throw new AppError('NOT_FOUND', `Product ${input.productId} was not found in this shop.`);
  }
  return prisma.earnMultiplier.create({ data: { shopId, name: input.name, startsAt: input.startsAt, endsAt: input.endsAt, multiplierPercent: input.multiplierPercent, productId } });
}

export async function deleteEarnMultiplier(prisma: Prisma, shopId: string, id: string): Promise<void> {
  const { count } = await prisma.earnMultiplier.deleteMany({ where: { id, shopId } });
  if (count === 0) throw new AppError('NOT_FOUND', 'That multiplier was not found.');
}
