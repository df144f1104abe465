// Installing a shop (the afterAuth hook's ensureShopInstalled): the shop's settings from Shopify, and
// the 12-month order backfill started exactly once — not again on the next sign-in, on two sign-ins
// at once (two instances on PostgreSQL) or on a reinstall — and, by default, without points.
import { afterEach, describe, expect, it } from "vitest";
import { getDb, getSql, openSql } from "~/db.server";
import { databaseKind } from "~/db/database-url";
import type { SqlDatabase } from "~/db/sql.server";
import { advanceBackfills, BACKFILL_DAYS, requestBackfill } from "~/services/backfill.server";
import { ensureShopInstalled } from "~/services/install.server";
import { createFetchAdminClient } from "../../admin-api-standin/fetch-admin-client";
import { bulkOrder } from "../factories/bulk-orders";
import { orderPayload } from "../factories/webhook-payloads";
import { adminApi } from "../support/admin-api";
import { deliver } from "../support/webhooks";

const shop = "newcomer.myshopify.com";
const admin = createFetchAdminClient({ shop });
const now = new Date();
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
let otherInstance: SqlDatabase | null = null;

afterEach(async () => {
  if (otherInstance && otherInstance !== getSql()) await otherInstance.close();
  otherInstance = null;
});

describe("installing a shop", () => {
  it("stores the shop's settings and requests one 12-month backfill without points, however many times it runs", async () => {
    Object.assign(adminApi.state.shop(shop).settings, {
      currencyCode: "EUR",
      ianaTimezone: "Europe/Paris",
    });
    // Two sign-ins at once; on PostgreSQL from two instances (two connection pools).
    otherInstance =
      databaseKind(process.env.DATABASE_URL!) === "postgresql"
        ? openSql(process.env.DATABASE_URL!)
        : getSql();
    await Promise.all([
      ensureShopInstalled(getDb(), getSql(), shop, admin, now),
      ensureShopInstalled(getDb(), otherInstance, shop, admin, now),
    ]);
    expect(await getDb().shop.findUniqueOrThrow({ where: { shop } })).toMatchObject({
      currencyCode: "EUR",
      timeZone: "Europe/Paris",
      uninstalledAt: null,
    });
    const backfills = await getDb().backfill.findMany({ where: { shop } });
    expect(backfills).toEqual([
      expect.objectContaining({
        status: "requested",
        awardPoints: false,
        until: now,
        since: new Date(now.getTime() - BACKFILL_DAYS * 86_400_000),
      }),
    ]);

    // Requests racing each other (sign-ins, the import page, instances) create one at most.
    await getDb().backfill.deleteMany({ where: { shop } });
    const raced = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        requestBackfill(getDb(), index % 2 ? otherInstance! : getSql(), shop, {
          awardPoints: false,
          now,
          firstOnly: index < 3,
        }),
      ),
    );
    expect(raced.filter((result) => result.created)).toHaveLength(1);
    expect(new Set(raced.map((result) => result.id)).size).toBe(1);
    expect(await getDb().backfill.count({ where: { shop } })).toBe(1);

    // The next sign-in runs the hook again: no second backfill.
    await ensureShopInstalled(getDb(), getSql(), shop, admin, now);
    expect(await getDb().backfill.count({ where: { shop } })).toBe(1);
  });

  it("the install's backfill brings past orders in without points; a reinstall starts none", async () => {
    adminApi.state.shop(shop).orders.push(
      bulkOrder({
        id: 801,
        createdAt: daysAgo(90),
        customer: { id: 71 },
        lines: [{ id: 1, price: 12000 }],
      }),
      bulkOrder({
        id: 802,
        createdAt: daysAgo(30),
        customer: { id: 71 },
        lines: [{ id: 2, price: 3000 }],
      }),
    );
    await ensureShopInstalled(getDb(), getSql(), shop, admin, now);
    // The background job's steps: start, poll, poll (complete), process.
    for (let step = 0; step < 4; step++)
      await advanceBackfills(getDb(), getSql(), async () => admin, now);
    expect(await getDb().backfill.findMany({ where: { shop } })).toEqual([
      expect.objectContaining({ status: "done", ordersProcessed: 2, ordersTotal: 2 }),
    ]);
    expect(
      await getDb().customer.findFirstOrThrow({ where: { shop, shopifyCustomerId: "71" } }),
    ).toMatchObject({ orderCount: 2, lifetimeSpend: 15000n, balance: 0 });
    expect(
      await getDb().order.findMany({
        where: { shop },
        select: { earnsPoints: true, pointsCredited: true },
      }),
    ).toEqual([
      { earnsPoints: false, pointsCredited: 0 },
      { earnsPoints: false, pointsCredited: 0 },
    ]);
    expect(await getDb().ledgerEntry.count({ where: { shop } })).toBe(0);

    // Uninstalled, then installed again: the shop is active again, the orders are already known.
    await getDb().shop.update({ where: { shop }, data: { uninstalledAt: new Date() } });
    await ensureShopInstalled(getDb(), getSql(), shop, admin, new Date(now.getTime() + 86_400_000));
    expect(await getDb().shop.findUniqueOrThrow({ where: { shop } })).toMatchObject({
      uninstalledAt: null,
    });
    expect(await getDb().backfill.count({ where: { shop } })).toBe(1);
    expect(
      adminApi.calls.filter((call) => call.operationName === "BackfillBulkOperationRun"),
    ).toHaveLength(1);

    // A new order after install earns as usual; the backfilled ones never do.
    await deliver(
      "orders/paid",
      orderPayload({ id: 803, customer: { id: 71 }, lines: [{ price: 5000 }] }),
      { shop },
    );
    await deliver(
      "orders/updated",
      orderPayload({
        id: 801,
        customer: { id: 71 },
        lines: [{ price: 12000 }],
        createdAt: daysAgo(90),
      }),
      { shop },
    );
    expect(
      await getDb().ledgerEntry.findMany({ where: { shop }, select: { kind: true, points: true } }),
    ).toEqual([{ kind: "earn", points: 50 }]);
  });
});
