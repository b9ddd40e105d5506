import ExcelJS from 'exceljs';
import request from 'supertest';
import { parseCsv } from '../../../web/core/adjustments/parse-csv';
import { iterateReportRows } from '../../../web/core/reports/points-report';
import { saveOfflineSession } from '../../../web/server/auth/offline-session-store';
import { mintSessionToken } from '../../../web/server/http/demo-routes';
import { createShop } from '../../fixtures/factories';
import { createTestApp, TEST_API_KEY, TEST_API_SECRET } from '../../support/test-app';
import { describeEachDatabase } from '../../support/test-database';

function binary(res: request.Response, callback: (err: Error | null, body: Buffer) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
}

describeEachDatabase('points report, totals and export', (getDb) => {
  let testApp: ReturnType<typeof createTestApp>;
  let shop: { id: string; domain: string };
  let anna: { id: string };
  let bram: { id: string };
  let adjustmentId: string;
  const as = async (userId: string) => `Bearer ${await mintSessionToken({ shop: shop.domain, apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET, userId })}`;
  const api = () => request(testApp.app);

  beforeAll(async () => {
    const db = getDb();
    testApp = createTestApp(db);
    shop = await createShop(db.prisma, { currency: 'EUR', ianaTimezone: 'Europe/Amsterdam' });
    await saveOfflineSession(db.prisma, { shop: shop.domain, accessToken: 'offline', scope: null });
    await api().get('/api/me').set('Authorization', await as('1'));
    await api().get('/api/me').set('Authorization', await as('2'));
    anna = await db.prisma.member.create({ data: { shopId: shop.id, shopifyCustomerId: 'gid://shopify/Customer/1', firstName: 'Anna', lastName: 'de Vries', email: 'anna@example.com', balance: 0 } });
    bram = await db.prisma.member.create({ data: { shopId: shop.id, shopifyCustomerId: 'gid://shopify/Customer/2', firstName: '=Bram', lastName: 'Jansen', email: 'bram@example.com', balance: 0 } });
    const rows: Array<[string, string, string, number, string, string | null, string]> = [
      // member, type, status, points, createdAt, location, sourceType
      [anna.id, 'earn', 'posted', 100, '2026-03-01T09:00:00Z', 'gid://shopify/Location/1', 'line_item'],
      [anna.id, 'earn', 'posted', 40, '2026-03-02T09:00:00Z', 'gid://shopify/Location/2', 'line_item'],
      [anna.id, 'earn', 'pending', 30, '2026-03-03T09:00:00Z', 'gid://shopify/Location/1', 'line_item'],
      [anna.id, 'redeem', 'posted', -50, '2026-03-04T09:00:00Z', null, 'redemption'],
      [bram.id, 'earn', 'posted', 60, '2026-03-04T09:00:00Z', 'gid://shopify/Location/1', 'line_item'],
      [bram.id, 'earn', 'voided', 20, '2026-03-05T09:00:00Z', 'gid://shopify/Location/1', 'line_item'],
      [bram.id, 'expire', 'posted', -10, '2026-03-31T22:30:00Z', null, 'job'],
    ];
    let n = 0;
    for (const [memberId, type, status, points, createdAt, locationId, sourceType] of rows) {
      n += 1;
      await db.prisma.ledgerEntry.create({
        data: { shopId: shop.id, memberId, type, status, points, description: `Entry ${n}`, sourceType, sourceId: `s${n}`, idempotencyKey: `seed:${n}`, locationId, createdAt: new Date(createdAt), postedAt: status === 'posted' ? new Date(createdAt) : null },
      });
      if (status === 'posted') await db.prisma.member.update({ where: { id: memberId }, data: { balance: { increment: points } } });
      if (status === 'pending') await db.prisma.member.update({ where: { id: memberId }, data: { pendingPoints: { increment: points } } });
    }
    const adjusted = await api().post(`/api/members/${bram.id}/adjustments`).set('Authorization', await as('2')).send({ points: 15, description: '=cmd()', idempotencyKey: 'r-1' });
    expect(adjusted.status).toBe(201);
    adjustmentId = adjusted.body.entry.id;
  });

  it('shows a manual adjustment in the report with the member and the staff user', async () => {
    const response = await api().get('/api/report').query({ staffUserId: '2' }).set('Authorization', await as('2'));
    expect(response.status).toBe(200);
    expect(response.body.items).toEqual([expect.objectContaining({ id: adjustmentId, type: 'adjust', points: 15, memberName: '=Bram Jansen', memberEmail: 'bram@example.com', staffUserId: '2' })]);
  });

  it('totals the whole filtered set, not just the page', async () => {
    const response = await api().get('/api/report').query({ pageSize: 2 }).set('Authorization', await as('2'));
    expect(response.body).toMatchObject({ total: 8, page: 1, pageSize: 2 });
    expect(response.body.items).toHaveLength(2);
    // balance now: Anna 100 + 40 - 50 = 90, Bram 60 - 10 + 15 = 65; 1 point = 1% of EUR 1 = 1 cent
    expect(response.body.totals).toEqual({ earned: 200, spent: 50, pending: 30, expired: 10, adjusted: 15, reversed: 0, liabilityPoints: 155, liabilityMinor: null, currency: 'EUR', pointValue: null });
  });

  it.each([
    [{ type: 'earn' }, 5],
    [{ status: 'pending' }, 1],
    [{ type: 'earn', status: 'posted', locationId: 'gid://shopify/Location/1' }, 2],
    [{ sourceType: 'redemption' }, 1],
    [{ from: '2026-03-02', to: '2026-03-04' }, 4],
    // 22:30 UTC on 31 March is 1 April in Amsterdam: bare dates are the shop's days
    [{ from: '2026-03-01', to: '2026-03-31' }, 6],
    [{ from: '2026-03-31T22:00:00Z', to: '2026-03-31T23:00:00Z' }, 1],
  ])('filters by %j', async (filters, expected) => {
    const response = await api().get('/api/report').query(filters).set('Authorization', await as('2'));
    expect(response.status).toBe(200);
    expect(response.body.total).toBe(expected);
    expect(response.body.items).toHaveLength(expected);
  });

  it('filters by member and limits the liability to that member', async () => {
    const response = await api().get('/api/report').query({ memberId: anna.id }).set('Authorization', await as('2'));
    expect(response.body.total).toBe(4);
    expect(response.body.totals).toMatchObject({ earned: 140, spent: 50, pending: 30, liabilityPoints: 90 });
  });

  it('sorts by points or date, both ways, and pages', async () => {
    const auth = await as('2');
    const byPoints = await api().get('/api/report').query({ sort: 'points', order: 'asc', pageSize: 3, page: 1 }).set('Authorization', auth);
    expect(byPoints.body.items.map((i: { points: number }) => i.points)).toEqual([-50, -10, 15]);
    const page2 = await api().get('/api/report').query({ sort: 'points', order: 'asc', pageSize: 3, page: 2 }).set('Authorization', auth);
    expect(page2.body.items.map((i: { points: number }) => i.points)).toEqual([20, 30, 40]);
    const oldest = await api().get('/api/report').query({ sort: 'createdAt', order: 'asc', pageSize: 1 }).set('Authorization', auth);
    expect(oldest.body.items[0].description).toBe('Entry 1');
    const newest = await api().get('/api/report').query({ pageSize: 1 }).set('Authorization', auth);
    expect(newest.body.items[0].id).toBe(adjustmentId);
  });

  it.each([
    [{ from: 'yesterday' }],
    [{ to: '2026-02-30' }],
    [{ from: '2026-03-05', to: '2026-03-01' }],
    [{ type: 'gift' }],
    [{ sort: 'description' }],
    [{ pageSize: 1000 }],
    [{ page: 0 }],
  ])('refuses bad filters %j with 400', async (query) => {
    const response = await api().get('/api/report').query(query).set('Authorization', await as('2'));
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION');
  });

  it('offers the staff members and order locations as filter choices instead of raw ids', async () => {
    await getDb().prisma.orderRecord.create({
      data: { shopId: shop.id, shopifyOrderId: 'gid://shopify/Order/991', currency: 'EUR', processedAt: new Date(), shopifyUpdatedAt: new Date(), locationId: 'gid://shopify/Location/7' },
    });
    const response = await api().get('/api/report/filter-options').set('Authorization', await as('2'));
    expect(response.status).toBe(200);
    expect(response.body.staff.map((s: { userId: string }) => s.userId)).toEqual(expect.arrayContaining(['1', '2']));
    expect(response.body.locations).toEqual(expect.arrayContaining([{ id: 'gid://shopify/Location/7', label: '#7', named: false }]));
  });

  it('does not let staff export (403)', async () => {
    const response = await api().get('/api/report/export').query({ format: 'csv' }).set('Authorization', await as('2'));
    expect(response.status).toBe(403);
  });

  it('exports the filtered set as CSV with formula cells neutralised', async () => {
    const response = await api().get('/api/report/export').query({ format: 'csv', type: 'adjust' }).set('Authorization', await as('1')).buffer(true).parse(binary);
    expect(response.status).toBe(200);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename=points-report-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(response.headers['x-export-rows']).toBe('1');
    const records = parseCsv((response.body as Buffer).toString('utf8'));
    const header = records[0]!.fields;
    const row = Object.fromEntries(header.map((name, i) => [name, records[1]!.fields[i]]));
    expect(records).toHaveLength(2);
    expect(row).toMatchObject({ Member: "'=Bram Jansen", Description: "'=cmd()", Points: '15', Type: 'Adjustment', 'Staff user': '2' });
    const all = await api().get('/api/report/export').query({ format: 'csv' }).set('Authorization', await as('1')).buffer(true).parse(binary);
    expect(all.headers['x-export-rows']).toBe('8');
    expect(parseCsv((all.body as Buffer).toString('utf8'))).toHaveLength(9);
    const actions = await getDb().prisma.staffAction.findMany({ where: { shopId: shop.id, action: 'report.export' } });
    expect(actions.length).toBeGreaterThanOrEqual(2);
  });

  it('exports the filtered set as .xlsx in date order, with numbers as numbers and formulas neutralised', async () => {
    const response = await api().get('/api/report/export').query({ format: 'xlsx', sort: 'points', order: 'asc' }).set('Authorization', await as('1')).buffer(true).parse(binary);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/spreadsheetml/);
    expect(response.headers['x-export-rows']).toBe('8');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as never);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount).toBe(9);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const col = (name: string) => header.findIndex((h) => h === name || String(h).startsWith(`${name} (`)) + 1;
    const points = Array.from({ length: 8 }, (_, i) => sheet.getRow(i + 2).getCell(col('Points')).value);
    // exports are always in date order (here oldest first); the spreadsheet sorts by points
    expect(points.slice(0, 3)).toEqual([100, 40, 30]);
    expect(points.slice(3, 5)).toEqual(expect.arrayContaining([-50, 60])); // same timestamp
    expect(points.slice(5)).toEqual([20, -10, 15]);
    const adjustRow = sheet.getRow(9);
    expect(adjustRow.getCell(col('Description')).value).toBe("'=cmd()");
    expect(adjustRow.getCell(col('Member')).value).toBe("'=Bram Jansen");
    expect(adjustRow.getCell(col('Date')).value).toBeInstanceOf(Date);
    // The same liability as the report's totals, on its own sheet (no reward, so no money value).
    const summary = workbook.getWorksheet('Summary')!;
    expect(summary.getRow(1).values).toEqual([undefined, 'Outstanding points', 155]);
    expect(summary.getRow(2).getCell(2).value).toBe('no point value yet');
  });

  it('walks every row exactly once in keyset batches, even when rows share a timestamp or points', async () => {
    for (const sort of [{ field: 'createdAt', order: 'desc' }, { field: 'points', order: 'asc' }] as const) {
      const seen: string[] = [];
      for await (const batch of iterateReportRows(getDb(), shop.id, {}, sort, 2)) seen.push(...batch.map((item) => item.id));
      expect(seen).toHaveLength(8);
      expect(new Set(seen).size).toBe(8);
    }
  });

  it('answers the dashboard figures for a date range', async () => {
    const response = await api().get('/api/dashboard/stats').query({ from: '2026-03-01', to: '2026-03-31' }).set('Authorization', await as('2'));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ members: 2, issued: 200, redeemed: 50, pending: 30, expired: 0, liabilityPoints: 155, redemptionRate: 0.25 });
    expect(response.body.series).toHaveLength(31);
    expect(response.body.series[0]).toEqual({ date: '2026-03-01', earned: 100, spent: 0 });
    expect(response.body.series[3]).toEqual({ date: '2026-03-04', earned: 60, spent: 50 });
    expect((await api().get('/api/dashboard/stats').query({ from: 'nope' }).set('Authorization', await as('2'))).status).toBe(400);
  });
});
