-- CreateTable
CREATE TABLE "ProductCollection" (
    "shop" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "collectionId" TEXT NOT NULL,
    "seenAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "productId", "collectionId")
);

-- CreateTable
CREATE TABLE "ShopCollection" (
    "shop" TEXT NOT NULL,
    "collectionId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "seenAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "collectionId")
);

-- CreateTable
CREATE TABLE "CollectionSync" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "status" TEXT NOT NULL,
    "bulkOperationId" TEXT,
    "url" TEXT,
    "requestedAt" DATETIME NOT NULL,
    "syncedAt" DATETIME,
    "failure" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "CollectionRefresh" (
    "shop" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "resourceId" TEXT NOT NULL,
    "requestedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "kind", "resourceId")
);

-- CreateIndex
CREATE INDEX "ProductCollection_shop_collectionId_idx" ON "ProductCollection"("shop", "collectionId");

-- CreateIndex
CREATE INDEX "CollectionRefresh_requestedAt_idx" ON "CollectionRefresh"("requestedAt");

