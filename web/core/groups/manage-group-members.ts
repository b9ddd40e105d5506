// Staff choose the members of a manual group: one at a time, from a member search, from a selection in
// the members list, or from a CSV file (one customer per row: an e-mail address or a Shopify customer
// id). Each change writes the membership and its history (reason staff / csv_import, detail = the staff
// user id) and the audit row in one transaction. Automatic groups and tiers follow their rules instead.
import type { GroupImportResult, GroupImportRow, MembershipChangeResult } from '../../contracts/groups-api';
import { GROUP_LIMITS } from '../../contracts/groups-api';
import { parseCsv } from '../adjustments/parse-csv';
import { writeTransaction, type Db, type Tx } from '../db-client';
import { AppError, notFound } from '../errors/app-error';
import { memberDisplayName } from '../members/member-views';
import { prismaSqlExecutor } from '../sql/prisma-sql-executor';
import { joinSql, sql } from '../sql/sql-query';
import { recordStaffAction } from '../staff/record-staff-action';
import type { StaffIdentity } from '../staff/staff-roles';
import { joinGroup, leaveGroup } from './write-membership';

async function manualGroup(tx: Tx, shopId: string, groupId: string): Promise<{ id: string; name: string }> {
  const group = await tx.customerGroup.findFirst({ where: { id: groupId, shopId, archivedAt: null }, select: { id: true, name: true, kind: true } });
  if (!group) throw notFound('This group');
  if (group.kind !== 'manual') {
    throw new AppError('CONFLICT', `"${group.name}" is an automatic group: its members follow its rules and cannot be added or removed by hand.`);
  }
  return group;
}

async function assertMembersOfShop(tx: Tx, shopId: string, memberIds: string[]): Promise<void> {
  const unique = [...new Set(memberIds)];
  const found = await tx.member.count({ where: { shopId, id: { in: unique } } });
  if (found !== unique.length) throw new AppError('NOT_FOUND', 'One or more of these members were not found in this shop.');
}

export async function addGroupMembers(db: Db, shopId: string, staff: StaffIdentity, groupId: string, memberIds: string[], now = new Date()): Promise<MembershipChangeResult> {
  return writeTransaction(db, async (tx) => {
    const group = await manualGroup(tx, shopId, groupId);
    await assertMembersOfShop(tx, shopId, memberIds);
    const joined = await joinGroup(tx, { shopId, groupId, memberIds, source: 'manual', reason: 'staff', detail: staff.userId, now });
    if (joined.length > 0) await recordStaffAction(tx, { shopId, userId: staff.userId, action: 'group.members.add', target: groupId, details: { group: group.name, memberIds: joined }, at: now });
    return { changed: joined.length, unchanged: new Set(memberIds).size - joined.length, memberCount: await tx.groupMember.count({ where: { groupId } }) };
  });
}

export async function removeGroupMembers(db: Db, shopId: string, staff: StaffIdentity, groupId: string, memberIds: string[], now = new Date()): Promise<MembershipChangeResult> {
  return writeTransaction(db, async (tx) => {
    const group = await manualGroup(tx, shopId, groupId);
    await assertMembersOfShop(tx, shopId, memberIds);
    const left = await leaveGroup(tx, { shopId, groupId, memberIds, reason: 'staff', detail: staff.userId, now });
    if (left.length > 0) await recordStaffAction(tx, { shopId, userId: staff.userId, action: 'group.members.remove', target: groupId, details: { group: group.name, memberIds: left }, at: now });
    return { changed: left.length, unchanged: new Set(memberIds).size - left.length, memberCount: await tx.groupMember.count({ where: { groupId } }) };
  });
}

type Hit = { id: string; shopifyCustomerId: string; email: string | null; firstName: string | null; lastName: string | null };

/**
 * e-mail (any case), a customer GID, or the number of one (what Shopify's customer export shows, there
 * with a leading apostrophe so spreadsheets keep every digit).
 */
