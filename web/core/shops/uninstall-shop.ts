import type { Prisma } from '../db-client';

/** app/uninstalled: the shop's access is gone; its data stays until shop/redact (48 h later). */
export async function markShopUninstalled(prisma: Prisma, domain: string, now: Date): Promise<void> {
  await prisma.$transaction([
    prisma.session.deleteMany({ where: { shop: domain } }),
    prisma.shop.updateMany({ where: { domain }, data: { uninstalledAt: now } }),
  ]);
}

/**
 * shop/redact: erase everything we hold for the shop. Tables related to Shop by a foreign key go with
 * it (cascade); the ones keyed by a plain shopId or the shop's domain are listed here.
 */
export async function eraseShop(prisma: Prisma, domain: string): Promise<void> {
  const shop = await prisma.shop.findUnique({ where: { domain }, select: { id: true } });
  const byShop = { where: { shopId: shop?.id ?? '' } };
  await prisma.$transaction([
    prisma.session.deleteMany({ where: { shop: domain } }),
    prisma.webhookDelivery.deleteMany({ where: { shopDomain: domain } }),
    prisma.task.deleteMany({ where: { shopDomain: domain, status: { not: 'running' } } }),
    prisma.outboxMessage.deleteMany(byShop),
    prisma.messageTemplate.deleteMany(byShop),
    prisma.shopSmtpSettings.deleteMany(byShop),
    prisma.memberConsent.deleteMany(byShop),
    prisma.memberConsentEvent.deleteMany(byShop),
    prisma.consentType.deleteMany(byShop),
    prisma.redemption.deleteMany(byShop),
    prisma.giftCardReward.deleteMany(byShop),
    prisma.importJob.deleteMany(byShop),
    prisma.staffAction.deleteMany(byShop),
    prisma.staffAlert.deleteMany(byShop),
    prisma.staffMember.deleteMany(byShop),
    prisma.orderLine.deleteMany(byShop),
    prisma.shop.deleteMany({ where: { domain } }),
  ]);
}
