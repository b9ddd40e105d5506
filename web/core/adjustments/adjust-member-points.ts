// A staff user adds or subtracts points by hand, with a description the customer sees. One transaction:
// the posted ledger entry (balance moved under the ledger's conditional update), the customer's
// notification in the outbox, and the audit row. The caller's idempotency key makes a retried
// request return the first result instead of adjusting twice.
import { writeTransaction, type Db, type Tx } from '../db-client';
import { AppError } from '../errors/app-error';
import { appendPostedEntry } from '../ledger/append-posted-entry';
import { enqueueOutboxMessage } from '../messaging/outbox-queue';
import type { AdjustmentResult } from '../../contracts/admin-api';
import { toEntryView, toMemberView } from '../members/member-views';
import { adjustmentLocation, assertMemberVisible, memberScopeOf } from '../members/visible-members';
import { asSqlExecutor } from '../sql/sql-client';
import { recordStaffAction } from '../staff/record-staff-action';
import { assertMayAdjust, type StaffIdentity } from '../staff/staff-roles';

export interface AdjustmentInput {
  shopId: string;
  memberId: string;
  points: number;
  description: string;
  idempotencyKey: string;
  staff: StaffIdentity;
  now?: Date;
}

export const adjustmentKey = (idempotencyKey: string) => `adjust:${idempotencyKey}`;

export async function allowsNegativeBalance(tx: Pick<Tx, 'programSettings'>, shopId: string): Promise<boolean> {
  const settings = await tx.programSettings.findUnique({ where: { shopId }, select: { allowNegativeBalance: true } });
  return settings?.allowNegativeBalance ?? false;
}

/** The entry, its outbox message; shared by single and bulk adjustments. Returns the entry id and whether it is new. */
export async function postAdjustment(
  tx: Tx,
  input: { shopId: string; memberId: string; points: number; description: string; key: string; staffUserId: string; now: Date; allowNegative: boolean; locationId?: string | null },
): Promise<{ id: string; created: boolean }> {
  const ref = await appendPostedEntry(
    tx,
    {
      shopId: input.shopId, memberId: input.memberId, type: 'adjust', points: input.points, description: input.description,
      sourceType: 'staff', sourceId: input.staffUserId, staffUserId: input.staffUserId, idempotencyKey: input.key, locationId: input.locationId ?? null,
    },
    { now: input.now, allowNegative: input.allowNegative },
  );
  if (ref.created) {
    await enqueueOutboxMessage(tx, {
      shopId: input.shopId, memberId: input.memberId, event: 'balance_adjusted',
      payload: { points: input.points, description: input.description, entryId: ref.id },
      idempotencyKey: `adjusted:${ref.id}`, now: input.now,
    });
  }
  return ref;
}

export async function adjustMemberPoints(db: Db, input: AdjustmentInput): Promise<AdjustmentResult> {
  const { shopId, memberId, points, description, staff } = input;
  const now = input.now ?? new Date();
  if (!Number.isInteger(points) || points === 0) throw new AppError('VALIDATION', 'points must be a whole number other than zero.');
  assertMayAdjust(staff, points);
  const key = adjustmentKey(input.idempotencyKey);
  return writeTransaction(db, async (tx) => {
    // A user limited to locations adjusts only members of those locations; the entry is recorded at one of them.
    const scope = memberScopeOf(staff);
    await assertMemberVisible(asSqlExecutor(tx), shopId, memberId, scope);
    const previous = await tx.ledgerEntry.findUnique({ where: { shopId_idempotencyKey: { shopId, idempotencyKey: key } } });
    let entryId: string;
    let created = false;
    if (previous) {
      entryId = previous.id;
    } else {
      const locationId = await adjustmentLocation(asSqlExecutor(tx), shopId, memberId, scope);
      const ref = await postAdjustment(tx, { shopId, memberId, points, description, key, staffUserId: staff.userId, now, allowNegative: await allowsNegativeBalance(tx, shopId), locationId });
      entryId = ref.id;
      created = ref.created;
      if (created) {
        await recordStaffAction(tx, { shopId, userId: staff.userId, action: 'member.adjust', target: memberId, details: { entryId, points, description }, at: now });
      }
    }
    const entry = await tx.ledgerEntry.findUniqueOrThrow({ where: { id: entryId } });
    if (entry.memberId !== memberId || entry.points !== points || entry.description !== description) {
      throw new AppError('CONFLICT', 'This idempotency key was already used for a different adjustment.');
    }
    const [row, shop] = await Promise.all([
      tx.member.findUniqueOrThrow({ where: { id: memberId } }),
      tx.shop.findUniqueOrThrow({ where: { id: shopId }, select: { currency: true } }),
    ]);
    return { entry: toEntryView(entry), member: toMemberView(row, shop.currency), created };
  });
}
