-- DropIndex
DROP INDEX "Customer_shop_firstName_idx";

-- DropIndex
DROP INDEX "Customer_shop_lastName_idx";

-- AlterTable
ALTER TABLE "Customer" ADD COLUMN "searchEmail" TEXT;
ALTER TABLE "Customer" ADD COLUMN "searchName" TEXT;
ALTER TABLE "Customer" ADD COLUMN "searchSurname" TEXT;

-- CreateIndex
CREATE INDEX "Customer_shop_searchName_idx" ON "Customer"("shop", "searchName");

-- CreateIndex
CREATE INDEX "Customer_shop_searchSurname_idx" ON "Customer"("shop", "searchSurname");

-- CreateIndex
CREATE INDEX "Customer_shop_searchEmail_idx" ON "Customer"("shop", "searchEmail");

