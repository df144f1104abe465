-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "birthdaySetAt" TIMESTAMP(3),
ADD COLUMN     "birthdaySyncedAt" TIMESTAMP(3),
ADD COLUMN     "birthdayYear" INTEGER,
ADD COLUMN     "firstLoginAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Customer_shop_birthday_idx" ON "Customer"("shop", "birthday");

