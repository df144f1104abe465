-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Order" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "shopifyOrderId" TEXT NOT NULL,
    "customerId" TEXT,
    "name" TEXT,
    "currencyCode" TEXT NOT NULL,
    "placedAt" DATETIME NOT NULL,
    "factsUpdatedAt" DATETIME NOT NULL,
    "lines" JSONB NOT NULL,
    "subtotal" BIGINT NOT NULL DEFAULT 0,
    "paid" BOOLEAN NOT NULL DEFAULT false,
    "cancelled" BOOLEAN NOT NULL DEFAULT false,
    "programVersionId" TEXT,
    "earnContext" JSONB,
    "pointsCredited" INTEGER NOT NULL DEFAULT 0,
    "countedSpend" BIGINT NOT NULL DEFAULT 0,
    "ledgerSeq" INTEGER NOT NULL DEFAULT 0,
    "earnsPoints" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Order_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Order_programVersionId_fkey" FOREIGN KEY ("programVersionId") REFERENCES "ProgramVersion" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Order" ("cancelled", "countedSpend", "createdAt", "currencyCode", "customerId", "earnContext", "earnsPoints", "factsUpdatedAt", "id", "ledgerSeq", "lines", "name", "paid", "placedAt", "pointsCredited", "programVersionId", "shop", "shopifyOrderId", "subtotal", "updatedAt") SELECT "cancelled", "countedSpend", "createdAt", "currencyCode", "customerId", "earnContext", "earnsPoints", "factsUpdatedAt", "id", "ledgerSeq", "lines", "name", "paid", "placedAt", "pointsCredited", "programVersionId", "shop", "shopifyOrderId", "subtotal", "updatedAt" FROM "Order";
DROP TABLE "Order";
ALTER TABLE "new_Order" RENAME TO "Order";
CREATE INDEX "Order_customerId_placedAt_idx" ON "Order"("customerId", "placedAt");
CREATE INDEX "Order_shop_placedAt_idx" ON "Order"("shop", "placedAt");
CREATE INDEX "Order_shop_updatedAt_idx" ON "Order"("shop", "updatedAt");
CREATE UNIQUE INDEX "Order_shop_shopifyOrderId_key" ON "Order"("shop", "shopifyOrderId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

