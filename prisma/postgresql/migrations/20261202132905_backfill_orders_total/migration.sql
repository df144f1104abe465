-- AlterTable
ALTER TABLE "Backfill" ADD COLUMN     "ordersTotal" INTEGER NOT NULL DEFAULT 0;

