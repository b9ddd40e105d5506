// The export's fast CSV / .xlsx formatting against the generic rules (csvField / neutraliseCell), on rows
// as the PostgreSQL cursor hands them over (arrays in EXPORT_FIELDS order, dates as ISO text) and as the
// keyset path does (Date / epoch ms), without a database.
import { PassThrough, Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Db } from '../../../web/core/db-client';
import { parseCsv } from '../../../web/core/adjustments/parse-csv';
import { exportColumnHeaders, writeReportCsv, writeReportXlsx } from '../../../web/core/reports/export-report';
import { csvField } from '../../../web/core/reports/neutralise-cell';
import { EXPORT_FIELDS, type StreamRows } from '../../../web/core/reports/points-report';

type Fields = Partial<Record<(typeof EXPORT_FIELDS)[number], unknown>>;
const base: Fields = {
  createdAt: '2026-03-01T09:00:00.000Z', firstName: 'Anna', lastName: 'de Vries', email: 'anna@example.com', type: 'earn', status: 'posted',
  points: 10, description: 'Haircut', sourceType: 'line_item', sourceId: 's1', orderId: null, staffUserId: null, locationId: null,
  availableAt: null, postedAt: '2026-03-01T09:00:00.000Z', id: 'e1', memberId: 'm1',
};
const row = (fields: Fields) => EXPORT_FIELDS.map((name) => ({ ...base, ...fields })[name]);
const rows = [
  row({}),
  row({ firstName: '=Bram', lastName: ' ', description: '=cmd()', points: -25, orderId: '+31 6', staffUserId: '@x' }),
  row({ firstName: null, lastName: 'Jansen', description: 'a, "b"\r\nnext', email: '-1', locationId: '\tx', sourceId: '\rx' }),
  row({ firstName: '  ', lastName: null, description: '=1,2', createdAt: new Date('2026-03-02T10:00:00.123Z'), availableAt: Date.UTC(2026, 2, 3), points: BigInt(7) }),
];
const stream: StreamRows = async function* (_query, batchSize) {
  for (let i = 0; i < rows.length; i += batchSize) yield rows.slice(i, i + batchSize);
};
const source = { db: { kind: 'postgresql', prisma: null } as unknown as Db, shopId: 'shop', filters: {}, sort: { field: 'createdAt', order: 'desc' } as const, batchSize: 3, stream };

async function collect(write: (out: Writable) => Promise<number>): Promise<{ count: number; body: Buffer }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve) => out.on('end', resolve));
  const count = await write(out);
  await ended;
  return { count, body: Buffer.concat(chunks) };
}

