// Balances from another loyalty app's CSV export. A dry run checks every row (customer, points) and
// keeps the file with the job; nothing is applied while any row has an error (the staff fix the file and
// upload it again). Applying runs as a durable task in batches: each batch creates the members that do
// not exist yet (a Shopify customer id that never ordered), posts one `adjust` entry per row (source
// `import`, idempotency key import:<job>:<row>) naming the source app, adds them to the balances and
// moves the checkpoint, in one transaction; a restarted job continues after the last batch, and a
// repeated batch posts nothing twice.
import { randomUUID } from 'node:crypto';
import type { ImportRowError } from '../../contracts/imports-api';
import { readCsvRecords, type CsvRecord } from '../adjustments/parse-csv';
import type { Db } from '../db-client';
import { AppError } from '../errors/app-error';
import { sqlClientOf, type SqlExecutor } from '../sql/sql-client';
import { joinSql, sql, sqlList } from '../sql/sql-query';
import { detectBalanceLayout, type BalanceLayout, type DetectedLayout } from './balance-csv-layouts';
import { checkpointSql, createImportJob, type ImportJobRecord } from './import-job-store';

export const MAX_BALANCE_ROWS = 500_000;
const MAX_POINTS = 100_000_000;

export interface BalanceRow {
  /** the spreadsheet row (header = 1) */
  row: number;
  shopifyCustomerId: string | null;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  points: number;
  /** the member it goes to; null: a member is created for shopifyCustomerId */
  memberId: string | null;
}

export interface CheckedBalanceFile {
  layout: BalanceLayout;
  /** every valid row (empty when the caller asked for the summary only) */
  rows: BalanceRow[];
  errors: ImportRowError[];
  skipped: number;
  summary: { rows: number; members: number; newMembers: number; points: number };
}

interface CheckedChunk {
  layout: BalanceLayout;
  rows: BalanceRow[];
  errors: ImportRowError[];
  skipped: number;
}

function customerGid(text: string): string | null {
  const trimmed = text.trim();
  if (/^gid:\/\/shopify\/Customer\/\d+$/.test(trimmed)) return trimmed;
  if (/^\d{1,20}$/.test(trimmed)) return `gid://shopify/Customer/${trimmed}`;
  return null;
}

/** Reads the header and every row; structural problems are errors of their row. */
function readRows(detected: DetectedLayout, records: CsvRecord[], header: string[]): { rows: Array<Omit<BalanceRow, 'memberId'>>; errors: ImportRowError[]; skipped: number } {
  const { layout, index } = detected;
  const column = (at: number) => (at >= 0 ? header[at]!.trim() : '');
  const rows: Array<Omit<BalanceRow, 'memberId'>> = [];
  const errors: ImportRowError[] = [];
  let skipped = 0;
  for (const record of records) {
    const field = (at: number) => (at >= 0 ? (record.fields[at] ?? '').trim() : '');
    if (layout.countedStatus && field(index.status).toLowerCase() !== layout.countedStatus) {
      skipped += 1;
      continue;
    }
    const idText = field(index.customerId);
    const email = field(index.email).toLowerCase() || null;
    const pointsText = field(index.points).replace(/\s/g, '');
    const shopifyCustomerId = idText ? customerGid(idText) : null;
    const before = errors.length;
    if (idText && !shopifyCustomerId) errors.push({ row: record.line, column: column(index.customerId), message: `"${idText}" is not a Shopify customer id.` });
    if (!idText && !email) errors.push({ row: record.line, column: column(index.email) || column(index.customerId), message: 'The row names no customer (e-mail or Shopify customer id).' });
    if (email && !/^[^@\s]+@[^@\s]+$/.test(email)) errors.push({ row: record.line, column: column(index.email), message: `"${email}" is not an e-mail address.` });
    let points = 0;
    if (!/^[+-]?\d+(\.0+)?$/.test(pointsText)) errors.push({ row: record.line, column: column(index.points), message: `"${pointsText}" is not a whole number of points.` });
    else {
      points = Math.trunc(Number(pointsText));
      if (points < 0 && !layout.allowsNegative) errors.push({ row: record.line, column: column(index.points), message: 'A balance cannot be negative.' });
      else if (Math.abs(points) > MAX_POINTS) errors.push({ row: record.line, column: column(index.points), message: `At most ${MAX_POINTS} points per row.` });
    }
    if (errors.length > before) continue;
    if (points === 0) {
      skipped += 1;
      continue;
    }
    rows.push({ row: record.line, shopifyCustomerId, email, firstName: field(index.firstName) || null, lastName: field(index.lastName) || null, points });
  }
  return { rows, errors, skipped };
}

