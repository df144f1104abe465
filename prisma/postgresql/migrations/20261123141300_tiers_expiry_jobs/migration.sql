-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "tierTagPrefix" TEXT NOT NULL DEFAULT 'Tally ';

-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "expiringAt" TIMESTAMP(3),
ADD COLUMN     "expiringPoints" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "expiryCheckedAt" TIMESTAMP(3),
ADD COLUMN     "expiryNextCheckAt" TIMESTAMP(3),
ADD COLUMN     "tierAtRiskSince" TIMESTAMP(3),
ADD COLUMN     "tierEvaluatedAt" TIMESTAMP(3),
ADD COLUMN     "tierOverride" TEXT,
ADD COLUMN     "tierTag" TEXT;

-- CreateTable
CREATE TABLE "PendingMaturation" (
    "entryId" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "maturedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PendingMaturation_pkey" PRIMARY KEY ("entryId")
);

-- CreateTable
CREATE TABLE "JobStatus" (
    "job" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "lastRunAt" TIMESTAMP(3) NOT NULL,
    "lastStatus" TEXT NOT NULL,
    "lastDurationMs" INTEGER NOT NULL,
    "lastCounts" JSONB,
    "lastError" TEXT,
    "lastFailureAt" TIMESTAMP(3),
    "runs" INTEGER NOT NULL DEFAULT 0,
    "failures" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "JobStatus_pkey" PRIMARY KEY ("job","shop")
);

-- CreateIndex
CREATE INDEX "PendingMaturation_customerId_idx" ON "PendingMaturation"("customerId");

-- CreateIndex
CREATE INDEX "Customer_shop_expiringAt_idx" ON "Customer"("shop", "expiringAt");

-- CreateIndex
CREATE INDEX "LedgerEntry_shop_availableAt_idx" ON "LedgerEntry"("shop", "availableAt");

