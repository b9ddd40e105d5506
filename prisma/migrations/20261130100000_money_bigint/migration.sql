-- Money is 64-bit (issue 11): the money columns become BIGINT. SQLite cannot change a column type in
-- place, so each table is redefined the way Prisma does it (copy into a new table, drop, rename, indexes).
-- The migration runner applies it with foreign keys off and checks them before committing, so dropping
-- a parent table neither cascades to nor orphans its children.
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Member_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Member" ("id", "shopId", "shopifyCustomerId", "email", "phone", "firstName", "lastName", "locale", "balance", "pendingPoints", "lifetimeSpendMinor", "lastVisitAt", "createdAt", "updatedAt") SELECT "id", "shopId", "shopifyCustomerId", "email", "phone", "firstName", "lastName", "locale", "balance", "pendingPoints", "lifetimeSpendMinor", "lastVisitAt", "createdAt", "updatedAt" FROM "Member";
DROP TABLE "Member";
ALTER TABLE "new_Member" RENAME TO "Member";
CREATE INDEX "Member_shopId_email_idx" ON "Member"("shopId", "email");
CREATE UNIQUE INDEX "Member_shopId_shopifyCustomerId_key" ON "Member"("shopId", "shopifyCustomerId");
CREATE TABLE "new_OrderRecord" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "shopifyOrderId" TEXT NOT NULL,
    "memberId" TEXT,
    "name" TEXT NOT NULL DEFAULT '',
    "currency" TEXT NOT NULL,
    "eligibleMinor" BIGINT NOT NULL DEFAULT 0,
    "financialStatus" TEXT NOT NULL DEFAULT '',
    "fulfillmentStatus" TEXT NOT NULL DEFAULT '',
    "locationId" TEXT,
    "processedAt" DATETIME NOT NULL,
    "cancelledAt" DATETIME,
    "shopifyUpdatedAt" DATETIME NOT NULL,
    "paidAt" DATETIME,
    "fulfilledAt" DATETIME,
    "earningRecordedAt" DATETIME,
    "refundIds" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OrderRecord_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "OrderRecord_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_OrderRecord" ("id", "shopId", "shopifyOrderId", "memberId", "name", "currency", "eligibleMinor", "financialStatus", "fulfillmentStatus", "locationId", "processedAt", "cancelledAt", "shopifyUpdatedAt", "paidAt", "fulfilledAt", "earningRecordedAt", "refundIds", "createdAt") SELECT "id", "shopId", "shopifyOrderId", "memberId", "name", "currency", "eligibleMinor", "financialStatus", "fulfillmentStatus", "locationId", "processedAt", "cancelledAt", "shopifyUpdatedAt", "paidAt", "fulfilledAt", "earningRecordedAt", "refundIds", "createdAt" FROM "OrderRecord";
DROP TABLE "OrderRecord";
ALTER TABLE "new_OrderRecord" RENAME TO "OrderRecord";
CREATE UNIQUE INDEX "OrderRecord_shopId_shopifyOrderId_key" ON "OrderRecord"("shopId", "shopifyOrderId");
CREATE TABLE "new_OrderLine" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "orderRecordId" TEXT NOT NULL,
    "shopifyLineItemId" TEXT NOT NULL,
    "productId" TEXT,
    "variantId" TEXT,
    "title" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "refundedQuantity" INTEGER NOT NULL DEFAULT 0,
    "eligibleMinor" BIGINT NOT NULL,
    "isService" BOOLEAN NOT NULL DEFAULT 0,
    "isGiftCard" BOOLEAN NOT NULL DEFAULT 0,
    "appointmentStart" DATETIME,
    "appointmentEnd" DATETIME,
    "appointmentStatus" TEXT NOT NULL DEFAULT 'missing',
    "rawProperties" TEXT NOT NULL DEFAULT '[]',
    "appointmentIssue" TEXT,
    "earnedPoints" INTEGER NOT NULL DEFAULT 0,
    "pointsBasis" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OrderLine_orderRecordId_fkey" FOREIGN KEY ("orderRecordId") REFERENCES "OrderRecord" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_OrderLine" ("id", "shopId", "orderRecordId", "shopifyLineItemId", "productId", "variantId", "title", "quantity", "refundedQuantity", "eligibleMinor", "isService", "isGiftCard", "appointmentStart", "appointmentEnd", "appointmentStatus", "rawProperties", "appointmentIssue", "earnedPoints", "pointsBasis", "createdAt") SELECT "id", "shopId", "orderRecordId", "shopifyLineItemId", "productId", "variantId", "title", "quantity", "refundedQuantity", "eligibleMinor", "isService", "isGiftCard", "appointmentStart", "appointmentEnd", "appointmentStatus", "rawProperties", "appointmentIssue", "earnedPoints", "pointsBasis", "createdAt" FROM "OrderLine";
