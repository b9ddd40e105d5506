// Balances from another loyalty app's export: the layout is recognised from the header, a file with
// bad rows is refused row by row and nothing is applied until it is fixed, one posted entry per row
// names the source app, members who never ordered are created, and a resumed apply posts nothing twice.
import request from 'supertest';
import { applyBalanceBatch, checkBalanceFile } from '../../../web/core/imports/import-balances';
import { findImportJob } from '../../../web/core/imports/import-job-store';
import { findBalanceMismatches } from '../../../web/core/ledger/check-balances';
import { processDueTasks } from '../../../web/runtime/process-due-tasks';
import { runImportStep } from '../../../web/server/imports/run-import-step';
import { saveOfflineSession } from '../../../web/server/auth/offline-session-store';
import { mintSessionToken } from '../../../web/server/http/demo-routes';
import { createMember, createShop } from '../../fixtures/factories';
import { createTestApp, TEST_API_KEY, TEST_API_SECRET } from '../../support/test-app';
import { describeEachDatabase } from '../../support/test-database';

describeEachDatabase('importing balances from another loyalty app', (getDb) => {
  let testApp: ReturnType<typeof createTestApp>;
  let shop: { id: string; domain: string };
  const as = async (userId: string) => `Bearer ${await mintSessionToken({ shop: shop.domain, apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET, userId })}`;

  beforeAll(async () => {
    testApp = createTestApp(getDb());
    shop = await createShop(getDb().prisma);
    await saveOfflineSession(getDb().prisma, { shop: shop.domain, accessToken: 'shpat_test', scope: null });
    // The first user of a shop is its owner; the next one is staff.
    await request(testApp.app).get('/api/me').set('Authorization', await as('1')).expect(200);
    await request(testApp.app).get('/api/me').set('Authorization', await as('2')).expect(200);
  });

  const balances = async () => new Map((await getDb().prisma.member.findMany({ where: { shopId: shop.id } })).map((m) => [m.email ?? m.shopifyCustomerId, m.balance]));

  it('refuses staff (403) on every import route', async () => {
    const staff = await as('2');
    expect((await request(testApp.app).get('/api/imports').set('Authorization', staff)).status).toBe(403);
    expect((await request(testApp.app).post('/api/imports/customers').set('Authorization', staff)).status).toBe(403);
    expect((await request(testApp.app).post('/api/imports/past-orders').set('Authorization', staff).send({ from: '2026-01-01', to: '2026-02-01' })).status).toBe(403);
    expect((await request(testApp.app).post('/api/imports/balances').set('Authorization', staff).send({ csv: 'email,points\na@b.nl,5', fileName: 'a.csv' })).status).toBe(403);
    expect((await request(testApp.app).post('/api/imports/x/confirm').set('Authorization', staff)).status).toBe(403);
    expect(await getDb().prisma.importJob.count({ where: { shopId: shop.id } })).toBe(0);
  });

  it('applies nothing from a file with bad rows, lists each row\'s error, and applies the fixed file', async () => {
    const owner = await as('1');
    const anna = await createMember(getDb().prisma, shop.id, { email: 'Anna@Example.com' });
    await createMember(getDb().prisma, shop.id, { email: 'bram@example.com' });
    const bad = [
      'Email,Points Balance,Birthdate,VIP Tier,Activation Date,Credits Balance',
      'anna@example.com,120,,Gold,,',
      'nobody@example.com,50,,,,',
      'bram@example.com,12.5,,,,',
      'bram@example.com,-3,,,,',
    ].join('\n');
    const dryRun = await request(testApp.app).post('/api/imports/balances').set('Authorization', owner).send({ csv: bad, fileName: 'rivo.csv' });
    expect(dryRun.status).toBe(201);
    expect(dryRun.body.job).toMatchObject({ status: 'invalid', errorCount: 3, params: { layout: 'rivo', sourceApp: 'Rivo' } });
    expect(dryRun.body.job.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([[3, 'Email'], [4, 'Points Balance'], [5, 'Points Balance']]);
    const refused = await request(testApp.app).post(`/api/imports/${dryRun.body.job.id}/confirm`).set('Authorization', owner);
    expect(refused.status).toBe(400);
    await processDueTasks(testApp.jobContext(), { claimers: 1 });
    expect(await getDb().prisma.ledgerEntry.count({ where: { shopId: shop.id } })).toBe(0);

    const fixed = ['Email,Points Balance,Birthdate,VIP Tier,Activation Date,Credits Balance', 'anna@example.com,120,,Gold,,', 'bram@example.com,0,,,,', 'bram@example.com,13,,,,'].join('\n');
    const good = await request(testApp.app).post('/api/imports/balances').set('Authorization', owner).send({ csv: fixed, fileName: 'rivo.csv' });
    expect(good.body.job).toMatchObject({ status: 'validated', summary: { rows: 2, points: 133, skipped: 1 } });
    expect(await getDb().prisma.ledgerEntry.count({ where: { shopId: shop.id } })).toBe(0);
    expect((await request(testApp.app).post(`/api/imports/${good.body.job.id}/confirm`).set('Authorization', owner)).status).toBe(202);
    await processDueTasks(testApp.jobContext(), { claimers: 1 });
    expect(await findImportJob(getDb(), good.body.job.id)).toMatchObject({ status: 'completed', processed: 2, total: 2 });
    const entries = await getDb().prisma.ledgerEntry.findMany({ where: { shopId: shop.id }, orderBy: { points: 'asc' } });
    expect(entries.map((e) => [e.type, e.status, e.sourceType, e.points, e.description, e.idempotencyKey])).toEqual([
      ['adjust', 'posted', 'import', 13, 'Balance imported from Rivo', `import:${good.body.job.id}:4`],
      ['adjust', 'posted', 'import', 120, 'Balance imported from Rivo', `import:${good.body.job.id}:2`],
    ]);
    expect((await balances()).get(anna.email!)).toBe(120);
    // Applying the same job again is refused; nothing is posted twice.
    expect((await request(testApp.app).post(`/api/imports/${good.body.job.id}/confirm`).set('Authorization', owner)).status).toBe(409);
  });

  it('creates members who never ordered from their Shopify customer id, and matches others by e-mail (LoyaltyLion layout)', async () => {
    const owner = await as('1');
    const csv = ['customer ID,email,points,enrolled', '7001,new.client@example.com,40,true', ',bram@example.com,7,true', 'gid://shopify/Customer/7002,,9,false'].join('\r\n');
    const dryRun = await request(testApp.app).post('/api/imports/balances').set('Authorization', owner).send({ csv, fileName: 'lion.csv' });
    expect(dryRun.body.job).toMatchObject({ status: 'validated', params: { layout: 'loyaltylion' }, summary: { newMembers: 2, points: 56 } });
    await request(testApp.app).post(`/api/imports/${dryRun.body.job.id}/confirm`).set('Authorization', owner).expect(202);
    await processDueTasks(testApp.jobContext(), { claimers: 1 });
    const created = await getDb().prisma.member.findUniqueOrThrow({ where: { shopId_shopifyCustomerId: { shopId: shop.id, shopifyCustomerId: 'gid://shopify/Customer/7001' } } });
    expect([created.email, created.balance]).toEqual(['new.client@example.com', 40]);
    expect((await balances()).get('bram@example.com')).toBe(20);
    expect((await findBalanceMismatches(getDb().prisma)).mismatches).toEqual([]);
  });

  it('recognises each app\'s header', async () => {
    const layoutOf = async (header: string, row: string) => (await checkBalanceFile(getDb(), shop.id, `${header}\n${row}`)).layout.name;
    expect(await layoutOf('email,points', 'anna@example.com,1')).toBe('smile');
    expect(await layoutOf('Full Name,First Name,Last Name,Email,Points Balance,Points Spent', 'A,A,B,anna@example.com,1,0')).toBe('yotpo');
    expect(await layoutOf('Email,Points Balance,Birthdate,VIP Tier,Activation Date,Credits Balance', 'anna@example.com,1,,,,')).toBe('rivo');
    expect(await layoutOf('customer ID,email,points,enrolled', '1,anna@example.com,1,true')).toBe('loyaltylion');
    expect(await layoutOf('Shopify Customer ID,Customer Email,Points', '1,anna@example.com,1')).toBe('bon');
    const ours = 'Date (UTC),Member,E-mail,Type,Status,Points,Description,Source,Source id,Order,Staff user,Location,Available at (UTC),Posted at (UTC),Entry id,Member id';
    expect(await layoutOf(ours, '2026-01-01,Anna,anna@example.com,Earned,Completed,5,x,Order,1,,,,,,e1,m1')).toBe('ours');
    await expect(checkBalanceFile(getDb(), shop.id, 'name,score\nAnna,4')).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('applies a large file over several time-boxed runs, each going on from the checkpoint', async () => {
    const owner = await as('1');
    const rows = Array.from({ length: 12_000 }, (_, i) => `${900_000 + i},,${(i % 7) + 1}`);
    const csv = ['Shopify Customer ID,Customer Email,Points', ...rows].join('\n');
    const dryRun = await request(testApp.app).post('/api/imports/balances').set('Authorization', owner).send({ csv, fileName: 'big.csv' });
    expect(dryRun.body.job).toMatchObject({ status: 'validated', total: 12_000 });
    const jobId = dryRun.body.job.id as string;
    await request(testApp.app).post(`/api/imports/${jobId}/confirm`).set('Authorization', owner).expect(202);
    const { db, admin, logger } = testApp.runtime;
    const checkpoints: number[] = [];
    for (let run = 0; run < 6; run += 1) {
      // No time at all: each run stops after its first batch and queues its continuation.
      await runImportStep({ db, admin, logger, now: () => new Date(), workBudgetMs: 0 }, { jobId, step: 'apply-balances' });
      const job = await findImportJob(getDb(), jobId);
      checkpoints.push(job!.processed);
      if (job!.status === 'completed') break;
    }
    expect(checkpoints.slice(0, 3)).toEqual([5000, 10_000, 12_000]);
    expect(await findImportJob(getDb(), jobId)).toMatchObject({ status: 'completed', processed: 12_000 });
    const entries = await getDb().prisma.ledgerEntry.aggregate({ where: { shopId: shop.id, sourceId: { startsWith: `${jobId}:` } }, _count: true, _sum: { points: true } });
    expect([entries._count, entries._sum.points]).toEqual([12_000, rows.reduce((sum, _row, i) => sum + (i % 7) + 1, 0)]);
    expect((await findBalanceMismatches(getDb().prisma)).mismatches).toEqual([]);
  }, 120_000);

  it('continues a crashed apply from its checkpoint and posts no row twice', async () => {
    const owner = await as('1');
    const rows = Array.from({ length: 30 }, (_, i) => `${8100 + i},resume${i}@example.com,${i + 1}`);
    const csv = ['Shopify Customer ID,Customer Email,Points', ...rows].join('\n');
    const dryRun = await request(testApp.app).post('/api/imports/balances').set('Authorization', owner).send({ csv, fileName: 'bon.csv' });
    const jobId = dryRun.body.job.id as string;
    // A first run committed rows 1-10 (and then "crashed"); the same batch repeated changes nothing.
    const checked = await checkBalanceFile(getDb(), shop.id, csv);
    await applyBalanceBatch(getDb(), shop.id, jobId, 'BON Loyalty', checked.rows.slice(0, 10), 10, new Date());
    await applyBalanceBatch(getDb(), shop.id, jobId, 'BON Loyalty', checked.rows.slice(0, 10), 10, new Date());
    await request(testApp.app).post(`/api/imports/${jobId}/confirm`).set('Authorization', owner).expect(202);
    await processDueTasks(testApp.jobContext(), { claimers: 1 });
    expect(await findImportJob(getDb(), jobId)).toMatchObject({ status: 'completed', processed: 30 });
    const entries = await getDb().prisma.ledgerEntry.findMany({ where: { shopId: shop.id, sourceId: { startsWith: `${jobId}:` } } });
    expect(entries).toHaveLength(30);
    expect(entries.reduce((sum, e) => sum + e.points, 0)).toBe((30 * 31) / 2);
    const all = await balances();
    expect(Array.from({ length: 30 }, (_, i) => all.get(`resume${i}@example.com`))).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect((await findBalanceMismatches(getDb().prisma)).mismatches).toEqual([]);
  });
});
