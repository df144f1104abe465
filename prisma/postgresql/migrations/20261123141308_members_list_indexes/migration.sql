-- DropIndex
DROP INDEX "Customer_shop_balance_idx";

-- DropIndex
DROP INDEX "Customer_shop_lifetimeEarned_idx";

-- CreateIndex
CREATE INDEX "Customer_shop_balance_id_idx" ON "Customer"("shop", "balance", "id");

-- CreateIndex
CREATE INDEX "Customer_shop_lifetimeEarned_id_idx" ON "Customer"("shop", "lifetimeEarned", "id");

-- CreateIndex
CREATE INDEX "Customer_shop_tierName_balance_id_idx" ON "Customer"("shop", "tierName", "balance", "id");

-- CreateIndex
CREATE INDEX "Customer_shop_tierName_lifetimeEarned_id_idx" ON "Customer"("shop", "tierName", "lifetimeEarned", "id");

-- CreateIndex
CREATE INDEX "Customer_shop_firstName_idx" ON "Customer"("shop", "firstName");

-- CreateIndex
CREATE INDEX "Customer_shop_lastName_idx" ON "Customer"("shop", "lastName");

