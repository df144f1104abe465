-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "creditedCustomerId" TEXT;


-- Existing orders: the points an order credited sit with the customer it names (before decision 027
-- the customer of an order was never cleared).
UPDATE "Order" SET "creditedCustomerId" = "customerId" WHERE "customerId" IS NOT NULL;
