// The loyalty tab's product table: the synced catalogue with each product's loyalty settings (the
// stored product-level row, or the defaults), searchable and filterable, paged by cursor.
import type { Db } from '../db-client';
import { AppError } from '../errors/app-error';
import type { LoyaltySettings, Page, ProductRow } from '../../contracts/admin-api';
import { anyOf, containsText } from '../sql/contains-text';
import { sqlClientOf } from '../sql/sql-client';
import { sql } from '../sql/sql-query';
import { defaultProductLoyalty } from './product-loyalty-store';

export type ProductFilter = 'all' | 'enabled' | 'disabled' | 'service' | 'product';

export async function listProducts(db: Db, shopId: string, options: { query?: string; filter: ProductFilter; cursor?: string; limit: number }): Promise<Page<ProductRow>> {
  const stored = await db.prisma.productLoyalty.findMany({ where: { shopId, variantId: '' } });
  const byProduct = new Map(stored.map((row) => [row.productId, row]));
  const ids = (match: (row: (typeof stored)[number]) => boolean) => stored.filter(match).map((row) => row.productId);
  // Products without a row have the defaults: enabled, not a service.
  const filterWhere: Record<ProductFilter, Record<string, unknown>> = {
    all: {},
    enabled: { shopifyId: { notIn: ids((row) => !row.enabled) } },
    disabled: { shopifyId: { in: ids((row) => !row.enabled) } },
    service: { shopifyId: { in: ids((row) => row.isService) } },
    product: { shopifyId: { notIn: ids((row) => row.isService) } },
  };
  const query = options.query?.trim() ?? '';
  // Typed text matches literally ("50%" or "_" are not wildcards): the matching ids come from the `sql` tag.
  const fields = [sql`"title"`, sql`"productType"`, sql`"vendor"`];
  const text = query === ''
    ? {}
    : { id: { in: (await sqlClientOf(db).query<{ id: string }>(sql`
        SELECT "id" FROM "Product" WHERE "shopId" = ${shopId} AND (${anyOf(fields.map((column) => containsText(db, column, query)))})`)).map((row) => row.id) } };
  if (options.cursor) {
    const cursorRow = await db.prisma.product.findFirst({ where: { id: options.cursor, shopId }, select: { id: true } });
    if (!cursorRow) throw new AppError('VALIDATION', 'The cursor is not valid for this list.');
  }
  const rows = await db.prisma.product.findMany({
    where: { shopId, ...filterWhere[options.filter], ...text } as never,
    orderBy: [{ title: 'asc' }, { id: 'asc' }],
    take: options.limit + 1,
    ...(options.cursor ? { cursor: { id: options.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, options.limit);
  return {
    items: page.map((row) => {
      const loyalty = byProduct.get(row.shopifyId);
      return {
        productId: row.shopifyId,
        title: row.title,
        productType: row.productType,
        vendor: row.vendor,
        isGiftCard: row.isGiftCard,
        status: row.status,
        loyalty: loyalty
          ? { enabled: loyalty.enabled, isService: loyalty.isService, pointsMode: loyalty.pointsMode as LoyaltySettings['pointsMode'], fixedPoints: loyalty.fixedPoints, multiplierPercent: loyalty.multiplierPercent }
          : defaultProductLoyalty,
      };
    }),
    nextCursor: rows.length > options.limit ? page[page.length - 1]!.id : null,
  };
}
