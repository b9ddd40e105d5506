// Member search for staff: part of the first or last name, e-mail or phone, case-insensitive and
// literal (web/core/sql/contains-text.ts).
import type { Db, Prisma } from '../db-client';
import { AppError } from '../errors/app-error';
import { anyOf, containsText, likePattern } from '../sql/contains-text';
import { prismaSqlExecutor, sqlClientOf } from '../sql/sql-client';
import { sql, type SqlQuery } from '../sql/sql-query';
import type { Entry, Member, MemberDetail, Page } from '../../contracts/admin-api';
import { toMemberView, toEntryView } from './member-views';
import { groupMemberIds } from '../groups/group-member-ids';
import { andCondition, assertMemberVisible, EVERY_MEMBER, visibleMemberCondition, type MemberScope } from './visible-members';

/** Every word must match some field, so "anna vries" finds Anna de Vries. */
function memberSearchCondition(db: Db, words: string[]): SqlQuery {
  const perWord = words.map((word) => {
    const digits = word.replace(/\D/g, '');
    const fields = [sql`"firstName"`, sql`"lastName"`, sql`"email"`, sql`"phone"`].map((column) => containsText(db, column, word));
    const phone = digits.length >= 3 && digits.length === word.replace(/[\s+()\-.]/g, '').length ? [sql`"phone" LIKE ${likePattern(digits)} ESCAPE '\\'`] : [];
    return sql`(${anyOf([...fields, ...phone])})`;
  });
  return perWord.slice(1).reduce((all, condition) => sql`${all} AND ${condition}`, perWord[0]!);
}

async function shopCurrency(prisma: Prisma, shopId: string): Promise<string> {
  const shop = await prisma.shop.findUnique({ where: { id: shopId }, select: { currency: true } });
  return shop?.currency ?? 'USD';
}

export async function searchMembers(db: Db, shopId: string, options: { query?: string; cursor?: string; limit: number; groupId?: string }, scope: MemberScope = EVERY_MEMBER): Promise<Page<Member>> {
  const words = (options.query ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 5);
  let cursor: { id: string; createdAt: Date } | null = null;
  if (options.cursor) {
    cursor = await db.prisma.member.findFirst({ where: { id: options.cursor, shopId }, select: { id: true, createdAt: true } });
    if (!cursor) throw new AppError('VALIDATION', 'The cursor is not valid for this list.');
  }
  // Newest first; the cursor is the last member of the previous page.
  const after = cursor ? sql` AND ("createdAt" < ${cursor.createdAt} OR ("createdAt" = ${cursor.createdAt} AND "id" < ${cursor.id}))` : sql``;
  const matching = words.length > 0 ? sql` AND ${memberSearchCondition(db, words)}` : sql``;
  const inGroup = options.groupId !== undefined ? sql` AND "id" IN (${groupMemberIds(shopId, options.groupId)})` : sql``;
  const visible = andCondition(visibleMemberCondition(scope, shopId, '"Member"."id"'));
  const ids = await sqlClientOf(db).query<{ id: string }>(sql`
    SELECT "id" FROM "Member" WHERE "shopId" = ${shopId}${matching}${inGroup}${after}${visible}
    ORDER BY "createdAt" DESC, "id" DESC LIMIT ${options.limit + 1}`);
  const rows = await db.prisma.member.findMany({ where: { id: { in: ids.map((row) => row.id) } } });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const ordered = ids.map((row) => byId.get(row.id)).filter((row) => row !== undefined);
  const page = ordered.slice(0, options.limit);
  const [currency, visits] = await Promise.all([shopCurrency(db.prisma, shopId), memberVisits(db.prisma, shopId, page, new Date())]);
  return {
    items: page.map((row) => ({ ...toMemberView(row, currency), lastVisitAt: visits.get(row.id)?.lastVisitAt ?? null })),
    nextCursor: ordered.length > options.limit ? page[page.length - 1]!.id : null,
  };
}

type Visits = MemberDetail['visits'];

/**
 * Visits as a person means them: an appointment in the future is the next one, not the last visit, and
 * a customer who ordered before the app was installed has been a customer since that first order.
 * One query for a whole page of members.
 */
