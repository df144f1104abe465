// The order backfill: a bulk operation of the last 12 months of orders (validated, polled, its JSONL
// downloaded from the stand-in), applied through the webhook path's merge: never credited twice,
// no points unless the merchant chose so, resumable, feeding tiers' figures and analytics.
import { beforeEach, describe, expect, it } from "vitest";
import { getDb, getSql } from "~/db.server";
import { wordStored } from "~/i18n/coded-text";
import { en } from "~/i18n/en";
import { pl } from "~/i18n/pl";
import { advanceBackfill, advanceBackfills, requestBackfill } from "~/services/backfill.server";
import { analyticsDashboard } from "~/services/analytics.server";
import { createFetchAdminClient } from "../../admin-api-standin/fetch-admin-client";
import { bulkOrder } from "../factories/bulk-orders";
import { mintAdminSessionToken } from "~/local-demo/session-token.server";
import { action, loader } from "~/routes/app.import";
import { installShop } from "../factories/shop";
import { TEST_APP_URL } from "../setup/test-env";
import { orderPayload } from "../factories/webhook-payloads";
import { adminApi } from "../support/admin-api";
import { deliver } from "../support/webhooks";

const shop = "history.myshopify.com";
const admin = createFetchAdminClient({ shop });
const now = new Date();
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

beforeEach(async () => {
  await installShop(getDb(), shop);
  adminApi.state.shop(shop).orders.push(
    bulkOrder({
      id: 501,
      createdAt: daysAgo(200),
      customer: { id: 7, createdAt: daysAgo(300) },
      lines: [{ id: 1, price: 10000 }],
    }),
    bulkOrder({
      id: 502,
      createdAt: daysAgo(100),
      customer: { id: 7, createdAt: daysAgo(300) },
      lines: [{ id: 2, price: 4000, quantity: 2 }],
      refunds: [{ id: 90, lines: [{ lineId: 2, quantity: 1, subtotal: 4000 }] }],
    }),
    bulkOrder({ id: 503, createdAt: daysAgo(20), customer: null, lines: [{ id: 3, price: 2500 }] }),
    bulkOrder({
      id: 504,
      createdAt: daysAgo(10),
      customer: { id: 8, createdAt: daysAgo(250) },
      lines: [{ id: 4, price: 900 }],
      cancelledAt: daysAgo(9),
    }),
    bulkOrder({
      id: 400,
      createdAt: daysAgo(400),
      customer: { id: 7 },
      lines: [{ id: 5, price: 99900 }],
    }), // older than 12 months
  );
});

async function runToEnd(id: string) {
  const steps: string[] = [];
  for (let step = 0; step < 10; step++) {
    const result = await advanceBackfill(getDb(), getSql(), admin, id, now);
    steps.push(result);
    if (result === "processed" || result === "failed" || result === "finished") break;
  }
  return steps;
}

