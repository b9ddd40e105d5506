import { markShopUninstalled } from '../../core/shops/uninstall-shop';
import type { WebhookHandler } from './webhook-handler';

export const appUninstalled: WebhookHandler = {
  topic: 'app/uninstalled',
  async handle({ db, now }, delivery) {
    await markShopUninstalled(db.prisma, delivery.shopDomain, now());
  },
};
