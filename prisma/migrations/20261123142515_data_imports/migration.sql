-- CreateTable
CREATE TABLE "DataImport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "format" TEXT,
    "fileName" TEXT NOT NULL,
    "fileBytes" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'running',
    "bytesRead" INTEGER NOT NULL DEFAULT 0,
    "rowsRead" INTEGER NOT NULL DEFAULT 0,
    "rowsImported" INTEGER NOT NULL DEFAULT 0,
    "rowsSkipped" INTEGER NOT NULL DEFAULT 0,
    "rowsFailed" INTEGER NOT NULL DEFAULT 0,
    "failure" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME
);

-- CreateTable
CREATE TABLE "DataImportError" (
    "importId" TEXT NOT NULL,
    "row" INTEGER NOT NULL,
    "message" TEXT NOT NULL,
    "raw" TEXT,

    PRIMARY KEY ("importId", "row"),
    CONSTRAINT "DataImportError_importId_fkey" FOREIGN KEY ("importId") REFERENCES "DataImport" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "DataImport_shop_createdAt_idx" ON "DataImport"("shop", "createdAt");