async function memberVisits(prisma: Prisma, shopId: string, members: Array<{ id: string; createdAt: Date }>, now: Date): Promise<Map<string, Visits>> {
  const orders = members.length === 0 ? [] : await prisma.orderRecord.findMany({
    where: { shopId, memberId: { in: members.map((member) => member.id) }, cancelledAt: null },
    select: { memberId: true, processedAt: true, lines: { select: { appointmentStart: true } } },
  });
  const state = new Map(members.map((member) => [member.id, { last: null as Date | null, next: null as Date | null, first: member.createdAt }]));
  for (const order of orders) {
    const visit = state.get(order.memberId ?? '');
    if (!visit) continue;
    if (order.processedAt < visit.first) visit.first = order.processedAt;
    const moments = order.lines.map((line) => line.appointmentStart).filter((at): at is Date => at !== null);
    for (const at of moments.length > 0 ? moments : [order.processedAt]) {
      if (at <= now) {
        if (!visit.last || at > visit.last) visit.last = at;
      } else if (!visit.next || at < visit.next) visit.next = at;
    }
  }
  return new Map(
    [...state].map(([id, visit]) => [id, { lastVisitAt: visit.last?.toISOString() ?? null, nextAppointmentAt: visit.next?.toISOString() ?? null, memberSince: visit.first.toISOString() }]),
  );
}

export async function getMemberDetails(prisma: Prisma, shopId: string, memberId: string, now = new Date(), scope: MemberScope = EVERY_MEMBER): Promise<MemberDetail> {
  await assertMemberVisible(prismaSqlExecutor(prisma), shopId, memberId, scope);
  const row = await prisma.member.findFirst({ where: { id: memberId, shopId } });
  if (!row) throw new AppError('NOT_FOUND', 'This member was not found in this shop.');
  const [currency, pending, messages, visits] = await Promise.all([
    shopCurrency(prisma, shopId),
    prisma.ledgerEntry.findMany({ where: { shopId, memberId, status: 'pending' }, orderBy: [{ availableAt: 'asc' }, { id: 'asc' }], take: 200 }),
    prisma.outboxMessage.findMany({ where: { shopId, memberId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: 100 }),
    memberVisits(prisma, shopId, [row], now),
  ]);
  const visit = visits.get(row.id)!;
  return {
    member: { ...toMemberView(row, currency), lastVisitAt: visit.lastVisitAt },
    pending: pending.map((entry) => ({ id: entry.id, points: entry.points, availableAt: entry.availableAt?.toISOString() ?? null, description: entry.description })),
    messages: messages.map((m) => ({
      id: m.id, event: m.event, channel: m.channel, status: m.status, createdAt: m.createdAt.toISOString(), sentAt: m.sentAt?.toISOString() ?? null,
      reason: m.status === 'failed' || m.status === 'skipped' ? m.lastError : null,
    })),
    visits: visit,
  };
}

export async function getMember(prisma: Prisma, shopId: string, memberId: string): Promise<Member> {
  const row = await prisma.member.findFirst({ where: { id: memberId, shopId } });
  if (!row) throw new AppError('NOT_FOUND', 'This member was not found in this shop.');
  return toMemberView(row, await shopCurrency(prisma, shopId));
}

/** Newest first; the cursor is the id of the last entry of the previous page. */
export async function listMemberHistory(prisma: Prisma, shopId: string, memberId: string, options: { cursor?: string; limit: number }, scope: MemberScope = EVERY_MEMBER): Promise<Page<Entry>> {
  await assertMemberVisible(prismaSqlExecutor(prisma), shopId, memberId, scope);
  const member = await prisma.member.findFirst({ where: { id: memberId, shopId }, select: { id: true } });
  if (!member) throw new AppError('NOT_FOUND', 'This member was not found in this shop.');
  if (options.cursor) {
    const cursorRow = await prisma.ledgerEntry.findFirst({ where: { id: options.cursor, shopId, memberId }, select: { id: true } });
    if (!cursorRow) throw new AppError('VALIDATION', 'The cursor is not valid for this list.');
  }
  const rows = await prisma.ledgerEntry.findMany({
    where: { shopId, memberId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: options.limit + 1,
    ...(options.cursor ? { cursor: { id: options.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, options.limit);
  return { items: page.map(toEntryView), nextCursor: rows.length > options.limit ? page[page.length - 1]!.id : null };
}
