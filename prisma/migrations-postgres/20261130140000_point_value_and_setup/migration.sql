-- The owner's stated point value (null = derived from the rewards) and the setup-guide steps marked done by hand.
ALTER TABLE "ProgramSettings" ADD COLUMN "pointValueMinor" BIGINT;
ALTER TABLE "ProgramSettings" ADD COLUMN "pointValuePoints" INTEGER;
ALTER TABLE "ProgramSettings" ADD COLUMN "setupStepsDone" TEXT NOT NULL DEFAULT '[]';
