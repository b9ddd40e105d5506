// Staff: the shop's rewards (CRUD), its redemptions (status, masked codes only), redeeming on a
// customer's behalf, and deactivating an issued card with the points optionally returned.
import { Router } from 'express';
import { z } from 'zod';
import type { RewardsList } from '../../../contracts/admin-api';
import type { Db } from '../../../core/db-client';
import { assertGroupsOfShop, listGroupOptions } from '../../../core/groups/group-options';
import { listRedemptions } from '../../../core/redemption/list-redemptions';
import { redemptionView, type CodeBox } from '../../../core/redemption/redemption-types';
import { archiveReward, createReward, listRewards, rewardInputSchema, rewardPatchSchema, updateReward } from '../../../core/redemption/reward-store';
import type { AdminGraphqlClient } from '../../../shopify-admin/admin-graphql-client';
import type { Logger } from '../../../runtime/logger';
import type { GiftCardIssueLimitCache } from '../../rewards/gift-card-issue-limit';
import { deactivateIssuedGiftCard } from '../../../core/redemption/deactivate-issued-gift-card';
import { redeemReward } from '../../../core/redemption/redemption-workflow';
import { redemptionWorkflowDeps } from '../../../runtime/redemption-workflow-deps';
import { assertCustomerVisible, memberScopeOf } from '../../../core/members/visible-members';
import { prismaSqlExecutor } from '../../../core/sql/prisma-sql-executor';
import { adminAuthOf } from '../session-token-auth';
import { staffOf } from '../staff-access';

export interface RewardsRouterDeps {
  db: Db;
  admin: AdminGraphqlClient;
  codeBox: CodeBox;
  logger: Logger;
  issueLimits: GiftCardIssueLimitCache;
  issueInline?: boolean;
}

const listQuery = z.object({
  status: z.enum(['requested', 'issuing', 'issued', 'failed', 'reversed']).optional(),
  memberId: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.string().min(1).max(100).optional(),
});
const onBehalfBody = z
  .object({
    customerId: z.union([z.string().regex(/^\d{1,20}$/), z.string().regex(/^gid:\/\/shopify\/Customer\/\d{1,20}$/)]),
    rewardId: z.string().min(1).max(100),
    idempotencyKey: z.string().min(8).max(200),
  })
  .strict();
const deactivateBody = z.object({ returnPoints: z.boolean().default(false) }).strict();

export function createRewardsRouter(deps: RewardsRouterDeps): Router {
  const workflow = redemptionWorkflowDeps({ db: deps.db, admin: deps.admin, codeBox: deps.codeBox, logger: deps.logger });
  const router = Router();
  const shopOf = async (shopId: string) => deps.db.prisma.shop.findUniqueOrThrow({ where: { id: shopId }, select: { currency: true } });

  router.get('/rewards', async (_req, res) => {
    const { shopId } = adminAuthOf(res.locals);
    const [items, groups] = await Promise.all([listRewards(deps.db, shopId), listGroupOptions(deps.db.prisma, shopId)]);
    res.json({ items, groups } satisfies RewardsList);
  });

  router.post('/rewards', async (req, res) => {
    const { shopId, shopDomain } = adminAuthOf(res.locals);
    const input = rewardInputSchema.parse(req.body);
    await assertGroupsOfShop(deps.db.prisma, shopId, input.visibleToGroups);
    const limit = input.type === 'gift_card' ? await deps.issueLimits.get(shopDomain) : null;
    res.status(201).json({ reward: await createReward(deps.db, shopId, input, (await shopOf(shopId)).currency, limit) });
  });

  router.patch('/rewards/:id', async (req, res) => {
    const { shopId, shopDomain } = adminAuthOf(res.locals);
    const patch = rewardPatchSchema.parse(req.body);
    await assertGroupsOfShop(deps.db.prisma, shopId, patch.visibleToGroups);
    const current = await deps.db.prisma.giftCardReward.findFirst({ where: { id: String(req.params.id), shopId }, select: { type: true } });
    const limit = (patch.type ?? current?.type) === 'gift_card' && (patch.valueMinor !== undefined || patch.type !== undefined) ? await deps.issueLimits.get(shopDomain) : null;
    res.json({ reward: await updateReward(deps.db, shopId, String(req.params.id), patch, (await shopOf(shopId)).currency, limit) });
  });

  router.delete('/rewards/:id', async (req, res) => {
    await archiveReward(deps.db, adminAuthOf(res.locals).shopId, String(req.params.id));
    res.status(204).end();
  });

  router.get('/redemptions', async (req, res) => {
    res.json(await listRedemptions(deps.db, adminAuthOf(res.locals).shopId, listQuery.parse(req.query)));
  });

  router.post('/redemptions', async (req, res) => {
    const { shopId, shopDomain, userId } = adminAuthOf(res.locals);
    const body = onBehalfBody.parse(req.body);
    const customerGid = body.customerId.startsWith('gid://') ? body.customerId : `gid://shopify/Customer/${body.customerId}`;
    // A user limited to locations redeems only for their locations' members (web/core/members/visible-members.ts).
    await assertCustomerVisible(prismaSqlExecutor(deps.db.prisma), shopId, customerGid, memberScopeOf(staffOf(res.locals)));
    const { redemption, created } = await redeemReward(
      { ...workflow, issueInline: deps.issueInline },
      { shopId, shopDomain, member: { customerGid }, rewardId: body.rewardId, idempotencyKey: body.idempotencyKey, requestedBy: 'staff', staffUserId: userId },
    );
    // Staff never see the code: the customer gets it by e-mail and in their account.
    res.status(created ? 201 : 200).json({ redemption: redemptionView(redemption) });
  });

  router.post('/redemptions/:id/deactivate', async (req, res) => {
    const { shopId, userId } = adminAuthOf(res.locals);
    const { returnPoints } = deactivateBody.parse(req.body ?? {});
    res.json(await deactivateIssuedGiftCard(workflow, { shopId, redemptionId: String(req.params.id), returnPoints, staffUserId: userId }));
  });

  return router;
}
