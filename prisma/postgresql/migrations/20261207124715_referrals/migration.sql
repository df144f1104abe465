-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "referralCode" TEXT;

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "shippingKey" TEXT;

-- CreateTable
CREATE TABLE "Referral" (
    "id" TEXT NOT NULL,
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
    "orderPlacedAt" TIMESTAMP(3),
    "completesAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "advocatePoints" INTEGER NOT NULL DEFAULT 0,
    "decidedBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Referral_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_advocateId_fkey" FOREIGN KEY ("advocateId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

