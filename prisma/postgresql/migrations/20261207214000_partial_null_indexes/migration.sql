-- Indexes that leave out null keys (decision 055): scripts/lib/partial-indexes.ts holds the same
-- statements, which the drift check applies to the database built from the models.
DROP INDEX "Customer_shop_birthday_idx";
CREATE INDEX "Customer_shop_birthday_idx" ON "Customer"("shop", "birthday") WHERE "birthday" IS NOT NULL;
DROP INDEX "Customer_shop_referralCode_key";
CREATE UNIQUE INDEX "Customer_shop_referralCode_key" ON "Customer"("shop", "referralCode") WHERE "referralCode" IS NOT NULL;
DROP INDEX "LedgerEntry_shop_availableAt_idx";
CREATE INDEX "LedgerEntry_shop_availableAt_idx" ON "LedgerEntry"("shop", "availableAt") WHERE "availableAt" IS NOT NULL;
