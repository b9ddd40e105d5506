-- What a group's Shopify objects were last synced from, and how far tag sync has read the membership history.
ALTER TABLE "CustomerGroup" ADD COLUMN "shopifySyncedState" TEXT;
ALTER TABLE "CustomerGroup" ADD COLUMN "shopifySyncLockedUntil" DATETIME;

CREATE TABLE "GroupTagSyncCursor" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "occurredAt" DATETIME NOT NULL,
    "eventId" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

CREATE INDEX "GroupMembershipEvent_occurredAt_id_idx" ON "GroupMembershipEvent"("occurredAt", "id");
