// Bulk adjustment from a CSV upload (columns customer,points,description; header row required).
// Every row is checked first (customer found exactly once, points, description, the user's limit, the
// running balance); the preview shows each row's result. Applying is all-or-nothing: with any row
// in error nothing is written, otherwise every row is posted in one transaction.
import { randomUUID } from 'node:crypto';
import type { BulkResult, BulkRow } from '../../contracts/admin-api';
import { writeTransaction, type Db, type Tx } from '../db-client';
import { AppError } from '../errors/app-error';
import { memberDisplayName } from '../members/member-views';
import { isLimited, memberScopeOf, visibleMemberCondition, type MemberScope } from '../members/visible-members';
import { recordStaffAction } from '../staff/record-staff-action';
import type { StaffIdentity } from '../staff/staff-roles';
import { allowsNegativeBalance, postAdjustment } from './adjust-member-points';
import { prismaSqlExecutor } from '../sql/prisma-sql-executor';
import { joinSql, sql } from '../sql/sql-query';
import { parseCsv } from './parse-csv';

export const MAX_BULK_ROWS = 5000;
const MAX_POINTS = 10_000_000;

type MemberHit = { id: string; shopifyCustomerId: string; email: string | null; phone: string | null; firstName: string | null; lastName: string | null; balance: number };

type CustomerKey = { kind: 'email'; value: string } | { kind: 'id'; value: string } | { kind: 'phone'; value: string } | { kind: 'id_or_phone'; id: string; phone: string };

