-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "countedSpend" INTEGER NOT NULL DEFAULT 0;


-- Backfill: what each order already adds to its customer's lifetimeSpend.
UPDATE "Order" SET "countedSpend" = CASE WHEN paid AND NOT cancelled AND "customerId" IS NOT NULL THEN subtotal ELSE 0 END;
