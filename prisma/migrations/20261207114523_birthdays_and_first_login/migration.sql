-- AlterTable
ALTER TABLE "Customer" ADD COLUMN "birthdaySetAt" DATETIME;
ALTER TABLE "Customer" ADD COLUMN "birthdaySyncedAt" DATETIME;
ALTER TABLE "Customer" ADD COLUMN "birthdayYear" INTEGER;
ALTER TABLE "Customer" ADD COLUMN "firstLoginAt" DATETIME;

-- CreateIndex
CREATE INDEX "Customer_shop_birthday_idx" ON "Customer"("shop", "birthday");

