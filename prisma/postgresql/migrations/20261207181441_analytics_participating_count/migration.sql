-- AlterTable
ALTER TABLE "AnalyticsDay" ADD COLUMN     "memberJoined" INTEGER NOT NULL DEFAULT 0;


-- The new histogram is filled by a rebuild: every shop's rollups are rebuilt by the next refresh
-- (small shops at the next page load, big ones by the job; decisions 012 and 033).
DELETE FROM "AnalyticsWatermark";
