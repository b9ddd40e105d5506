// The points report: one page of ledger entries with the member's name, the totals of the whole
// filtered set, and (for the export) a keyset iterator that walks the set in batches so memory stays
// flat however many rows match.
import type { Db, DbKind } from '../db-client';
import { memberDisplayName, toDate, toEntryView, type EntryRow, type EntryView } from '../members/member-views';
import { liabilityOf, loadPointValue, type PointValue } from './point-value';
import { reportWhere, SqlParams, type ReportFilters, type ReportSort } from './report-filters';

export type ReportItem = EntryView & { memberName: string; memberEmail: string | null };

export interface ReportTotals {
  /** posted earn entries */
  earned: number;
  /** posted redemptions, as a positive number */
  spent: number;
  /** entries still pending */
  pending: number;
  /** posted expiries, as a positive number */
  expired: number;
  /** net of posted manual adjustments (signed) */
  adjusted: number;
  /** net of posted reversals (refund clawbacks, returned redemptions; signed) */
  reversed: number;
  /** outstanding posted balance now: of the filtered member, else of every member of the shop */
  liabilityPoints: number;
  /** the liability in money at `pointValue`; null while points have no money value (no reward, no stated value) */
  liabilityMinor: number | null;
  currency: string;
  pointValue: PointValue | null;
}

export interface ReportPage {
  items: ReportItem[];
  total: number;
  page: number;
  pageSize: number;
  totals: ReportTotals;
}

const SELECT_COLUMNS = `e."id", e."memberId", e."createdAt", e."type", e."status", e."points", e."description", e."sourceType", e."sourceId",
  e."orderId", e."staffUserId", e."locationId", e."availableAt", e."postedAt", m."firstName", m."lastName", m."email"`;

type ReportRow = EntryRow & { firstName: string | null; lastName: string | null; email: string | null };

function toItem(row: ReportRow): ReportItem {
  return { ...toEntryView(row), memberName: memberDisplayName({ firstName: row.firstName, lastName: row.lastName }), memberEmail: row.email };
}

function orderBy(sort: ReportSort): string {
  const direction = sort.order === 'asc' ? 'ASC' : 'DESC';
  return `e."${sort.field}" ${direction}, e."id" ${direction}`;
}

export async function reportTotals(db: Db, shopId: string, filters: ReportFilters): Promise<{ total: number; totals: ReportTotals }> {
  const params = new SqlParams(db.kind);
  const where = reportWhere(shopId, filters, params);
  const groups = await db.prisma.$queryRawUnsafe<Array<{ type: string; status: string; n: number | bigint; points: number | bigint | null }>>(
    `SELECT e."type" AS "type", e."status" AS "status", COUNT(*) AS "n", SUM(e."points") AS "points" FROM "LedgerEntry" e WHERE ${where} GROUP BY e."type", e."status"`,
    ...params.values,
  );
  const sum = (match: (g: { type: string; status: string }) => boolean) =>
    groups.filter(match).reduce((acc, g) => acc + Number(g.points ?? 0), 0);
  const [liability, shop, pointValue] = await Promise.all([
    db.prisma.member.aggregate({ where: { shopId, balance: { gt: 0 }, ...(filters.memberId ? { id: filters.memberId } : {}) }, _sum: { balance: true } }),
    db.prisma.shop.findUnique({ where: { id: shopId }, select: { currency: true } }),
    loadPointValue(db.prisma, shopId),
  ]);
  const currency = shop?.currency ?? 'USD';
  const liabilityPoints = liability._sum.balance ?? 0;
  const inMoney = liabilityOf(liabilityPoints, pointValue, currency);
  return {
    total: groups.reduce((acc, g) => acc + Number(g.n), 0),
    totals: {
      earned: sum((g) => g.type === 'earn' && g.status === 'posted'),
      spent: -sum((g) => g.type === 'redeem' && g.status === 'posted'),
      pending: sum((g) => g.status === 'pending'),
      expired: -sum((g) => g.type === 'expire' && g.status === 'posted'),
      adjusted: sum((g) => g.type === 'adjust' && g.status === 'posted'),
      reversed: sum((g) => g.type === 'reversal' && g.status === 'posted'),
      liabilityPoints,
      liabilityMinor: inMoney.valueMinor,
      currency,
      pointValue,
    },
  };
}

