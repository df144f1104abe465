-- DropIndex
DROP INDEX "Customer_shop_expiringAt_idx";

-- DropIndex
DROP INDEX "Customer_shop_email_tierName_balance_lifetimeEarned_id_idx";

-- DropIndex
DROP INDEX "Customer_shop_firstName_tierName_balance_lifetimeEarned_id_idx";

-- DropIndex
DROP INDEX "Customer_shop_lastName_tierName_balance_lifetimeEarned_id_idx";

-- CreateIndex
CREATE INDEX "Customer_shop_email_idx" ON "Customer"("shop", "email");

-- CreateIndex
CREATE INDEX "Customer_shop_firstName_idx" ON "Customer"("shop", "firstName");

-- CreateIndex
CREATE INDEX "Customer_shop_lastName_idx" ON "Customer"("shop", "lastName");

