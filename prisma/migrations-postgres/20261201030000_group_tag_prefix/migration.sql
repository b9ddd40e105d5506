-- The prefix of the Shopify customer tags that mark members of groups with a discount benefit.
ALTER TABLE "ProgramSettings" ADD COLUMN "groupTagPrefix" TEXT NOT NULL DEFAULT 'loyalty-';
