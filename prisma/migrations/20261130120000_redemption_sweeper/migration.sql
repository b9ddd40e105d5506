-- A Shopify card or store credit transaction is recorded by at most one redemption: adopting the
-- result of an interrupted attempt is exclusive. NULLs (not issued yet) do not collide.
CREATE UNIQUE INDEX "Redemption_shopId_giftCardId_key" ON "Redemption"("shopId", "giftCardId");

-- The sweeper's scan for redemptions stuck in `issuing`.
CREATE INDEX "Redemption_status_updatedAt_idx" ON "Redemption"("status", "updatedAt");

-- Alerts for staff raised by the app itself.
CREATE TABLE "StaffAlert" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "details" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledgedAt" DATETIME,
    "acknowledgedBy" TEXT
);

CREATE UNIQUE INDEX "StaffAlert_shopId_kind_subject_key" ON "StaffAlert"("shopId", "kind", "subject");
CREATE INDEX "StaffAlert_shopId_acknowledgedAt_createdAt_idx" ON "StaffAlert"("shopId", "acknowledgedAt", "createdAt");
