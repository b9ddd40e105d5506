// Writes the filtered points report as CSV or .xlsx to a stream, batch by batch (see iterateExportRows),
// waiting for the stream to drain, so memory stays flat for millions of rows.
//
// Hot path, a million rows: rows arrive as arrays (EXPORT_FIELDS order), each column has one
// precomputed formatter, dates come as ISO text from PostgreSQL, and a CSV line is built by plain
// string concatenation; a text cell only goes through the quoting / neutralising code when it holds
// one of the characters that need it. The .xlsx writer shares one style object per column so exceljs
// resolves each cell's style from its cache instead of serialising a fresh style per cell.
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Db } from '../db-client';
import { isoOrNull } from '../members/member-views';
import { minorUnitsPerMajor } from '../money/currency-exponent';
import { csvField, neutraliseCell } from './neutralise-cell';
import { EXPORT_FIELDS, iterateExportRows, type QueryRows, type StreamRows } from './points-report';
import type { ReportFilters, ReportSort } from './report-filters';
import { shopClock, shopWallClockDate, type ShopClock } from './shop-clock';

export type ExportFormat = 'csv' | 'xlsx';

type Kind = 'text' | 'number' | 'date' | 'name' | 'label';
type Column = { header: string; width: number; kind: Kind; field: number; labels?: Readonly<Record<string, string>> };

// The words the admin shows for the stored codes, so a spreadsheet reads like the report; an unknown
// code is written as is.
const TYPE_LABELS = { earn: 'Earned', redeem: 'Redeemed', adjust: 'Adjustment', reversal: 'Reversal', expire: 'Expired' } as const;
const STATUS_LABELS = { pending: 'Pending', posted: 'Completed', voided: 'Voided' } as const;
const SOURCE_LABELS = { order: 'Order', line_item: 'Order line', refund: 'Refund', staff: 'Staff', job: 'Automatic', redemption: 'Reward', campaign: 'Campaign', import: 'Import' } as const;

const f = (name: (typeof EXPORT_FIELDS)[number]) => EXPORT_FIELDS.indexOf(name);
const FIRST_NAME = f('firstName');
const LAST_NAME = f('lastName');

const columns: Column[] = [
  { header: 'Date', width: 20, kind: 'date', field: f('createdAt') },
  { header: 'Member', width: 24, kind: 'name', field: FIRST_NAME },
  { header: 'E-mail', width: 28, kind: 'text', field: f('email') },
  { header: 'Type', width: 12, kind: 'label', field: f('type'), labels: TYPE_LABELS },
  { header: 'Status', width: 10, kind: 'label', field: f('status'), labels: STATUS_LABELS },
  { header: 'Points', width: 10, kind: 'number', field: f('points') },
  { header: 'Description', width: 40, kind: 'text', field: f('description') },
  { header: 'Source', width: 18, kind: 'label', field: f('sourceType'), labels: SOURCE_LABELS },
  { header: 'Source id', width: 24, kind: 'text', field: f('sourceId') },
  { header: 'Order', width: 24, kind: 'text', field: f('orderId') },
  { header: 'Staff user', width: 14, kind: 'text', field: f('staffUserId') },
  { header: 'Location', width: 24, kind: 'text', field: f('locationId') },
  { header: 'Available at', width: 20, kind: 'date', field: f('availableAt') },
  { header: 'Posted at', width: 20, kind: 'date', field: f('postedAt') },
  { header: 'Entry id', width: 38, kind: 'text', field: f('id') },
  { header: 'Member id', width: 28, kind: 'text', field: f('memberId') },
];

/** The header line for dates in `timezone`. */
export const exportColumnHeaders = (timezone = 'UTC') => headersFor(timezone);

export const exportContentTypes: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** "First Last" of the non-blank parts, as memberDisplayName({ firstName, lastName }), without arrays. */
function memberName(first: unknown, last: unknown): string {
  const a = typeof first === 'string' && first.trim() !== '' ? first : '';
  const b = typeof last === 'string' && last.trim() !== '' ? last : '';
  return a && b ? `${a} ${b}` : a || b;
}

/** ISO 8601 text of a date cell: PostgreSQL's to_char output as is, anything else (Date, epoch ms) converted. */
function isoDate(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' && value.length === 24 && value.charCodeAt(23) === 90 /* Z */) return value;
  return isoOrNull(value);
}

