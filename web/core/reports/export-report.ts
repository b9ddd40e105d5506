// Writes the filtered points report as CSV or .xlsx to a stream, batch by batch (see iterateReportRows),
// waiting for the stream to drain, so memory stays flat for millions of rows.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Db } from '../db-client';
import { csvField, neutraliseCell } from './neutralise-cell';
import { iterateReportRows, type QueryRows, type ReportItem } from './points-report';
import type { ReportFilters, ReportSort } from './report-filters';

export type ExportFormat = 'csv' | 'xlsx';

type Column = { header: string; width: number; kind: 'text' | 'number' | 'date'; value: (item: ReportItem) => string | number | null };

const columns: Column[] = [
  { header: 'Date', width: 20, kind: 'date', value: (i) => i.createdAt },
  { header: 'Member', width: 24, kind: 'text', value: (i) => i.memberName },
  { header: 'E-mail', width: 28, kind: 'text', value: (i) => i.memberEmail },
  { header: 'Type', width: 10, kind: 'text', value: (i) => i.type },
  { header: 'Status', width: 10, kind: 'text', value: (i) => i.status },
  { header: 'Points', width: 10, kind: 'number', value: (i) => i.points },
  { header: 'Description', width: 40, kind: 'text', value: (i) => i.description },
  { header: 'Source', width: 12, kind: 'text', value: (i) => i.sourceType },
  { header: 'Source id', width: 24, kind: 'text', value: (i) => i.sourceId },
  { header: 'Order', width: 24, kind: 'text', value: (i) => i.orderId },
  { header: 'Staff user', width: 14, kind: 'text', value: (i) => i.staffUserId },
  { header: 'Location', width: 24, kind: 'text', value: (i) => i.locationId },
  { header: 'Available at', width: 20, kind: 'date', value: (i) => i.availableAt },
  { header: 'Posted at', width: 20, kind: 'date', value: (i) => i.postedAt },
  { header: 'Entry id', width: 38, kind: 'text', value: (i) => i.id },
  { header: 'Member id', width: 28, kind: 'text', value: (i) => i.memberId },
];

export const exportColumnHeaders = columns.map((column) => column.header);

export const exportContentTypes: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

export interface ExportSource {
  db: Db;
  shopId: string;
  filters: ReportFilters;
  sort: ReportSort;
  batchSize?: number;
  query?: QueryRows;
}

/** Returns the number of data rows written. The stream is ended. */
export async function writeReportCsv(source: ExportSource, out: Writable): Promise<number> {
  let count = 0;
  // The BOM makes Excel read the file as UTF-8 (names in Cyrillic, Polish, Danish).
  await write(out, `\uFEFF${columns.map((c) => csvField(c.header)).join(',')}\r\n`);
  for await (const batch of iterateReportRows(source.db, source.shopId, source.filters, source.sort, source.batchSize, source.query)) {
    let text = '';
    for (const item of batch) text += `${columns.map((c) => csvField(c.value(item))).join(',')}\r\n`;
    count += batch.length;
    await write(out, text);
  }
  out.end();
  return count;
}

export async function writeReportXlsx(source: ExportSource, out: Writable): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Points report');
  sheet.columns = columns.map((c) => ({
    header: c.header, key: c.header, width: c.width,
    ...(c.kind === 'date' ? { style: { numFmt: 'yyyy-mm-dd hh:mm:ss' } } : {}),
  }));
  let count = 0;
  for await (const batch of iterateReportRows(source.db, source.shopId, source.filters, source.sort, source.batchSize, source.query)) {
    for (const item of batch) {
      sheet
        .addRow(columns.map((c) => {
          const value = c.value(item);
          if (value === null || c.kind === 'number') return value;
          if (c.kind === 'date') return new Date(value);
          return neutraliseCell(String(value));
        }))
        .commit();
    }
    count += batch.length;
    // exceljs writes into the stream without waiting; wait here so a slow client bounds memory.
    if (out.writableNeedDrain) await once(out, 'drain');
  }
  sheet.commit();
  await workbook.commit();
  return count;
}

export async function writeReport(format: ExportFormat, source: ExportSource, out: Writable): Promise<number> {
  return format === 'csv' ? writeReportCsv(source, out) : writeReportXlsx(source, out);
}
