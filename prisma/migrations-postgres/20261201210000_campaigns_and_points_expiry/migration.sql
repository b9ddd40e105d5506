-- Automated campaigns with their per-member-per-period deliveries, and the points expiry settings (issue 16).
-- CreateTable
CREATE TABLE "Campaign" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "settings" TEXT NOT NULL DEFAULT '{}',
    "points" INTEGER NOT NULL DEFAULT 0,
    "messageEvent" TEXT,
    "audienceGroupId" TEXT,
    "activeSince" TIMESTAMP(3),
    "evaluatedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CampaignDelivery" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "periodKey" TEXT NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "reachedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CampaignDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PointsExpirySettings" (
    "shopId" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "inactivityMonths" INTEGER NOT NULL DEFAULT 12,
    "warningDays" INTEGER NOT NULL DEFAULT 30,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PointsExpirySettings_pkey" PRIMARY KEY ("shopId")
);

-- CreateIndex
CREATE INDEX "Campaign_shopId_enabled_idx" ON "Campaign"("shopId", "enabled");

-- CreateIndex
CREATE INDEX "CampaignDelivery_shopId_campaignId_reachedAt_idx" ON "CampaignDelivery"("shopId", "campaignId", "reachedAt");

-- CreateIndex
CREATE INDEX "CampaignDelivery_shopId_memberId_idx" ON "CampaignDelivery"("shopId", "memberId");

-- CreateIndex
CREATE UNIQUE INDEX "CampaignDelivery_campaignId_memberId_periodKey_key" ON "CampaignDelivery"("campaignId", "memberId", "periodKey");