export async function reportPage(db: Db, shopId: string, filters: ReportFilters, sort: ReportSort, paging: { page: number; pageSize: number }): Promise<ReportPage> {
  const params = new SqlParams(db.kind);
  const where = reportWhere(shopId, filters, params);
  const limit = params.add(paging.pageSize);
  const offset = params.add((paging.page - 1) * paging.pageSize);
  const [rows, { total, totals }] = await Promise.all([
    db.prisma.$queryRawUnsafe<ReportRow[]>(
      `SELECT ${SELECT_COLUMNS} FROM "LedgerEntry" e JOIN "Member" m ON m."id" = e."memberId" WHERE ${where} ORDER BY ${orderBy(sort)} LIMIT ${limit} OFFSET ${offset}`,
      ...params.values,
    ),
    reportTotals(db, shopId, filters),
  ]);
  return { items: rows.map(toItem), total, page: paging.page, pageSize: paging.pageSize, totals };
}

export async function countReportRows(db: Db, shopId: string, filters: ReportFilters): Promise<number> {
  const params = new SqlParams(db.kind);
  const where = reportWhere(shopId, filters, params);
  const rows = await db.prisma.$queryRawUnsafe<Array<{ n: number | bigint }>>(`SELECT COUNT(*) AS "n" FROM "LedgerEntry" e WHERE ${where}`, ...params.values);
  return Number(rows[0]?.n ?? 0);
}

/**
 * Walks the filtered set in the report's order, batchSize rows per query, continuing after the last
 * row seen (keyset) instead of OFFSET, so each batch costs the same and only one batch is in memory.
 */
/** Runs one SELECT; the export may bring a faster driver than Prisma's raw queries (see web/server/db/pg-row-query.ts). */
export type QueryRows = (sql: string, values: unknown[]) => Promise<unknown[]>;

export function prismaQueryRows(db: Db): QueryRows {
  return (sql, values) => db.prisma.$queryRawUnsafe<unknown[]>(sql, ...values);
}

export async function* iterateReportRows(
  db: Db, shopId: string, filters: ReportFilters, sort: ReportSort, batchSize = 5000, query: QueryRows = prismaQueryRows(db),
): AsyncGenerator<ReportItem[]> {
  let after: { value: unknown; id: string } | null = null;
  const comparison = sort.order === 'asc' ? '>' : '<';
  for (;;) {
    const params = new SqlParams(db.kind);
    let where = reportWhere(shopId, filters, params);
    if (after) {
      // The plain bound lets the (shopId, createdAt) index start at the last row; the row-value
      // comparison then skips the rows of that same timestamp already sent.
      where += ` AND e."${sort.field}" ${comparison}= ${params.add(after.value)} AND (e."${sort.field}", e."id") ${comparison} (${params.add(after.value)}, ${params.add(after.id)})`;
    }
    const rows = (await query(
      `SELECT ${SELECT_COLUMNS} FROM "LedgerEntry" e JOIN "Member" m ON m."id" = e."memberId" WHERE ${where} ORDER BY ${orderBy(sort)} LIMIT ${params.add(batchSize)}`,
      params.values,
    )) as ReportRow[];
    if (rows.length === 0) return;
    yield rows.map(toItem);
    if (rows.length < batchSize) return;
    const last = rows[rows.length - 1]!;
    after = { value: sort.field === 'createdAt' ? toDate(last.createdAt) : Number(last.points), id: last.id };
  }
}


/**
 * Rows per cursor FETCH / keyset batch for the export. Measured at 1M rows (docs/benchmarks.md): 5000
 * keeps more rows alive across young-generation GCs, so more garbage is promoted and peak RSS is
 * ~30-40 MB higher; below 1000 the round trips start to cost time.
 */
