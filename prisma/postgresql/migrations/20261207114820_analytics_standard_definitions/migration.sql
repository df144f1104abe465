-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "shopifyCreatedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "AnalyticsDay" DROP COLUMN "memberLastRepeat",
DROP COLUMN "otherLastRepeat",
ADD COLUMN     "createdMembers" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "memberPrevOrder" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "otherPrevOrder" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "participants" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "AnalyticsCustomer" ADD COLUMN     "joinedAt" TIMESTAMP(3),
ADD COLUMN     "lastActiveAt" TIMESTAMP(3),
ADD COLUMN     "prevOrderAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "AnalyticsWatermark" ADD COLUMN     "timeZone" TEXT NOT NULL DEFAULT 'UTC';

-- CreateIndex
CREATE INDEX "AnalyticsCustomer_shop_prevOrderAt_idx" ON "AnalyticsCustomer"("shop", "prevOrderAt");

-- CreateIndex
CREATE INDEX "AnalyticsCustomer_shop_joinedAt_idx" ON "AnalyticsCustomer"("shop", "joinedAt");

-- CreateIndex
CREATE INDEX "AnalyticsCustomer_shop_lastActiveAt_idx" ON "AnalyticsCustomer"("shop", "lastActiveAt");


-- The definitions changed (decision 033): every shop's rollups are rebuilt by the next refresh.
DELETE FROM "AnalyticsWatermark";
