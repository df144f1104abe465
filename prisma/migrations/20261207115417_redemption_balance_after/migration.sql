-- AlterTable
ALTER TABLE "Redemption" ADD COLUMN "balanceAfter" INTEGER;

