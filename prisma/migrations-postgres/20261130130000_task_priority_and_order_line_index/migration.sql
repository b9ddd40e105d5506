-- Task kinds have a priority (customer-facing work such as issuing a reward before bulk order
-- processing), and the claim takes work round-robin across shops: it walks the shops that have queued
-- work through this index, then takes each shop's most urgent tasks.
ALTER TABLE "Task" ADD COLUMN "priority" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "Task_status_shopDomain_priority_runAt_idx" ON "Task"("status", "shopDomain", "priority" DESC, "runAt");

-- An order's lines are read by order when a later delivery of the order arrives (orders/paid after
-- orders/create): without this index that read scans every line of every shop.
-- CreateIndex
CREATE INDEX "OrderLine_orderRecordId_idx" ON "OrderLine"("orderRecordId");
