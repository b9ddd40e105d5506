// GET /proxy/balance (storefront: /apps/loyalty/balance), answered before Express (see
// before-express.ts): the widget asks for it on every page view of a signed-in customer. Same
// signature check, answer and error shapes as the Express routes of customer-proxy-route.ts.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError } from '../../../core/errors/app-error';
import type { Db } from '../../../core/db-client';
import type { BalanceView } from '../../../contracts/storefront-api';
import { readMemberStatusOfCustomer } from '../../../core/groups/read-member-tier';
import { readBalanceOfCustomer } from '../../../core/redemption/customer-account';
import type { Logger } from '../../../runtime/logger';
import { pathOf, type EarlyHandler } from '../before-express';
import { answerForError } from '../error-handler';
import { sendNoStoreJson } from '../send-json';
import { createAppProxyAuthenticator, rawQueryParams, requireCustomer } from '../verify-app-proxy';

export const STOREFRONT_BALANCE_PATH = '/proxy/balance';

export function createStorefrontBalanceHandler(deps: { db: Db; apiSecret: string; logger: Logger }): EarlyHandler {
  const authenticate = createAppProxyAuthenticator({ db: deps.db, apiSecret: deps.apiSecret });
  const answer = async (req: IncomingMessage, res: ServerResponse) => {
    try {
      const auth = await authenticate(rawQueryParams(req));
      const customer = requireCustomer(auth);
      const [balance, status] = await Promise.all([
        readBalanceOfCustomer(deps.db, auth.shopId, customer),
        readMemberStatusOfCustomer(deps.db, auth.shopId, customer, new Date()),
      ]);
      // Also what a customer id of another shop gets: this shop has no such member.
      if (!balance) throw new AppError('NOT_FOUND', 'No loyalty account was found for this customer.');
      sendNoStoreJson(res, 200, { ...balance, tier: status?.tier ?? null, birthday: status?.birthday ?? null } satisfies BalanceView);
    } catch (error) {
      const { status, body } = answerForError(error, deps.logger, { method: req.method, path: STOREFRONT_BALANCE_PATH });
      if (!res.headersSent) sendNoStoreJson(res, status, body);
    }
  };
  return (req, res) => {
    if (req.method !== 'GET' || pathOf(req) !== STOREFRONT_BALANCE_PATH) return false;
    void answer(req, res);
    return true;
  };
}
