// The live count behind the rule builder: how many of the shop's members a rule tree matches now, and
// the first few of them — the same predicate the evaluation uses, read-only.
import type { Db } from '../db-client';
import { sqlClientOf } from '../sql/sql-client';
import { sql } from '../sql/sql-query';
import type { GroupRuleTree } from './group-rules';
import { earliestSignup, loadShopZone } from './load-shop-groups';
import { rulePredicate, usesAnniversary, type PredicateContext } from './rule-predicate';

export interface MatchingMember {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
}

async function predicateContext(db: Db, shopId: string, rules: GroupRuleTree, now: Date): Promise<PredicateContext> {
  const reader = sqlClientOf(db);
  const zone = await loadShopZone(reader, shopId);
  return { shopId, now, zone, earliestSignup: usesAnniversary(rules) ? await earliestSignup(reader, shopId) : null, memberIds: null };
}

export async function countMatchingMembers(db: Db, shopId: string, rules: GroupRuleTree, now: Date): Promise<number> {
  const context = await predicateContext(db, shopId, rules, now);
  const [row] = await sqlClientOf(db).query<{ n: number | bigint }>(sql`
    SELECT COUNT(*) AS "n" FROM "Member" m WHERE m."shopId" = ${shopId} AND ${rulePredicate(rules, context)}`);
  return Number(row?.n ?? 0);
}

/** The first `limit` matching members, oldest members first. */
export async function sampleMatchingMembers(db: Db, shopId: string, rules: GroupRuleTree, now: Date, limit = 10): Promise<MatchingMember[]> {
  const context = await predicateContext(db, shopId, rules, now);
  return sqlClientOf(db).query<MatchingMember>(sql`
    SELECT m."id", m."firstName", m."lastName", m."email" FROM "Member" m
    WHERE m."shopId" = ${shopId} AND ${rulePredicate(rules, context)}
    ORDER BY m."createdAt", m."id" LIMIT ${limit}`);
}
