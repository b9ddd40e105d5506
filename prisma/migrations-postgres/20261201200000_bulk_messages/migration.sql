-- Issue 16 (bulk part): per-event channels, bulk messages and their outbox rows, SMS pricing, the demo catcher.
-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "bulkMessageId" TEXT;

-- CreateTable
CREATE TABLE "MessageEventChannel" (
    "shopId" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "channels" TEXT NOT NULL DEFAULT 'email',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MessageEventChannel_pkey" PRIMARY KEY ("shopId","event")
);

-- CreateTable
CREATE TABLE "BulkMessage" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "allMembers" BOOLEAN NOT NULL DEFAULT false,
    "groupIds" TEXT NOT NULL DEFAULT '[]',
    "channels" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'scheduled',
    "runAt" TIMESTAMP(3) NOT NULL,
    "fanOutCursor" TEXT,
    "lockedUntil" TIMESTAMP(3),
    "createdBy" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3),
    "fannedOutAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "cancelledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BulkMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SmsPricing" (
    "shopId" TEXT NOT NULL,
    "pricePerSegmentMinor" BIGINT NOT NULL DEFAULT 0,
    "currency" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SmsPricing_pkey" PRIMARY KEY ("shopId")
);

-- CreateTable
CREATE TABLE "CaughtMessage" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "outboxMessageId" TEXT,
    "channel" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "subject" TEXT NOT NULL DEFAULT '',
    "html" TEXT NOT NULL DEFAULT '',
    "text" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaughtMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BulkMessage_shopId_createdAt_idx" ON "BulkMessage"("shopId", "createdAt");

-- CreateIndex
CREATE INDEX "BulkMessage_status_runAt_idx" ON "BulkMessage"("status", "runAt");

-- CreateIndex
CREATE INDEX "CaughtMessage_shopId_createdAt_idx" ON "CaughtMessage"("shopId", "createdAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_bulkMessageId_status_idx" ON "OutboxMessage"("bulkMessageId", "status");
