// The audit trail: one row per change a staff user makes. Written in the same transaction as the
// change where there is one, so a rolled-back change leaves no audit row behind.
import type { Tx } from '../db-client';

export interface StaffActionInput {
  shopId: string;
  userId: string;
  action: string;
  target?: string;
  details?: Record<string, unknown>;
  at?: Date;
}

export async function recordStaffAction(tx: Pick<Tx, 'staffAction'>, input: StaffActionInput): Promise<void> {
  await tx.staffAction.create({
    data: {
      shopId: input.shopId,
      userId: input.userId,
      action: input.action,
      target: input.target ?? '',
      details: JSON.stringify(input.details ?? {}),
      ...(input.at ? { at: input.at } : {}),
    },
  });
}
