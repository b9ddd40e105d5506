// refunds/create: the refund arrives without the order, so it applies to the order we recorded.
import { writeTransaction, type Db } from '../db-client';
import { enqueueMemberGroupRefresh } from '../groups/enqueue-member-group-refresh';
import { prismaSqlExecutor } from '../sql/sql-client';
import { loadEarningContext } from './load-earning-context';
import { lockOrderRow } from './order-rows';
import type { RefundSnapshot } from './order-snapshot';
import { applyRefundInTransaction, type Reversed } from './reverse-order-points';

export class OrderNotRecordedYetError extends Error {
  constructor(shopifyOrderId: string) {
    super(`order ${shopifyOrderId} is not recorded yet; the refund will be retried`);
    this.name = 'OrderNotRecordedYetError';
  }
}

export async function applyRefund(db: Db, shopId: string, shopifyOrderId: string, refund: RefundSnapshot, now: Date): Promise<Reversed> {
  return writeTransaction(
    db,
    async (tx) => {
      await lockOrderRow(prismaSqlExecutor(tx), db.kind, shopId, shopifyOrderId);
      const order = await tx.orderRecord.findUnique({ where: { shopId_shopifyOrderId: { shopId, shopifyOrderId } } });
      // Webhooks arrive in any order: the order's own webhook may still be on its way.
      if (!order) throw new OrderNotRecordedYetError(shopifyOrderId);
      if (order.cancelledAt) return { voided: 0, clawedBack: 0 };
      const context = await loadEarningContext(tx, shopId, []);
      const reversed = await applyRefundInTransaction(tx, context, order, refund, now);
      // Spend rules and tiers follow the refund within seconds (a tier itself is kept until its period ends).
      if (order.memberId) await enqueueMemberGroupRefresh(tx, shopId, [order.memberId], 'refund', now);
      return reversed;
    },
  );
}