export const EXPORT_BATCH_SIZE = 2000;

/** Streams the rows of one SELECT in batches of arrays (rowMode "array"), e.g. through a server-side cursor. */
export type StreamRows = (sql: string, values: unknown[], batchSize: number) => AsyncIterable<unknown[][]>;

/** The export's fields, in this order, as arrays (no per-row objects). See ExportRow in export-report.ts. */
export const EXPORT_FIELDS = [
  'createdAt', 'firstName', 'lastName', 'email', 'type', 'status', 'points', 'description', 'sourceType', 'sourceId',
  'orderId', 'staffUserId', 'locationId', 'availableAt', 'postedAt', 'id', 'memberId',
] as const;

// PostgreSQL formats the UTC timestamps (timestamp(3) without time zone) exactly as Date.toISOString does,
// so the export never builds a Date per cell for CSV.
const isoText = (column: string) => `to_char(e."${column}", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const EXPORT_SELECT_PG = EXPORT_FIELDS.map((field) => {
  if (field === 'createdAt' || field === 'availableAt' || field === 'postedAt') return isoText(field);
  return field === 'firstName' || field === 'lastName' || field === 'email' ? `m."${field}"` : `e."${field}"`;
}).join(', ');

/** The export query for one server-side cursor (no keyset: the cursor walks the whole set once). */
export function exportQuery(kind: DbKind, shopId: string, filters: ReportFilters, sort: ReportSort): { sql: string; values: unknown[] } {
  const params = new SqlParams(kind);
  const where = reportWhere(shopId, filters, params);
  const select = kind === 'postgresql' ? EXPORT_SELECT_PG : EXPORT_FIELDS.map((f) => (f === 'firstName' || f === 'lastName' || f === 'email' ? `m."${f}"` : `e."${f}"`)).join(', ');
  return { sql: `SELECT ${select} FROM "LedgerEntry" e JOIN "Member" m ON m."id" = e."memberId" WHERE ${where} ORDER BY ${orderBy(sort)}`, values: params.values };
}

/**
 * The export's rows as arrays in EXPORT_FIELDS order: through `stream` (one server-side cursor) when
 * given, else by keyset batches through `query` (Prisma by default). Dates are ISO text from the
 * cursor, or whatever the driver returns (Date, epoch ms) from the keyset path.
 */
export async function* iterateExportRows(
  db: Db, shopId: string, filters: ReportFilters, sort: ReportSort, options: { batchSize?: number; query?: QueryRows; stream?: StreamRows } = {},
): AsyncGenerator<unknown[][]> {
  const batchSize = options.batchSize ?? EXPORT_BATCH_SIZE;
  if (options.stream) {
    const { sql, values } = exportQuery(db.kind, shopId, filters, sort);
    yield* options.stream(sql, values, batchSize);
    return;
  }
  let after: { value: unknown; id: string } | null = null;
  const comparison = sort.order === 'asc' ? '>' : '<';
  const query = options.query ?? prismaQueryRows(db);
  for (;;) {
    const params = new SqlParams(db.kind);
    let where = reportWhere(shopId, filters, params);
    if (after) {
      where += ` AND e."${sort.field}" ${comparison}= ${params.add(after.value)} AND (e."${sort.field}", e."id") ${comparison} (${params.add(after.value)}, ${params.add(after.id)})`;
    }
    const rows = (await query(
      `SELECT ${SELECT_COLUMNS} FROM "LedgerEntry" e JOIN "Member" m ON m."id" = e."memberId" WHERE ${where} ORDER BY ${orderBy(sort)} LIMIT ${params.add(batchSize)}`,
      params.values,
    )) as ReportRow[];
    if (rows.length === 0) return;
    yield rows.map((row) => EXPORT_FIELDS.map((field) => (row as Record<string, unknown>)[field]));
    if (rows.length < batchSize) return;
    const last = rows[rows.length - 1]!;
    after = { value: sort.field === 'createdAt' ? toDate(last.createdAt) : Number(last.points), id: last.id };
  }
}
