-- CreateTable
CREATE TABLE "StaffLanguage" (
    "shop" TEXT NOT NULL,
    "staffUserId" TEXT NOT NULL,
    "shopifyLocale" TEXT,
    "choice" TEXT NOT NULL DEFAULT 'shopify',
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "staffUserId")
);

