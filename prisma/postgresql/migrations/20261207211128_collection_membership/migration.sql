-- CreateTable
CREATE TABLE "ProductCollection" (
    "shop" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "collectionId" TEXT NOT NULL,
    "seenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProductCollection_pkey" PRIMARY KEY ("shop","productId","collectionId")
);

-- CreateTable
CREATE TABLE "ShopCollection" (
    "shop" TEXT NOT NULL,
    "collectionId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "seenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShopCollection_pkey" PRIMARY KEY ("shop","collectionId")
);

-- CreateTable
CREATE TABLE "CollectionSync" (
    "shop" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "bulkOperationId" TEXT,
    "url" TEXT,
    "requestedAt" TIMESTAMP(3) NOT NULL,
    "syncedAt" TIMESTAMP(3),
    "failure" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CollectionSync_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "CollectionRefresh" (
    "shop" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "resourceId" TEXT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CollectionRefresh_pkey" PRIMARY KEY ("shop","kind","resourceId")
);

-- CreateIndex
CREATE INDEX "ProductCollection_shop_collectionId_idx" ON "ProductCollection"("shop", "collectionId");

-- CreateIndex
CREATE INDEX "CollectionRefresh_requestedAt_idx" ON "CollectionRefresh"("requestedAt");

