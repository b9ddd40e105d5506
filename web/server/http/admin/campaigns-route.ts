// Automated campaigns: list with statistics, create, change (on/off), delete, and preview who qualifies.
import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../../core/db-client';
import type { CampaignList } from '../../../contracts/campaigns-api';
import { campaignStats, createCampaign, deleteCampaign, findCampaign, listCampaignAudiences, listCampaigns, toCampaignView, updateCampaign } from '../../../core/campaigns/campaign-store';
import { previewCampaign } from '../../../core/campaigns/preview-campaign';
import { adminAuthOf } from '../session-token-auth';

const previewSchema = z.strictObject({ campaignId: z.string().min(1).max(100).optional(), campaign: z.record(z.string(), z.unknown()) });

export function createCampaignsRouter(deps: { db: Db }): Router {
  const router = Router();
  const prisma = deps.db.prisma;

  async function viewOf(shopId: string, id: string) {
    const [row, shop] = await Promise.all([findCampaign(prisma, shopId, id), prisma.shop.findUnique({ where: { id: shopId }, select: { currency: true } })]);
    const stats = (await campaignStats(deps.db, shopId, [id])).get(id)!;
    return toCampaignView(row, { ...stats, currency: shop?.currency ?? 'USD' });
  }

  router.get('/campaigns', async (_req, res) => {
    const shopId = adminAuthOf(res.locals).shopId;
    const [items, audiences] = await Promise.all([listCampaigns(deps.db, shopId), listCampaignAudiences(prisma, shopId)]);
    res.json({ items, audiences } satisfies CampaignList);
  });
  router.post('/campaigns', async (req, res) => {
    const shopId = adminAuthOf(res.locals).shopId;
    const created = await createCampaign(prisma, shopId, req.body, new Date());
    res.status(201).json(await viewOf(shopId, created.id));
  });
  router.patch('/campaigns/:id', async (req, res) => {
    const shopId = adminAuthOf(res.locals).shopId;
    const updated = await updateCampaign(prisma, shopId, String(req.params.id), req.body, new Date());
    res.json(await viewOf(shopId, updated.id));
  });
  router.delete('/campaigns/:id', async (req, res) => {
    await deleteCampaign(prisma, adminAuthOf(res.locals).shopId, String(req.params.id));
    res.status(204).end();
  });
  router.post('/campaigns/preview', async (req, res) => {
    const shopId = adminAuthOf(res.locals).shopId;
    const input = previewSchema.parse(req.body);
    const saved = input.campaignId ? await findCampaign(prisma, shopId, input.campaignId) : null;
    res.json(await previewCampaign(deps.db, shopId, input.campaign, { now: new Date(), ...(saved ? { campaignId: saved.id, activeSince: saved.activeSince } : {}) }));
  });
  return router;
}
