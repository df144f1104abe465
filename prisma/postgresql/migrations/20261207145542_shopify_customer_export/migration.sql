-- AlterTable
ALTER TABLE "DataImport" ADD COLUMN     "customersExportedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ShopifyCustomerExport" (
    "shop" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "bulkOperationId" TEXT,
    "exportedAt" TIMESTAMP(3) NOT NULL,
    "customers" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShopifyCustomerExport_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "ShopifyCustomerExportRow" (
    "shop" TEXT NOT NULL,
    "shopifyCustomerId" TEXT NOT NULL,
    "email" TEXT,

    CONSTRAINT "ShopifyCustomerExportRow_pkey" PRIMARY KEY ("shop","shopifyCustomerId")
);

-- CreateIndex
CREATE INDEX "ShopifyCustomerExportRow_shop_email_idx" ON "ShopifyCustomerExportRow"("shop", "email");

