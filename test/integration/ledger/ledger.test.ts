import { appendPostedEntry } from '../../../web/core/ledger/append-posted-entry';
import { findBalanceMismatches } from '../../../web/core/ledger/check-balances';
import { postDueCredits } from '../../../web/core/ledger/post-due-credits';
import { recordPendingEarn } from '../../../web/core/ledger/record-pending-earn';
import { voidPendingEntry } from '../../../web/core/ledger/void-pending-entry';
import { createMember, createShop } from '../../fixtures/factories';
import { describeEachDatabase } from '../../support/test-database';

describeEachDatabase('ledger', (getDb) => {
  const now = new Date('2026-11-25T12:00:00Z');
  const earn = (shopId: string, memberId: string, key: string, points: number) => ({
    shopId, memberId, type: 'earn' as const, points, description: 'Haircut', sourceType: 'line_item' as const, sourceId: key, idempotencyKey: key,
  });

  it('records a pending earn once per idempotency key, even when delivered twenty times at once', async () => {
    const { prisma } = getDb();
    const shop = await createShop(prisma);
    const member = await createMember(prisma, shop.id);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => prisma.$transaction((tx) => recordPendingEarn(tx, earn(shop.id, member.id, 'earn:line:1', 25), new Date('2030-01-01T00:00:00Z'), now))),
    );
    // Racing transactions may lose on the unique index; none may create a second entry.
    expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
    expect(await prisma.ledgerEntry.count({ where: { memberId: member.id } })).toBe(1);
    expect((await prisma.member.findUniqueOrThrow({ where: { id: member.id } })).pendingPoints).toBe(25);
  });

  it('posts due credits only when their time has come, with balance and outbox row in the same batch', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma);
    const member = await createMember(db.prisma, shop.id);
    const due = new Date('2026-11-26T17:00:00Z');
    await db.prisma.$transaction((tx) => recordPendingEarn(tx, earn(shop.id, member.id, 'earn:line:due', 40), due, now));
    expect((await postDueCredits(db, { now: new Date(due.getTime() - 60_000) })).posted).toBe(0);
    const result = await postDueCredits(db, { now: due });
    expect(result.posted).toBeGreaterThanOrEqual(1);
    const after = await db.prisma.member.findUniqueOrThrow({ where: { id: member.id } });
    expect(after).toMatchObject({ balance: 40, pendingPoints: 0 });
    const outbox = await db.prisma.outboxMessage.findMany({ where: { memberId: member.id } });
    expect(outbox).toHaveLength(1);
    expect(JSON.parse(outbox[0]!.payload)).toMatchObject({ points: 40, description: 'Haircut' });
    expect((await postDueCredits(db, { now: due })).posted).toBe(0);
  });

  it('voids a pending entry once and never a posted one', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma);
    const member = await createMember(db.prisma, shop.id);
    const ref = await db.prisma.$transaction((tx) => recordPendingEarn(tx, earn(shop.id, member.id, 'earn:line:v', 10), now, now));
    expect(await db.prisma.$transaction((tx) => voidPendingEntry(tx, shop.id, ref.id, now))).toBe(10);
    expect(await db.prisma.$transaction((tx) => voidPendingEntry(tx, shop.id, ref.id, now))).toBe(0);
    expect((await db.prisma.member.findUniqueOrThrow({ where: { id: member.id } })).pendingPoints).toBe(0);
  });

  it('refuses a debit that would take the balance below zero and changes nothing', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma);
    const member = await createMember(db.prisma, shop.id);
    await db.prisma.$transaction((tx) => appendPostedEntry(tx, { ...earn(shop.id, member.id, 'adjust:1', 30), type: 'adjust', sourceType: 'staff' }, { now, allowNegative: false }));
    await expect(
      db.prisma.$transaction((tx) => appendPostedEntry(tx, { ...earn(shop.id, member.id, 'adjust:2', -31), type: 'adjust', sourceType: 'staff' }, { now, allowNegative: false })),
    ).rejects.toMatchObject({ code: 'INSUFFICIENT_POINTS' });
    expect((await db.prisma.member.findUniqueOrThrow({ where: { id: member.id } })).balance).toBe(30);
    expect(await db.prisma.ledgerEntry.count({ where: { memberId: member.id } })).toBe(1);
    const check = await findBalanceMismatches(db.prisma);
    expect(check.mismatches).toEqual([]);
  });
});
