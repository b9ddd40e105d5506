// Two real job processes posting the same due credits: every credit is posted exactly once.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { findBalanceMismatches } from '../../../web/core/ledger/check-balances';
import { createShop } from '../../fixtures/factories';
import { orderPayload } from '../../fixtures/order-payloads';
import { queueDeliveries } from '../../fixtures/queue-order-deliveries';
import { seedDueCredits } from '../../fixtures/seed-due-credits';
import { describeEachDatabase } from '../../support/test-database';

const root = path.resolve(__dirname, '../../..');

function runJobOnce(databaseUrl: string, job: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['jobs/main.ts', 'once', job], {
      cwd: root,
      env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', CREDIT_BATCH_SIZE: '500', TASK_BATCH_SIZE: '200' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describeEachDatabase('two job processes', (getDb) => {
  it('post every due credit exactly once, with one outbox message each', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma);
    const total = await seedDueCredits(db, { shopId: shop.id, members: 200, creditsPerMember: 30, availableAt: new Date('2026-01-01T00:00:00Z'), runId: 'two' });
    const [a, b] = await Promise.all([runJobOnce(db.url, 'post-due-credits'), runJobOnce(db.url, 'post-due-credits')]);
    expect([a.code, b.code, a.stderr + b.stderr]).toEqual([0, 0, '']);
    const postedByEach = [a, b].map((run) => JSON.parse(run.stdout.trim().split('\n').pop()!).posted as number);
    expect(postedByEach[0]! + postedByEach[1]!).toBe(total);
    expect(await db.prisma.ledgerEntry.count({ where: { shopId: shop.id, status: 'posted' } })).toBe(total);
    expect(await db.prisma.outboxMessage.count({ where: { shopId: shop.id, event: 'points_credited' } })).toBe(total);
    const members = await db.prisma.member.findMany({ where: { shopId: shop.id }, select: { balance: true, pendingPoints: true } });
    expect(new Set(members.map((m) => `${m.balance}/${m.pendingPoints}`))).toEqual(new Set(['300/0']));
    expect((await findBalanceMismatches(db.prisma)).mismatches).toEqual([]);
  });

  it('apply each of 10,000 queued orders exactly once, members shared between them', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma);
    // 2,000 customers with 5 orders each, so both processes' batches keep meeting the same members.
    const orders = Array.from({ length: 10_000 }, (_, i) => orderPayload({ customerId: 60_000 + (i % 2000), lines: [{ price: '10.00' }, { price: '2.50' }] }));
    await queueDeliveries(db, orders.map((payload) => ({ shopDomain: shop.domain, topic: 'orders/paid', payload })));
    const [a, b] = await Promise.all([runJobOnce(db.url, 'process-tasks'), runJobOnce(db.url, 'process-tasks')]);
    expect([a.code, b.code, a.stderr + b.stderr]).toEqual([0, 0, '']);
    const doneByEach = [a, b].map((run) => JSON.parse(run.stdout.trim().split('\n').pop()!).done as number);
    expect(doneByEach[0]! + doneByEach[1]!).toBe(10_000);
    expect(await db.prisma.task.count({ where: { shopDomain: shop.domain, status: 'done' } })).toBe(10_000);
    expect(await db.prisma.ledgerEntry.count({ where: { shopId: shop.id, status: 'pending' } })).toBe(20_000);
    expect(await db.prisma.orderRecord.count({ where: { shopId: shop.id, earningRecordedAt: { not: null } } })).toBe(10_000);
    const members = await db.prisma.member.findMany({ where: { shopId: shop.id }, select: { pendingPoints: true, lifetimeSpendMinor: true } });
    expect(members).toHaveLength(2000);
    expect(new Set(members.map((m) => `${m.pendingPoints}/${m.lifetimeSpendMinor}`))).toEqual(new Set(['60/6250']));
  }, 300_000);
});