/** The shop's members by lower-cased e-mail, loaded once per file. */
/** lower-cased e-mail -> the one member with it, or how many share it */
type EmailIndex = Map<string, string | number>;

async function loadEmailIndex(db: Db, shopId: string): Promise<EmailIndex> {
  // E-mails are stored as typed and compared without case, which no index serves: one pass over the
  // shop's members instead of one scan per chunk of the file.
  const byEmail: EmailIndex = new Map();
  const found = await sqlClientOf(db).query<{ id: string; email: string }>(sql`
    SELECT "id", lower("email") AS "email" FROM "Member" WHERE "shopId" = ${shopId} AND "email" IS NOT NULL`);
  for (const member of found) {
    const known = byEmail.get(member.email);
    byEmail.set(member.email, known === undefined ? member.id : typeof known === 'number' ? known + 1 : 2);
  }
  return byEmail;
}

/** Finds each row's member: by Shopify id (or a new member for it), else by e-mail (exactly one). */
async function matchMembers(db: Db, shopId: string, rows: Array<Omit<BalanceRow, 'memberId'>>, emailColumn: string, emailIndex: () => Promise<EmailIndex>): Promise<{ rows: BalanceRow[]; errors: ImportRowError[] }> {
  const client = sqlClientOf(db);
  const byId = new Map<string, string>();
  const ids = [...new Set(rows.flatMap((r) => (r.shopifyCustomerId ? [r.shopifyCustomerId] : [])))];
  // PostgreSQL takes the whole list as one array parameter; SQLite an IN list per chunk.
  const chunk = client.dialect === 'postgresql' ? 100_000 : 500;
  for (let i = 0; i < ids.length; i += chunk) {
    const part = ids.slice(i, i + chunk);
    const among = client.dialect === 'postgresql' ? sql`= ANY(${part}::text[])` : sql`IN ${sqlList(part)}`;
    const found = await client.query<{ id: string; shopifyCustomerId: string }>(sql`
      SELECT "id", "shopifyCustomerId" FROM "Member" WHERE "shopId" = ${shopId} AND "shopifyCustomerId" ${among}`);
    for (const member of found) byId.set(member.shopifyCustomerId, member.id);
  }
  const byEmail = rows.some((r) => !r.shopifyCustomerId) ? await emailIndex() : (new Map() as EmailIndex);
  const errors: ImportRowError[] = [];
  const matched: BalanceRow[] = [];
  for (const row of rows) {
    if (row.shopifyCustomerId) {
      matched.push({ ...row, memberId: byId.get(row.shopifyCustomerId) ?? null });
      continue;
    }
    const hit = byEmail.get(row.email!);
    if (typeof hit === 'string') matched.push({ ...row, memberId: hit });
    else if (hit === undefined) errors.push({ row: row.row, column: emailColumn, message: `No customer with the e-mail ${row.email}: import the shop's customers first, or add the Shopify customer id.` });
    else errors.push({ row: row.row, column: emailColumn, message: `${hit} customers share the e-mail ${row.email}: add the Shopify customer id.` });
  }
  return { rows: matched, errors };
}

/** Rows are read and matched this many at a time, so a large file is never held as records all at once. */
const CHECK_CHUNK = 5_000;

/** The file's rows, read and matched against the shop's members a chunk at a time. */
async function* checkedChunks(db: Db, shopId: string, csv: string): AsyncGenerator<CheckedChunk> {
  const records = readCsvRecords(csv);
  const header = records.next();
  if (header.done) throw new AppError('VALIDATION', 'The file is empty.');
  const detected = detectBalanceLayout(header.value.fields);
  if (!detected) throw new AppError('VALIDATION', 'The header row has no customer column (e-mail or Shopify customer id) and points column this importer knows.');
  const emailColumn = detected.index.email >= 0 ? header.value.fields[detected.index.email]!.trim() : '';
  let emails: Promise<EmailIndex> | undefined;
  const emailIndex = () => (emails ??= loadEmailIndex(db, shopId));
  let count = 0;
  let chunk: CsvRecord[] = [];
  const check = async (): Promise<CheckedChunk> => {
    const read = readRows(detected, chunk, header.value.fields);
    chunk = [];
    const matched = await matchMembers(db, shopId, read.rows, emailColumn, emailIndex);
    return { layout: detected.layout, rows: matched.rows, errors: [...read.errors, ...matched.errors], skipped: read.skipped };
  };
  for (const record of records) {
    count += 1;
    if (count > MAX_BALANCE_ROWS) throw new AppError('VALIDATION', `At most ${MAX_BALANCE_ROWS} rows at once; this file has more.`);
    chunk.push(record);
    if (chunk.length >= CHECK_CHUNK) yield await check();
  }
  if (count === 0) throw new AppError('VALIDATION', 'The file has a header but no rows.');
  if (chunk.length > 0) yield await check();
}

