import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../../core/db-client';
import { previewShopTemplate } from '../../../core/messaging/preview-shop-template';
import { getTemplate, listTemplates, parseTemplateKey, resetTemplate, saveTemplate } from '../../../core/messaging/template-store';
import { adminAuthOf } from '../session-token-auth';

const templateSchema = z.strictObject({
  subject: z.string().max(500),
  html: z.string().max(100_000),
  text: z.string().max(50_000),
  sms: z.string().max(2000).default(''),
});
const previewSchema = z.strictObject({ template: templateSchema.optional(), memberId: z.string().min(1).optional() });

export function createMessageTemplatesRouter(deps: { db: Db }): Router {
  const router = Router();
  const prisma = deps.db.prisma;
  router.get('/message-templates', async (_req, res) => {
    res.json({ items: await listTemplates(prisma, adminAuthOf(res.locals).shopId) });
  });
  router.get('/message-templates/:event/:language', async (req, res) => {
    const { event, language } = parseTemplateKey(String(req.params.event), String(req.params.language));
    res.json(await getTemplate(prisma, adminAuthOf(res.locals).shopId, event, language));
  });
  router.put('/message-templates/:event/:language', async (req, res) => {
    const { event, language } = parseTemplateKey(String(req.params.event), String(req.params.language));
    res.json(await saveTemplate(prisma, adminAuthOf(res.locals).shopId, event, language, templateSchema.parse(req.body)));
  });
  router.delete('/message-templates/:event/:language', async (req, res) => {
    const { event, language } = parseTemplateKey(String(req.params.event), String(req.params.language));
    res.json(await resetTemplate(prisma, adminAuthOf(res.locals).shopId, event, language));
  });
  router.post('/message-templates/:event/:language/preview', async (req, res) => {
    const { event, language } = parseTemplateKey(String(req.params.event), String(req.params.language));
    const body = previewSchema.parse(req.body ?? {});
    res.json(await previewShopTemplate(prisma, adminAuthOf(res.locals).shopId, event, language, {
      ...(body.template ? { draft: body.template } : {}),
      ...(body.memberId ? { memberId: body.memberId } : {}),
    }));
  });
  return router;
}