function customerKey(raw: string): { kind: 'email' | 'id'; value: string } | null {
  const text = raw.trim().replace(/^'(?=\d+$)/, '');
  if (/^[^\s@]+@[^\s@]+$/.test(text)) return { kind: 'email', value: text.toLowerCase() };
  if (/^gid:\/\/shopify\/Customer\/\d+$/.test(text)) return { kind: 'id', value: text };
  if (/^\d{1,20}$/.test(text)) return { kind: 'id', value: `gid://shopify/Customer/${text}` };
  return null;
}

async function findCustomers(tx: Tx, shopId: string, emails: string[], ids: string[]): Promise<Hit[]> {
  const select = { id: true, shopifyCustomerId: true, email: true, firstName: true, lastName: true } as const;
  const hits: Hit[] = [];
  for (let i = 0; i < emails.length; i += 500) {
    const list = joinSql(emails.slice(i, i + 500).map((email) => sql`${email}`));
    // lower() on both sides: SQLite compares case-sensitively, and e-mails are stored as typed.
    const rows = await prismaSqlExecutor(tx).query<{ id: string }>(sql`SELECT "id" FROM "Member" WHERE "shopId" = ${shopId} AND lower("email") IN (${list})`);
    if (rows.length > 0) hits.push(...(await tx.member.findMany({ where: { shopId, id: { in: rows.map((row) => row.id) } }, select })));
  }
  for (let i = 0; i < ids.length; i += 500) hits.push(...(await tx.member.findMany({ where: { shopId, shopifyCustomerId: { in: ids.slice(i, i + 500) } }, select })));
  return hits;
}

const CUSTOMER_COLUMNS = ['customer', 'customer id', 'customer_id', 'id', 'email', 'e-mail'];

/**
 * The customer of each row: with a header, the first filled column headed customer / customer id /
 * email (so Shopify's customer export works as it is); without one, the first column.
 */
function readRows(csv: string): Array<{ line: number; customer: string }> {
  const records = parseCsv(csv);
  if (records.length === 0) throw new AppError('VALIDATION', 'The file is empty: put one customer (e-mail or Shopify customer id) on each row.');
  const header = records[0]!.fields.map((field) => field.trim().toLowerCase());
  const columns = header.map((name, index) => ({ name, index })).filter(({ name }) => CUSTOMER_COLUMNS.includes(name)).map(({ index }) => index);
  const rows = (columns.length > 0 ? records.slice(1) : records).map((record) => {
    const values = (columns.length > 0 ? columns : [0]).map((index) => (record.fields[index] ?? '').trim());
    return { line: record.line, customer: values.find((value) => value !== '') ?? '' };
  });
  if (rows.length === 0) throw new AppError('VALIDATION', 'The file has a header but no rows.');
  if (rows.length > GROUP_LIMITS.maxCsvRows) throw new AppError('VALIDATION', `At most ${GROUP_LIMITS.maxCsvRows} rows at once; this file has ${rows.length}.`);
  return rows;
}

async function checkImport(tx: Tx, shopId: string, groupId: string, csv: string): Promise<GroupImportRow[]> {
  const rows = readRows(csv).map((row) => ({ ...row, key: customerKey(row.customer) }));
  const emails = [...new Set(rows.flatMap((row) => (row.key?.kind === 'email' ? [row.key.value] : [])))];
  const ids = [...new Set(rows.flatMap((row) => (row.key?.kind === 'id' ? [row.key.value] : [])))];
  const hits = await findCustomers(tx, shopId, emails, ids);
  const byEmail = new Map<string, Hit[]>();
  const byId = new Map<string, Hit>();
  for (const hit of new Map(hits.map((h) => [h.id, h])).values()) {
    byId.set(hit.shopifyCustomerId, hit);
    if (hit.email) byEmail.set(hit.email.toLowerCase(), [...(byEmail.get(hit.email.toLowerCase()) ?? []), hit]);
  }
  const members = new Set((await tx.groupMember.findMany({ where: { groupId, memberId: { in: hits.map((hit) => hit.id) } }, select: { memberId: true } })).map((row) => row.memberId));
  const seen = new Map<string, number>();
  return rows.map((row): GroupImportRow => {
    const result: GroupImportRow = { line: row.line, customer: row.customer, memberId: null, memberName: null, alreadyMember: false, error: null };
    const matches = !row.key ? [] : row.key.kind === 'email' ? (byEmail.get(row.key.value) ?? []) : byId.has(row.key.value) ? [byId.get(row.key.value)!] : [];
    if (row.customer === '') result.error = 'The customer is missing.';
    else if (!row.key) result.error = 'Use an e-mail address or a Shopify customer id.';
    else if (matches.length === 0) result.error = `No member matches "${row.customer}".`;
    else if (matches.length > 1) result.error = `"${row.customer}" matches ${matches.length} members; use the Shopify customer id.`;
    else {
      const hit = matches[0]!;
      result.memberId = hit.id;
      result.memberName = memberDisplayName(hit);
      result.alreadyMember = members.has(hit.id);
      const earlier = seen.get(hit.id);
      if (earlier !== undefined) result.error = `The same member as on line ${earlier}.`;
      else seen.set(hit.id, row.line);
    }
    return result;
  });
}

/**
 * A dry run reports each row (found, already a member, or why not); applying adds the found members
 * only when no row has an error, so a file is either taken as a whole or not at all.
 */
export async function importGroupMembers(db: Db, shopId: string, staff: StaffIdentity, groupId: string, input: { csv: string; dryRun: boolean }, now = new Date()): Promise<GroupImportResult> {
  return writeTransaction(db, async (tx) => {
    const group = await manualGroup(tx, shopId, groupId);
    const rows = await checkImport(tx, shopId, groupId, input.csv);
    const valid = rows.every((row) => row.error === null);
    if (input.dryRun || !valid) return { rows, valid, applied: false, added: 0 };
    const memberIds = rows.flatMap((row) => (row.memberId && !row.alreadyMember ? [row.memberId] : []));
    const joined = await joinGroup(tx, { shopId, groupId, memberIds, source: 'manual', reason: 'csv_import', detail: staff.userId, now });
    await recordStaffAction(tx, { shopId, userId: staff.userId, action: 'group.members.import', target: groupId, details: { group: group.name, rows: rows.length, added: joined.length }, at: now });
    return { rows, valid, applied: true, added: joined.length };
  });
}
