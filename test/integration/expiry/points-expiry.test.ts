// Points expiry on both databases: the warning N days before (a real e-mail through smtp-server), the
// expire entry on the day, never more than the posted balance, pending points untouched, idempotent
// under reruns and concurrent runs, and a staff reversal that sticks.
import { outboxSenderFor } from '../../../web/runtime/outbox-sender';
import { sendDueOutboxMessages } from '../../../web/server/messaging/send-outbox';
import { sendOutboxJob } from '../../../jobs/send-outbox';
import { writeTransaction } from '../../../web/core/db-client';
import { appendPostedEntry } from '../../../web/core/ledger/append-posted-entry';
import { recordPendingEarn } from '../../../web/core/ledger/record-pending-earn';
import { findBalanceMismatches } from '../../../web/core/ledger/check-balances';
import { expirePoints } from '../../../web/core/expiry/expire-points';
import { reverseExpiry } from '../../../web/core/expiry/reverse-expiry';
import { readMemberExpiry } from '../../../web/core/expiry/read-member-expiry';
import { savePointsExpirySettings } from '../../../web/core/expiry/points-expiry-settings';
import { readBalance, readBalanceOfCustomer } from '../../../web/core/redemption/customer-account';
import { createMember, createShop } from '../../fixtures/factories';
import { startLocalSmtpServer, type LocalSmtpServer } from '../messaging-transport/local-smtp-server';
import { decodeHeader, parseMime } from '../messaging-transport/parse-mime';
import { createTestApp, type TestApp } from '../../support/test-app';
import { describeEachDatabase, type TestDatabase } from '../../support/test-database';

const at = (iso: string) => new Date(iso);

async function earn(db: TestDatabase, shopId: string, memberId: string, points: number, when: Date, key: string) {
  await writeTransaction(db, (tx) => appendPostedEntry(tx, { shopId, memberId, type: 'earn', points, description: 'Visit', sourceType: 'order', sourceId: key, idempotencyKey: key }, { now: when, allowNegative: false }));
}

