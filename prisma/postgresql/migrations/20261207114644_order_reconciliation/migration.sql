-- CreateTable
CREATE TABLE "OrderReconciliation" (
    "shop" TEXT NOT NULL,
    "watermark" TIMESTAMP(3),
    "passFrom" TIMESTAMP(3),
    "passUntil" TIMESTAMP(3),
    "mode" TEXT,
    "cursor" TEXT,
    "bulkOperationId" TEXT,
    "bulkOrdersDone" INTEGER NOT NULL DEFAULT 0,
    "checked" INTEGER NOT NULL DEFAULT 0,
    "applied" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "failures" JSONB,
    "passStartedAt" TIMESTAMP(3),
    "passFinishedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OrderReconciliation_pkey" PRIMARY KEY ("shop")
);

