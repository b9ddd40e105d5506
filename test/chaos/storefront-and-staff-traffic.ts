// The people in the chaos run: customers redeeming points for rewards through the app proxy, and staff
// adjusting balances through the admin API. Each request carries an idempotency key and is retried with
// the same key (on any web process) until the app gives a final answer, as a careful client does; a
// request still without one when the load window closes is asked again once the app is calm.
import { randomUUID } from 'node:crypto';
import type { AppClients, HttpAnswer } from './app-clients';

export interface RedemptionRequest {
  key: string;
  customerId: number;
  rewardId: string;
  /** the final answer: the redemption (201/200/202), a refusal (409), or none yet */
  outcome: { status: number; redemptionId: string | null } | null;
  attempts: number;
}

export interface AdjustmentRequest {
  key: string;
  memberId: string;
  points: number;
  outcome: { status: number } | null;
  attempts: number;
}

const FINAL = (status: number) => (status >= 200 && status < 300) || (status >= 400 && status < 500 && status !== 408 && status !== 429);

export class StorefrontAndStaffTraffic {
  readonly redemptions: RedemptionRequest[] = [];
  readonly adjustments: AdjustmentRequest[] = [];
  readonly exports = { ok: 0, failed: 0 };

  constructor(private readonly clients: AppClients) {}

  async redeem(request: RedemptionRequest, until: number): Promise<void> {
    if (!this.redemptions.includes(request)) this.redemptions.push(request);
    const answer = await this.untilFinal(until, () => {
      request.attempts += 1;
      // The inline issue may wait on Shopify's retries (a held request is 10 s per try).
      return this.clients.proxy('POST', '/redeem', request.customerId, { body: { rewardId: request.rewardId }, headers: { 'Idempotency-Key': request.key }, timeoutMs: 90_000 });
    });
    if (answer) {
      const body = answer.body as { redemption?: { id?: string } };
      request.outcome = { status: answer.status, redemptionId: body.redemption?.id ?? null };
    }
  }

  async adjust(request: AdjustmentRequest, until: number): Promise<void> {
    if (!this.adjustments.includes(request)) this.adjustments.push(request);
    const answer = await this.untilFinal(until, () => {
      request.attempts += 1;
      return this.clients.admin('POST', `/members/${request.memberId}/adjustments`, { points: request.points, description: 'Chaos goodwill', idempotencyKey: request.key });
    });
    if (answer) request.outcome = { status: answer.status };
  }

  /** A manager downloads the points report; only how it ended is counted (the process must survive it). */
  async exportReport(): Promise<void> {
    try {
      const answer = await this.clients.admin('GET', '/report/export?format=csv', undefined, 30_000);
      this.exports[answer.status === 200 ? 'ok' : 'failed'] += 1;
    } catch {
      this.exports.failed += 1;
    }
  }

  newRedemption(customerId: number, rewardId: string): RedemptionRequest {
    return { key: `chaos-redeem-${randomUUID()}`, customerId, rewardId, outcome: null, attempts: 0 };
  }

  newAdjustment(memberId: string, points: number): AdjustmentRequest {
    return { key: `chaos-adjust-${randomUUID()}`, memberId, points, outcome: null, attempts: 0 };
  }

  /** Requests that got no final answer in the load window, asked again with their own keys. */
  async retryUnanswered(until: number): Promise<void> {
    await Promise.all([
      ...this.redemptions.filter((r) => !r.outcome).map((r) => this.redeem(r, until)),
      ...this.adjustments.filter((a) => !a.outcome).map((a) => this.adjust(a, until)),
    ]);
  }

  private async untilFinal(until: number, call: () => Promise<HttpAnswer>): Promise<HttpAnswer | null> {
    for (let attempt = 0; Date.now() < until; attempt += 1) {
      try {
        const answer = await call();
        if (FINAL(answer.status)) return answer;
      } catch {
        // connection refused or reset (a killed web process), or our own timeout: same key again
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(3000, 300 * 2 ** attempt)));
    }
    return null;
  }
}
