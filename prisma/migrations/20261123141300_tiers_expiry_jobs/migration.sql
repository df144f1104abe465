-- CreateTable
CREATE TABLE "PendingMaturation" (
    "entryId" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "maturedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "JobStatus" (
    "job" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "lastRunAt" DATETIME NOT NULL,
    "lastStatus" TEXT NOT NULL,
    "lastDurationMs" INTEGER NOT NULL,
    "lastCounts" JSONB,
    "lastError" TEXT,
    "lastFailureAt" DATETIME,
    "runs" INTEGER NOT NULL DEFAULT 0,
    "failures" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("job", "shop")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Shop" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "currencyCode" TEXT NOT NULL DEFAULT 'USD',
    "currencyExponent" INTEGER NOT NULL DEFAULT 2,
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "programEnabled" BOOLEAN NOT NULL DEFAULT true,
    "tierTagPrefix" TEXT NOT NULL DEFAULT 'Tally ',
    "installedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "uninstalledAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Shop" ("createdAt", "currencyCode", "currencyExponent", "installedAt", "programEnabled", "shop", "timeZone", "uninstalledAt", "updatedAt") SELECT "createdAt", "currencyCode", "currencyExponent", "installedAt", "programEnabled", "shop", "timeZone", "uninstalledAt", "updatedAt" FROM "Shop";
DROP TABLE "Shop";
ALTER TABLE "new_Shop" RENAME TO "Shop";
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
    "lifetimeSpend" INTEGER NOT NULL DEFAULT 0,
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
    "enrolledAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "redactedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Customer_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop" ("shop") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Customer" ("balance", "birthday", "createdAt", "email", "enrolledAt", "firstName", "id", "lastName", "lifetimeEarned", "lifetimeSpend", "orderCount", "pending", "redactedAt", "shop", "shopifyCustomerId", "tierName", "tierSince", "updatedAt") SELECT "balance", "birthday", "createdAt", "email", "enrolledAt", "firstName", "id", "lastName", "lifetimeEarned", "lifetimeSpend", "orderCount", "pending", "redactedAt", "shop", "shopifyCustomerId", "tierName", "tierSince", "updatedAt" FROM "Customer";
DROP TABLE "Customer";
ALTER TABLE "new_Customer" RENAME TO "Customer";
CREATE INDEX "Customer_shop_balance_idx" ON "Customer"("shop", "balance");
CREATE INDEX "Customer_shop_lifetimeEarned_idx" ON "Customer"("shop", "lifetimeEarned");
CREATE INDEX "Customer_shop_email_idx" ON "Customer"("shop", "email");
CREATE INDEX "Customer_shop_expiringAt_idx" ON "Customer"("shop", "expiringAt");
CREATE UNIQUE INDEX "Customer_shop_shopifyCustomerId_key" ON "Customer"("shop", "shopifyCustomerId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "PendingMaturation_customerId_idx" ON "PendingMaturation"("customerId");

-- CreateIndex
CREATE INDEX "LedgerEntry_shop_availableAt_idx" ON "LedgerEntry"("shop", "availableAt");

