// Collection multipliers end to end (docs/decisions/059): membership exported from Shopify (the
// stand-in's bulk query), kept current by products/collections webhooks and the refresh job, read
// when an order earns and frozen with it, so a refund reverses at the multiplier it earned at.
import { beforeEach, describe, expect, it } from "vitest";
import { getDb, getSql } from "~/db.server";
import { setCurrentAdminLocale } from "~/i18n";
import { readCoded, wordStored } from "~/i18n/coded-text";
import { withRequestLocale } from "~/i18n/request-locale.server";
import { ru } from "~/i18n/ru";
import { collectionsOfProducts } from "~/models/collection-membership.server";
import { programMetafieldValue } from "~/loyalty/storefront-earn";
import { currentProgramVersion } from "~/models/program.server";
import {
  advanceCollectionSync,
  collectionSyncStatus,
  programCollections,
  requestCollectionSync,
  runCollectionRefreshes,
  syncShopCollections,
} from "~/services/collection-sync.server";
import { explainOrder } from "~/services/explain-order.server";
import { createFetchAdminClient } from "../../admin-api-standin/fetch-admin-client";
import { installShop } from "../factories/shop";
import {
  lineIdFor,
  orderPayload,
  refundPayload,
  type OrderSpec,
} from "../factories/webhook-payloads";
import { adminApi } from "../support/admin-api";
import { changeProgram } from "../support/members";
import { renderBlock, storefrontGlobals, themeLiquid } from "../support/theme-liquid";
import { deliver } from "../support/webhooks";
import { action, loader } from "~/routes/app.program";
import { adminRequest, routeResult } from "../support/admin-request";

const shop = "collections.myshopify.com";
const admin = createFetchAdminClient({ shop });
const adminFor = async (domain: string) => createFetchAdminClient({ shop: domain });
const product = (id: number) => `gid://shopify/Product/${id}`;
const SALE = "900";

async function syncToEnd(now = new Date()) {
  for (let step = 0; step < 6; step++) {
    await syncShopCollections(getSql(), shop, admin, now);
    if ((await collectionSyncStatus(getSql(), shop))?.status === "done") return;
  }
  throw new Error(
    `sync did not finish: ${JSON.stringify(await collectionSyncStatus(getSql(), shop))}`,
  );
}

const balanceOf = async (customerId: number) =>
  (
    await getDb().customer.findUniqueOrThrow({
      where: { shop_shopifyCustomerId: { shop, shopifyCustomerId: String(customerId) } },
    })
  ).balance;

// Product 7100 is on sale (2×) and in Summer; 7200 only in Summer, which has no multiplier.
const saleOrder = (id: number, customerId = 31): OrderSpec => ({
  id,
  customer: { id: customerId },
  lines: [
    { price: 4000, productId: 7100 },
    { price: 3000, productId: 7200 },
  ],
});

beforeEach(async () => {
  await installShop(getDb(), shop);
  adminApi.state.shop(shop).collections.push(
    { id: `gid://shopify/Collection/${SALE}`, title: "Sale", productIds: [product(7100)] },
    {
      id: "gid://shopify/Collection/901",
      title: "Summer",
      productIds: [product(7100), product(7200)],
    },
  );
  await syncToEnd();
  const { program } = await currentProgramVersion(getDb(), shop);
  await changeProgram(shop, {
    purchase: {
      ...program.purchase,
      collectionMultipliers: [{ collectionId: SALE, multiplier: 200 }],
    },
  });
});

