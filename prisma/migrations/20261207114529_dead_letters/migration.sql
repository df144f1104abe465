-- CreateTable
CREATE TABLE "DeadLetter" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "webhookId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "apiVersion" TEXT,
    "headers" JSONB NOT NULL,
    "body" TEXT NOT NULL,
    "reasonCode" TEXT NOT NULL,
    "reasonMessage" TEXT NOT NULL,
    "shopifyOrderId" TEXT,
    "shopifyCustomerId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" DATETIME,
    "resolvedBy" TEXT,
    "dismissReason" TEXT
);

-- CreateIndex
CREATE INDEX "DeadLetter_shop_status_receivedAt_idx" ON "DeadLetter"("shop", "status", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "DeadLetter_shop_webhookId_key" ON "DeadLetter"("shop", "webhookId");

