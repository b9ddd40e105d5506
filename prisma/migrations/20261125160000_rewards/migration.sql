-- CreateTable
CREATE TABLE "GiftCardReward" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "type" TEXT NOT NULL DEFAULT 'gift_card',
    "valueMinor" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "pointsCost" INTEGER NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT 1,
    "stockLimit" INTEGER,
    "issuedCount" INTEGER NOT NULL DEFAULT 0,
    "expiresAfterDays" INTEGER,
    "perCustomerLimit" INTEGER,
    "visibleToGroups" TEXT NOT NULL DEFAULT '[]',
    "archivedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Redemption" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "rewardId" TEXT NOT NULL,
    "rewardType" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "valueMinor" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'requested',
    "idempotencyKey" TEXT NOT NULL,
    "requestedBy" TEXT NOT NULL DEFAULT 'customer',
    "staffUserId" TEXT,
    "ledgerEntryId" TEXT NOT NULL,
    "reversalEntryId" TEXT,
    "giftCardId" TEXT,
    "codeEncrypted" TEXT,
    "codeMasked" TEXT,
    "codeLast4" TEXT,
    "expiresOn" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "issuedAt" DATETIME,
    "failedAt" DATETIME,
    "reversedAt" DATETIME,
    "deactivatedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "GiftCardReward_shopId_enabled_idx" ON "GiftCardReward"("shopId", "enabled");

-- CreateIndex
CREATE INDEX "Redemption_shopId_memberId_createdAt_idx" ON "Redemption"("shopId", "memberId", "createdAt");

-- CreateIndex
CREATE INDEX "Redemption_shopId_status_createdAt_idx" ON "Redemption"("shopId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "Redemption_shopId_memberId_rewardId_idx" ON "Redemption"("shopId", "memberId", "rewardId");

-- CreateIndex
CREATE UNIQUE INDEX "Redemption_shopId_idempotencyKey_key" ON "Redemption"("shopId", "idempotencyKey");