DROP TABLE "OrderLine";
ALTER TABLE "new_OrderLine" RENAME TO "OrderLine";
CREATE INDEX "OrderLine_shopId_appointmentStatus_idx" ON "OrderLine"("shopId", "appointmentStatus");
CREATE UNIQUE INDEX "OrderLine_shopId_shopifyLineItemId_key" ON "OrderLine"("shopId", "shopifyLineItemId");
CREATE TABLE "new_GiftCardReward" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "type" TEXT NOT NULL DEFAULT 'gift_card',
    "valueMinor" BIGINT NOT NULL,
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
INSERT INTO "new_GiftCardReward" ("id", "shopId", "title", "type", "valueMinor", "currency", "pointsCost", "enabled", "stockLimit", "issuedCount", "expiresAfterDays", "perCustomerLimit", "visibleToGroups", "archivedAt", "createdAt", "updatedAt") SELECT "id", "shopId", "title", "type", "valueMinor", "currency", "pointsCost", "enabled", "stockLimit", "issuedCount", "expiresAfterDays", "perCustomerLimit", "visibleToGroups", "archivedAt", "createdAt", "updatedAt" FROM "GiftCardReward";
DROP TABLE "GiftCardReward";
ALTER TABLE "new_GiftCardReward" RENAME TO "GiftCardReward";
CREATE INDEX "GiftCardReward_shopId_enabled_idx" ON "GiftCardReward"("shopId", "enabled");
CREATE TABLE "new_Redemption" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "rewardId" TEXT NOT NULL,
    "rewardType" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "valueMinor" BIGINT NOT NULL,
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
INSERT INTO "new_Redemption" ("id", "shopId", "memberId", "rewardId", "rewardType", "points", "valueMinor", "currency", "status", "idempotencyKey", "requestedBy", "staffUserId", "ledgerEntryId", "reversalEntryId", "giftCardId", "codeEncrypted", "codeMasked", "codeLast4", "expiresOn", "attempts", "lastError", "issuedAt", "failedAt", "reversedAt", "deactivatedAt", "createdAt", "updatedAt") SELECT "id", "shopId", "memberId", "rewardId", "rewardType", "points", "valueMinor", "currency", "status", "idempotencyKey", "requestedBy", "staffUserId", "ledgerEntryId", "reversalEntryId", "giftCardId", "codeEncrypted", "codeMasked", "codeLast4", "expiresOn", "attempts", "lastError", "issuedAt", "failedAt", "reversedAt", "deactivatedAt", "createdAt", "updatedAt" FROM "Redemption";
DROP TABLE "Redemption";
ALTER TABLE "new_Redemption" RENAME TO "Redemption";
CREATE UNIQUE INDEX "Redemption_shopId_idempotencyKey_key" ON "Redemption"("shopId", "idempotencyKey");
CREATE INDEX "Redemption_shopId_memberId_createdAt_idx" ON "Redemption"("shopId", "memberId", "createdAt");
CREATE INDEX "Redemption_shopId_memberId_rewardId_idx" ON "Redemption"("shopId", "memberId", "rewardId");
CREATE INDEX "Redemption_shopId_status_createdAt_idx" ON "Redemption"("shopId", "status", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
