-- Money is 64-bit (issue 11): an INTEGER column overflows at 2,147,483,647 minor units (21.5 million in a
-- two-decimal currency). Widening int4 to int8 keeps every value.
ALTER TABLE "Member" ALTER COLUMN "lifetimeSpendMinor" SET DATA TYPE BIGINT;
ALTER TABLE "OrderRecord" ALTER COLUMN "eligibleMinor" SET DATA TYPE BIGINT;
ALTER TABLE "OrderLine" ALTER COLUMN "eligibleMinor" SET DATA TYPE BIGINT;
ALTER TABLE "GiftCardReward" ALTER COLUMN "valueMinor" SET DATA TYPE BIGINT;
ALTER TABLE "Redemption" ALTER COLUMN "valueMinor" SET DATA TYPE BIGINT;
