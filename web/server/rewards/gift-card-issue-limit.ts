// The shop's gift card issue limit, read from Shopify once and cached per shop (it changes rarely,
// and only when the merchant edits it in the admin).
import { AppError } from '../../core/errors/app-error';
import type { Db } from '../../core/db-client';
import { parseMoneyToMinor } from '../../core/money';
import type { IssueLimit } from '../../core/redemption/reward-store';
import type { AdminGraphqlClient } from '../../shopify-admin/admin-graphql-client';
import { fetchGiftCardIssueLimit } from '../../shopify-admin/gift-card-configuration';
import { loadOfflineSession } from '../auth/offline-session-store';

const TTL_MS = 15 * 60_000;

export class GiftCardIssueLimitCache {
  private readonly cache = new Map<string, { limit: IssueLimit; fetchedAt: number }>();

  constructor(private readonly deps: { db: Db; admin: AdminGraphqlClient; now?: () => number }) {}

  async get(shopDomain: string): Promise<IssueLimit> {
    const now = this.deps.now?.() ?? Date.now();
    const hit = this.cache.get(shopDomain);
    if (hit && now - hit.fetchedAt < TTL_MS) return hit.limit;
    const session = await loadOfflineSession(this.deps.db.prisma, shopDomain);
    if (!session) throw new AppError('UPSTREAM', 'The shop is not connected to Shopify.');
    let raw: { amount: string; currencyCode: string };
    try {
      raw = await fetchGiftCardIssueLimit(this.deps.admin, shopDomain, session.accessToken);
    } catch {
      throw new AppError('UPSTREAM', "Could not read the shop's gift card issue limit from Shopify. Please try again.");
    }
    const limit = { amountMinor: parseMoneyToMinor(raw.amount, raw.currencyCode), currency: raw.currencyCode };
    this.cache.set(shopDomain, { limit, fetchedAt: now });
    return limit;
  }
}
