-- AlterTable
ALTER TABLE "Customer" ADD COLUMN "referralCode" TEXT;

-- AlterTable
ALTER TABLE "Order" ADD COLUMN "shippingKey" TEXT;

-- CreateTable
CREATE TABLE "Referral" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "advocateId" TEXT NOT NULL,
    "friendCode" TEXT NOT NULL,
    "friendDiscountId" TEXT,
    "ipHash" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT,
    "friendCustomerId" TEXT,
    "shopifyOrderId" TEXT,
    "orderSubtotal" BIGINT,
    "orderPlacedAt" DATETIME,
    "completesAt" DATETIME,
    "completedAt" DATETIME,
    "advocatePoints" INTEGER NOT NULL DEFAULT 0,
    "decidedBy" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Referral_advocateId_fkey" FOREIGN KEY ("advocateId") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Referral_shop_status_completesAt_idx" ON "Referral"("shop", "status", "completesAt");

-- CreateIndex
CREATE INDEX "Referral_shop_createdAt_idx" ON "Referral"("shop", "createdAt");

-- CreateIndex
CREATE INDEX "Referral_shop_ipHash_createdAt_idx" ON "Referral"("shop", "ipHash", "createdAt");

-- CreateIndex
CREATE INDEX "Referral_advocateId_createdAt_idx" ON "Referral"("advocateId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Referral_shop_friendCode_key" ON "Referral"("shop", "friendCode");

-- CreateIndex
CREATE UNIQUE INDEX "Referral_shop_shopifyOrderId_key" ON "Referral"("shop", "shopifyOrderId");

-- CreateIndex
CREATE UNIQUE INDEX "Customer_shop_referralCode_key" ON "Customer"("shop", "referralCode");