/** Parses and checks the file against the shop's members, writing nothing. */
export async function checkBalanceFile(db: Db, shopId: string, csv: string, options: { keepRows?: boolean } = {}): Promise<CheckedBalanceFile> {
  let checked: CheckedBalanceFile | undefined;
  const members = new Set<string>();
  for await (const chunk of checkedChunks(db, shopId, csv)) {
    checked ??= { layout: chunk.layout, rows: [], errors: [], skipped: 0, summary: { rows: 0, members: 0, newMembers: 0, points: 0 } };
    if (options.keepRows ?? true) for (const row of chunk.rows) checked.rows.push(row);
    for (const error of chunk.errors) checked.errors.push(error);
    checked.skipped += chunk.skipped;
    for (const row of chunk.rows) {
      members.add(row.memberId ?? row.shopifyCustomerId!);
      checked.summary.rows += 1;
      checked.summary.points += row.points;
      if (row.memberId === null) checked.summary.newMembers += 1;
    }
  }
  checked!.summary.members = members.size;
  checked!.errors.sort((a, b) => a.row - b.row);
  return checked!;
}

/** The dry run: a job that keeps the file, `validated` (ready to apply) or `invalid` with its row errors. */
export async function dryRunBalanceImport(db: Db, shopId: string, input: { csv: string; fileName: string; startedBy: string | null }): Promise<ImportJobRecord> {
  const checked = await checkBalanceFile(db, shopId, input.csv, { keepRows: false });
  const valid = checked.errors.length === 0;
  const job = await createImportJob(db, {
    shopId, kind: 'balances', status: valid ? 'validated' : 'invalid', startedBy: input.startedBy,
    params: { sourceApp: checked.layout.sourceApp, layout: checked.layout.name, fileName: input.fileName },
    summary: { ...checked.summary, skipped: checked.skipped },
    total: checked.summary.rows, errors: checked.errors, errorCount: checked.errors.length,
  });
  // The file is kept for the apply (an invalid one never can be). Stored by raw SQL: a parameter of a few
  // megabytes through Prisma's query compiler would grow its WebAssembly memory for good.
  if (valid) await sqlClientOf(db).execute(sql`UPDATE "ImportJob" SET "sourceText" = ${input.csv} WHERE "id" = ${job.id}`);
  return job;
}

/**
 * PostgreSQL: the batch in two statements whatever its size, the rows passed as arrays (unnest): the new
 * members, then one statement that inserts the entries, adds what was inserted to the balances (members
 * locked in id order, like every writer of Member rows) and moves the checkpoint.
 */
