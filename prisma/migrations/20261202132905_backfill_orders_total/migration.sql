-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Backfill" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'requested',
    "awardPoints" BOOLEAN NOT NULL DEFAULT false,
    "since" DATETIME NOT NULL,
    "until" DATETIME NOT NULL,
    "bulkOperationId" TEXT,
    "url" TEXT,
    "objectCount" INTEGER NOT NULL DEFAULT 0,
    "ordersTotal" INTEGER NOT NULL DEFAULT 0,
    "ordersProcessed" INTEGER NOT NULL DEFAULT 0,
    "failure" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME
);
INSERT INTO "new_Backfill" ("awardPoints", "bulkOperationId", "createdAt", "failure", "finishedAt", "id", "objectCount", "ordersProcessed", "shop", "since", "status", "until", "updatedAt", "url") SELECT "awardPoints", "bulkOperationId", "createdAt", "failure", "finishedAt", "id", "objectCount", "ordersProcessed", "shop", "since", "status", "until", "updatedAt", "url" FROM "Backfill";
DROP TABLE "Backfill";
ALTER TABLE "new_Backfill" RENAME TO "Backfill";
CREATE INDEX "Backfill_shop_createdAt_idx" ON "Backfill"("shop", "createdAt");
CREATE INDEX "Backfill_status_idx" ON "Backfill"("status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

