-- AlterTable
ALTER TABLE "DataImport" ADD COLUMN "customersExportedAt" DATETIME;

-- CreateTable
CREATE TABLE "ShopifyCustomerExport" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "status" TEXT NOT NULL,
    "bulkOperationId" TEXT,
    "exportedAt" DATETIME NOT NULL,
    "customers" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ShopifyCustomerExportRow" (
    "shop" TEXT NOT NULL,
    "shopifyCustomerId" TEXT NOT NULL,
    "email" TEXT,

    PRIMARY KEY ("shop", "shopifyCustomerId")
);

-- CreateIndex
CREATE INDEX "ShopifyCustomerExportRow_shop_email_idx" ON "ShopifyCustomerExportRow"("shop", "email");