// Text that needs csvField's work: a formula start (neutralised) or a separator / quote / line break (quoted).
const CSV_SPECIAL = /^[=+\-@\t\r]|[",\r\n]/;

function csvText(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : String(value);
  return CSV_SPECIAL.test(text) ? csvField(text) : text;
}

function labelOf(column: Column, value: unknown): unknown {
  return typeof value === 'string' ? column.labels?.[value] ?? value : value;
}

/** Epoch milliseconds of a date cell (ISO text, Date or epoch ms), or null. */
function instantOf(value: unknown): number | null {
  const iso = isoDate(value);
  return iso === null ? null : Date.parse(iso);
}

function csvCell(column: Column, row: unknown[], clock: ShopClock): string {
  const value = row[column.field];
  switch (column.kind) {
    case 'date': {
      const instant = instantOf(value);
      return instant === null ? '' : clock(instant);
    }
    case 'label':
      return csvText(labelOf(column, value));
    case 'number':
      return value === null || value === undefined ? '' : String(Number(value));
    case 'name':
      return csvText(memberName(value, row[LAST_NAME]));
    default:
      return csvText(value);
  }
}

/** One CSV line (with its CRLF) per row. */
function csvLine(row: unknown[], clock: ShopClock): string {
  let line = csvCell(columns[0]!, row, clock);
  for (let i = 1; i < columns.length; i += 1) line += `,${csvCell(columns[i]!, row, clock)}`;
  return `${line}\r\n`;
}

function xlsxCell(column: Column, row: unknown[], clock: ShopClock): string | number | Date | null {
  const value = row[column.field];
  switch (column.kind) {
    case 'date': {
      const instant = instantOf(value);
      return instant === null ? null : shopWallClockDate(clock, instant);
    }
    case 'label': {
      const label = labelOf(column, value);
      return label === null || label === undefined ? null : neutraliseCell(String(label));
    }
    case 'number':
      return value === null || value === undefined ? null : Number(value);
    case 'name':
      return neutraliseCell(memberName(value, row[LAST_NAME]));
    default:
      return value === null || value === undefined ? null : neutraliseCell(typeof value === 'string' ? value : String(value));
  }
}

/**
 * Waits for `stream`'s 'drain'. Rejects when the response `out` is closed or failed first (the client
 * went away), so the export stops and its cursor is closed instead of waiting for a 'drain' that never comes.
 */
function drained(stream: Drainable, out: Writable = stream as Writable): Promise<void> {
  if (out.destroyed || out.writableEnded) return Promise.reject(new Error('export stream closed'));
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      stream.off('drain', onDrain);
      out.off('close', onClose);
      out.off('error', done);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () => done(new Error('export stream closed'));
    stream.on('drain', onDrain);
    out.on('close', onClose);
    out.on('error', done);
  });
}

async function write(out: Writable, chunk: string): Promise<void> {
  if (out.destroyed) throw new Error('export stream closed');
  if (!out.write(chunk)) await drained(out);
}

export interface ExportSource {
  db: Db;
  shopId: string;
  filters: ReportFilters;
  sort: ReportSort;
  batchSize?: number;
  /** keyset batches through this query (e.g. the plain pg pool) when no `stream` */
  query?: QueryRows;
  /** one server-side cursor (PostgreSQL, see web/server/db/pg-row-query.ts) */
  stream?: StreamRows;
  /** IANA zone the dates are written in (the shop's); UTC when absent */
  timezone?: string;
  /** The outstanding points and their value, written to the workbook's Summary sheet (as on the dashboard and the report). */
  summary?: ExportSummary;
  /** Location names by GID: the Location column shows the name (a location without one keeps its id). */
  locationNames?: ReadonlyMap<string, string>;
}

export interface ExportSummary {
  liabilityPoints: number;
  liabilityMinor: number | null;
  currency: string;
  pointValue: { valueMinor: number; points: number } | null;
}

/** The header line's date columns name the zone, so nobody reads shop time as UTC or the reverse. */
function headersFor(timezone: string): string[] {
  return columns.map((c) => (c.kind === 'date' ? `${c.header} (${timezone})` : c.header));
}

const LOCATION = f('locationId');

async function* rowsOf(source: ExportSource): AsyncGenerator<unknown[][]> {
  const rows = iterateExportRows(source.db, source.shopId, source.filters, source.sort, {
    ...(source.batchSize ? { batchSize: source.batchSize } : {}),
    ...(source.query ? { query: source.query } : {}),
    ...(source.stream ? { stream: source.stream } : {}),
  });
  const names = source.locationNames;
  if (!names || names.size === 0) {
    yield* rows;
    return;
  }
  for await (const batch of rows) {
    for (const row of batch) {
      const id = row[LOCATION];
      if (typeof id === 'string') row[LOCATION] = names.get(id) ?? id;
    }
    yield batch;
  }
}

/** Returns the number of data rows written. The stream is ended. */
export async function writeReportCsv(source: ExportSource, out: Writable): Promise<number> {
  let count = 0;
  const timezone = source.timezone ?? 'UTC';
  const clock = shopClock(timezone);
  // The BOM makes Excel read the file as UTF-8 (names in Cyrillic, Polish, Danish).
  await write(out, `\uFEFF${headersFor(timezone).map((header) => csvField(header)).join(',')}\r\n`);
  for await (const batch of rowsOf(source)) {
    let text = '';
    for (let i = 0; i < batch.length; i += 1) text += csvLine(batch[i]!, clock);
    count += batch.length;
    await write(out, text);
  }
  out.end();
  return count;
}

