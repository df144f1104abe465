-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "expiryNotifiedAt" TIMESTAMP(3);

