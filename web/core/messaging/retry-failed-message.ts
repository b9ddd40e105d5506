// Staff send a failed message again (after fixing the address or the SMTP settings): back to `pending`,
// due now, with fresh attempts. Only failed messages: a sent one would be sent twice, a skipped one was
// held back on purpose (no consent) and must stay so.
import type { Db } from '../db-client';
import { AppError, notFound } from '../errors/app-error';
import { recordStaffAction } from '../staff/record-staff-action';
import { writeTransaction } from '../db-client';

export async function retryFailedMessage(db: Db, shopId: string, userId: string, outboxId: string, now: Date): Promise<{ id: string; status: string }> {
  return writeTransaction(db, async (tx) => {
    const row = await tx.outboxMessage.findFirst({ where: { id: outboxId, shopId }, select: { id: true, status: true, lastError: true } });
    if (!row) throw notFound('The message');
    const { count } = await tx.outboxMessage.updateMany({
      where: { id: outboxId, shopId, status: 'failed' },
      data: { status: 'pending', runAt: now, attempts: 0, lockedUntil: null },
    });
    if (count === 0) throw new AppError('CONFLICT', `Only a failed message can be retried; this one is ${row.status}.`, { status: row.status });
    await recordStaffAction(tx, { shopId, userId, action: 'message.retry', target: outboxId, details: { previousError: row.lastError }, at: now });
    return { id: outboxId, status: 'pending' };
  });
}
