-- Customer groups and tiers (SPEC F8): groups, current membership, membership history; member birthday and Shopify tags for group rules.
-- CreateTable
CREATE TABLE "CustomerGroup" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "evaluatedAt" DATETIME,
    "archivedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "GroupMember" (
    "groupId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "joinedAt" DATETIME NOT NULL,
    "keepUntil" DATETIME,

    PRIMARY KEY ("groupId", "memberId")
);

-- CreateTable
CREATE TABLE "GroupMembershipEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "change" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "detail" TEXT NOT NULL DEFAULT '',
    "occurredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Member" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "shopifyCustomerId" TEXT NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "firstName" TEXT,
    "lastName" TEXT,
    "locale" TEXT,
    "balance" INTEGER NOT NULL DEFAULT 0,
    "pendingPoints" INTEGER NOT NULL DEFAULT 0,
    "lifetimeSpendMinor" BIGINT NOT NULL DEFAULT 0,
    "lastVisitAt" DATETIME,
    "birthMonth" INTEGER,
    "birthDay" INTEGER,
    "birthYear" INTEGER,
    "birthdaySource" TEXT,
    "shopifyTags" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Member_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Member" ("balance", "createdAt", "email", "firstName", "id", "lastName", "lastVisitAt", "lifetimeSpendMinor", "locale", "pendingPoints", "phone", "shopId", "shopifyCustomerId", "updatedAt") SELECT "balance", "createdAt", "email", "firstName", "id", "lastName", "lastVisitAt", "lifetimeSpendMinor", "locale", "pendingPoints", "phone", "shopId", "shopifyCustomerId", "updatedAt" FROM "Member";
DROP TABLE "Member";
ALTER TABLE "new_Member" RENAME TO "Member";
CREATE INDEX "Member_shopId_email_idx" ON "Member"("shopId", "email");
CREATE UNIQUE INDEX "Member_shopId_shopifyCustomerId_key" ON "Member"("shopId", "shopifyCustomerId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

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
