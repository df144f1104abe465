-- AlterTable
ALTER TABLE "Customer" ADD COLUMN "firstOrderAt" DATETIME;

-- CreateTable
CREATE TABLE "EngagementSettings" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "config" JSONB NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "CustomerBadge" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "badgeId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "orderId" TEXT,
    "awardedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CustomerBadge_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LeaderboardMember" (
    "customerId" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "joinedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LeaderboardMember_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "JourneyStep" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "journey" TEXT NOT NULL,
    "firedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "JourneyStep_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FlowTriggerOutbox" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "customerId" TEXT,
    "handle" TEXT NOT NULL,
    "eventKey" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT
);

-- CreateIndex
CREATE INDEX "CustomerBadge_shop_badgeId_idx" ON "CustomerBadge"("shop", "badgeId");

-- CreateIndex
CREATE UNIQUE INDEX "CustomerBadge_customerId_badgeId_key" ON "CustomerBadge"("customerId", "badgeId");

-- CreateIndex
CREATE INDEX "LeaderboardMember_shop_idx" ON "LeaderboardMember"("shop");

-- CreateIndex
CREATE INDEX "JourneyStep_shop_journey_idx" ON "JourneyStep"("shop", "journey");

-- CreateIndex
CREATE UNIQUE INDEX "JourneyStep_customerId_journey_key" ON "JourneyStep"("customerId", "journey");

-- CreateIndex
CREATE INDEX "FlowTriggerOutbox_nextAttemptAt_idx" ON "FlowTriggerOutbox"("nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "FlowTriggerOutbox_shop_eventKey_key" ON "FlowTriggerOutbox"("shop", "eventKey");

-- CreateIndex
CREATE INDEX "Customer_shop_firstOrderAt_idx" ON "Customer"("shop", "firstOrderAt");

