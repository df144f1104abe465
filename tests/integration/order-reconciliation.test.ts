// Reconciliation of missed webhooks (docs/decisions/030): Shopify (the stand-in) holds the orders;
// some of their webhooks never come, come late or come twice after the reconciliation. The end
// state must be exactly the one all webhooks arriving on time give, whatever path the pass takes.
import { parse, type OperationDefinitionNode } from "graphql";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb, getSql } from "~/db.server";
import { verifyLedger } from "~/models/ledger-verify.server";
import { reconciliationOf } from "~/models/order-reconciliation.server";
import { jobOverview } from "~/services/job-overview.server";
import {
  RECONCILE_PAGE_COST,
  reconcileShopOrders,
  type ReconcileOptions,
} from "~/services/order-reconciliation.server";
import { loadAdminSchema } from "~/shopify/schema/admin-schema.server";
import { RECONCILE_ORDERS_PAGE, RECONCILE_PAGE_SIZE } from "~/shopify/documents/reconcile-orders";
import { createAdminApiStandin } from "../../admin-api-standin/admin-api-standin.server";
import { estimateQueryCost } from "../../admin-api-standin/cost";
import { createFetchAdminClient } from "../../admin-api-standin/fetch-admin-client";
import { MAX_ATTEMPTS } from "~/services/customer-lookup.server";
import { sameOrderTwice, type BulkOrderSpec } from "../factories/bulk-orders";
import { installShop } from "../factories/shop";
import { refundPayload } from "../factories/webhook-payloads";
import { adminApi, adminApiServer } from "../support/admin-api";
import { deliver } from "../support/webhooks";

const shop = "reconcile.myshopify.com";
const control = "on-time.myshopify.com";
const start = Date.now();
const minutesAgo = (minutes: number) => new Date(start - minutes * 60_000).toISOString();
const later = new Date(start + 60_000);
const noWait = { sleep: async () => {} } satisfies ReconcileOptions;
const reconcile = (domain: string, now = later, options: ReconcileOptions = {}) =>
  reconcileShopOrders(getSql(), domain, createFetchAdminClient({ shop: domain }), now, {
    ...noWait,
    ...options,
  });

// 601 never arrives; 602 arrives but its refund does not; 603 arrives; 604 is paid, its
// cancellation never arrives; 605 is a guest order that never arrives.
const specs: BulkOrderSpec[] = [
  {
    id: 601,
    createdAt: minutesAgo(10),
    customer: { id: 7 },
    lines: [{ id: 60101, price: 10000 }],
  },
  {
    id: 602,
    createdAt: minutesAgo(9),
    updatedAt: minutesAgo(5),
    customer: { id: 7 },
    lines: [{ id: 60201, price: 4000, quantity: 2 }],
    refunds: [{ id: 91, lines: [{ lineId: 60201, quantity: 1, subtotal: 4000 }] }],
  },
  { id: 603, createdAt: minutesAgo(8), customer: { id: 8 }, lines: [{ id: 60301, price: 2500 }] },
  {
    id: 604,
    createdAt: minutesAgo(7),
    updatedAt: minutesAgo(3),
    customer: { id: 8 },
    lines: [{ id: 60401, price: 900 }],
    cancelledAt: minutesAgo(3),
  },
  { id: 605, createdAt: minutesAgo(6), customer: null, lines: [{ id: 60501, price: 1500 }] },
];
const orders = new Map(specs.map((spec) => [spec.id, sameOrderTwice(spec)]));
const paidVersion = (id: number) => {
  const spec = specs.find((candidate) => candidate.id === id)!;
  return sameOrderTwice({ ...spec, refunds: [], cancelledAt: null, updatedAt: spec.createdAt })
    .payload;
};
const refund91 = refundPayload({ ...specs[1].refunds![0], orderId: 602 });

async function balances(domain: string) {
  const members = await getDb().customer.findMany({
    where: { shop: domain },
    orderBy: { shopifyCustomerId: "asc" },
  });
  return members.map((member) => [member.shopifyCustomerId, member.balance]);
}
async function orderPoints(domain: string) {
  const rows = await getDb().order.findMany({
    where: { shop: domain },
    orderBy: { shopifyOrderId: "asc" },
  });
  return rows.map((row) => [row.shopifyOrderId, row.pointsCredited, row.paid, row.cancelled]);
}
const entryCount = (domain: string) => getDb().ledgerEntry.count({ where: { shop: domain } });

