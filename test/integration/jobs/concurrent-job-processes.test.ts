// Two real job processes posting the same due credits: every credit is posted exactly once.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { findBalanceMismatches } from '../../../web/core/ledger/check-balances';
import { createShop } from '../../fixtures/factories';
import { seedDueCredits } from '../../fixtures/seed-due-credits';
import { describeEachDatabase } from '../../support/test-database';

const root = path.resolve(__dirname, '../../..');

function runJobOnce(databaseUrl: string, job: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['jobs/main.ts', 'once', job], {
      cwd: root,
      env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', CREDIT_BATCH_SIZE: '500' },
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
});
