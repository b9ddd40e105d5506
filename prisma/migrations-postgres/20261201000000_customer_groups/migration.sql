-- Customer groups and tiers (SPEC F8): groups, current membership, membership history; member birthday and Shopify tags for group rules.
-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "birthDay" INTEGER,
ADD COLUMN     "birthMonth" INTEGER,
ADD COLUMN     "birthYear" INTEGER,
ADD COLUMN     "birthdaySource" TEXT,
ADD COLUMN     "shopifyTags" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "CustomerGroup" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "colour" TEXT NOT NULL DEFAULT '#8a8a8a',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "kind" TEXT NOT NULL,
    "rules" TEXT NOT NULL DEFAULT '{}',
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "tierRank" INTEGER,
    "tierMetric" TEXT,
    "tierThreshold" BIGINT,
    "tierPeriod" TEXT,
    "benefitKind" TEXT NOT NULL DEFAULT 'none',
    "benefitMultiplierPercent" INTEGER,
    "benefitSpendTiers" TEXT NOT NULL DEFAULT '[]',
    "benefitDiscountPercent" INTEGER,
    "shopifyTag" TEXT,
    "shopifySegmentId" TEXT,
    "shopifyDiscountId" TEXT,
    "shopifySyncStatus" TEXT NOT NULL DEFAULT 'synced',
    "shopifySyncError" TEXT,
    "memberCount" INTEGER NOT NULL DEFAULT 0,
    "evaluatedAt" TIMESTAMP(3),
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CustomerGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GroupMember" (
    "groupId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "joinedAt" TIMESTAMP(3) NOT NULL,
    "keepUntil" TIMESTAMP(3),

    CONSTRAINT "GroupMember_pkey" PRIMARY KEY ("groupId","memberId")
);

-- CreateTable
CREATE TABLE "GroupMembershipEvent" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "change" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "detail" TEXT NOT NULL DEFAULT '',
    "occurredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GroupMembershipEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CustomerGroup_shopId_tierRank_idx" ON "CustomerGroup"("shopId", "tierRank");

-- CreateIndex
CREATE UNIQUE INDEX "CustomerGroup_shopId_name_key" ON "CustomerGroup"("shopId", "name");

-- CreateIndex
CREATE INDEX "GroupMember_shopId_memberId_idx" ON "GroupMember"("shopId", "memberId");

-- CreateIndex
CREATE INDEX "GroupMembershipEvent_shopId_memberId_occurredAt_idx" ON "GroupMembershipEvent"("shopId", "memberId", "occurredAt");

-- CreateIndex
CREATE INDEX "GroupMembershipEvent_shopId_groupId_occurredAt_idx" ON "GroupMembershipEvent"("shopId", "groupId", "occurredAt");
