// The points report: one page of ledger entries with the member's name, the totals of the whole
// filtered set, and (for the export) a keyset iterator that walks the set in batches so memory stays
// flat however many rows match.
import type { Db, DbKind } from '../db-client';
import type { ReportEntry, ReportResponse, ReportTotals } from '../../contracts/admin-api';
import { memberDisplayName, toDate, toEntryView, type EntryRow } from '../members/member-views';
import { andCondition, isLimited, visibleMemberCondition, type MemberScope } from '../members/visible-members';
import { prismaSqlExecutor } from '../sql/prisma-sql-executor';
import type { SqlExecutor } from '../sql/sql-executor';
import { sql, sqlText, type SqlQuery } from '../sql/sql-query';
import { liabilityOf, loadPointValue, type PointValue } from './point-value';
import { groupMemberIds } from '../groups/group-member-ids';
import { reportWhere, type ReportFilters, type ReportSort } from './report-filters';

const SELECT_COLUMNS = sqlText(`e."id", e."memberId", e."createdAt", e."type", e."status", e."points", e."description", e."sourceType", e."sourceId",
  e."orderId", e."staffUserId", e."locationId", e."availableAt", e."postedAt", m."firstName", m."lastName", m."email"`);

/**
 * Report statements run as unnamed statements through Prisma's raw API, as before they used the tag: their
 * filters vary, so each execution gets a plan for its own values (the pg client's named, prepared
 * statements may switch to one generic plan after five runs, which suits the hot paths, not reports).
 */
export function reportSql(db: Db): SqlExecutor {
  return prismaSqlExecutor(db.prisma);
}

type ReportRow = EntryRow & { firstName: string | null; lastName: string | null; email: string | null };

function toItem(row: ReportRow): ReportEntry {
  return { ...toEntryView(row), memberName: memberDisplayName({ firstName: row.firstName, lastName: row.lastName }), memberEmail: row.email };
}

function orderBy(sort: ReportSort): SqlQuery {
  const direction = sort.order === 'asc' ? 'ASC' : 'DESC';
  return sqlText(`e."${sort.field}" ${direction}, e."id" ${direction}`);
}