/** A writable side that wants draining; works for Node's streams and readable-stream's (used by archiver). */
type Drainable = Pick<Writable, 'on' | 'off'> & { writableNeedDrain?: boolean; _writableState?: { needDrain?: boolean } };
const needsDrain = (stream: Drainable) => stream.writableNeedDrain ?? stream._writableState?.needDrain === true;

/**
 * The stream exceljs's streaming worksheet feeds into the zip (archiver wraps the sheet's StreamBuf in a
 * readable-stream PassThrough). StreamBuf ignores that stream's backpressure, so when deflate falls
 * behind, the XML queues there; its needDrain is the signal to wait. Internal to exceljs 4: if the
 * shape is ever different, the export still works, bounded by `out` alone.
 */
function zipInputOf(sheet: ExcelJS.Worksheet): Drainable | undefined {
  const pipes = (sheet as unknown as { stream?: { pipes?: unknown[] } }).stream?.pipes;
  const target = (Array.isArray(pipes) && pipes.length === 1 ? pipes[0] : undefined) as Partial<Drainable> | undefined;
  return target && typeof target.on === 'function' && typeof target.off === 'function' && (target.writableNeedDrain !== undefined || target._writableState) ? (target as Drainable) : undefined;
}

export async function writeReportXlsx(source: ExportSource, out: Writable): Promise<number> {
  // useStyles keeps the date format (the time of day); shared strings would keep every text in memory.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Points report');
  const timezone = source.timezone ?? 'UTC';
  const clock = shopClock(timezone);
  const headers = headersFor(timezone);
  sheet.columns = columns.map((c, index) => ({
    header: headers[index], key: c.header, width: c.width,
    ...(c.kind === 'date' ? { style: { numFmt: 'yyyy-mm-dd hh:mm:ss' } } : {}),
  }));
  // exceljs gives every new cell its own copy of the column style and caches style ids by object, so
  // each cell would be serialised and looked up again: hand it one object per column (and per empty
  // cell, whose style id exceljs derives differently), so the cache answers after the first row.
  const valueStyles = columns.map((c) => (c.kind === 'date' ? { numFmt: 'yyyy-mm-dd hh:mm:ss' } : {}));
  const emptyStyles = columns.map((c) => (c.kind === 'date' ? { numFmt: 'yyyy-mm-dd hh:mm:ss' } : {}));
  const values: Array<string | number | Date | null> = new Array(columns.length);
  const zipInput = zipInputOf(sheet);
  let count = 0;
  for await (const batch of rowsOf(source)) {
    for (const data of batch) {
      for (let i = 0; i < columns.length; i += 1) values[i] = xlsxCell(columns[i]!, data, clock);
      const row = sheet.addRow(values);
      for (let i = 0; i < columns.length; i += 1) row.getCell(i + 1).style = (values[i] === null ? emptyStyles[i] : valueStyles[i]) as Partial<ExcelJS.Style>;
      row.commit();
    }
    count += batch.length;
    // exceljs writes into the zip and the zip into `out` without waiting; wait here for both, so neither
    // a slow client nor compression falling behind the rows piles the sheet up in memory.
    if (out.destroyed) throw new Error('export stream closed');
    if (zipInput && needsDrain(zipInput)) await drained(zipInput, out);
    if (out.writableNeedDrain) await drained(out);
  }
  sheet.commit();
  if (source.summary) writeSummarySheet(workbook, source.summary);
  await workbook.commit();
  return count;
}

/** Money as a number of major units for a spreadsheet cell (exact for the amounts we hold). */
function majorUnits(minor: number, currency: string): number {
  return minor / minorUnitsPerMajor(currency);
}

function writeSummarySheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, summary: ExportSummary): void {
  const sheet = workbook.addWorksheet('Summary');
  sheet.columns = [{ width: 34 }, { width: 18 }];
  const rows: Array<[string, string | number]> = [
    ['Outstanding points', summary.liabilityPoints],
    [`Outstanding points value (${summary.currency})`, summary.liabilityMinor === null ? 'no point value yet' : majorUnits(summary.liabilityMinor, summary.currency)],
    [
      `Value of 1 point (${summary.currency})`,
      summary.pointValue ? majorUnits(summary.pointValue.valueMinor, summary.currency) / summary.pointValue.points : 'no point value yet',
    ],
  ];
  for (const row of rows) sheet.addRow(row).commit();
  sheet.commit();
}

export async function writeReport(format: ExportFormat, source: ExportSource, out: Writable): Promise<number> {
  return format === 'csv' ? writeReportCsv(source, out) : writeReportXlsx(source, out);
}