describe("collection membership", () => {
  it("is exported from Shopify at the first sync, with each collection's name", async () => {
    expect(await programCollections(getSql(), shop)).toMatchObject({
      collections: [
        { collectionId: SALE, title: "Sale", products: 1 },
        { collectionId: "901", title: "Summer", products: 2 },
      ],
      sync: { status: "done", failure: null },
    });
    expect((await collectionSyncStatus(getSql(), shop))?.syncedAt).toBeInstanceOf(Date);
    expect(await collectionsOfProducts(getSql(), shop, ["7100", "7200"], [SALE, "901"])).toEqual({
      "7100": [SALE, "901"],
      "7200": ["901"],
    });
  });

  it("a failed sync says why on the Program page in the admin's language (decision 053)", async () => {
    await requestCollectionSync(getSql(), shop, new Date());
    adminApi.failNext("CollectionSyncBulkOperationRun", "USER_ERROR");
    expect(await advanceCollectionSync(getSql(), admin, shop, new Date())).toBe("failed");
    const stored = (await collectionSyncStatus(getSql(), shop))!.failure!;
    expect(readCoded(stored)?.code).toBe("refused");
    const shown = await withRequestLocale(() => {
      setCurrentAdminLocale("ru");
      return programCollections(getSql(), shop);
    });
    expect(shown.sync?.failure).toBe(wordStored(stored, ru.collectionSyncFailures));
    expect(shown.sync?.failure).toMatch(/^Shopify отказал в выгрузке коллекций: /);
  });

  it("a later full sync drops what Shopify no longer lists", async () => {
    adminApi.state.shop(shop).collections.splice(1, 1);
    expect(await requestCollectionSync(getSql(), shop, new Date())).toBe(true);
    // Asked again while it runs: the running one is kept.
    await syncShopCollections(getSql(), shop, admin, new Date());
    expect(await requestCollectionSync(getSql(), shop, new Date())).toBe(false);
    await syncToEnd();
    expect((await programCollections(getSql(), shop)).collections).toEqual([
      { collectionId: SALE, title: "Sale", products: 1 },
    ]);
  });

  it("collections/delete drops the collection at once; collections/update refreshes it from the Admin API", async () => {
    const collections = adminApi.state.shop(shop).collections;
    const deleted = await deliver(
      "collections/delete",
      { id: 901, admin_graphql_api_id: "gid://shopify/Collection/901", published_scope: "web" },
      { shop },
    );
    expect(deleted.status).toBe(200);
    expect((await programCollections(getSql(), shop)).collections.map((c) => c.title)).toEqual([
      "Sale",
    ]);
    collections[0].title = "Big sale";
    collections[0].productIds.push(product(7300));
    await deliver(
      "collections/update",
      {
        id: Number(SALE),
        admin_graphql_api_id: `gid://shopify/Collection/${SALE}`,
        title: "Big sale",
      },
      { shop },
    );
    // Nothing asked of Shopify on the webhook path: the job does it.
    expect(await getDb().collectionRefresh.count({ where: { shop } })).toBe(1);
    expect(await runCollectionRefreshes(getSql(), adminFor, new Date())).toEqual({
      refreshed: 1,
      failed: 0,
    });
    expect((await programCollections(getSql(), shop)).collections).toEqual([
      { collectionId: SALE, title: "Big sale", products: 2 },
    ]);
    expect(await getDb().collectionRefresh.count({ where: { shop } })).toBe(0);
  });
});

