-- DropIndex
DROP INDEX "Customer_shop_email_idx";

-- DropIndex
DROP INDEX "Customer_shop_firstName_idx";

-- DropIndex
DROP INDEX "Customer_shop_lastName_idx";

-- CreateIndex
CREATE INDEX "Customer_shop_email_tierName_balance_lifetimeEarned_id_idx" ON "Customer"("shop", "email", "tierName", "balance", "lifetimeEarned", "id");

-- CreateIndex
CREATE INDEX "Customer_shop_firstName_tierName_balance_lifetimeEarned_id_idx" ON "Customer"("shop", "firstName", "tierName", "balance", "lifetimeEarned", "id");

-- CreateIndex
CREATE INDEX "Customer_shop_lastName_tierName_balance_lifetimeEarned_id_idx" ON "Customer"("shop", "lastName", "tierName", "balance", "lifetimeEarned", "id");

