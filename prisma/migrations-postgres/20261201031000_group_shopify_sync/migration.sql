-- What a group's Shopify objects were last synced from, and how far tag sync has read the membership history.
ALTER TABLE "CustomerGroup" ADD COLUMN "shopifySyncedState" TEXT;
ALTER TABLE "CustomerGroup" ADD COLUMN "shopifySyncLockedUntil" TIMESTAMP(3);

CREATE TABLE "GroupTagSyncCursor" (
    "id" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "eventId" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GroupTagSyncCursor_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "GroupMembershipEvent_occurredAt_id_idx" ON "GroupMembershipEvent"("occurredAt", "id");
