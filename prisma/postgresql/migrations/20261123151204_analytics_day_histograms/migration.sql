-- DropIndex
DROP INDEX "AnalyticsCustomer_shop_redeemed_lastOrderAt_firstOrderAt_or_idx";

-- AlterTable
ALTER TABLE "AnalyticsDay" ADD COLUMN     "memberFirstOrder" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "memberLastOrder" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "memberLastRepeat" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "newMembers" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "otherFirstOrder" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "otherLastOrder" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "otherLastRepeat" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "AnalyticsCustomer_shop_lastOrderAt_idx" ON "AnalyticsCustomer"("shop", "lastOrderAt");

-- CreateIndex
CREATE INDEX "AnalyticsCustomer_shop_firstOrderAt_idx" ON "AnalyticsCustomer"("shop", "firstOrderAt");

-- CreateIndex
CREATE INDEX "AnalyticsCustomer_shop_redeemed_idx" ON "AnalyticsCustomer"("shop", "redeemed");

