-- CreateTable
CREATE TABLE "TierReevaluationRun" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "total" INTEGER,
    "checked" INTEGER NOT NULL DEFAULT 0,
    "upgraded" INTEGER NOT NULL DEFAULT 0,
    "cursor" TEXT NOT NULL DEFAULT '',
    "lease" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "TierReevaluationRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TierReevaluationRun_shop_createdAt_idx" ON "TierReevaluationRun"("shop", "createdAt");

-- CreateIndex
CREATE INDEX "TierReevaluationRun_status_leaseUntil_idx" ON "TierReevaluationRun"("status", "leaseUntil");