describe("an order earning under a collection multiplier", () => {
  it("earns double on the line whose product is in the 2× collection, and says which collection", async () => {
    const response = await deliver("orders/paid", orderPayload(saleOrder(5001)), { shop });
    // 40.00 × 2 + 30.00 × 1 at 1 point per unit.
    expect(((await response.json()) as { outcome: string }).outcome).toBe(
      "order worth 110 points (+110)",
    );
    expect(await balanceOf(31)).toBe(110);
    const explanation = await explainOrder(getDb(), getSql(), shop, "5001");
    expect(explanation?.points).toBe(110);
    expect(explanation?.reasons[0]).toContain("collection multipliers Sale ×2");
  });

  it("a product taken out of the collection (webhook → job → table) earns normally on the next order", async () => {
    await deliver("orders/paid", orderPayload(saleOrder(5002)), { shop });
    const sale = adminApi.state.shop(shop).collections[0];
    sale.productIds = [];
    // Shopify's products/update payload (abridged): no collections in it.
    await deliver(
      "products/update",
      { id: 7100, admin_graphql_api_id: product(7100), title: "Tee", variants: [] },
      { shop },
    );
    await runCollectionRefreshes(getSql(), adminFor, new Date());
    expect(await collectionsOfProducts(getSql(), shop, ["7100"], [SALE])).toEqual({});

    const next = await deliver("orders/paid", orderPayload(saleOrder(5003)), { shop });
    expect(((await next.json()) as { outcome: string }).outcome).toBe(
      "order worth 70 points (+70)",
    );
    expect(await balanceOf(31)).toBe(180);
  });

  it("a refund reverses exactly what the line earned, at the multiplier of credit time", async () => {
    const order = saleOrder(5004);
    await deliver("orders/paid", orderPayload(order), { shop });
    // The product leaves the collection (and a later orders/updated arrives) before the refund.
    adminApi.state.shop(shop).collections[0].productIds = [];
    await deliver("products/update", { id: 7100, admin_graphql_api_id: product(7100) }, { shop });
    await runCollectionRefreshes(getSql(), adminFor, new Date());
    await deliver(
      "orders/updated",
      orderPayload({ ...order, updatedAt: "2026-06-01T13:00:00-04:00" }),
      { shop },
    );
    expect(await balanceOf(31)).toBe(110);

    const refund = await deliver(
      "refunds/create",
      refundPayload({
        id: 77,
        orderId: 5004,
        lines: [{ lineId: lineIdFor(order, 0), quantity: 1, subtotal: 4000 }],
      }),
      { shop },
    );
    expect(((await refund.json()) as { outcome: string }).outcome).toBe(
      "order worth 30 points (-80)",
    );
    expect(await balanceOf(31)).toBe(30);
  });

  it("costs nothing when the program has no collection multipliers", async () => {
    const { program } = await currentProgramVersion(getDb(), shop);
    await changeProgram(shop, { purchase: { ...program.purchase, collectionMultipliers: [] } });
    await deliver("orders/paid", orderPayload(saleOrder(5005)), { shop });
    expect(await balanceOf(31)).toBe(70);
    const stored = await getDb().order.findFirstOrThrow({
      where: { shop, shopifyOrderId: "5005" },
    });
    expect(stored.earnContext).not.toHaveProperty("productCollections");
  });

  it("the storefront product block says 'from N' for a product in the collection, N being what it earns at 1×", async () => {
    const { program, enabled } = await currentProgramVersion(getDb(), shop).then((v) => ({
      program: v.program,
      enabled: true,
    }));
    const value = programMetafieldValue(program, "USD", enabled);
    expect(value.exact).toBe(false);
    const html = await renderBlock(
      themeLiquid("en"),
      "earn-points",
      storefrontGlobals({ customer: null, program: value, priceCents: 4000, productId: 7100 }),
    );
    const shown = /(\d+)\s+points/.exec(html.replace(/<[^>]+>/g, " "));
    expect(html.toLowerCase()).toContain("from");
    expect(Number(shown?.[1])).toBe(40);
    // The order earns at least that: 80 for this line.
    await deliver(
      "orders/paid",
      orderPayload({ id: 5006, customer: { id: 32 }, lines: [{ price: 4000, productId: 7100 }] }),
      { shop },
    );
    expect(await balanceOf(32)).toBe(80);
  });
});

describe("the Program page", () => {
  const programAction = async (json: Record<string, unknown>) =>
    routeResult<Record<string, unknown>>(async () =>
      action({
        request: await adminRequest(shop, "/app/program", { json }),
        params: {},
        context: {},
      }),
    );

  it("lists the synced collections, refuses an empty choice at its field, and starts a sync on demand", async () => {
    const page = await routeResult<{
      program: { purchase: Record<string, unknown> };
      version: number;
      collections: { collections: unknown[]; sync: { status: string; syncedAt: string } };
    }>(async () =>
      loader({ request: await adminRequest(shop, "/app/program"), params: {}, context: {} }),
    );
    expect(page.body.collections.collections).toHaveLength(2);
    expect(page.body.collections.sync.status).toBe("done");
    expect(page.body.program.purchase.collectionMultipliers).toEqual([
      { collectionId: SALE, multiplier: 200 },
    ]);

    const refused = await programAction({
      intent: "save",
      program: {
        ...page.body.program,
        purchase: {
          ...page.body.program.purchase,
          collectionMultipliers: [{ collectionId: "", multiplier: 200 }],
        },
      },
      enabled: true,
      baseVersion: page.body.version,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toMatchObject({
      "purchase.collectionMultipliers.0.collectionId": "Choose a collection",
    });

    const sync = await programAction({ intent: "sync-collections" });
    expect(sync.body).toEqual({ status: "sync-requested", requested: true });
    expect((await collectionSyncStatus(getSql(), shop))?.status).toBe("requested");
  });
});
