-- CreateTable
CREATE TABLE "SetupChecklist" (
    "shop" TEXT NOT NULL,
    "firstOrderSeenAt" TIMESTAMP(3),
    "checkoutPlacedAt" TIMESTAMP(3),
    "accountsPlacedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SetupChecklist_pkey" PRIMARY KEY ("shop")
);

-- AddForeignKey
ALTER TABLE "SetupChecklist" ADD CONSTRAINT "SetupChecklist_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop"("shop") ON DELETE CASCADE ON UPDATE CASCADE;