async function applyBalanceBatchPostgres(tx: SqlExecutor, shopId: string, jobId: string, description: string, rows: BalanceRow[], processed: number, now: Date): Promise<number> {
  const newcomers = [...new Map(rows.filter((r) => r.memberId === null).map((r) => [r.shopifyCustomerId!, r])).values()];
  const created = new Map<string, string>();
  if (newcomers.length > 0) {
    const column = <K extends keyof BalanceRow>(key: K) => newcomers.map((r) => (r[key] === null ? null : String(r[key]))) as string[];
    const returned = await tx.query<{ id: string; shopifyCustomerId: string }>(sql`
      INSERT INTO "Member" ("id", "shopId", "shopifyCustomerId", "email", "firstName", "lastName", "createdAt", "updatedAt")
      SELECT gen_random_uuid()::text, ${shopId}, n."customerId", n."email", n."firstName", n."lastName", ${now}, ${now}
      FROM unnest(${column('shopifyCustomerId')}::text[], ${column('email')}::text[], ${column('firstName')}::text[], ${column('lastName')}::text[])
        AS n("customerId", "email", "firstName", "lastName")
      ORDER BY n."customerId"
      ON CONFLICT ("shopId", "shopifyCustomerId") DO UPDATE SET "email" = COALESCE("Member"."email", excluded."email")
      RETURNING "id", "shopifyCustomerId"`);
    for (const member of returned) created.set(member.shopifyCustomerId, member.id);
  }
  const memberIds = rows.map((r) => r.memberId ?? created.get(r.shopifyCustomerId!)!);
  const [result] = await tx.query<{ posted: number }>(sql`
    WITH input AS (
      SELECT * FROM unnest(${rows.map((r) => String(r.row))}::int[], ${memberIds}::text[], ${rows.map((r) => String(r.points))}::int[]) AS i("row", "memberId", "points")
    ), entries AS (
      INSERT INTO "LedgerEntry" ("id", "shopId", "memberId", "type", "status", "points", "description", "sourceType", "sourceId", "idempotencyKey", "postedAt", "createdAt")
      SELECT gen_random_uuid()::text, ${shopId}, i."memberId", 'adjust', 'posted', i."points", ${description}, 'import', ${jobId} || ':' || i."row", ${`import:${jobId}:`} || i."row", ${now}, ${now}
      FROM input i
      ON CONFLICT ("shopId", "idempotencyKey") DO NOTHING
      RETURNING "memberId", "points"
    ), per_member AS (
      SELECT "memberId", SUM("points")::int AS "points" FROM entries GROUP BY "memberId"
    ), locked_members AS (
      SELECT m."id" FROM "Member" m WHERE m."id" IN (SELECT "memberId" FROM per_member) ORDER BY m."id" FOR UPDATE
    ), balances AS (
      UPDATE "Member" m SET "balance" = m."balance" + pm."points", "updatedAt" = ${now}
      FROM per_member pm JOIN locked_members lm ON lm."id" = pm."memberId" WHERE m."id" = pm."memberId"
      RETURNING m."id"
    ), checkpoint AS (
      UPDATE "ImportJob" SET "processed" = ${processed}, "updatedAt" = ${now} WHERE "id" = ${jobId} RETURNING "id"
    )
    SELECT (SELECT COUNT(*) FROM entries)::int AS "posted", (SELECT COUNT(*) FROM balances)::int AS "members", (SELECT COUNT(*) FROM checkpoint)::int AS "checkpoints"`);
  return result?.posted ?? 0;
}

/** One batch: new members, one posted entry per row, balances, checkpoint — one transaction. */
/**
 * SQLite: multi-row statements, kept small: they go through Prisma's raw API, whose WebAssembly memory
 * grows to the largest statement it has seen and stays there.
 */
const SQLITE_ROWS_PER_STATEMENT = 250;

