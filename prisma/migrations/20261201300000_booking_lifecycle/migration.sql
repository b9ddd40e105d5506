-- CreateTable
CREATE TABLE "BookingIntegration" (
    "shopId" TEXT NOT NULL PRIMARY KEY,
    "endpointKey" TEXT NOT NULL,
    "secretEncrypted" TEXT NOT NULL,
    "acuityUserId" TEXT NOT NULL DEFAULT '',
    "acuityApiKeyEncrypted" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "InboundBookingEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "note" TEXT,
    "assignedMemberId" TEXT,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" DATETIME
);

-- CreateTable
CREATE TABLE "Booking" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "productId" TEXT,
    "variantId" TEXT,
    "title" TEXT NOT NULL DEFAULT '',
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'booked',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "BookingEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "memberId" TEXT,
    "orderId" TEXT,
    "lineItemId" TEXT,
    "bookingId" TEXT,
    "title" TEXT NOT NULL DEFAULT '',
    "kind" TEXT NOT NULL,
    "oldStart" DATETIME,
    "oldEnd" DATETIME,
    "newStart" DATETIME,
    "newEnd" DATETIME,
    "oldAvailableAt" DATETIME,
    "newAvailableAt" DATETIME,
    "pointsVoided" INTEGER NOT NULL DEFAULT 0,
    "pointsClawedBack" INTEGER NOT NULL DEFAULT 0,
    "reason" TEXT NOT NULL DEFAULT '',
    "source" TEXT NOT NULL,
    "staffUserId" TEXT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- AlterTable: ADD COLUMN, not a table rebuild, so columns other migrations add to these tables survive.
ALTER TABLE "ProgramSettings" ADD COLUMN "noShowOrderTag" TEXT NOT NULL DEFAULT '';
ALTER TABLE "ProgramSettings" ADD COLUMN "creditOnCheckIn" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "OrderLine" ADD COLUMN "bookingStatus" TEXT NOT NULL DEFAULT 'booked';

-- CreateIndex
CREATE UNIQUE INDEX "BookingIntegration_endpointKey_key" ON "BookingIntegration"("endpointKey");

-- CreateIndex
CREATE INDEX "InboundBookingEvent_shopId_status_receivedAt_idx" ON "InboundBookingEvent"("shopId", "status", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "InboundBookingEvent_shopId_provider_eventId_key" ON "InboundBookingEvent"("shopId", "provider", "eventId");

-- CreateIndex
CREATE INDEX "Booking_shopId_memberId_idx" ON "Booking"("shopId", "memberId");

-- CreateIndex
CREATE UNIQUE INDEX "Booking_shopId_provider_externalId_key" ON "Booking"("shopId", "provider", "externalId");

-- CreateIndex
CREATE INDEX "BookingEvent_shopId_memberId_at_idx" ON "BookingEvent"("shopId", "memberId", "at");

-- CreateIndex
CREATE INDEX "BookingEvent_shopId_lineItemId_idx" ON "BookingEvent"("shopId", "lineItemId");

-- CreateIndex
CREATE INDEX "BookingEvent_shopId_bookingId_idx" ON "BookingEvent"("shopId", "bookingId");
