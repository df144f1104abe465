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
    "memberJoined" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("shop", "day")
);
INSERT INTO "new_AnalyticsDay" ("createdMembers", "day", "guestOrders", "guestRevenue", "memberFirstOrder", "memberLastOrder", "memberOrders", "memberPrevOrder", "memberRevenue", "newMembers", "otherFirstOrder", "otherLastOrder", "otherOrders", "otherPrevOrder", "otherRevenue", "participants", "pointsExpired", "pointsIssued", "pointsNet", "pointsRedeemed", "rewardOrders", "rewardRevenue", "shop") SELECT "createdMembers", "day", "guestOrders", "guestRevenue", "memberFirstOrder", "memberLastOrder", "memberOrders", "memberPrevOrder", "memberRevenue", "newMembers", "otherFirstOrder", "otherLastOrder", "otherOrders", "otherPrevOrder", "otherRevenue", "participants", "pointsExpired", "pointsIssued", "pointsNet", "pointsRedeemed", "rewardOrders", "rewardRevenue", "shop" FROM "AnalyticsDay";
DROP TABLE "AnalyticsDay";
ALTER TABLE "new_AnalyticsDay" RENAME TO "AnalyticsDay";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- The new histogram is filled by a rebuild: every shop's rollups are rebuilt by the next refresh
-- (small shops at the next page load, big ones by the job; decisions 012 and 033).
DELETE FROM "AnalyticsWatermark";
