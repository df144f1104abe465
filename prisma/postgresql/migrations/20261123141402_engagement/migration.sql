-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "firstOrderAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "EngagementSettings" (
    "shop" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EngagementSettings_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "CustomerBadge" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "badgeId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "orderId" TEXT,
    "awardedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CustomerBadge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LeaderboardMember" (
    "customerId" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "joinedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LeaderboardMember_pkey" PRIMARY KEY ("customerId")
);

-- CreateTable
CREATE TABLE "JourneyStep" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "journey" TEXT NOT NULL,
    "firedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JourneyStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FlowTriggerOutbox" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "customerId" TEXT,
    "handle" TEXT NOT NULL,
    "eventKey" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,

    CONSTRAINT "FlowTriggerOutbox_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "CustomerBadge" ADD CONSTRAINT "CustomerBadge_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LeaderboardMember" ADD CONSTRAINT "LeaderboardMember_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JourneyStep" ADD CONSTRAINT "JourneyStep_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