export async function reportTotals(db: Db, shopId: string, filters: ReportFilters): Promise<{ total: number; totals: ReportTotals }> {
  const groups = await reportSql(db).query<{ type: string; status: string; n: number | bigint; points: number | bigint | null }>(
    sql`SELECT e."type" AS "type", e."status" AS "status", COUNT(*) AS "n", SUM(e."points") AS "points" FROM "LedgerEntry" e WHERE ${reportWhere(shopId, filters)} GROUP BY e."type", e."status"`,
  );
  const sum = (match: (g: { type: string; status: string }) => boolean) =>
    groups.filter(match).reduce((acc, g) => acc + Number(g.points ?? 0), 0);
  const [liability, shop, pointValue] = await Promise.all([
    outstandingPoints(db, shopId, filters),
    db.prisma.shop.findUnique({ where: { id: shopId }, select: { currency: true } }),
    loadPointValue(db.prisma, shopId),
  ]);
  const currency = shop?.currency ?? 'USD';
  const liabilityPoints = liability;
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

/**
 * Positive balances of the filtered member, the filtered group's members, or every member of the shop,
 * always within the members a location-limited user may see.
 */
async function outstandingPoints(db: Db, shopId: string, filters: ReportFilters): Promise<number> {
  const visible = filters.scope ? visibleMemberCondition(filters.scope, shopId, 'm."id"') : null;
  if (filters.groupId === undefined && visible === null) {
    const sum = await db.prisma.member.aggregate({ where: { shopId, balance: { gt: 0 }, ...(filters.memberId ? { id: filters.memberId } : {}) }, _sum: { balance: true } });
    return sum._sum.balance ?? 0;
  }
  const member = filters.memberId !== undefined ? sql` AND m."id" = ${filters.memberId}` : sql``;
  const group = filters.groupId !== undefined ? sql` AND m."id" IN (${groupMemberIds(shopId, filters.groupId)})` : sql``;
  const rows = await reportSql(db).query<{ points: number | bigint | null }>(
    sql`SELECT SUM(m."balance") AS "points" FROM "Member" m WHERE m."shopId" = ${shopId} AND m."balance" > 0${member}${group}${andCondition(visible)}`,
  );
  return Number(rows[0]?.points ?? 0);
}

export async function reportPage(db: Db, shopId: string, filters: ReportFilters, sort: ReportSort, paging: { page: number; pageSize: number }): Promise<ReportResponse> {
  const [rows, { total, totals }] = await Promise.all([
    reportSql(db).query<ReportRow>(
      sql`SELECT ${SELECT_COLUMNS} FROM "LedgerEntry" e JOIN "Member" m ON m."id" = e."memberId" WHERE ${reportWhere(shopId, filters)} ORDER BY ${orderBy(sort)} LIMIT ${paging.pageSize} OFFSET ${(paging.page - 1) * paging.pageSize}`,
    ),
    reportTotals(db, shopId, filters),
  ]);
  return { items: rows.map(toItem), total, page: paging.page, pageSize: paging.pageSize, totals };
}

export async function countReportRows(db: Db, shopId: string, filters: ReportFilters): Promise<number> {
  const rows = await reportSql(db).query<{ n: number | bigint }>(sql`SELECT COUNT(*) AS "n" FROM "LedgerEntry" e WHERE ${reportWhere(shopId, filters)}`);
  return Number(rows[0]?.n ?? 0);
}

/** The last row a keyset batch ended on: its sort value and id. */
type KeysetPosition = { value: Date | number | null; id: string };

/** The report's conditions, continuing after `after` when given. */
function keysetWhere(shopId: string, filters: ReportFilters, sort: ReportSort, after: KeysetPosition | null): SqlQuery {
  const where = reportWhere(shopId, filters);
  if (!after) return where;
  const column = sqlText(`e."${sort.field}"`);
  const comparison = sqlText(sort.order === 'asc' ? '>' : '<');
  // The plain bound lets the (shopId, createdAt) index start at the last row; the row-value
  // comparison then skips the rows of that same timestamp already sent.
  return sql`${where} AND ${column} ${comparison}= ${after.value} AND (${column}, e."id") ${comparison} (${after.value}, ${after.id})`;
}

/**
 * Walks the filtered set in the report's order, batchSize rows per query, continuing after the last
 * row seen (keyset) instead of OFFSET, so each batch costs the same and only one batch is in memory.
 */
/** Runs one SELECT; the export may bring a driver of its own (see web/server/db/pg-row-query.ts). */
export type QueryRows = (query: SqlQuery) => Promise<unknown[]>;

export function reportQueryRows(db: Db): QueryRows {
  return (query) => reportSql(db).query(query);
}

export async function* iterateReportRows(
  db: Db, shopId: string, filters: ReportFilters, sort: ReportSort, batchSize = 5000, query: QueryRows = reportQueryRows(db),
): AsyncGenerator<ReportEntry[]> {
  let after: KeysetPosition | null = null;
  for (;;) {
    const rows = (await query(
      sql`SELECT ${SELECT_COLUMNS} FROM "LedgerEntry" e JOIN "Member" m ON m."id" = e."memberId" WHERE ${keysetWhere(shopId, filters, sort, after)} ORDER BY ${orderBy(sort)} LIMIT ${batchSize}`,
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
export type StreamRows = (query: SqlQuery, batchSize: number) => AsyncIterable<unknown[][]>;

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
export function exportQuery(kind: DbKind, shopId: string, filters: ReportFilters, sort: ReportSort): SqlQuery {
  const select = kind === 'postgresql' ? EXPORT_SELECT_PG : EXPORT_FIELDS.map((f) => (f === 'firstName' || f === 'lastName' || f === 'email' ? `m."${f}"` : `e."${f}"`)).join(', ');
  return sql`SELECT ${sqlText(select)} FROM "LedgerEntry" e JOIN "Member" m ON m."id" = e."memberId" WHERE ${reportWhere(shopId, filters)} ORDER BY ${orderBy(sort)}`;
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
    yield* options.stream(exportQuery(db.kind, shopId, filters, sort), batchSize);
    return;
  }
  let after: KeysetPosition | null = null;
  const query = options.query ?? reportQueryRows(db);
  for (;;) {
    const rows = (await query(
      sql`SELECT ${SELECT_COLUMNS} FROM "LedgerEntry" e JOIN "Member" m ON m."id" = e."memberId" WHERE ${keysetWhere(shopId, filters, sort, after)} ORDER BY ${orderBy(sort)} LIMIT ${batchSize}`,
    )) as ReportRow[];
    if (rows.length === 0) return;
    yield rows.map((row) => EXPORT_FIELDS.map((field) => (row as Record<string, unknown>)[field]));
    if (rows.length < batchSize) return;
    const last = rows[rows.length - 1]!;
    after = { value: sort.field === 'createdAt' ? toDate(last.createdAt) : Number(last.points), id: last.id };
  }
}
