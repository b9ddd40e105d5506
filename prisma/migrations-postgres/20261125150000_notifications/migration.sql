-- CreateTable
CREATE TABLE "MessageTemplate" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "sms" TEXT NOT NULL DEFAULT '',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MessageTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShopSmtpSettings" (
    "shopId" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "port" INTEGER NOT NULL,
    "secure" BOOLEAN NOT NULL DEFAULT false,
    "user" TEXT NOT NULL DEFAULT '',
    "passwordEncrypted" TEXT NOT NULL DEFAULT '',
    "fromAddress" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShopSmtpSettings_pkey" PRIMARY KEY ("shopId")
);

-- CreateTable
CREATE TABLE "ConsentType" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "purpose" TEXT NOT NULL DEFAULT '',
    "required" BOOLEAN NOT NULL DEFAULT false,
    "kind" TEXT NOT NULL DEFAULT 'marketing',
    "channel" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConsentType_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MemberConsentEvent" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "consentTypeId" TEXT NOT NULL,
    "granted" BOOLEAN NOT NULL,
    "source" TEXT NOT NULL,
    "detail" TEXT NOT NULL DEFAULT '',
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MemberConsentEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MemberConsent" (
    "memberId" TEXT NOT NULL,
    "consentTypeId" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "granted" BOOLEAN NOT NULL,
    "source" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "eventId" TEXT NOT NULL,

    CONSTRAINT "MemberConsent_pkey" PRIMARY KEY ("memberId", "consentTypeId")
);

-- CreateIndex
CREATE UNIQUE INDEX "MessageTemplate_shopId_event_language_key" ON "MessageTemplate"("shopId", "event", "language");

-- CreateIndex
CREATE UNIQUE INDEX "ConsentType_shopId_key_key" ON "ConsentType"("shopId", "key");

-- CreateIndex
CREATE INDEX "MemberConsentEvent_shopId_memberId_occurredAt_idx" ON "MemberConsentEvent"("shopId", "memberId", "occurredAt");

-- CreateIndex
CREATE INDEX "MemberConsentEvent_consentTypeId_idx" ON "MemberConsentEvent"("consentTypeId");

-- CreateIndex
CREATE INDEX "MemberConsent_shopId_consentTypeId_idx" ON "MemberConsent"("shopId", "consentTypeId");
