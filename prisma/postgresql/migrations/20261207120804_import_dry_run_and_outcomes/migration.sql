-- AlterTable
ALTER TABLE "DataImport" ADD COLUMN     "delimiter" TEXT,
ADD COLUMN     "dryRun" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "encoding" TEXT,
ADD COLUMN     "filePath" TEXT,
ADD COLUMN     "headers" TEXT,
ADD COLUMN     "ignoredColumns" TEXT,
ADD COLUMN     "mapping" TEXT,
ADD COLUMN     "rowsNothing" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "summary" TEXT;

