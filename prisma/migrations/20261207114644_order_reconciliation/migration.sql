-- CreateTable
CREATE TABLE "OrderReconciliation" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "watermark" DATETIME,
    "passFrom" DATETIME,
    "passUntil" DATETIME,
    "mode" TEXT,
    "cursor" TEXT,
    "bulkOperationId" TEXT,
    "bulkOrdersDone" INTEGER NOT NULL DEFAULT 0,
    "checked" INTEGER NOT NULL DEFAULT 0,
    "applied" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "failures" JSONB,
    "passStartedAt" DATETIME,
    "passFinishedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

