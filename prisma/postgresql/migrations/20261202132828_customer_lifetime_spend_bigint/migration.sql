-- AlterTable
ALTER TABLE "Customer" ALTER COLUMN "lifetimeSpend" SET DATA TYPE BIGINT;

