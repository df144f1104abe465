-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Customer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "shopifyCustomerId" TEXT NOT NULL,
    "email" TEXT,
    "firstName" TEXT,
    "lastName" TEXT,
    "birthday" TEXT,
    "balance" INTEGER NOT NULL DEFAULT 0,
    "pending" INTEGER NOT NULL DEFAULT 0,
    "lifetimeEarned" INTEGER NOT NULL DEFAULT 0,
    "orderCount" INTEGER NOT NULL DEFAULT 0,
    "lifetimeSpend" BIGINT NOT NULL DEFAULT 0,
    "tierName" TEXT,
    "tierSince" DATETIME,
    "tierOverride" TEXT,
    "tierAtRiskSince" DATETIME,
    "tierEvaluatedAt" DATETIME,
    "tierTag" TEXT,
    "expiringPoints" INTEGER NOT NULL DEFAULT 0,
    "expiringAt" DATETIME,
    "expiryCheckedAt" DATETIME,
    "expiryNextCheckAt" DATETIME,
    "expiryNotifiedAt" DATETIME,
    "firstOrderAt" DATETIME,
    "enrolledAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "redactedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Customer_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop" ("shop") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Customer" ("balance", "birthday", "createdAt", "email", "enrolledAt", "expiringAt", "expiringPoints", "expiryCheckedAt", "expiryNextCheckAt", "expiryNotifiedAt", "firstName", "firstOrderAt", "id", "lastName", "lifetimeEarned", "lifetimeSpend", "orderCount", "pending", "redactedAt", "shop", "shopifyCustomerId", "tierAtRiskSince", "tierEvaluatedAt", "tierName", "tierOverride", "tierSince", "tierTag", "updatedAt") SELECT "balance", "birthday", "createdAt", "email", "enrolledAt", "expiringAt", "expiringPoints", "expiryCheckedAt", "expiryNextCheckAt", "expiryNotifiedAt", "firstName", "firstOrderAt", "id", "lastName", "lifetimeEarned", "lifetimeSpend", "orderCount", "pending", "redactedAt", "shop", "shopifyCustomerId", "tierAtRiskSince", "tierEvaluatedAt", "tierName", "tierOverride", "tierSince", "tierTag", "updatedAt" FROM "Customer";
DROP TABLE "Customer";
ALTER TABLE "new_Customer" RENAME TO "Customer";
CREATE INDEX "Customer_shop_id_idx" ON "Customer"("shop", "id");
CREATE INDEX "Customer_shop_firstOrderAt_idx" ON "Customer"("shop", "firstOrderAt");
CREATE INDEX "Customer_shop_expiringAt_idx" ON "Customer"("shop", "expiringAt");
CREATE INDEX "Customer_shop_balance_id_idx" ON "Customer"("shop", "balance", "id");
CREATE INDEX "Customer_shop_lifetimeEarned_id_idx" ON "Customer"("shop", "lifetimeEarned", "id");
CREATE INDEX "Customer_shop_tierName_balance_id_idx" ON "Customer"("shop", "tierName", "balance", "id");
CREATE INDEX "Customer_shop_tierName_lifetimeEarned_id_idx" ON "Customer"("shop", "tierName", "lifetimeEarned", "id");
CREATE INDEX "Customer_shop_enrolledAt_idx" ON "Customer"("shop", "enrolledAt");
CREATE INDEX "Customer_shop_email_tierName_balance_lifetimeEarned_id_idx" ON "Customer"("shop", "email", "tierName", "balance", "lifetimeEarned", "id");
CREATE INDEX "Customer_shop_firstName_tierName_balance_lifetimeEarned_id_idx" ON "Customer"("shop", "firstName", "tierName", "balance", "lifetimeEarned", "id");
CREATE INDEX "Customer_shop_lastName_tierName_balance_lifetimeEarned_id_idx" ON "Customer"("shop", "lastName", "tierName", "balance", "lifetimeEarned", "id");
CREATE UNIQUE INDEX "Customer_shop_shopifyCustomerId_key" ON "Customer"("shop", "shopifyCustomerId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

