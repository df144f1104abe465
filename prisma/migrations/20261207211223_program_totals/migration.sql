-- CreateTable
CREATE TABLE "ProgramTotals" (
    "shop" TEXT NOT NULL,
    "slot" INTEGER NOT NULL,
    "members" INTEGER NOT NULL DEFAULT 0,
    "pointsOutstanding" BIGINT NOT NULL DEFAULT 0,
    "ordersCredited" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("shop", "slot")
);


-- Kept by triggers (docs/decisions/052): every write to Customer.balance, a member row or an order's
-- pointsCredited changes ProgramTotals in the same transaction, whatever code path writes it.
CREATE TRIGGER "Customer_programTotals_insert" AFTER INSERT ON "Customer" BEGIN
    INSERT INTO "ProgramTotals" ("shop", "slot", "members", "pointsOutstanding") VALUES (NEW."shop", 0, 1, NEW."balance")
    ON CONFLICT ("shop", "slot") DO UPDATE SET "members" = "members" + 1, "pointsOutstanding" = "pointsOutstanding" + excluded."pointsOutstanding";
END;

CREATE TRIGGER "Customer_programTotals_delete" AFTER DELETE ON "Customer" BEGIN
    INSERT INTO "ProgramTotals" ("shop", "slot", "members", "pointsOutstanding") VALUES (OLD."shop", 0, -1, -OLD."balance")
    ON CONFLICT ("shop", "slot") DO UPDATE SET "members" = "members" - 1, "pointsOutstanding" = "pointsOutstanding" + excluded."pointsOutstanding";
END;

-- A balance change is one upsert; a row moving to another shop (no code does it) leaves one and joins the other.
CREATE TRIGGER "Customer_programTotals_balance" AFTER UPDATE OF "balance" ON "Customer"
WHEN OLD."balance" <> NEW."balance" AND OLD."shop" = NEW."shop" BEGIN
    INSERT INTO "ProgramTotals" ("shop", "slot", "pointsOutstanding") VALUES (NEW."shop", 0, NEW."balance" - OLD."balance")
    ON CONFLICT ("shop", "slot") DO UPDATE SET "pointsOutstanding" = "pointsOutstanding" + excluded."pointsOutstanding";
END;

CREATE TRIGGER "Customer_programTotals_shop" AFTER UPDATE OF "shop" ON "Customer"
WHEN OLD."shop" <> NEW."shop" BEGIN
    INSERT INTO "ProgramTotals" ("shop", "slot", "members", "pointsOutstanding") VALUES (OLD."shop", 0, -1, -OLD."balance")
    ON CONFLICT ("shop", "slot") DO UPDATE SET "members" = "members" - 1, "pointsOutstanding" = "pointsOutstanding" + excluded."pointsOutstanding";
    INSERT INTO "ProgramTotals" ("shop", "slot", "members", "pointsOutstanding") VALUES (NEW."shop", 0, 1, NEW."balance")
    ON CONFLICT ("shop", "slot") DO UPDATE SET "members" = "members" + 1, "pointsOutstanding" = "pointsOutstanding" + excluded."pointsOutstanding";
END;

CREATE TRIGGER "Order_programTotals_insert" AFTER INSERT ON "Order" WHEN NEW."pointsCredited" > 0 BEGIN
    INSERT INTO "ProgramTotals" ("shop", "slot", "ordersCredited") VALUES (NEW."shop", 0, 1)
    ON CONFLICT ("shop", "slot") DO UPDATE SET "ordersCredited" = "ordersCredited" + 1;
END;

CREATE TRIGGER "Order_programTotals_delete" AFTER DELETE ON "Order" WHEN OLD."pointsCredited" > 0 BEGIN
    INSERT INTO "ProgramTotals" ("shop", "slot", "ordersCredited") VALUES (OLD."shop", 0, -1)
    ON CONFLICT ("shop", "slot") DO UPDATE SET "ordersCredited" = "ordersCredited" - 1;
END;

CREATE TRIGGER "Order_programTotals_credited" AFTER UPDATE OF "pointsCredited" ON "Order"
WHEN (OLD."pointsCredited" > 0) <> (NEW."pointsCredited" > 0) AND OLD."shop" = NEW."shop" BEGIN
    INSERT INTO "ProgramTotals" ("shop", "slot", "ordersCredited") VALUES (NEW."shop", 0, (NEW."pointsCredited" > 0) - (OLD."pointsCredited" > 0))
    ON CONFLICT ("shop", "slot") DO UPDATE SET "ordersCredited" = "ordersCredited" + excluded."ordersCredited";
END;

CREATE TRIGGER "Order_programTotals_shop" AFTER UPDATE OF "shop" ON "Order"
WHEN OLD."shop" <> NEW."shop" AND (OLD."pointsCredited" > 0 OR NEW."pointsCredited" > 0) BEGIN
    INSERT INTO "ProgramTotals" ("shop", "slot", "ordersCredited") VALUES (OLD."shop", 0, -(OLD."pointsCredited" > 0))
    ON CONFLICT ("shop", "slot") DO UPDATE SET "ordersCredited" = "ordersCredited" + excluded."ordersCredited";
    INSERT INTO "ProgramTotals" ("shop", "slot", "ordersCredited") VALUES (NEW."shop", 0, NEW."pointsCredited" > 0)
    ON CONFLICT ("shop", "slot") DO UPDATE SET "ordersCredited" = "ordersCredited" + excluded."ordersCredited";
END;

-- Existing shops: their totals as the aggregates give them now (the triggers above keep them after).
INSERT INTO "ProgramTotals" ("shop", "slot", "members", "pointsOutstanding")
SELECT "shop", 0, COUNT(*), COALESCE(SUM("balance"), 0) FROM "Customer" GROUP BY "shop";
INSERT INTO "ProgramTotals" ("shop", "slot", "ordersCredited")
SELECT "shop", 0, COUNT(*) FROM "Order" WHERE "pointsCredited" > 0 GROUP BY "shop"
ON CONFLICT ("shop", "slot") DO UPDATE SET "ordersCredited" = excluded."ordersCredited";
