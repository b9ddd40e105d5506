// Two real job processes (`npm run job -- run-campaigns` / `expire-points`) at once: every member is
// reached, and every expiry written, exactly once.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createCampaign } from '../../../web/core/campaigns/campaign-store';
import { savePointsExpirySettings } from '../../../web/core/expiry/points-expiry-settings';
import { findBalanceMismatches } from '../../../web/core/ledger/check-balances';
import { createShop } from '../../fixtures/factories';
import { describeEachDatabase } from '../../support/test-database';

const root = path.resolve(__dirname, '../../..');

function runJobOnce(databaseUrl: string, job: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['jobs/main.ts', 'once', job], { cwd: root, env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const lastLine = (run: { stdout: string }) => JSON.parse(run.stdout.trim().split('\n').pop()!) as Record<string, number>;

describeEachDatabase('campaign and expiry job processes', (getDb) => {
  it('reach each lapsed member once and expire each inactive balance once with two processes running', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma);
    const longAgo = new Date(Date.now() - 800 * 86_400_000);
    await db.prisma.member.createMany({
      data: Array.from({ length: 300 }, (_, i) => ({ id: `jp-${shop.id}-${i}`, shopId: shop.id, shopifyCustomerId: `gid://shopify/Customer/jp${i}`, balance: 10, lastVisitAt: longAgo, createdAt: longAgo })),
    });
    await db.prisma.ledgerEntry.createMany({
      data: Array.from({ length: 300 }, (_, i) => ({ shopId: shop.id, memberId: `jp-${shop.id}-${i}`, type: 'earn', status: 'posted', points: 10, description: 'Visit', sourceType: 'order', sourceId: `o${i}`, idempotencyKey: `jp:${i}`, postedAt: longAgo, createdAt: longAgo })),
    });
    const campaign = await createCampaign(db.prisma, shop.id, { kind: 'win_back', name: 'Win-back', enabled: true, points: 5, sendMessage: true, settings: { daysWithoutVisit: 30 } }, new Date());
    const campaignRuns = await Promise.all([runJobOnce(db.url, 'run-campaigns'), runJobOnce(db.url, 'run-campaigns')]);
    expect(campaignRuns.map((run) => [run.code, run.stderr])).toEqual([[0, ''], [0, '']]);
    expect(campaignRuns.reduce((sum, run) => sum + lastLine(run).reached!, 0)).toBe(300);
    expect(await db.prisma.ledgerEntry.count({ where: { sourceType: 'campaign', sourceId: campaign.id } })).toBe(300);
    expect(await db.prisma.outboxMessage.count({ where: { shopId: shop.id, event: 'win_back' } })).toBe(300);

    await savePointsExpirySettings(db.prisma, shop.id, { enabled: true, inactivityMonths: 12, warningDays: 30 });
    // The campaign's points are an earn, which counts as activity: backdated so the balances are inactive.
    await db.prisma.ledgerEntry.updateMany({ where: { sourceType: 'campaign', sourceId: campaign.id }, data: { createdAt: longAgo } });
    const expiryRuns = await Promise.all([runJobOnce(db.url, 'expire-points'), runJobOnce(db.url, 'expire-points')]);
    expect(expiryRuns.map((run) => [run.code, run.stderr])).toEqual([[0, ''], [0, '']]);
    expect(expiryRuns.reduce((sum, run) => sum + lastLine(run).expired!, 0)).toBe(300);
    expect(await db.prisma.ledgerEntry.count({ where: { shopId: shop.id, type: 'expire', points: -15 } })).toBe(300);
    expect(await db.prisma.member.count({ where: { shopId: shop.id, balance: 0 } })).toBe(300);
    expect((await findBalanceMismatches(db.prisma)).mismatches).toEqual([]);
  }, 120_000);
});