describe("the order backfill", () => {
  it("by default brings in the last 12 months of orders for tiers and analytics, without points", async () => {
    const { id } = await requestBackfill(getDb(), getSql(), shop, { awardPoints: false, now });
    expect(await runToEnd(id)).toEqual(["started", "waiting", "completed-on-shopify", "processed"]);
    expect(await getDb().backfill.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "done",
      ordersProcessed: 4,
      objectCount: 9,
    }); // 4 orders, 4 line items, 1 refund line
    // The bulk query asked for the right window, and the stand-in accepted it against the schema and bulk limits.
    expect(
      adminApi.calls.find((call) => call.operationName === "BackfillBulkOperationRun")?.variables
        .query,
    ).toContain(`created_at:>='${daysAgo(365)}'`);

    const orders = await getDb().order.findMany({
      where: { shop },
      orderBy: { shopifyOrderId: "asc" },
    });
    expect(
      orders.map((order) => [
        order.shopifyOrderId,
        order.subtotal,
        order.paid,
        order.cancelled,
        order.earnsPoints,
        order.pointsCredited,
      ]),
    ).toEqual([
      ["501", 10000n, true, false, false, 0],
      ["502", 4000n, true, false, false, 0], // 2 × 40.00, one refunded
      ["503", 2500n, true, false, false, 0],
      ["504", 900n, true, true, false, 0],
    ]);
    expect(await getDb().ledgerEntry.count({ where: { shop } })).toBe(0);
    const member = await getDb().customer.findFirstOrThrow({
      where: { shop, shopifyCustomerId: "7" },
    });
    expect({ ...member, lifetimeSpend: Number(member.lifetimeSpend) }).toMatchObject({
      orderCount: 2,
      lifetimeSpend: 14000,
      balance: 0,
    });
    const { dashboard } = await analyticsDashboard(getSql(), shop, now);
    expect(dashboard.windows.find((window) => window.days === 365)).toMatchObject({
      revenue: 16500,
      nonMemberOrders: 3,
      newMembers: 2, // Shopify created both customers 300 and 250 days ago
    });
    // Enrolled today by the backfill, but not new: "new members" counts by Shopify's creation date.
    expect(dashboard.windows.find((window) => window.days === 30)).toMatchObject({
      newMembers: 0,
      joinedMembers: 2,
    });

    // A later webhook of a backfilled order still earns nothing.
    await deliver(
      "orders/updated",
      orderPayload({
        id: 501,
        customer: { id: 7 },
        lines: [{ price: 10000 }],
        createdAt: daysAgo(200),
      }),
      { shop },
    );
    expect(await getDb().ledgerEntry.count({ where: { shop } })).toBe(0);
  });

  it("with points chosen, credits past orders once, also the one whose webhook already arrived", async () => {
    await deliver(
      "orders/paid",
      orderPayload({
        id: 502,
        customer: { id: 7 },
        lines: [{ price: 4000, quantity: 2 }],
        createdAt: daysAgo(100),
      }),
      { shop },
    );
    expect(
      await getDb().ledgerEntry.aggregate({ where: { shop }, _sum: { points: true } }),
    ).toEqual({ _sum: { points: 80 } });
    const { id } = await requestBackfill(getDb(), getSql(), shop, { awardPoints: true, now });
    await runToEnd(id);
    // 501: 100 points; 502: 80 → 40 after the refund the backfill knows of; 503 guest; 504 cancelled.
    const customer = await getDb().customer.findFirstOrThrow({
      where: { shop, shopifyCustomerId: "7" },
    });
    expect(customer.balance).toBe(140);
    expect(
      await getDb().ledgerEntry.count({
        where: { shop, order: { shopifyOrderId: "502" }, kind: "earn" },
      }),
    ).toBe(1);
    // Running it again changes nothing.
    const again = await requestBackfill(getDb(), getSql(), shop, { awardPoints: true, now });
    await runToEnd(again.id);
    expect(
      (await getDb().customer.findFirstOrThrow({ where: { shop, shopifyCustomerId: "7" } }))
        .balance,
    ).toBe(140);
  });

  it("resumes processing after the orders already applied, and runs one backfill per shop at a time", async () => {
    const first = await requestBackfill(getDb(), getSql(), shop, { awardPoints: false, now });
    expect(await requestBackfill(getDb(), getSql(), shop, { awardPoints: true, now })).toEqual({
      id: first.id,
      created: false,
    });
    for (let step = 0; step < 3; step++)
      await advanceBackfill(getDb(), getSql(), admin, first.id, now);
    expect(await getDb().backfill.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({
      status: "processing",
    });
    // As if a previous run had applied the first two orders and stopped.
    await getDb().backfill.update({ where: { id: first.id }, data: { ordersProcessed: 2 } });
    const { advanced } = await advanceBackfills(getDb(), getSql(), async () => admin, now);
    expect(advanced).toBe(1);
    expect(
      (await getDb().order.findMany({ where: { shop }, orderBy: { shopifyOrderId: "asc" } })).map(
        (order) => order.shopifyOrderId,
      ),
    ).toEqual(["503", "504"]);
    expect(await getDb().backfill.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({
      status: "done",
      ordersProcessed: 4,
    });
  });

  it("fails with Shopify's reason when the bulk operation fails", async () => {
    const { id } = await requestBackfill(getDb(), getSql(), shop, { awardPoints: false, now });
    await advanceBackfill(getDb(), getSql(), admin, id, now);
    const operation = [...adminApi.state.shop(shop).bulkOperations.values()][0];
    operation.status = "FAILED";
    expect(await advanceBackfill(getDb(), getSql(), admin, id, now)).toBe("failed");
    const row = await getDb().backfill.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("failed");
    // Stored coded (decision 053), worded in the reader's language.
    expect(wordStored(row.failure!, en.backfillFailures)).toBe(
      "The bulk operation ended FAILED (INTERNAL_SERVER_ERROR)",
    );
    expect(wordStored(row.failure!, pl.backfillFailures)).toBe(
      "Operacja zbiorcza zakończyła się ze stanem FAILED (INTERNAL_SERVER_ERROR)",
    );
  });

  it("stops with a plain reason when Shopify refuses the app's access, instead of waiting forever", async () => {
    const { id } = await requestBackfill(getDb(), getSql(), shop, { awardPoints: false, now });
    const revoked = {
      graphql: async () =>
        new Response(JSON.stringify({ errors: "[API] Invalid API key or access token" }), {
          status: 401,
          headers: { "content-type": "application/json" },
        }),
    };
    expect(await advanceBackfill(getDb(), getSql(), revoked, id, now)).toBe("failed");
    const row = await getDb().backfill.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("failed");
    expect(wordStored(row.failure!, en.backfillFailures)).toMatch(
      /refused Tally's access to the store \(HTTP 401\)/,
    );
  });

  it("keeps waiting while Shopify is down (HTTP 503): the next step retries", async () => {
    const { id } = await requestBackfill(getDb(), getSql(), shop, { awardPoints: false, now });
    const down = { graphql: async () => new Response("Service Unavailable", { status: 503 }) };
    expect(await advanceBackfill(getDb(), getSql(), down, id, now)).toBe("waiting");
    expect((await getDb().backfill.findUniqueOrThrow({ where: { id } })).status).toBe("requested");
  });

  it("the import page shows each phase honestly: Shopify preparing the file (no bar), then N of M orders with a bar", async () => {
    const page = async () => {
      const response = (await loader({
        request: new Request(`${TEST_APP_URL}/app/import`, {
          headers: { Authorization: `Bearer ${(await mintAdminSessionToken(shop)).token}` },
        }),
        params: {},
        context: {},
      })) as Response;
      return (
        (await response.json()) as {
          backfills: { progress: { phase: string; label: string; percent: number | null } }[];
        }
      ).backfills[0].progress;
    };
    const { id } = await requestBackfill(getDb(), getSql(), shop, { awardPoints: false, now });
    expect(await page()).toEqual({
      phase: "waiting",
      label: "Waiting for Shopify to start the export…",
      percent: null,
    });
    expect(await advanceBackfill(getDb(), getSql(), admin, id, now)).toBe("started");
    expect(await page()).toEqual({
      phase: "exporting",
      label: "Shopify is preparing the export…",
      percent: null,
    });
    // While it runs Shopify reports the orders exported so far, not how many there will be.
    [...adminApi.state.shop(shop).bulkOperations.values()][0].rootObjectCount = 2;
    expect(await advanceBackfill(getDb(), getSql(), admin, id, now)).toBe("waiting");
    expect(await page()).toEqual({
      phase: "exporting",
      label: "Shopify is preparing the export: 2 orders so far…",
      percent: null,
    });
    expect(await advanceBackfill(getDb(), getSql(), admin, id, now)).toBe("completed-on-shopify");
    expect(await getDb().backfill.findUniqueOrThrow({ where: { id } })).toMatchObject({
      ordersTotal: 4,
    });
    expect(await page()).toEqual({
      phase: "applying",
      label: "Applying orders: 0 of 4",
      percent: 0,
    });
    await getDb().backfill.update({ where: { id }, data: { ordersProcessed: 2 } }); // as after a batch
    expect(await page()).toEqual({
      phase: "applying",
      label: "Applying orders: 2 of 4",
      percent: 50,
    });
    expect(await advanceBackfill(getDb(), getSql(), admin, id, now)).toBe("processed");
    expect(await page()).toEqual({ phase: "done", label: "Done: 4 orders applied", percent: 100 });
  });

  it("is requested from the import page by the signed-in shop, with the merchant's choice of points", async () => {
    const post = async () =>
      (await action({
        request: new Request(`${TEST_APP_URL}/app/import`, {
          method: "POST",
          body: new URLSearchParams({ intent: "backfill", awardPoints: "on" }),
          headers: {
            Authorization: `Bearer ${(await mintAdminSessionToken(shop)).token}`,
            "Content-Type": "application/x-www-form-urlencoded",
          },
        }),
        params: {},
        context: {},
      })) as Response;
    expect(await (await post()).json()).toEqual({ backfill: "started" });
    expect(await (await post()).json()).toEqual({ backfill: "already running" });
    expect(await getDb().backfill.findMany({ where: { shop } })).toEqual([
      expect.objectContaining({ awardPoints: true, status: "requested" }),
    ]);
  });

  it("an export that found nothing finishes at once: Shopify gives no file, so there is nothing to download", async () => {
    const empty = "no-orders.myshopify.com";
    await installShop(getDb(), empty);
    const client = createFetchAdminClient({ shop: empty });
    const { id } = await requestBackfill(getDb(), getSql(), empty, { awardPoints: false, now });
    const steps: string[] = [];
    for (let step = 0; step < 4 && !steps.includes("finished"); step++)
      steps.push(await advanceBackfill(getDb(), getSql(), client, id, now));
    expect(steps).toEqual(["started", "waiting", "finished"]);
    expect(await getDb().backfill.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "done",
      ordersTotal: 0,
      url: null,
    });
  });

  it("stops with the reason when Shopify's file cannot be downloaded, and the retry keeps the merchant's choice of points", async () => {
    const post = async (fields: Record<string, string>) =>
      (await action({
        request: new Request(`${TEST_APP_URL}/app/import`, {
          method: "POST",
          body: new URLSearchParams(fields),
          headers: {
            Authorization: `Bearer ${(await mintAdminSessionToken(shop)).token}`,
            "Content-Type": "application/x-www-form-urlencoded",
          },
        }),
        params: {},
        context: {},
      })) as Response;
    expect(await (await post({ intent: "backfill", awardPoints: "on" })).json()).toEqual({
      backfill: "started",
    });
    const failed = await getDb().backfill.findFirstOrThrow({ where: { shop } });
    expect(await advanceBackfill(getDb(), getSql(), admin, failed.id, now)).toBe("started");
    expect(await advanceBackfill(getDb(), getSql(), admin, failed.id, now)).toBe("waiting");
    expect(await advanceBackfill(getDb(), getSql(), admin, failed.id, now)).toBe(
      "completed-on-shopify",
    );
    // The link answers 404 (expired, or a storage fault): Tally must not retry it forever.
    for (const operation of adminApi.state.shop(shop).bulkOperations.values())
      operation.jsonl = null;
    expect(await advanceBackfill(getDb(), getSql(), admin, failed.id, now)).toBe("failed");
    expect(await advanceBackfills(getDb(), getSql(), async () => admin, now)).toEqual({
      advanced: 0,
    });
    const response = (await loader({
      request: new Request(`${TEST_APP_URL}/app/import`, {
        headers: { Authorization: `Bearer ${(await mintAdminSessionToken(shop)).token}` },
      }),
      params: {},
      context: {},
    })) as Response;
    const { backfills } = (await response.json()) as {
      backfills: { id: string; awardPoints: boolean; progress: { phase: string; label: string } }[];
    };
    expect(backfills[0]).toMatchObject({
      id: failed.id,
      awardPoints: true,
      progress: {
        phase: "failed",
        label: "Failed after 0 orders: Shopify's export file could not be downloaded (HTTP 404)",
      },
    });

    // Retrying runs a new export with the failed run's choice: past orders earn points.
    expect(await (await post({ intent: "retry-backfill", backfillId: failed.id })).json()).toEqual({
      backfill: "started",
    });
    const retry = await getDb().backfill.findFirstOrThrow({
      where: { shop, status: "requested" },
    });
    expect(retry).toMatchObject({ awardPoints: true });
    expect(await runToEnd(retry.id)).toEqual([
      "started",
      "waiting",
      "completed-on-shopify",
      "processed",
    ]);
    expect(
      (await getDb().customer.findFirstOrThrow({ where: { shop, shopifyCustomerId: "7" } }))
        .balance,
    ).toBe(140);
    // A retry of something that did not fail, or of another shop's backfill, is refused.
    const refused = await post({ intent: "retry-backfill", backfillId: retry.id });
    expect(refused.status).toBe(404);
    expect(await refused.json()).toEqual({
      error: "That backfill does not exist or has not failed.",
    });
  });
});
