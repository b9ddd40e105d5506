// Demo mode only: "place a test booking". The simulator creates a paid order for a demo customer and
// sends it to the app as a signed orders/paid webhook, which is processed at once so the result shows.
import express, { Router } from 'express';
import { z } from 'zod';
import { processDueTasks } from '../../runtime/process-due-tasks';
import { placeOrder, orderWebhookPayload } from '../../../test/simulator';
import { DEMO_SHOP_DOMAIN } from '../../runtime/config';
import type { Runtime } from '../../runtime/runtime';
import type { DemoEnvironment } from './start-demo-environment';

const numericId = z.union([z.number().int().positive(), z.string().regex(/^(gid:\/\/shopify\/\w+\/)?\d+$/)]).transform((id) => Number(String(id).split('/').pop()));

const testBookingSchema = z
  .object({
    productId: numericId,
    customerId: numericId.optional(),
    /** defaults to tomorrow 14:00 shop time */
    appointmentStart: z.coerce.date().optional(),
    durationMinutes: z.number().int().min(5).max(24 * 60).optional(),
  })
  .strict();

export function createDemoOrdersRouter(deps: { runtime: Runtime; demo: DemoEnvironment }): Router {
  const router = Router();
  router.post('/demo/orders', express.json({ limit: '16kb' }), async (req, res) => {
    const input = testBookingSchema.parse(req.body ?? {});
    const shop = deps.demo.simulator.shop(DEMO_SHOP_DOMAIN);
    const customerId = input.customerId ?? shop.customers[0]!.id;
    const tomorrowAfternoon = new Date(Date.now() + 24 * 3600_000);
    tomorrowAfternoon.setUTCHours(13, 0, 0, 0);
    const order = placeOrder(shop, { customerId, productId: input.productId, appointmentStart: input.appointmentStart ?? tomorrowAfternoon, durationMinutes: input.durationMinutes });
    const delivery = await deps.demo.simulator.sendWebhook({ shop: DEMO_SHOP_DOMAIN, topic: 'orders/paid', payload: orderWebhookPayload(order, shop) });
    await processDueTasks({ runtime: deps.runtime, now: () => new Date(), workerId: 'demo-orders' });
    const entries = await deps.runtime.db.prisma.ledgerEntry.findMany({
      where: { orderId: `gid://shopify/Order/${order.id}` },
      select: { points: true, status: true, description: true, availableAt: true },
    });
    res.status(201).json({ orderId: `gid://shopify/Order/${order.id}`, name: `#${order.number}`, webhookStatus: delivery.status, entries });
  });
  return router;
}
