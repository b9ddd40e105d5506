// Bulk messages (managers and owners), per-event channels, the SMS price per segment, the demo inbox and
// the retry of a failed message. Thin: validate, call the domain, answer.
import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../../core/db-client';
import { bulkPreviewSchema, bulkTestSendSchema, createBulkMessageSchema } from '../../../core/bulk-messages/bulk-message-input';
import { cancelBulkMessage, createBulkMessage, getBulkMessage, listBulkMessages, listBulkRecipients } from '../../../core/bulk-messages/bulk-message-store';
import { previewBulkMessage } from '../../../core/bulk-messages/preview-bulk-message';
import { getSmsPricing, setSmsPricing } from '../../../core/bulk-messages/sms-pricing';
import { getCaughtMessage, listCaughtMessages } from '../../../core/messaging/caught-message-store';
import { isChannelChoice, listEventChannels, setEventChannels } from '../../../core/messaging/event-channels-store';
import { parseTemplateKey } from '../../../core/messaging/template-store';
import { retryFailedMessage } from '../../../core/messaging/retry-failed-message';
import { AppError } from '../../../core/errors/app-error';
import { MESSAGE_CHANNEL_CHOICES } from '../../../contracts/bulk-messages-api';
import type { AppConfig } from '../../../runtime/config';
import { sendBulkTest } from '../../messaging/send-bulk-test';
import { adminAuthOf } from '../session-token-auth';
import { staffOf } from '../staff-access';

const recipientsQuerySchema = z.strictObject({
  status: z.enum(['queued', 'sent', 'failed', 'skipped']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
const channelsSchema = z.strictObject({ channels: z.enum(MESSAGE_CHANNEL_CHOICES) });
const pricingSchema = z.strictObject({ pricePerSegmentMinor: z.number().int().min(0).max(1_000_000), currency: z.string().regex(/^[A-Z]{3}$/) });

export function createBulkMessagesRouter(deps: { db: Db; config: AppConfig }): Router {
  const router = Router();
  const { db } = deps;
  const prisma = db.prisma;

  router.get('/bulk-messages', async (_req, res) => {
    res.json(await listBulkMessages(prisma, adminAuthOf(res.locals).shopId));
  });
  // The groups a message can go to (the compose page's audience picker).
  router.get('/bulk-messages/audiences', async (_req, res) => {
    const groups = await prisma.customerGroup.findMany({ where: { shopId: adminAuthOf(res.locals).shopId, archivedAt: null }, orderBy: { name: 'asc' }, select: { id: true, name: true, memberCount: true, enabled: true } });
    res.json({ groups });
  });
  router.post('/bulk-messages/preview', async (req, res) => {
    const { language, ...draft } = bulkPreviewSchema.parse(req.body);
    res.json(await previewBulkMessage(db, adminAuthOf(res.locals).shopId, draft, language));
  });
  router.post('/bulk-messages/test', async (req, res) => {
    const body = bulkTestSendSchema.parse(req.body);
    res.json(await sendBulkTest(db, deps.config, adminAuthOf(res.locals).shopId, body));
  });
  router.post('/bulk-messages', async (req, res) => {
    const body = createBulkMessageSchema.parse(req.body);
    res.status(201).json(await createBulkMessage(db, adminAuthOf(res.locals).shopId, staffOf(res.locals), body, new Date()));
  });
  router.get('/bulk-messages/:id', async (req, res) => {
    res.json(await getBulkMessage(prisma, adminAuthOf(res.locals).shopId, String(req.params.id)));
  });
  router.get('/bulk-messages/:id/recipients', async (req, res) => {
    res.json(await listBulkRecipients(prisma, adminAuthOf(res.locals).shopId, String(req.params.id), recipientsQuerySchema.parse(req.query)));
  });
  router.post('/bulk-messages/:id/cancel', async (req, res) => {
    res.json(await cancelBulkMessage(db, adminAuthOf(res.locals).shopId, staffOf(res.locals), String(req.params.id), new Date()));
  });

  router.get('/settings/sms-pricing', async (_req, res) => {
    res.json(await getSmsPricing(prisma, adminAuthOf(res.locals).shopId));
  });
  router.put('/settings/sms-pricing', async (req, res) => {
    const body = pricingSchema.parse(req.body);
    res.json(await setSmsPricing(prisma, adminAuthOf(res.locals).shopId, body.pricePerSegmentMinor, body.currency));
  });

  router.get('/message-channels', async (_req, res) => {
    res.json({ items: await listEventChannels(prisma, adminAuthOf(res.locals).shopId) });
  });
  router.put('/message-channels/:event', async (req, res) => {
    const { event } = parseTemplateKey(String(req.params.event), 'en');
    const { channels } = channelsSchema.parse(req.body);
    if (!isChannelChoice(channels)) throw new AppError('VALIDATION', 'channels must be email, sms or both.');
    res.json({ items: await setEventChannels(prisma, adminAuthOf(res.locals).shopId, event, channels) });
  });

  router.get('/caught-messages', async (_req, res) => {
    res.json(await listCaughtMessages(prisma, adminAuthOf(res.locals).shopId));
  });
  router.get('/caught-messages/:id', async (req, res) => {
    res.json(await getCaughtMessage(prisma, adminAuthOf(res.locals).shopId, String(req.params.id)));
  });

  router.post('/messages/:id/retry', async (req, res) => {
    res.json(await retryFailedMessage(db, adminAuthOf(res.locals).shopId, staffOf(res.locals).userId, String(req.params.id), new Date()));
  });
  return router;
}