function customerKey(raw: string): CustomerKey | null {
  const text = raw.trim();
  if (text.includes('@')) return { kind: 'email', value: text.toLowerCase() };
  if (/^gid:\/\/shopify\/Customer\/\d+$/.test(text)) return { kind: 'id', value: text };
  const digits = text.replace(/[\s()\-.]/g, '');
  if (/^\+\d{6,15}$/.test(digits)) return { kind: 'phone', value: digits };
  if (/^\d+$/.test(digits)) return { kind: 'id_or_phone', id: `gid://shopify/Customer/${digits}`, phone: `+${digits}` };
  return null;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The hits a user limited to locations may see; the others match nothing, as if they did not exist. */
async function visibleHits(db: Db, shopId: string, hits: MemberHit[], scope: MemberScope): Promise<MemberHit[]> {
  if (!isLimited(scope) || hits.length === 0) return hits;
  const visible = new Set<string>();
  for (const part of chunks(hits.map((hit) => hit.id), 500)) {
    const rows = await prismaSqlExecutor(db.prisma).query<{ id: string }>(
      sql`SELECT m."id" AS "id" FROM "Member" m WHERE m."shopId" = ${shopId} AND m."id" IN (${joinSql(part.map((id) => sql`${id}`))}) AND ${visibleMemberCondition(scope, shopId, 'm."id"')!}`,
    );
    for (const row of rows) visible.add(row.id);
  }
  return hits.filter((hit) => visible.has(hit.id));
}

async function findMembers(db: Db, shopId: string, keys: CustomerKey[], scope: MemberScope): Promise<{ byEmail: Map<string, MemberHit[]>; byId: Map<string, MemberHit>; byPhone: Map<string, MemberHit[]> }> {
  const emails = new Set<string>();
  const ids = new Set<string>();
  const phones = new Set<string>();
  for (const key of keys) {
    if (key.kind === 'email') emails.add(key.value);
    else if (key.kind === 'id') ids.add(key.value);
    else if (key.kind === 'phone') phones.add(key.value);
    else {
      ids.add(key.id);
      phones.add(key.phone);
      phones.add(key.phone.slice(1));
    }
  }
  const select = { id: true, shopifyCustomerId: true, email: true, phone: true, firstName: true, lastName: true, balance: true } as const;
  const hits: MemberHit[] = [];
  for (const part of chunks([...emails], 500)) {
    // lower() on both sides: SQLite's IN compares case-sensitively, and e-mails are stored as typed.
    const emailList = joinSql(part.map((email) => sql`${email}`), ', ');
    const ids = (await prismaSqlExecutor(db.prisma).query<{ id: string }>(sql`SELECT "id" FROM "Member" WHERE "shopId" = ${shopId} AND lower("email") IN (${emailList})`)).map((row) => row.id);
    if (ids.length > 0) hits.push(...(await db.prisma.member.findMany({ where: { shopId, id: { in: ids } }, select })));
  }
  for (const part of chunks([...ids], 500)) hits.push(...(await db.prisma.member.findMany({ where: { shopId, shopifyCustomerId: { in: part } }, select })));
  for (const part of chunks([...phones], 500)) hits.push(...(await db.prisma.member.findMany({ where: { shopId, phone: { in: part } }, select })));
  const unique = await visibleHits(db, shopId, [...new Map(hits.map((hit) => [hit.id, hit])).values()], scope);
  const byEmail = new Map<string, MemberHit[]>();
  const byPhone = new Map<string, MemberHit[]>();
  const byId = new Map<string, MemberHit>();
  for (const hit of unique) {
    byId.set(hit.shopifyCustomerId, hit);
    if (hit.email) byEmail.set(hit.email.toLowerCase(), [...(byEmail.get(hit.email.toLowerCase()) ?? []), hit]);
    if (hit.phone) {
      const normal = hit.phone.startsWith('+') ? hit.phone : `+${hit.phone}`;
      byPhone.set(normal, [...(byPhone.get(normal) ?? []), hit]);
    }
  }
  return { byEmail, byId, byPhone };
}

function headerColumns(fields: string[]): { customer: number; points: number; description: number } {
  const names = fields.map((field) => field.trim().toLowerCase());
  const columns = { customer: names.indexOf('customer'), points: names.indexOf('points'), description: names.indexOf('description') };
  if (columns.customer < 0 || columns.points < 0 || columns.description < 0) {
    throw new AppError('VALIDATION', 'The first row must be the header: customer,points,description.');
  }
  return columns;
}

/** Checks every row against the database without writing anything. */
export async function previewBulkAdjustment(db: Db, shopId: string, staff: StaffIdentity, csv: string): Promise<BulkResult> {
  const records = parseCsv(csv);
  const header = records.shift();
  if (!header) throw new AppError('VALIDATION', 'The file is empty; it needs a header row customer,points,description.');
  const columns = headerColumns(header.fields);
  if (records.length === 0) throw new AppError('VALIDATION', 'The file has a header but no rows.');
  if (records.length > MAX_BULK_ROWS) throw new AppError('VALIDATION', `At most ${MAX_BULK_ROWS} rows at once; this file has ${records.length}.`);

  const parsed = records.map((record) => {
    const customer = (record.fields[columns.customer] ?? '').trim();
    return { line: record.line, customer, key: customerKey(customer), pointsText: (record.fields[columns.points] ?? '').trim(), description: (record.fields[columns.description] ?? '').trim() };
  });
  const found = await findMembers(db, shopId, parsed.flatMap((row) => (row.key ? [row.key] : [])), memberScopeOf(staff));
  const allowNegative = await allowsNegativeBalance(db.prisma, shopId);
  const running = new Map<string, number>();

  const rows = parsed.map((row): BulkRow => {
    const points = /^[+-]?\d{1,9}$/.test(row.pointsText) ? Number(row.pointsText) : null;
    const result: BulkRow = { line: row.line, customer: row.customer, points, description: row.description, memberId: null, memberName: null, error: null };
    let matches: MemberHit[] = [];
    if (row.key?.kind === 'email') matches = found.byEmail.get(row.key.value) ?? [];
    else if (row.key?.kind === 'id') matches = found.byId.has(row.key.value) ? [found.byId.get(row.key.value)!] : [];
    else if (row.key?.kind === 'phone') matches = found.byPhone.get(row.key.value) ?? [];
    else if (row.key?.kind === 'id_or_phone') matches = found.byId.has(row.key.id) ? [found.byId.get(row.key.id)!] : found.byPhone.get(row.key.phone) ?? [];
    if (matches.length === 1) {
      result.memberId = matches[0]!.id;
      result.memberName = memberDisplayName(matches[0]!);
    }
    if (row.customer === '') result.error = 'The customer is missing.';
    else if (!row.key) result.error = 'The customer must be an e-mail address, a phone number or a Shopify customer id.';
    else if (matches.length === 0) result.error = `No member matches "${row.customer}".`;
    else if (matches.length > 1) result.error = `"${row.customer}" matches ${matches.length} members; use the Shopify customer id.`;
    else if (points === null || points === 0) result.error = 'Points must be a whole number other than zero.';
    else if (Math.abs(points) > MAX_POINTS) result.error = `Points must be at most ${MAX_POINTS}.`;
    else if (row.description === '') result.error = 'The description is missing (the customer sees it).';
    else if (row.description.length > 300) result.error = 'The description is longer than 300 characters.';
    else if (staff.adjustLimit !== null && Math.abs(points) > staff.adjustLimit) result.error = `You may adjust at most ${staff.adjustLimit} points at a time.`;
    else {
      const member = matches[0]!;
      const balance = (running.get(member.id) ?? member.balance) + points;
      if (balance < 0 && !allowNegative) result.error = `This would take the balance below zero (${balance}).`;
      else running.set(member.id, balance);
    }
    return result;
  });
  const valid = rows.every((row) => row.error === null);
  return { rows, valid, applied: false, totalPoints: rows.reduce((sum, row) => sum + (row.points ?? 0), 0) };
}

/**
 * A batch key names one file: used again, it must come with the same rows (a retry), or nothing is
 * applied (409), as for single adjustments. Checked after posting, inside the transaction, so a
 * concurrent apply of another file under the same key is caught too (its rows are then visible).
 */
async function assertSameBatch(tx: Tx, shopId: string, batchKey: string, rows: BulkRow[]): Promise<void> {
  const keys = rows.map((row) => `bulk:${batchKey}:${row.line}`);
  const entries = await tx.ledgerEntry.findMany({ where: { shopId, idempotencyKey: { in: keys } }, select: { idempotencyKey: true, memberId: true, points: true, description: true } });
  const byKey = new Map(entries.map((entry) => [entry.idempotencyKey, entry]));
  const sameRows = rows.every((row, i) => {
    const entry = byKey.get(keys[i]!);
    return entry !== undefined && entry.memberId === row.memberId && entry.points === row.points && entry.description === row.description;
  });
  const earlier = await tx.staffAction.findMany({ where: { shopId, action: 'adjustments.bulk', target: batchKey }, select: { details: true } });
  const sameSize = earlier.every((action) => (JSON.parse(action.details) as { rows?: unknown }).rows === rows.length);
  if (!sameRows || !sameSize) throw new AppError('CONFLICT', 'This idempotency key was already used for a different file; nothing was applied.');
}

export async function applyBulkAdjustment(
  db: Db,
  shopId: string,
  staff: StaffIdentity,
  csv: string,
  options: { batchKey?: string; now?: Date } = {},
): Promise<BulkResult> {
  const preview = await previewBulkAdjustment(db, shopId, staff, csv);
  if (!preview.valid) {
    throw new AppError('VALIDATION', `${preview.rows.filter((row) => row.error).length} row(s) have errors; nothing was applied.`, { ...preview, applied: false });
  }
  const now = options.now ?? new Date();
  const batchKey = options.batchKey ?? randomUUID();
  await writeTransaction(
    db,
    async (tx: Tx) => {
      const allowNegative = await allowsNegativeBalance(tx, shopId);
      let created = 0;
      for (const row of preview.rows) {
        const ref = await postAdjustment(tx, {
          shopId, memberId: row.memberId!, points: row.points!, description: row.description, key: `bulk:${batchKey}:${row.line}`,
          staffUserId: staff.userId, now, allowNegative,
        });
        if (ref.created) created += 1;
      }
      await assertSameBatch(tx, shopId, batchKey, preview.rows);
      if (created > 0) {
        await recordStaffAction(tx, { shopId, userId: staff.userId, action: 'adjustments.bulk', target: batchKey, details: { rows: preview.rows.length, totalPoints: preview.totalPoints }, at: now });
      }
    },
    { timeout: 180_000, maxWait: 10_000 },
  );
  return { ...preview, applied: true };
}