describe('report export formatting', () => {
  it('writes CSV exactly as csvField would, cell by cell, with formulas neutralised', async () => {
    const { count, body } = await collect((out) => writeReportCsv(source, out));
    expect(count).toBe(4);
    const text = body.toString('utf8');
    const lines = text.slice(1).split('\r\n'); // BOM
    const headers = exportColumnHeaders('UTC');
    expect(lines[0]).toBe(headers.join(','));
    expect(lines[1]).toBe('2026-03-01 09:00:00,Anna de Vries,anna@example.com,Earned,Completed,10,Haircut,Order line,s1,,,,,2026-03-01 09:00:00,e1,m1');
    expect(lines[2]).toBe(`2026-03-01 09:00:00,'=Bram,anna@example.com,Earned,Completed,-25,'=cmd(),Order line,s1,'+31 6,'@x,,,2026-03-01 09:00:00,e1,m1`);
    const records = parseCsv(text.slice(1));
    expect(records).toHaveLength(5);
    const third = Object.fromEntries(headers.map((h, i) => [h, records[3]!.fields[i]]));
    expect(third).toMatchObject({ Member: 'Jansen', 'E-mail': "'-1", Description: 'a, "b"\r\nnext', Location: "'\tx", 'Source id': "'\rx" });
    expect(text).toContain(csvField('a, "b"\r\nnext'));
    const fourth = Object.fromEntries(headers.map((h, i) => [h, records[4]!.fields[i]]));
    expect(fourth).toMatchObject({ 'Date (UTC)': '2026-03-02 10:00:00', Member: '', Description: "'=1,2", Points: '7', 'Available at (UTC)': '2026-03-03 00:00:00' });
  });

  it('writes dates as the shop wall-clock time, across a daylight-saving change, and names the zone', async () => {
    const dst = [
      row({ createdAt: '2026-03-29T00:30:00.000Z', postedAt: null }), // 01:30 CET, before the change
      row({ createdAt: '2026-03-29T01:30:00.000Z', postedAt: null }), // 03:30 CEST, after it
      row({ createdAt: '2026-07-01T22:15:00.000Z', type: 'redeem', status: 'voided', sourceType: 'something_new', postedAt: null }),
    ];
    const dstStream: StreamRows = async function* () {
      yield dst;
    };
    const { body } = await collect((out) => writeReportCsv({ ...source, stream: dstStream, timezone: 'Europe/Amsterdam' }, out));
    const records = parseCsv(body.toString('utf8').slice(1));
    const headers = exportColumnHeaders('Europe/Amsterdam');
    expect(records[0]!.fields[0]).toBe('Date (Europe/Amsterdam)');
    const cells = records.slice(1).map((record) => Object.fromEntries(headers.map((h, i) => [h, record.fields[i]])));
    expect(cells.map((c) => c['Date (Europe/Amsterdam)'])).toEqual(['2026-03-29 01:30:00', '2026-03-29 03:30:00', '2026-07-02 00:15:00']);
    expect(cells[2]).toMatchObject({ Type: 'Redeemed', Status: 'Voided', Source: 'something_new' });
  });

  it('writes .xlsx with dates as dates, numbers as numbers and text neutralised', async () => {
    const { count, body } = await collect((out) => writeReportXlsx(source, out));
    expect(count).toBe(4);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(body as never);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount).toBe(5);
    const col = (name: string) => exportColumnHeaders('UTC').findIndex((header) => header === name || header === `${name} (UTC)`) + 1;
    const cell = (r: number, name: string) => sheet.getRow(r).getCell(col(name));
    expect(cell(2, 'Date').value).toEqual(new Date('2026-03-01T09:00:00.000Z'));
    expect(cell(2, 'Date').numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(cell(3, 'Points').value).toBe(-25);
    expect(cell(5, 'Points').value).toBe(7);
    expect(cell(3, 'Member').value).toBe("'=Bram");
    expect(cell(3, 'Description').value).toBe("'=cmd()");
    expect(cell(3, 'Order').value).toBe("'+31 6");
    expect(cell(4, 'E-mail').value).toBe("'-1");
    expect(cell(4, 'Location').value).toBe("'\tx");
    expect(cell(5, 'Available at').value).toEqual(new Date('2026-03-03T00:00:00.000Z'));
    expect(cell(2, 'Available at').value).toBeNull();
  });

  it('adds a Summary sheet with the outstanding points, their value and the value of a point', async () => {
    const summary = { liabilityPoints: 11_594, liabilityMinor: 115_940, currency: 'EUR', pointValue: { valueMinor: 1000, points: 100 } };
    const { body } = await collect((out) => writeReportXlsx({ ...source, summary }, out));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(body as never);
    const sheet = workbook.getWorksheet('Summary')!;
    expect([1, 2, 3].map((r) => [sheet.getRow(r).getCell(1).value, sheet.getRow(r).getCell(2).value])).toEqual([
      ['Outstanding points', 11_594],
      ['Outstanding points value (EUR)', 1159.4],
      ['Value of 1 point (EUR)', 0.1],
    ]);
    expect(workbook.worksheets[0]!.name).toBe('Points report');
  });

  it('stops (and so closes the cursor) when the client goes away instead of waiting for drain', async () => {
    let closed = false;
    const endless: StreamRows = async function* () {
      try {
        for (;;) yield Array.from({ length: 100 }, () => rows[2]!);
      } finally {
        closed = true;
      }
    };
    const out = new Writable({ highWaterMark: 1024, write: () => undefined }); // never acknowledges
    setTimeout(() => out.destroy(), 20);
    await expect(writeReportCsv({ ...source, stream: endless }, out)).rejects.toThrow(/closed/);
    expect(closed).toBe(true);
  });
});
