// The customer's side of the programme, reached through the Shopify app proxy (/apps/loyalty/* on
// the storefront). Thin: zod -> domain -> JSON. Every route is scoped to the signed shop, and the
// private ones to the signed-in customer.
import express, { type Express } from 'express';
import { z } from 'zod';
import type { RedeemAnswer, RewardsView } from '../../../contracts/storefront-api';
import { AppError } from '../../../core/errors/app-error';
import { customerBirthdaySchema, setCustomerBirthday } from '../../../core/members/set-customer-birthday';
import type { Db } from '../../../core/db-client';
import {
  findMemberByCustomer,
  getMemberRedemption,
  listMemberRedemptions,
  readHistory,
  revealGiftCardCode,
  rewardsForCustomer,
  type MemberRef,
} from '../../../core/redemption/customer-account';
import { redemptionView, type CodeBox, type RedemptionRow } from '../../../core/redemption/redemption-types';
import type { AdminGraphqlClient } from '../../../shopify-admin/admin-graphql-client';
import type { Logger } from '../../../runtime/logger';
import { redeemReward } from '../../../core/redemption/redemption-workflow';
import { redemptionWorkflowDeps } from '../../../runtime/redemption-workflow-deps';
import { sendNoStoreJson } from '../send-json';
import { appProxyAuthOf, requireCustomer, verifyAppProxy, type AppProxyAuth } from '../verify-app-proxy';
import { refuseNulBytes } from '../refuse-nul-bytes';

export interface CustomerProxyDeps {
  db: Db;
  admin: AdminGraphqlClient;
  codeBox: CodeBox;
  logger: Logger;
  apiSecret: string;
  bodyLimit: string;
  issueInline?: boolean;
}

const historyQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20), before: z.string().min(1).max(100).optional() });
const redeemBody = z.object({ rewardId: z.string().min(1).max(100), idempotencyKey: z.string().min(8).max(200).optional() });

/**
 * The customer routes, each behind the app-proxy signature check, as routes of `app` under `prefix`
 * (not a nested router: one level of routing for the storefront's busiest requests).
 */
export function mountCustomerProxyRoutes(app: Express, prefix: string, deps: CustomerProxyDeps): void {
  const workflow = redemptionWorkflowDeps({ db: deps.db, admin: deps.admin, codeBox: deps.codeBox, logger: deps.logger });
  const verified = verifyAppProxy({ db: deps.db, apiSecret: deps.apiSecret });
  const router = {
    get: (path: string, handler: express.RequestHandler) => app.get(`${prefix}${path}`, verified, handler),
    post: (path: string, ...handlers: express.RequestHandler[]) => app.post(`${prefix}${path}`, verified, ...handlers),
  };

  const memberOf = async (auth: AppProxyAuth): Promise<MemberRef> => {
    const member = await findMemberByCustomer(deps.db, auth.shopId, requireCustomer(auth));
    // Also what a customer id of another shop gets: this shop has no such member.
    if (!member) throw new AppError('NOT_FOUND', 'No loyalty account was found for this customer.');
    return member;
  };

  router.get('/history', async (req, res) => {
    const auth = appProxyAuthOf(res.locals);
    const member = await memberOf(auth);
    const query = historyQuery.parse(req.query);
    sendNoStoreJson(res, 200, await readHistory(deps.db, auth.shopId, member.id, query));
  });

  router.get('/rewards', async (_req, res) => {
    const auth = appProxyAuthOf(res.locals);
    const member = auth.customerGid ? await findMemberByCustomer(deps.db, auth.shopId, auth.customerGid) : null;
    sendNoStoreJson(res, 200, { balance: member?.balance ?? 0, rewards: await rewardsForCustomer(deps.db, auth.shopId, member) } satisfies RewardsView);
  });

  // The customer's birthday, entered once with their consent (set-customer-birthday.ts).
  router.post('/birthday', express.json({ limit: deps.bodyLimit }), refuseNulBytes, async (req, res) => {
    const auth = appProxyAuthOf(res.locals);
    const body = customerBirthdaySchema.parse(req.body ?? {});
    sendNoStoreJson(res, 200, await setCustomerBirthday(deps.db, auth.shopId, requireCustomer(auth), body, new Date()));
  });

  router.get('/redemptions', async (_req, res) => {
    const auth = appProxyAuthOf(res.locals);
    const member = await memberOf(auth);
    sendNoStoreJson(res, 200, { items: await listMemberRedemptions(deps.db, auth.shopId, member.id) });
  });

  // Pollable status of one redemption; the code only once issued, and only to its own customer.
  router.get('/redemptions/:id', async (req, res) => {
    const auth = appProxyAuthOf(res.locals);
    const member = await memberOf(auth);
    const row = await getMemberRedemption(deps.db, auth.shopId, member.id, String(req.params.id));
    sendNoStoreJson(res, 200, withOwnCode(row));
  });

  router.get('/redemptions/:id/code', async (req, res) => {
    const auth = appProxyAuthOf(res.locals);
    const member = await memberOf(auth);
    sendNoStoreJson(res, 200, { code: await revealGiftCardCode(deps.db, deps.codeBox, auth.shopId, member.id, String(req.params.id)) });
  });

  const withOwnCode = (row: RedemptionRow): RedeemAnswer => {
    const view = redemptionView(row);
    const code = row.status === 'issued' && row.rewardType === 'gift_card' && row.codeEncrypted ? deps.codeBox.decrypt(row.codeEncrypted) : null;
    return { redemption: view, code, pending: row.status === 'requested' || row.status === 'issuing' };
  };

  router.post('/redeem', express.json({ limit: deps.bodyLimit }), refuseNulBytes, async (req, res) => {
    const auth = appProxyAuthOf(res.locals);
    const customerGid = requireCustomer(auth);
    const body = redeemBody.parse(req.body ?? {});
    const idempotencyKey = req.get('idempotency-key') ?? body.idempotencyKey;
    if (!idempotencyKey) throw new AppError('VALIDATION', 'An idempotency key is required (Idempotency-Key header or idempotencyKey field).');
    const { redemption, created } = await redeemReward(
      { ...workflow, issueInline: deps.issueInline },
      { shopId: auth.shopId, shopDomain: auth.shopDomain, member: { customerGid }, rewardId: body.rewardId, idempotencyKey, requestedBy: 'customer' },
    );
    const answer = withOwnCode(redemption);
    sendNoStoreJson(res, answer.pending ? 202 : created ? 201 : 200, answer);
  });
}