describeEachDatabase('points expiry', (getDb) => {
  let smtp: LocalSmtpServer;
  let app: TestApp;
  beforeAll(async () => {
    smtp = await startLocalSmtpServer();
    app = createTestApp(getDb(), { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), SMTP_FROM: 'Loyalty <loyalty@test.example>' });
  });
  afterAll(async () => {
    await sendOutboxJob.dispose?.(app.jobContext());
    await smtp.close();
  });

  it('warns N days before with the amount and date, expires on the day, leaves pending points alone, and a reversal sticks', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma, { name: 'Studio Zon', ianaTimezone: 'Europe/Amsterdam' });
    await savePointsExpirySettings(db.prisma, shop.id, { enabled: true, inactivityMonths: 3, warningDays: 14 });
    const anna = await createMember(db.prisma, shop.id, { email: 'anna@example.com' });
    await db.prisma.member.update({ where: { id: anna.id }, data: { locale: 'en', createdAt: at('2025-06-01T00:00:00Z') } });
    const piet = await createMember(db.prisma, shop.id, { email: 'piet@example.com' });
    const active = await createMember(db.prisma, shop.id);
    await db.prisma.member.updateMany({ where: { id: { in: [piet.id, active.id] } }, data: { createdAt: at('2025-06-01T00:00:00Z') } });
    // Anna's last activity: 15 January 11:00 Amsterdam (10:00 UTC): expires 15 April 11:00 CEST = 09:00 UTC.
    await earn(db, shop.id, anna.id, 70, at('2025-12-01T10:00:00Z'), 'a1');
    await earn(db, shop.id, anna.id, 50, at('2026-01-15T10:00:00Z'), 'a2');
    // Piet: 40 posted, and 30 pending since the same day (waiting for fulfilment): only the 40 expire.
    await earn(db, shop.id, piet.id, 40, at('2025-12-01T10:00:00Z'), 'p1');
    await writeTransaction(db, (tx) => recordPendingEarn(tx, { shopId: shop.id, memberId: piet.id, type: 'earn', points: 30, description: 'Product', sourceType: 'line_item', sourceId: 'p2', idempotencyKey: 'p2' }, null, at('2026-01-15T10:00:00Z')));
    await earn(db, shop.id, active.id, 80, at('2026-03-20T10:00:00Z'), 'x1');

    expect(await readMemberExpiry(db.prisma, shop.id, anna.id)).toEqual({ points: 120, expiresOn: '2026-04-15' });
    // What the widget (app proxy) and the customer account show: "120 points expire on 15 Apr 2026".
    expect((await readBalanceOfCustomer(db, shop.id, anna.shopifyCustomerId))?.expiring).toEqual({ points: 120, on: '2026-04-15T12:00:00Z' });
    expect((await readBalance(db, shop.id, { id: anna.id, balance: 120, pendingPoints: 0 })).expiring).toEqual({ points: 120, on: '2026-04-15T12:00:00Z' });
    await expirePoints(db, { now: at('2026-04-01T08:59:00Z'), shopId: shop.id });
    expect(await db.prisma.outboxMessage.count({ where: { shopId: shop.id } })).toBe(0);
    await expirePoints(db, { now: at('2026-04-01T09:00:00Z'), shopId: shop.id });
    await expirePoints(db, { now: at('2026-04-02T09:00:00Z'), shopId: shop.id });
    const warnings = await db.prisma.outboxMessage.findMany({ where: { shopId: shop.id }, orderBy: { memberId: 'asc' } });
    expect(warnings.map((w) => [w.memberId, w.event]).sort()).toEqual([[anna.id, 'points_expiring'], [piet.id, 'points_expiring']].sort());
    expect(JSON.parse(warnings.find((w) => w.memberId === anna.id)!.payload)).toEqual({ points: 120, expiry_date: '2026-04-15' });

    smtp.received.length = 0;
    await sendDueOutboxMessages(outboxSenderFor(app.runtime), { now: () => at('2026-04-02T09:05:00Z') });
    const mail = smtp.received.find((m) => m.to.includes('anna@example.com'));
    expect(mail).toBeDefined();
    expect(decodeHeader(parseMime(mail!.raw).headers.get('subject') ?? '')).toBe('120 of your points expire on April 15, 2026');

    await expirePoints(db, { now: at('2026-04-15T08:59:00Z'), shopId: shop.id });
    expect(await db.prisma.ledgerEntry.count({ where: { shopId: shop.id, type: 'expire' } })).toBe(0);
    await Promise.all([expirePoints(db, { now: at('2026-04-15T09:00:00Z'), shopId: shop.id }), expirePoints(db, { now: at('2026-04-15T09:00:00Z'), shopId: shop.id, chunkSize: 1 })]);
    await expirePoints(db, { now: at('2026-04-16T09:00:00Z'), shopId: shop.id });
    const expired = await db.prisma.ledgerEntry.findMany({ where: { shopId: shop.id, type: 'expire' } });
    expect(expired.map((e) => [e.memberId, e.points, e.status]).sort()).toEqual([[anna.id, -120, 'posted'], [piet.id, -40, 'posted']].sort());
    expect(await db.prisma.member.findUniqueOrThrow({ where: { id: piet.id } })).toMatchObject({ balance: 0, pendingPoints: 30 });
    expect(await db.prisma.member.findUniqueOrThrow({ where: { id: active.id } })).toMatchObject({ balance: 80 });
    expect(await readMemberExpiry(db.prisma, shop.id, anna.id)).toBeNull();

    const annaExpiry = expired.find((e) => e.memberId === anna.id)!;
    const reversed = await reverseExpiry(db, { shopId: shop.id, memberId: anna.id, entryId: annaExpiry.id, staffUserId: '1', now: at('2026-04-16T10:00:00Z') });
    expect(reversed).toMatchObject({ points: 120, balance: 120 });
    await expect(reverseExpiry(db, { shopId: shop.id, memberId: anna.id, entryId: annaExpiry.id, staffUserId: '1', now: at('2026-04-16T10:00:00Z') })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(reverseExpiry(db, { shopId: shop.id, memberId: active.id, entryId: annaExpiry.id, staffUserId: '1', now: at('2026-04-16T10:00:00Z') })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expirePoints(db, { now: at('2026-04-17T09:00:00Z'), shopId: shop.id });
    expect(await db.prisma.member.findUniqueOrThrow({ where: { id: anna.id } })).toMatchObject({ balance: 120 });
    expect(await db.prisma.ledgerEntry.findFirstOrThrow({ where: { shopId: shop.id, type: 'reversal' } })).toMatchObject({ reversesId: annaExpiry.id, points: 120, staffUserId: '1' });
    expect(await db.prisma.staffAction.count({ where: { shopId: shop.id, action: 'member.expiry.reverse' } })).toBe(1);
    expect((await findBalanceMismatches(db.prisma)).mismatches).toEqual([]);
  });

  it('does nothing while expiry is off (the default)', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma);
    const member = await createMember(db.prisma, shop.id);
    await earn(db, shop.id, member.id, 10, at('2020-01-01T00:00:00Z'), `old-${member.id}`);
    await expirePoints(db, { now: at('2026-01-01T00:00:00Z'), shopId: shop.id });
    expect(await db.prisma.member.findUniqueOrThrow({ where: { id: member.id } })).toMatchObject({ balance: 10 });
    expect(await readMemberExpiry(db.prisma, shop.id, member.id)).toBeNull();
    expect(await readBalanceOfCustomer(db, shop.id, member.shopifyCustomerId)).not.toHaveProperty('expiring');
  });

  it('refuses settings out of range and keeps the stored ones', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma);
    await savePointsExpirySettings(db.prisma, shop.id, { enabled: true, inactivityMonths: 6, warningDays: 10 });
    await expect(savePointsExpirySettings(db.prisma, shop.id, { inactivityMonths: 0 })).rejects.toThrow();
    expect(await db.prisma.pointsExpirySettings.findUniqueOrThrow({ where: { shopId: shop.id } })).toMatchObject({ enabled: true, inactivityMonths: 6, warningDays: 10 });
  });
});
