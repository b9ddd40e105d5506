// A shop's Admin API access and tag prefix, for the groups' Shopify sync tasks.
import type { Db } from '../db-client';
import { sqlClientOf } from '../sql/sql-client';
import { sql } from '../sql/sql-query';
import { DEFAULT_GROUP_TAG_PREFIX } from './group-shopify-names';
import type { GroupShopAccess } from './group-shopify-port';

export interface GroupShop {
  shopId: string;
  domain: string;
  /** null when the app is uninstalled or has no offline token */
  access: GroupShopAccess | null;
  tagPrefix: string;
}

export async function loadGroupShop(db: Db, shopId: string): Promise<GroupShop | null> {
  const [row] = await sqlClientOf(db).query<{ domain: string; uninstalled: number | bigint | boolean; accessToken: string | null; tagPrefix: string | null }>(sql`
    SELECT s."domain" AS "domain", CASE WHEN s."uninstalledAt" IS NULL THEN 0 ELSE 1 END AS "uninstalled",
           se."accessToken" AS "accessToken", ps."groupTagPrefix" AS "tagPrefix"
    FROM "Shop" s
    LEFT JOIN "Session" se ON se."shop" = s."domain" AND se."isOnline" = FALSE
    LEFT JOIN "ProgramSettings" ps ON ps."shopId" = s."id"
    WHERE s."id" = ${shopId}`);
  if (!row) return null;
  const token = Number(row.uninstalled) === 0 ? row.accessToken : null;
  return { shopId, domain: row.domain, access: token ? { domain: row.domain, accessToken: token } : null, tagPrefix: row.tagPrefix ?? DEFAULT_GROUP_TAG_PREFIX };
}
