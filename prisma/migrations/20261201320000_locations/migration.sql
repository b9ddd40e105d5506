-- CreateTable
CREATE TABLE "Location" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "shopifyId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "city" TEXT NOT NULL DEFAULT '',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "deletedAt" DATETIME,
    "shopifyUpdatedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Location_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- AlterTable (additive: a column with a constant default needs no table rebuild)
ALTER TABLE "StaffMember" ADD COLUMN "locationIds" TEXT NOT NULL DEFAULT '[]';

-- CreateIndex
CREATE UNIQUE INDEX "Location_shopId_shopifyId_key" ON "Location"("shopId", "shopifyId");

-- CreateIndex
CREATE INDEX "OrderRecord_shopId_locationId_memberId_idx" ON "OrderRecord"("shopId", "locationId", "memberId");

-- Written by hand (a data model cannot say it): the few entries with a location but no order (e.g. a
-- location-limited user's adjustment), for web/core/members/visible-members.ts. Entries from orders are
-- found through their order, so the order pipeline's inserts never touch this index's contents.
CREATE INDEX "LedgerEntry_located_without_order_idx" ON "LedgerEntry"("shopId", "locationId", "memberId") WHERE "orderId" IS NULL AND "locationId" IS NOT NULL;
