import { writeTransaction, type Prisma } from '../db-client';

export interface InstalledShop {
  domain: string;
  name: string;
  currency: string;
  ianaTimezone: string;
  primaryLocale: string;
}

/** Creates or refreshes the shop and gives it default programme settings the first time. */
export async function saveInstalledShop(prisma: Prisma, shop: InstalledShop): Promise<{ id: string }> {
  return writeTransaction({ prisma }, async (tx) => {
    const saved = await tx.shop.upsert({
      where: { domain: shop.domain },
      create: { ...shop },
      update: { ...shop, uninstalledAt: null },
      select: { id: true },
    });
    await tx.programSettings.upsert({ where: { shopId: saved.id }, create: { shopId: saved.id }, update: {} });
    return saved;
  });
}
