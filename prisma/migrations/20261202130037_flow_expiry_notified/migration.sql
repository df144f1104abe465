-- AlterTable
ALTER TABLE "Customer" ADD COLUMN "expiryNotifiedAt" DATETIME;

