-- CreateTable
CREATE TABLE "SetupChecklist" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "firstOrderSeenAt" DATETIME,
    "checkoutPlacedAt" DATETIME,
    "accountsPlacedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "SetupChecklist_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop" ("shop") ON DELETE CASCADE ON UPDATE CASCADE
);

