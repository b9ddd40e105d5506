-- AlterTable
ALTER TABLE "StaffMember" ADD COLUMN     "locationIds" TEXT NOT NULL DEFAULT '[]';

-- CreateTable
CREATE TABLE "Location" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "shopifyId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "city" TEXT NOT NULL DEFAULT '',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "deletedAt" TIMESTAMP(3),
    "shopifyUpdatedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Location_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Location_shopId_shopifyId_key" ON "Location"("shopId", "shopifyId");

-- CreateIndex
CREATE INDEX "OrderRecord_shopId_locationId_memberId_idx" ON "OrderRecord"("shopId", "locationId", "memberId");

-- Written by hand (a data model cannot say it): the few entries with a location but no order (e.g. a
-- location-limited user's adjustment), for web/core/members/visible-members.ts. Entries from orders are
-- found through their order, so the order pipeline's inserts never touch this index's contents.
CREATE INDEX "LedgerEntry_located_without_order_idx" ON "LedgerEntry"("shopId", "locationId", "memberId") WHERE "orderId" IS NULL AND "locationId" IS NOT NULL;

-- AddForeignKey
ALTER TABLE "Location" ADD CONSTRAINT "Location_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;
