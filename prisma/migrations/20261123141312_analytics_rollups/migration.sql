-- CreateTable
CREATE TABLE "AnalyticsDay" (
    "shop" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "pointsIssued" INTEGER NOT NULL DEFAULT 0,
    "pointsRedeemed" INTEGER NOT NULL DEFAULT 0,
    "pointsExpired" INTEGER NOT NULL DEFAULT 0,
    "pointsNet" INTEGER NOT NULL DEFAULT 0,
    "memberOrders" INTEGER NOT NULL DEFAULT 0,
    "memberRevenue" BIGINT NOT NULL DEFAULT 0,
    "otherOrders" INTEGER NOT NULL DEFAULT 0,
    "otherRevenue" BIGINT NOT NULL DEFAULT 0,
    "guestOrders" INTEGER NOT NULL DEFAULT 0,
    "guestRevenue" BIGINT NOT NULL DEFAULT 0,
    "rewardOrders" INTEGER NOT NULL DEFAULT 0,
    "rewardRevenue" BIGINT NOT NULL DEFAULT 0,

    PRIMARY KEY ("shop", "day")
);

-- CreateTable
CREATE TABLE "AnalyticsCustomer" (
    "customerId" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "redeemed" BOOLEAN NOT NULL DEFAULT false,
    "firstOrderAt" DATETIME,
    "lastOrderAt" DATETIME,
    "orders" INTEGER NOT NULL DEFAULT 0,
    "revenue" BIGINT NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "AnalyticsWatermark" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "syncedTo" DATETIME NOT NULL,
    "refreshedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "AnalyticsCustomer_shop_redeemed_lastOrderAt_firstOrderAt_orders_revenue_idx" ON "AnalyticsCustomer"("shop", "redeemed", "lastOrderAt", "firstOrderAt", "orders", "revenue");

-- CreateIndex
CREATE INDEX "Customer_shop_enrolledAt_idx" ON "Customer"("shop", "enrolledAt");

-- CreateIndex
CREATE INDEX "Order_shop_updatedAt_idx" ON "Order"("shop", "updatedAt");

-- CreateIndex
CREATE INDEX "Redemption_shop_usedByOrderId_idx" ON "Redemption"("shop", "usedByOrderId");

