// /ext/customer/* — the API of our checkout and customer-account UI extensions. Same domain as the
// app proxy (web/core/redemption/customer-account.ts, redeemReward), authenticated by the
// extension's session token instead of the proxy signature. Extensions run in a sandboxed worker
// whose origin is not the shop, so these answers carry `Access-Control-Allow-Origin: *` (they are
// authorised by the bearer token, never by cookies).
import express, { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { CustomerSummary, HistoryPage, OrderPointsView, RedeemAnswer } from '../../../contracts/storefront-api';
import { AppError } from '../../../core/errors/app-error';
import { readMemberStatusOfCustomer } from '../../../core/groups/read-member-tier';
import { customerBirthdaySchema, setCustomerBirthday } from '../../../core/members/set-customer-birthday';
import type { Db } from '../../../core/db-client';
import { readOrderPoints } from '../../../core/ledger/read-order-points';
import { readPublicProgram } from '../../../core/programme/read-public-program';
import {
  findMemberByCustomer,
  getMemberRedemption,
  listMemberRedemptions,
  readBalance,
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
import { customerTokenAuthOf, requireSignedInCustomer, verifyCustomerSessionToken, type CustomerTokenAuth } from './verify-customer-session-token';
import { refuseNulBytes } from '../refuse-nul-bytes';

export interface CustomerExtensionDeps {
  db: Db;
  admin: AdminGraphqlClient;
  codeBox: CodeBox;
  logger: Logger;
  apiKey: string;
  apiSecret: string;
  bodyLimit: string;
  now?: () => number;
}

const historyQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20), before: z.string().min(1).max(100).optional() });
const redeemBody = z.object({ rewardId: z.string().min(1).max(100), idempotencyKey: z.string().min(8).max(200) }).strict();
const orderParam = z.string().regex(/^(gid:\/\/shopify\/Order\/)?\d{1,20}$/, 'must be an order id');

export const allowExtensionOrigins: RequestHandler = (req, res, next) => {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, Idempotency-Key');
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
  res.setHeader('Access-Control-Max-Age', '600');
  if (req.method === 'OPTIONS') {
    res.status(204).end();
    return;
  }
  next();
};

export function createCustomerExtensionRouter(deps: CustomerExtensionDeps): Router {
  const workflow = redemptionWorkflowDeps({ db: deps.db, admin: deps.admin, codeBox: deps.codeBox, logger: deps.logger });
  const router = Router();
  router.use(allowExtensionOrigins);
  router.use(verifyCustomerSessionToken({ db: deps.db, apiKey: deps.apiKey, apiSecret: deps.apiSecret, now: deps.now }));

  /** The code only once issued, and only to the customer who owns it (the caller checked). */
  const answerOf = (row: RedemptionRow): RedeemAnswer => {
    const issued = row.status === 'issued' && row.rewardType === 'gift_card' && row.codeEncrypted;
    return { redemption: redemptionView(row), code: issued ? deps.codeBox.decrypt(row.codeEncrypted!) : null, pending: row.status === 'requested' || row.status === 'issuing' };
  };

  const memberOf = async (auth: CustomerTokenAuth): Promise<MemberRef> => {
    const member = await findMemberByCustomer(deps.db, auth.shopId, requireSignedInCustomer(auth));
    if (!member) throw new AppError('NOT_FOUND', 'No loyalty account was found for this customer.');
    return member;
  };
  /** A signed-in customer who has not earned yet simply has nothing: balance 0, no history. */
  const optionalMemberOf = async (auth: CustomerTokenAuth): Promise<MemberRef | null> =>
    findMemberByCustomer(deps.db, auth.shopId, requireSignedInCustomer(auth));

  // Everything a surface needs to draw itself, in one round trip (checkout budgets are tight).
  router.get('/summary', async (_req, res) => {
    const auth = customerTokenAuthOf(res.locals);
    const program = await readPublicProgram(deps.db.prisma, auth.shopId, auth.shopCurrency);
    if (!auth.customerGid) {
      res.json({ signedIn: false, program, balance: null, rewards: [], redemptions: [] } satisfies CustomerSummary);
      return;
    }
    const member = await optionalMemberOf(auth);
    const status = member ? await readMemberStatusOfCustomer(deps.db, auth.shopId, auth.customerGid, new Date()) : null;
    const balance = await readBalance(deps.db, auth.shopId, member);
    res.json({
      signedIn: true,
      program,
      balance: member ? { ...balance, tier: status?.tier ?? null, birthday: status?.birthday ?? null } : balance,
      rewards: await rewardsForCustomer(deps.db, auth.shopId, member),
      redemptions: member ? await listMemberRedemptions(deps.db, auth.shopId, member.id, 20) : [],
    } satisfies CustomerSummary);
  });

  // The customer's birthday, entered once with their consent (set-customer-birthday.ts).
  router.post('/birthday', express.json({ limit: deps.bodyLimit }), refuseNulBytes, async (req, res) => {
    const auth = customerTokenAuthOf(res.locals);
    const body = customerBirthdaySchema.parse(req.body ?? {});
    res.json(await setCustomerBirthday(deps.db, auth.shopId, requireSignedInCustomer(auth), body, new Date()));
  });

  router.get('/history', async (req, res) => {
    const auth = customerTokenAuthOf(res.locals);
    const member = await optionalMemberOf(auth);
    const query = historyQuery.parse(req.query);
    res.json(member ? await readHistory(deps.db, auth.shopId, member.id, query) : ({ items: [], nextCursor: null } satisfies HistoryPage));
  });

  // Pollable status of one redemption (202 from /redeem while Shopify creates the card).
  router.get('/redemptions/:id', async (req, res) => {
    const auth = customerTokenAuthOf(res.locals);
    const member = await memberOf(auth);
    res.json(answerOf(await getMemberRedemption(deps.db, auth.shopId, member.id, String(req.params.id))));
  });

  router.get('/redemptions/:id/code', async (req, res) => {
    const auth = customerTokenAuthOf(res.locals);
    const member = await memberOf(auth);
    res.json({ code: await revealGiftCardCode(deps.db, deps.codeBox, auth.shopId, member.id, String(req.params.id)) });
  });

  router.post('/redeem', express.json({ limit: deps.bodyLimit }), refuseNulBytes, async (req, res) => {
    const auth = customerTokenAuthOf(res.locals);
    const body = redeemBody.parse(req.body ?? {});
    const { redemption, created } = await redeemReward(
      workflow,
      { shopId: auth.shopId, shopDomain: auth.shopDomain, member: { customerGid: requireSignedInCustomer(auth) }, rewardId: body.rewardId, idempotencyKey: body.idempotencyKey, requestedBy: 'customer' },
    );
    const answer = answerOf(redemption);
    res.status(answer.pending ? 202 : created ? 201 : 200).json(answer);
  });

  router.get('/orders/:orderId/points', async (req, res) => {
    const auth = customerTokenAuthOf(res.locals);
    const raw = orderParam.parse(String(req.params.orderId));
    const orderGid = raw.startsWith('gid://') ? raw : `gid://shopify/Order/${raw}`;
    const member = await optionalMemberOf(auth);
    // Scoped to the signed-in member: another customer's order reads as "no points", never its data.
    res.json(member ? await readOrderPoints(deps.db.prisma, auth.shopId, member.id, orderGid) : ({ orderId: orderGid, points: 0, status: 'none', availableAt: null, postedAt: null } satisfies OrderPointsView));
  });

  return router;
}