beforeEach(async () => {
  for (const domain of [shop, control]) {
    await installShop(getDb(), domain);
    adminApi.state.shop(domain).orders.push(...[...orders.values()].map((order) => order.admin));
  }
  // What did arrive on the shop under test.
  await deliver("orders/paid", paidVersion(602), { shop });
  await deliver("orders/paid", orders.get(603)!.payload, { shop });
  await deliver("orders/paid", paidVersion(604), { shop });
});

/** The control shop: every webhook on time. */
async function deliverEverything(domain: string) {
  for (const id of [601, 602, 603, 604, 605])
    await deliver("orders/paid", paidVersion(id), { shop: domain });
  await deliver("refunds/create", refund91, { shop: domain });
  await deliver("orders/cancelled", orders.get(604)!.payload, { shop: domain });
}

describe("reconciliation of missed webhooks", () => {
  it("applies exactly the orders whose webhooks never came, ending where on-time webhooks end", async () => {
    await deliverEverything(control);
    expect(await reconcile(shop)).toEqual({ checked: 5, applied: 4, failed: 0, finished: 1 });
    // 601: +100; 602: 80 then -40 for the refund; 603: 25; 604: 9 then reversed; 605 guest.
    expect(await balances(shop)).toEqual([
      ["7", 140],
      ["8", 25],
    ]);
    expect(await balances(shop)).toEqual(await balances(control));
    expect(await orderPoints(shop)).toEqual(await orderPoints(control));
    expect(await orderPoints(shop)).toEqual([
      ["601", 100, true, false],
      ["602", 40, true, false],
      ["603", 25, true, false],
      ["604", 0, true, true],
      ["605", 0, true, false],
    ]);
    // Only the page query was needed: a small window is read page by page.
    expect(
      adminApi.calls.filter((call) => call.shop === shop).map((call) => call.operationName),
    ).toEqual(["ReconcileOrdersCount", "ReconcileOrdersPage"]);
    expect(
      adminApi.calls.find((call) => call.operationName === "ReconcileOrdersPage")?.variables,
    ).toMatchObject({ first: RECONCILE_PAGE_SIZE });
  });

  it("webhooks that come late, or twice, after the reconciliation change nothing", async () => {
    await reconcile(shop);
    const entries = await entryCount(shop);
    const state = [await balances(shop), await orderPoints(shop)];
    for (let time = 0; time < 2; time++) {
      await deliver("orders/paid", paidVersion(601), { shop });
      await deliver("orders/updated", orders.get(601)!.payload, { shop });
      await deliver("refunds/create", refund91, { shop });
      await deliver("orders/cancelled", orders.get(604)!.payload, { shop });
      await deliver("orders/paid", paidVersion(605), { shop });
    }
    expect(await entryCount(shop)).toBe(entries);
    expect([await balances(shop), await orderPoints(shop)]).toEqual(state);
    // And the next pass (overlapping the first) finds nothing left to apply.
    const next = await reconcile(shop, new Date(later.getTime() + 60_000));
    expect(next).toMatchObject({ checked: 5, applied: 0, failed: 0 });
    expect(await entryCount(shop)).toBe(entries);
    expect((await verifyLedger(getDb(), shop, later)).mismatches).toEqual([]);
  });

  it("goes through a bulk operation when the window is too large for paged queries, with the same result", async () => {
    await deliverEverything(control);
    expect(await reconcile(shop, later, { pagedBudgetSeconds: 0 })).toEqual({
      checked: 5,
      applied: 4,
      failed: 0,
      finished: 1,
    });
    const bulk = adminApi.calls.find((call) => call.operationName === "BackfillBulkOperationRun");
    expect(bulk?.variables.query).toContain("updated_at:>=");
    expect(bulk?.variables.query).toContain("sortKey: UPDATED_AT");
    expect(await balances(shop)).toEqual(await balances(control));
    expect(await orderPoints(shop)).toEqual(await orderPoints(control));
  });

  it("catches a shop that was down longer than Shopify's retry window: the window starts at the watermark", async () => {
    const threeDaysAgo = new Date(start - 3 * 86_400_000);
    // A pass three days ago found nothing; then the app was down.
    adminApi.state.shop(shop).orders.length = 0;
    expect(await reconcile(shop, threeDaysAgo)).toMatchObject({ checked: 0, finished: 1 });
    expect((await reconciliationOf(getSql(), shop))?.watermark).toEqual(threeDaysAgo);
    const down = sameOrderTwice({
      id: 701,
      createdAt: new Date(start - 2 * 86_400_000).toISOString(),
      customer: { id: 9 },
      lines: [{ id: 70101, price: 3000 }],
    });
    adminApi.state.shop(shop).orders.push(down.admin);
    expect(await reconcile(shop)).toMatchObject({ checked: 1, applied: 1, finished: 1 });
    expect((await balances(shop)).find(([id]) => id === "9")).toEqual(["9", 30]);
    expect((await reconciliationOf(getSql(), shop))?.watermark).toEqual(later);
  });

  it("resumes a pass that stopped mid-window from its cursor, and waits out throttling", async () => {
    for (let n = 0; n < 12; n++) {
      const extra = sameOrderTwice({
        id: 800 + n,
        createdAt: minutesAgo(4),
        customer: { id: 20 + n },
        lines: [{ id: 80001 + n, price: 1000 }],
      });
      adminApi.state.shop(shop).orders.push(extra.admin);
    }
    // Page 1 answers after two throttled tries; page 2 then fails every attempt of the run.
    adminApi.failNext("ReconcileOrdersPage", "THROTTLED", 2);
    const waits: number[] = [];
    const admin = createFetchAdminClient({ shop });
    let pageCalls = 0;
    const failingAfterPageOne = {
      async graphql(query: string, options?: { variables?: Record<string, unknown> }) {
        if (query.includes("ReconcileOrdersPage") && ++pageCalls === 4)
          adminApi.failNext("ReconcileOrdersPage", "HTTP_500", MAX_ATTEMPTS);
        return admin.graphql(query, options);
      },
    };
    await expect(
      reconcileShopOrders(getSql(), shop, failingAfterPageOne, later, {
        sleep: async (ms) => void waits.push(ms),
      }),
    ).rejects.toThrow(/HTTP 500/);
    expect(waits.length).toBeGreaterThanOrEqual(2);
    expect(waits.slice(0, 2).every((ms) => ms > 0)).toBe(true);
    const stopped = (await reconciliationOf(getSql(), shop))!;
    expect(stopped).toMatchObject({ mode: "paged", checked: RECONCILE_PAGE_SIZE, watermark: null });
    expect(stopped.cursor).not.toBeNull();
    const callsBefore = adminApi.calls.length;
    // The next run goes on after the first page: 17 orders in all, each checked once.
    expect(await reconcile(shop)).toEqual({ checked: 17, applied: 16, failed: 0, finished: 1 });
    expect(
      adminApi.calls
        .slice(callsBefore)
        .filter((call) => call.outcome === "ok")
        .map((call) => call.operationName),
    ).toEqual(["ReconcileOrdersPage", "ReconcileOrdersPage"]);
    expect(await getDb().customer.count({ where: { shop, balance: 10 } })).toBe(12);
  });

  it("reports an order it cannot apply with its reason, applies the others, and shows it all on the jobs page", async () => {
    const bad = sameOrderTwice({
      id: 901,
      createdAt: minutesAgo(2),
      customer: { id: 40 },
      lines: [{ id: 90101, price: 1000 }],
    }).admin as { lineItems: (args: object) => { nodes: Record<string, unknown>[] } };
    const lineItems = bad.lineItems;
    bad.lineItems = (args) => {
      const page = lineItems(args);
      page.nodes[0] = {
        ...page.nodes[0],
        originalUnitPriceSet: { shopMoney: { amount: "10.005", currencyCode: "USD" } },
      };
      return page;
    };
    adminApi.state.shop(shop).orders.push(bad);
    expect(await reconcile(shop)).toEqual({ checked: 6, applied: 4, failed: 1, finished: 1 });
    const row = (await jobOverview(getSql(), shop)).find(
      (job) => job.job === "order-reconciliation",
    );
    expect(row?.intervalMs).toBe(30 * 60_000);
    expect(row?.reconciliation).toEqual({
      watermark: later.toISOString(),
      inProgress: false,
      checked: 6,
      applied: 4,
      failed: 1,
      failures: [{ orderId: "901", reason: expect.stringMatching(/10\.005/) }],
    });
  });

  it("paces its pages by the cost bucket Shopify reports, so a long paged pass is never throttled", async () => {
    // Shopify's clock: real time plus the waits the pass asked for (instead of waiting them).
    let slept = 0;
    const limited = createAdminApiStandin({
      now: () => new Date(Date.now() + slept),
      rateLimit: { maximumAvailable: 2000, restoreRate: 100 },
    });
    adminApiServer.use(...limited.handlers);
    try {
      for (let n = 0; n < 30; n++)
        limited.state.shop(shop).orders.push(
          sameOrderTwice({
            id: 1100 + n,
            createdAt: minutesAgo(4),
            customer: { id: 60 + n },
            lines: [{ id: 110001 + n, price: 1000 }],
          }).admin,
        );
      const waits: number[] = [];
      const counts = await reconcileShopOrders(
        getSql(),
        shop,
        createFetchAdminClient({ shop }),
        later,
        {
          sleep: async (ms) => {
            waits.push(ms);
            slept += ms;
          },
        },
      );
      expect(counts).toEqual({ checked: 30, applied: 30, failed: 0, finished: 1 });
      const pages = limited.calls.filter((call) => call.operationName === "ReconcileOrdersPage");
      expect(pages.map((call) => call.outcome)).toEqual(["ok", "ok", "ok", "ok", "ok"]);
      // The bucket starts full (2,000): two pages at once, then each waits for its 908 points.
      expect(waits.length).toBe(3);
      expect(waits.reduce((sum, ms) => sum + ms, 0)).toBeLessThanOrEqual(
        ((5 * RECONCILE_PAGE_COST - 2000) / 100) * 1000 + 3 * 1000,
      );
      expect(limited.invalidDocuments).toEqual([]);
    } finally {
      adminApiServer.resetHandlers();
    }
  });

  it("never brings back a customer whose data was erased: the order's changes go to the anonymous member", async () => {
    await deliver(
      "customers/redact",
      {
        shop_id: 1,
        shop_domain: shop,
        customer: { id: 8, email: "customer8@example.com", phone: null },
        orders_to_redact: [603, 604],
      },
      { shop },
    );
    const anonymous = await getDb().customer.findFirstOrThrow({
      where: { shop, redactedAt: { not: null } },
    });
    expect(anonymous.balance).toBe(34); // 603 and 604 before the missed cancellation
    // Shopify still names customer 8 on orders 603 and 604; 604's cancellation never arrived.
    expect(await reconcile(shop)).toMatchObject({ checked: 5, applied: 4, failed: 0 });
    expect(await getDb().customer.count({ where: { shop, shopifyCustomerId: "8" } })).toBe(0);
    expect(await getDb().customer.count({ where: { shop, email: "customer8@example.com" } })).toBe(
      0,
    );
    expect(
      (await getDb().customer.findUniqueOrThrow({ where: { id: anonymous.id } })).balance,
    ).toBe(25);
    expect(await reconcile(shop, new Date(later.getTime() + 60_000))).toMatchObject({
      applied: 0,
    });
  });

  it("asks for pages whose requested cost stays within Shopify's single-query limit", () => {
    const document = parse(RECONCILE_ORDERS_PAGE);
    const operation = document.definitions[0] as OperationDefinitionNode;
    const cost = estimateQueryCost(
      loadAdminSchema(),
      operation,
      {},
      {
        first: RECONCILE_PAGE_SIZE,
      },
    );
    expect(cost).toBe(RECONCILE_PAGE_COST);
    expect(cost).toBeLessThanOrEqual(1000);
  });
});
