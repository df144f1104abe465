-- AlterTable
ALTER TABLE "Customer" ADD COLUMN "shopifyCreatedAt" DATETIME;

-- AlterTable
ALTER TABLE "AnalyticsCustomer" ADD COLUMN "joinedAt" DATETIME;
ALTER TABLE "AnalyticsCustomer" ADD COLUMN "lastActiveAt" DATETIME;
ALTER TABLE "AnalyticsCustomer" ADD COLUMN "prevOrderAt" DATETIME;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AnalyticsDay" (
    "shop" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "pointsIssued" BIGINT NOT NULL DEFAULT 0,
    "pointsRedeemed" BIGINT NOT NULL DEFAULT 0,
    "pointsExpired" BIGINT NOT NULL DEFAULT 0,
    "pointsNet" BIGINT NOT NULL DEFAULT 0,
    "memberOrders" INTEGER NOT NULL DEFAULT 0,
    "memberRevenue" BIGINT NOT NULL DEFAULT 0,
    "otherOrders" INTEGER NOT NULL DEFAULT 0,
    "otherRevenue" BIGINT NOT NULL DEFAULT 0,
    "guestOrders" INTEGER NOT NULL DEFAULT 0,
    "guestRevenue" BIGINT NOT NULL DEFAULT 0,
    "rewardOrders" INTEGER NOT NULL DEFAULT 0,
    "rewardRevenue" BIGINT NOT NULL DEFAULT 0,
    "newMembers" INTEGER NOT NULL DEFAULT 0,
    "memberLastOrder" INTEGER NOT NULL DEFAULT 0,
    "memberFirstOrder" INTEGER NOT NULL DEFAULT 0,
    "otherLastOrder" INTEGER NOT NULL DEFAULT 0,
    "otherFirstOrder" INTEGER NOT NULL DEFAULT 0,
    "createdMembers" INTEGER NOT NULL DEFAULT 0,
    "memberPrevOrder" INTEGER NOT NULL DEFAULT 0,
    "otherPrevOrder" INTEGER NOT NULL DEFAULT 0,
    "participants" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("shop", "day")
);
INSERT INTO "new_AnalyticsDay" ("day", "guestOrders", "guestRevenue", "memberFirstOrder", "memberLastOrder", "memberOrders", "memberRevenue", "newMembers", "otherFirstOrder", "otherLastOrder", "otherOrders", "otherRevenue", "pointsExpired", "pointsIssued", "pointsNet", "pointsRedeemed", "rewardOrders", "rewardRevenue", "shop") SELECT "day", "guestOrders", "guestRevenue", "memberFirstOrder", "memberLastOrder", "memberOrders", "memberRevenue", "newMembers", "otherFirstOrder", "otherLastOrder", "otherOrders", "otherRevenue", "pointsExpired", "pointsIssued", "pointsNet", "pointsRedeemed", "rewardOrders", "rewardRevenue", "shop" FROM "AnalyticsDay";
DROP TABLE "AnalyticsDay";
ALTER TABLE "new_AnalyticsDay" RENAME TO "AnalyticsDay";
CREATE TABLE "new_AnalyticsWatermark" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "syncedTo" DATETIME NOT NULL,
    "refreshedAt" DATETIME NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'UTC'
);
INSERT INTO "new_AnalyticsWatermark" ("refreshedAt", "shop", "syncedTo") SELECT "refreshedAt", "shop", "syncedTo" FROM "AnalyticsWatermark";
DROP TABLE "AnalyticsWatermark";
ALTER TABLE "new_AnalyticsWatermark" RENAME TO "AnalyticsWatermark";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "AnalyticsCustomer_shop_prevOrderAt_idx" ON "AnalyticsCustomer"("shop", "prevOrderAt");

-- CreateIndex
CREATE INDEX "AnalyticsCustomer_shop_joinedAt_idx" ON "AnalyticsCustomer"("shop", "joinedAt");

-- CreateIndex
CREATE INDEX "AnalyticsCustomer_shop_lastActiveAt_idx" ON "AnalyticsCustomer"("shop", "lastActiveAt");


-- The definitions changed (decision 033): every shop's rollups are rebuilt by the next refresh.
DELETE FROM "AnalyticsWatermark";
