-- Automated campaigns with their per-member-per-period deliveries, and the points expiry settings (issue 16).
-- CreateTable
CREATE TABLE "Campaign" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "settings" TEXT NOT NULL DEFAULT '{}',
    "points" INTEGER NOT NULL DEFAULT 0,
    "messageEvent" TEXT,
    "audienceGroupId" TEXT,
    "activeSince" DATETIME,
    "evaluatedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "CampaignDelivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "periodKey" TEXT NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "reachedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "PointsExpirySettings" (
    "shopId" TEXT NOT NULL PRIMARY KEY,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "inactivityMonths" INTEGER NOT NULL DEFAULT 12,
    "warningDays" INTEGER NOT NULL DEFAULT 30,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "Campaign_shopId_enabled_idx" ON "Campaign"("shopId", "enabled");

-- CreateIndex
CREATE INDEX "CampaignDelivery_shopId_campaignId_reachedAt_idx" ON "CampaignDelivery"("shopId", "campaignId", "reachedAt");

-- CreateIndex
CREATE INDEX "CampaignDelivery_shopId_memberId_idx" ON "CampaignDelivery"("shopId", "memberId");

-- CreateIndex
CREATE UNIQUE INDEX "CampaignDelivery_campaignId_memberId_periodKey_key" ON "CampaignDelivery"("campaignId", "memberId", "periodKey");
