-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_DataImport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "format" TEXT,
    "fileName" TEXT NOT NULL,
    "fileBytes" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'running',
    "dryRun" BOOLEAN NOT NULL DEFAULT false,
    "encoding" TEXT,
    "delimiter" TEXT,
    "ignoredColumns" TEXT,
    "bytesRead" INTEGER NOT NULL DEFAULT 0,
    "rowsRead" INTEGER NOT NULL DEFAULT 0,
    "rowsImported" INTEGER NOT NULL DEFAULT 0,
    "rowsSkipped" INTEGER NOT NULL DEFAULT 0,
    "rowsNothing" INTEGER NOT NULL DEFAULT 0,
    "rowsFailed" INTEGER NOT NULL DEFAULT 0,
    "summary" TEXT,
    "headers" TEXT,
    "mapping" TEXT,
    "filePath" TEXT,
    "failure" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME
);
INSERT INTO "new_DataImport" ("bytesRead", "createdAt", "failure", "fileBytes", "fileName", "finishedAt", "format", "id", "kind", "rowsFailed", "rowsImported", "rowsRead", "rowsSkipped", "shop", "status", "updatedAt") SELECT "bytesRead", "createdAt", "failure", "fileBytes", "fileName", "finishedAt", "format", "id", "kind", "rowsFailed", "rowsImported", "rowsRead", "rowsSkipped", "shop", "status", "updatedAt" FROM "DataImport";
DROP TABLE "DataImport";
ALTER TABLE "new_DataImport" RENAME TO "DataImport";
CREATE INDEX "DataImport_shop_createdAt_idx" ON "DataImport"("shop", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

