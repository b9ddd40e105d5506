import type { Prisma } from '../db-client';

/** app/uninstalled: the shop's access is gone; its data stays until shop/redact (48 h later). */
export async function markShopUninstalled(prisma: Prisma, domain: string, now: Date): Promise<void> {
  await prisma.$transaction([
    prisma.session.deleteMany({ where: { shop: domain } }),
    prisma.shop.updateMany({ where: { domain }, data: { uninstalledAt: now } }),
  ]);
}

/** shop/redact: erase everything we hold for the shop. */
export async function eraseShop(prisma: Prisma, domain: string): Promise<void> {
  await prisma.$transaction([
    prisma.session.deleteMany({ where: { shop: domain } }),
    prisma.outboxMessage.deleteMany({ where: { shopId: { in: (await prisma.shop.findMany({ where: { domain }, select: { id: true } })).map((s) => s.id) } } }),
    prisma.webhookDelivery.deleteMany({ where: { shopDomain: domain } }),
    prisma.task.deleteMany({ where: { shopDomain: domain, status: { not: 'running' } } }),
    prisma.shop.deleteMany({ where: { domain } }),
  ]);
}
