-- CreateTable
CREATE TABLE "StaffLanguage" (
    "shop" TEXT NOT NULL,
    "staffUserId" TEXT NOT NULL,
    "shopifyLocale" TEXT,
    "choice" TEXT NOT NULL DEFAULT 'shopify',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StaffLanguage_pkey" PRIMARY KEY ("shop","staffUserId")
);

