-- CreateTable
CREATE TABLE "ProgramTotals" (
    "shop" TEXT NOT NULL,
    "slot" INTEGER NOT NULL,
    "members" INTEGER NOT NULL DEFAULT 0,
    "pointsOutstanding" BIGINT NOT NULL DEFAULT 0,
    "ordersCredited" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ProgramTotals_pkey" PRIMARY KEY ("shop","slot")
);


-- Kept by triggers (docs/decisions/052): every write to Customer.balance, a member row or an order's
-- pointsCredited changes ProgramTotals in the same transaction, whatever code path writes it. The
-- triggers are deferred to the commit and add to the connection's own slot (backend pid mod 16):
-- a crediting transaction locks its totals row only while it commits, after every other row it
-- writes (no lock-order cycle), and concurrent connections mostly write different rows.
CREATE FUNCTION "programTotalsAdd"(shop TEXT, members INTEGER, points BIGINT, orders INTEGER) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO "ProgramTotals" ("shop", "slot", "members", "pointsOutstanding", "ordersCredited")
    VALUES (shop, pg_backend_pid() % 16, members, points, orders)
    ON CONFLICT ("shop", "slot") DO UPDATE SET
        "members" = "ProgramTotals"."members" + excluded."members",
        "pointsOutstanding" = "ProgramTotals"."pointsOutstanding" + excluded."pointsOutstanding",
        "ordersCredited" = "ProgramTotals"."ordersCredited" + excluded."ordersCredited";
$$;

CREATE FUNCTION "Customer_programTotals"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD."shop" = NEW."shop" THEN
        PERFORM "programTotalsAdd"(NEW."shop", 0, NEW."balance"::BIGINT - OLD."balance", 0);
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM "programTotalsAdd"(OLD."shop", -1, -OLD."balance"::BIGINT, 0);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        PERFORM "programTotalsAdd"(NEW."shop", 1, NEW."balance"::BIGINT, 0);
    END IF;
    RETURN NULL;
END;
$$;

CREATE FUNCTION "Order_programTotals"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD."shop" = NEW."shop" THEN
        PERFORM "programTotalsAdd"(NEW."shop", 0, 0, CASE WHEN NEW."pointsCredited" > 0 THEN 1 ELSE -1 END);
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD."pointsCredited" > 0 THEN
        PERFORM "programTotalsAdd"(OLD."shop", 0, 0, -1);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') AND NEW."pointsCredited" > 0 THEN
        PERFORM "programTotalsAdd"(NEW."shop", 0, 0, 1);
    END IF;
    RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER "Customer_programTotals_row" AFTER INSERT OR DELETE ON "Customer"
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "Customer_programTotals"();

CREATE CONSTRAINT TRIGGER "Customer_programTotals_update" AFTER UPDATE OF "balance", "shop" ON "Customer"
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
WHEN (OLD."balance" <> NEW."balance" OR OLD."shop" <> NEW."shop")
EXECUTE FUNCTION "Customer_programTotals"();

CREATE CONSTRAINT TRIGGER "Order_programTotals_row" AFTER INSERT OR DELETE ON "Order"
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "Order_programTotals"();

CREATE CONSTRAINT TRIGGER "Order_programTotals_update" AFTER UPDATE OF "pointsCredited", "shop" ON "Order"
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
WHEN ((OLD."pointsCredited" > 0) <> (NEW."pointsCredited" > 0) OR OLD."shop" <> NEW."shop")
EXECUTE FUNCTION "Order_programTotals"();

-- Existing shops: their totals as the aggregates give them now. The triggers above exist first and
-- hold a lock that blocks writes to Customer and Order until this migration commits, so no write
-- falls between the backfill and the triggers.
INSERT INTO "ProgramTotals" ("shop", "slot", "members", "pointsOutstanding")
SELECT "shop", 0, COUNT(*), COALESCE(SUM("balance"), 0) FROM "Customer" GROUP BY "shop";
INSERT INTO "ProgramTotals" ("shop", "slot", "ordersCredited")
SELECT "shop", 0, COUNT(*) FROM "Order" WHERE "pointsCredited" > 0 GROUP BY "shop"
ON CONFLICT ("shop", "slot") DO UPDATE SET "ordersCredited" = excluded."ordersCredited";
