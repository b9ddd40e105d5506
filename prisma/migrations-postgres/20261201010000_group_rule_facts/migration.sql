-- Facts for group rules and tiers: the refunded part of an order's eligible spend, an index for a member's orders in a period, and one for a shop's earliest signup (anniversary rules).
-- AlterTable
ALTER TABLE "OrderRecord" ADD COLUMN     "refundedMinor" BIGINT NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "OrderRecord_shopId_memberId_processedAt_idx" ON "OrderRecord"("shopId", "memberId", "processedAt");

-- CreateIndex
CREATE INDEX "Member_shopId_createdAt_idx" ON "Member"("shopId", "createdAt");
