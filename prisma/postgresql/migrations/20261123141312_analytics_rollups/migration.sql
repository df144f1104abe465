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

    CONSTRAINT "AnalyticsDay_pkey" PRIMARY KEY ("shop","day")
);

-- CreateTable
CREATE TABLE "AnalyticsCustomer" (
    "customerId" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "redeemed" BOOLEAN NOT NULL DEFAULT false,
    "firstOrderAt" TIMESTAMP(3),
    "lastOrderAt" TIMESTAMP(3),
    "orders" INTEGER NOT NULL DEFAULT 0,
    "revenue" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "AnalyticsCustomer_pkey" PRIMARY KEY ("customerId")
);

-- CreateTable
CREATE TABLE "AnalyticsWatermark" (
    "shop" TEXT NOT NULL,
    "syncedTo" TIMESTAMP(3) NOT NULL,
    "refreshedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AnalyticsWatermark_pkey" PRIMARY KEY ("shop")
);

-- CreateIndex
CREATE INDEX "AnalyticsCustomer_shop_redeemed_lastOrderAt_firstOrderAt_or_idx" ON "AnalyticsCustomer"("shop", "redeemed", "lastOrderAt", "firstOrderAt", "orders", "revenue");

-- CreateIndex
CREATE INDEX "Customer_shop_enrolledAt_idx" ON "Customer"("shop", "enrolledAt");

-- CreateIndex
CREATE INDEX "Order_shop_updatedAt_idx" ON "Order"("shop", "updatedAt");

-- CreateIndex
CREATE INDEX "Redemption_shop_usedByOrderId_idx" ON "Redemption"("shop", "usedByOrderId");