export async function applyBalanceBatch(db: Db, shopId: string, jobId: string, sourceApp: string, rows: BalanceRow[], processed: number, now: Date): Promise<number> {
  let posted = 0;
  await sqlClientOf(db).transaction(async (tx) => {
    if (tx.dialect === 'postgresql') {
      posted = await applyBalanceBatchPostgres(tx, shopId, jobId, `Balance imported from ${sourceApp}`, rows, processed, now);
      return;
    }
    const newcomers = [...new Map(rows.filter((r) => r.memberId === null).map((r) => [r.shopifyCustomerId!, r])).values()];
    const created = new Map<string, string>();
    for (let i = 0; i < newcomers.length; i += SQLITE_ROWS_PER_STATEMENT) {
      const values = newcomers.slice(i, i + SQLITE_ROWS_PER_STATEMENT).map((r) => sql`(${randomUUID()}, ${shopId}, ${r.shopifyCustomerId}, ${r.email}, ${r.firstName}, ${r.lastName}, ${now}, ${now})`);
      const returned = await tx.query<{ id: string; shopifyCustomerId: string }>(sql`
        INSERT INTO "Member" ("id", "shopId", "shopifyCustomerId", "email", "firstName", "lastName", "createdAt", "updatedAt") VALUES ${joinSql(values)}
        ON CONFLICT ("shopId", "shopifyCustomerId") DO UPDATE SET "email" = COALESCE("Member"."email", excluded."email")
        RETURNING "id", "shopifyCustomerId"`);
      for (const member of returned) created.set(member.shopifyCustomerId, member.id);
    }
    const description = `Balance imported from ${sourceApp}`;
    const perMember = new Map<string, number>();
    for (let i = 0; i < rows.length; i += SQLITE_ROWS_PER_STATEMENT) {
      const values = rows.slice(i, i + SQLITE_ROWS_PER_STATEMENT).map((r) => {
        const memberId = r.memberId ?? created.get(r.shopifyCustomerId!)!;
        return sql`(${randomUUID()}, ${shopId}, ${memberId}, 'adjust', 'posted', ${r.points}, ${description}, 'import', ${`${jobId}:${r.row}`}, ${`import:${jobId}:${r.row}`}, ${now}, ${now})`;
      });
      const inserted = await tx.query<{ memberId: string; points: number }>(sql`
        INSERT INTO "LedgerEntry" ("id", "shopId", "memberId", "type", "status", "points", "description", "sourceType", "sourceId", "idempotencyKey", "postedAt", "createdAt")
        VALUES ${joinSql(values)}
        ON CONFLICT ("shopId", "idempotencyKey") DO NOTHING
        RETURNING "memberId", "points"`);
      for (const entry of inserted) perMember.set(entry.memberId, (perMember.get(entry.memberId) ?? 0) + Number(entry.points));
      posted += inserted.length;
    }
    // Balances grow by the entries actually inserted (a repeated batch adds nothing), members in id order.
    const changes = [...perMember].sort(([a], [b]) => (a < b ? -1 : 1));
    for (let i = 0; i < changes.length; i += SQLITE_ROWS_PER_STATEMENT) {
      const values = changes.slice(i, i + SQLITE_ROWS_PER_STATEMENT).map(([memberId, points]) => sql`(${memberId}, ${shopId}, ${memberId}, ${points}, ${now}, ${now})`);
      await tx.execute(sql`
        INSERT INTO "Member" ("id", "shopId", "shopifyCustomerId", "balance", "createdAt", "updatedAt") VALUES ${joinSql(values)}
        ON CONFLICT ("id") DO UPDATE SET "balance" = "Member"."balance" + excluded."balance", "updatedAt" = excluded."updatedAt"`);
    }
    await tx.execute(checkpointSql(jobId, processed, now));
  });
  return posted;
}

/**
 * Applies a validated file from the checkpoint on. The whole file is checked again first (members may
 * have changed since the dry run): with any error now, nothing more is applied and the job fails. Then
 * it is read again a chunk at a time, each chunk matched (members created by an earlier batch are found)
 * and applied in batches; only one chunk of rows is held in memory.
 */
export async function applyBalanceFile(
  db: Db,
  job: Pick<ImportJobRecord, 'id' | 'shopId' | 'processed'>,
  csv: string,
  now: Date,
  options: { batchSize?: number; stopAt?: number; onBatch?: (processed: number) => Promise<void> | void } = {},
): Promise<{ posted: number; processed: number; finished: boolean }> {
  const checked = await checkBalanceFile(db, job.shopId, csv, { keepRows: false });
  if (checked.errors.length > 0) {
    throw new AppError('VALIDATION', `${checked.errors.length} row(s) of the file no longer validate (first: row ${checked.errors[0]!.row}, ${checked.errors[0]!.message}); nothing more was applied.`, { errors: checked.errors.slice(0, 200) });
  }
  const batchSize = options.batchSize ?? CHECK_CHUNK;
  let posted = 0;
  let processed = job.processed;
  let seen = 0;
  for await (const chunk of checkedChunks(db, job.shopId, csv)) {
    const first = seen;
    seen += chunk.rows.length;
    if (seen <= job.processed) continue;
    for (let start = Math.max(first, job.processed); start < seen; start += batchSize) {
      const batch = chunk.rows.slice(start - first, Math.min(seen, start + batchSize) - first);
      processed = start + batch.length;
      posted += await applyBalanceBatch(db, job.shopId, job.id, chunk.layout.sourceApp, batch, processed, now);
      await options.onBatch?.(processed);
      // A task's time box: stop between batches (after one at least); the checkpoint says where to go on.
      if (options.stopAt !== undefined && Date.now() > options.stopAt && processed < seen) return { posted, processed, finished: false };
    }
    if (options.stopAt !== undefined && Date.now() > options.stopAt) {
      // Whether rows are left is only known by reading on: a run that stops here may find none.
      return { posted, processed, finished: false };
    }
  }
  return { posted, processed, finished: true };
}
