// Tenant isolation: shop A's webhooks and shopper tokens can never read or change shop B's data, and
// customer A's token never customer B's — even when both shops use the same Shopify customer and
// order ids (ids are unique per shop, not globally). Each check snapshots everything stored for the
// other tenant (tests/support/isolation.ts) before and after. The shopper-api tests cover the basic
// cross-shop balance and release cases; these add whole-tenant snapshots, the webhook side and the
// admin (shop A's staff, with a valid session token for shop A, naming shop B's ids).
import { beforeEach, describe, expect, it } from "vitest";
import { getDb, getSql } from "~/db.server";
import { loadEngagement } from "~/models/engagement.server";
import * as home from "~/routes/app._index";
import * as analytics from "~/routes/app.analytics";
import * as download from "~/routes/app.analytics.download";
import * as engagement from "~/routes/app.engagement";
import * as importPage from "~/routes/app.import";
import * as jobs from "~/routes/app.jobs";
import * as memberPage from "~/routes/app.members.$id";
import * as members from "~/routes/app.members._index";
import * as program from "~/routes/app.program";
import * as rewardPage from "~/routes/app.rewards.$id";
import * as rewards from "~/routes/app.rewards._index";
import { requestBackfill } from "~/services/backfill.server";
import { installShop } from "../factories/shop";
import { customerPayload, orderPayload, refundPayload } from "../factories/webhook-payloads";
import { callRoute, rawAdminRequest } from "../support/admin-fuzz";
import { configureEngagement } from "../support/engagement";
import { expectNoLeak, expectShopUntouched } from "../support/isolation";
import { shopperToken } from "../support/session-tokens";
import { getLoyalty, redeem, releaseRedemption } from "../support/shopper-api";
import { deliver } from "../support/webhooks";

const shopA = "isolation-a.myshopify.com";
const shopB = "isolation-b.myshopify.com";
// The same Shopify ids in both shops.
const customer = 7001;
const otherCustomer = 7002;
const order = { id: 500, lines: [{ price: 90000 }] };

let b: { rewardId: string; redemptionId: string; code: string; email: string };

beforeEach(async () => {
  await installShop(getDb(), shopA);
  await installShop(getDb(), shopB);
  await deliver(
    "orders/paid",
    orderPayload({ ...order, customer: { id: customer, email: "a-customer@shop-a.example" } }),
    { shop: shopA },
  );
  await deliver(
    "orders/paid",
    orderPayload({
      ...order,
      customer: { id: customer, email: "b-customer@shop-b.example", firstName: "Beatrix" },
    }),
    { shop: shopB },
  );
  const rewardId = (await getDb().reward.findFirstOrThrow({ where: { shop: shopB } })).id;
  const issued = await (
    await redeem(
      await shopperToken({ shop: shopB, customerId: customer }),
      rewardId,
      "shop-b-redemption-key",
    )
  ).json();
  b = {
    rewardId,
    redemptionId: issued.redemptionId,
    code: issued.code,
    email: "b-customer@shop-b.example",
  };
});

describe("shop A's webhooks never touch shop B", () => {
  it("orders, refunds and cancellations with the same order and customer ids", async () => {
    await expectShopUntouched(shopB, async () => {
      await deliver(
        "orders/updated",
        orderPayload({
          ...order,
          customer: { id: customer },
          lines: [{ price: 120000 }],
          updatedAt: "2026-06-01T13:00:00-04:00",
        }),
        { shop: shopA },
      );
      await deliver(
        "refunds/create",
        refundPayload({
          id: 1,
          orderId: order.id,
          lines: [{ lineId: 50001, quantity: 1, subtotal: 90000 }],
        }),
        { shop: shopA },
      );
      await deliver(
        "orders/cancelled",
        orderPayload({
          ...order,
          customer: { id: customer },
          cancelledAt: "2026-06-03T00:00:00Z",
          updatedAt: "2026-06-03T00:00:00Z",
        }),
        { shop: shopA },
      );
      await deliver("customers/create", customerPayload({ id: otherCustomer }), { shop: shopA });
    });
    // Shop A's own order did change (the deliveries were applied, just not to B).
    const aCustomer = await getDb().customer.findUniqueOrThrow({
      where: { shop_shopifyCustomerId: { shop: shopA, shopifyCustomerId: String(customer) } },
    });
    expect(aCustomer.balance).toBe(0);
  });

  it("an order in shop A carrying shop B's reward code does not mark B's redemption used", async () => {
    await expectShopUntouched(shopB, () =>
      deliver(
        "orders/paid",
        {
          ...orderPayload({ id: 501, customer: { id: customer }, lines: [{ price: 1000 }] }),
          discount_codes: [{ code: b.code, amount: "5.00", type: "fixed_amount" }],
        },
        { shop: shopA },
      ),
    );
    expect(
      (await getDb().redemption.findUniqueOrThrow({ where: { id: b.redemptionId } })).status,
    ).toBe("issued");
  });

  it("compliance topics whose payload names another shop than the header act on neither shop", async () => {
    await expectShopUntouched(shopB, async () => {
      await deliver(
        "customers/data_request",
        {
          shop_id: 1,
          shop_domain: shopB,
          customer: { id: customer, email: b.email, phone: null },
          orders_requested: [order.id],
          data_request: { id: 9 },
        },
        { shop: shopA },
      );
      await deliver(
        "customers/redact",
        {
          shop_id: 1,
          shop_domain: shopB,
          customer: { id: customer, email: b.email, phone: null },
          orders_to_redact: [order.id],
        },
        { shop: shopA },
      );
      await deliver("app/uninstalled", { id: 1, domain: shopB }, { shop: shopA });
      await deliver("shop/redact", { shop_id: 1, shop_domain: shopB }, { shop: shopA });
    });
    // Header and payload disagree (issue 17 item 5): nothing is erased, in shop B nor in shop A.
    expect(await getDb().customer.count({ where: { shop: shopA } })).toBeGreaterThan(0);
    expect(await getDb().dataExport.count({ where: { shop: shopA } })).toBe(0);
  });

  it("a data request in shop A exports shop A's customer, never shop B's", async () => {
    await deliver(
      "customers/data_request",
      {
        shop_id: 1,
        shop_domain: shopA,
        customer: { id: customer, email: null, phone: null },
        orders_requested: [order.id],
        data_request: { id: 9 },
      },
      { shop: shopA },
    );
    const exports = await getDb().dataExport.findMany({ where: { shop: shopA } });
    expect(exports).toHaveLength(1);
    const text = JSON.stringify(exports[0]);
    expect(text).toContain("a-customer@shop-a.example");
    for (const needle of [b.email, "Beatrix", b.code, b.redemptionId])
      expect(text).not.toContain(needle);
  });
});

describe("shop A's shopper tokens never reach shop B", () => {
  it("reads only shop A's account for the same customer id", async () => {
    const response = await expectShopUntouched(shopB, async () =>
      getLoyalty(await shopperToken({ shop: shopA, customerId: customer })),
    );
    expect(await response.clone().json()).toMatchObject({ balance: 900 });
    await expectNoLeak(response, [b.email, b.code, b.redemptionId, b.rewardId]);
  });

  it("cannot redeem shop B's reward nor release shop B's redemption", async () => {
    const token = await shopperToken({ shop: shopA, customerId: customer });
    await expectShopUntouched(shopB, async () => {
      const redeemed = await redeem(token, b.rewardId, "shop-b-redemption-key");
      expect(redeemed.status).toBe(409);
      await expectNoLeak(redeemed, [b.code, b.redemptionId]);
      const released = await releaseRedemption(token, b.redemptionId);
      expect(released.status).toBe(404);
    });
  });
});

describe("customer A's token never reaches customer B", () => {
  it("the same Idempotency-Key from another customer is a new request, never a replay of B's code", async () => {
    await deliver(
      "orders/paid",
      orderPayload({ id: 502, customer: { id: otherCustomer }, lines: [{ price: 60000 }] }),
      { shop: shopB },
    );
    const response = await redeem(
      await shopperToken({ shop: shopB, customerId: otherCustomer }),
      b.rewardId,
      "shop-b-redemption-key",
    );
    expect(response.status).toBe(201);
    await expectNoLeak(response, [b.code, b.redemptionId]);
  });

  it("another customer's history, codes and balance stay out of the answer, and release is refused", async () => {
    const token = await shopperToken({ shop: shopB, customerId: otherCustomer });
    const customerRow = await getDb().customer.findUniqueOrThrow({
      where: { shop_shopifyCustomerId: { shop: shopB, shopifyCustomerId: String(customer) } },
    });
    const before = await getDb().ledgerEntry.count({ where: { customerId: customerRow.id } });
    const answer = await getLoyalty(token);
    expect(await answer.clone().json()).toMatchObject({ balance: 0, history: [] });
    await expectNoLeak(answer, [b.email, b.code, b.redemptionId]);
    expect((await releaseRedemption(token, b.redemptionId)).status).toBe(404);
    expect(await getDb().ledgerEntry.count({ where: { customerId: customerRow.id } })).toBe(before);
    expect(
      (await getDb().redemption.findUniqueOrThrow({ where: { id: b.redemptionId } })).status,
    ).toBe("issued");
  });
});

describe("shop A's staff never read or change shop B's data through the admin", () => {
  let bMember: string;
  let bImport: string;
  const bSecrets = [
    "b-customer@shop-b.example",
    "Beatrix",
    "B-only import.csv",
    "B-only row",
    "B-only job failure",
    "B-only badge",
  ];

  beforeEach(async () => {
    bMember = (
      await getDb().customer.findUniqueOrThrow({
        where: { shop_shopifyCustomerId: { shop: shopB, shopifyCustomerId: String(customer) } },
      })
    ).id;
    const dataImport = await getDb().dataImport.create({
      data: {
        shop: shopB,
        kind: "balances",
        fileName: "B-only import.csv",
        status: "done",
        errors: { create: [{ row: 2, message: "bad", raw: "B-only row" }] },
      },
    });
    bImport = dataImport.id;
    await requestBackfill(getDb(), getSql(), shopB, { awardPoints: false, now: new Date() });
    await getDb().jobStatus.create({
      data: {
        job: "point-expiry",
        shop: shopB,
        lastRunAt: new Date(),
        lastStatus: "failed",
        lastDurationMs: 5,
        lastError: "B-only job failure",
        failures: 1,
        runs: 1,
      },
    });
    await configureEngagement(shopB, (settings) => ({
      ...settings,
      badges: [
        ...settings.badges,
        {
          id: "b-custom",
          name: "B-only badge",
          description: "",
          enabled: true,
          bonusPoints: 0,
          rule: { kind: "custom" },
        },
      ],
    }));
  });

  const asA = (path: string, init: Parameters<typeof rawAdminRequest>[2] = {}) =>
    rawAdminRequest(shopA, path, init);
  const form = (fields: Record<string, string>) => ({
    body: new URLSearchParams(fields).toString(),
    contentType: "application/x-www-form-urlencoded",
  });
  const json = (value: unknown) => ({
    body: JSON.stringify(value),
    contentType: "application/json",
  });

  it("pages and downloads show shop A's data only", async () => {
    await expectShopUntouched(shopB, async () => {
      const pages: [Parameters<typeof callRoute>[0], string][] = [
        [home.loader, "/app"],
        [members.loader, "/app/members"],
        [members.loader, "/app/members?q=b-cust"],
        [members.loader, "/app/members?q=Bea"],
        [rewards.loader, "/app/rewards"],
        [program.loader, "/app/program"],
        [engagement.loader, "/app/engagement"],
        [importPage.loader, "/app/import"],
        [jobs.loader, "/app/jobs"],
        [analytics.loader, "/app/analytics"],
        ...["kpis", "daily", "members", "ledger"].map(
          (report): [Parameters<typeof callRoute>[0], string] => [
            download.loader,
            `/app/analytics/download?report=${report}`,
          ],
        ),
      ];
      for (const [loader, path] of pages) {
        const response = await callRoute(loader, await asA(path));
        expect(response.status, path).toBe(200);
        await expectNoLeak(response, [
          ...bSecrets,
          b.code,
          b.redemptionId,
          b.rewardId,
          bMember,
          bImport,
        ]);
      }
    });
    // Shop A's import page does not list B's import, nor its backfill.
    const page = await (await callRoute(importPage.loader, await asA("/app/import"))).json();
    expect(page).toMatchObject({ imports: [], backfills: [] });
  });

  it("shop B's member, reward and import ids are not found", async () => {
    await expectShopUntouched(shopB, async () => {
      const notFound: [string, () => Promise<Response>][] = [
        [
          "member page",
          async () =>
            callRoute(memberPage.loader, await asA(`/app/members/${bMember}`), { id: bMember }),
        ],
        [
          "adjustment",
          async () =>
            callRoute(
              memberPage.action,
              await asA(
                `/app/members/${bMember}`,
                form({
                  intent: "adjust",
                  points: "500",
                  reason: "Cross-shop attempt",
                  nonce: "cross-shop-0001",
                }),
              ),
              { id: bMember },
            ),
        ],
        [
          "removal",
          async () =>
            callRoute(
              memberPage.action,
              await asA(
                `/app/members/${bMember}`,
                form({
                  intent: "adjust",
                  points: "-100",
                  reason: "Cross-shop attempt",
                  nonce: "cross-shop-0002",
                }),
              ),
              { id: bMember },
            ),
        ],
        [
          "tier override",
          async () =>
            callRoute(
              memberPage.action,
              await asA(
                `/app/members/${bMember}`,
                form({ intent: "tierOverride", tierName: "Gold", reason: "Cross-shop attempt" }),
              ),
              { id: bMember },
            ),
        ],
        [
          "reward page",
          async () =>
            callRoute(rewardPage.loader, await asA(`/app/rewards/${b.rewardId}`), {
              id: b.rewardId,
            }),
        ],
        [
          "reward edit",
          async () =>
            callRoute(
              rewardPage.action,
              await asA(
                `/app/rewards/${b.rewardId}`,
                json({
                  intent: "save",
                  reward: {
                    title: "Hijacked",
                    kind: "fixed_amount",
                    cost: 1,
                    value: 100000,
                    variantId: null,
                    minimumSubtotal: null,
                    tierNames: null,
                    codeLifetimeDays: 30,
                    combinesWith: {
                      orderDiscounts: false,
                      productDiscounts: false,
                      shippingDiscounts: false,
                    },
                    enabled: true,
                  },
                }),
              ),
              { id: b.rewardId },
            ),
        ],
        [
          "reward delete",
          async () =>
            callRoute(
              rewardPage.action,
              await asA(`/app/rewards/${b.rewardId}`, json({ intent: "delete" })),
              { id: b.rewardId },
            ),
        ],
        [
          "import errors",
          async () =>
            callRoute(
              download.loader,
              await asA(`/app/analytics/download?report=import-errors&id=${bImport}`),
            ),
        ],
      ];
      for (const [name, send] of notFound) {
        const response = await send();
        expect(response.status, name).toBe(404);
        await expectNoLeak(response, [...bSecrets, b.code]);
      }
    });
  });

  it("shop A's settings saves, checklist, backfill and import change shop A only", async () => {
    await expectShopUntouched(shopB, async () => {
      const loaded = await (await callRoute(program.loader, await asA("/app/program"))).json();
      expect(
        (
          await callRoute(
            program.action,
            await asA(
              "/app/program",
              json({
                intent: "save",
                program: { ...loaded.program, name: "A's club" },
                enabled: false,
                baseVersion: loaded.version,
              }),
            ),
          )
        ).status,
      ).toBe(200);
      expect(
        (
          await callRoute(
            program.action,
            await asA("/app/program", json({ intent: "simulate", program: loaded.program })),
          )
        ).status,
      ).toBe(200);
      const settings = await loadEngagement(getDb(), shopA);
      expect(
        (
          await callRoute(
            engagement.action,
            await asA(
              "/app/engagement",
              form({ settings: JSON.stringify({ ...settings, leaderboard: { enabled: true } }) }),
            ),
          )
        ).status,
      ).toBe(200);
      expect(
        (
          await callRoute(
            home.action,
            await asA("/app", form({ placement: "checkout", done: "1" })),
          )
        ).status,
      ).toBe(200);
      expect(
        (
          await callRoute(
            importPage.action,
            await asA("/app/import", form({ intent: "backfill", awardPoints: "on" })),
          )
        ).status,
      ).toBe(200);
      const upload = new FormData();
      upload.set("kind", "balances");
      upload.set(
        "file",
        new File([`shopify_customer_id,points_balance\n${customer},5000\n`], "a.csv", {
          type: "text/csv",
        }),
      );
      const started = (await (
        await callRoute(importPage.action, await asA("/app/import", { body: upload }))
      ).json()) as { started: string };
      const settled = async (id: string) => {
        let row = await getDb().dataImport.findUniqueOrThrow({ where: { id } });
        for (let waited = 0; row.status === "running" && waited < 10_000; waited += 50) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          row = await getDb().dataImport.findUniqueOrThrow({ where: { id } });
        }
        await new Promise((resolve) => setTimeout(resolve, 100)); // the reader keeps its file
        return getDb().dataImport.findUniqueOrThrow({ where: { id } });
      };
      // An upload is previewed first, then applied (decision 031).
      const preview = await settled(started.started);
      expect(preview).toMatchObject({ shop: shopA, status: "previewed", rowsImported: 1 });
      const applied = (await (
        await callRoute(
          importPage.action,
          await asA("/app/import", form({ intent: "apply", id: preview.id })),
        )
      ).json()) as { started: string };
      const row = await settled(applied.started);
      expect(row).toMatchObject({ shop: shopA, status: "done", rowsImported: 1 });
      const created = await (
        await callRoute(
          rewardPage.action,
          await asA(
            "/app/rewards/new",
            json({
              intent: "save",
              reward: {
                title: "A reward",
                kind: "free_shipping",
                cost: 100,
                value: null,
                variantId: null,
                minimumSubtotal: null,
                tierNames: null,
                codeLifetimeDays: 30,
                combinesWith: {
                  orderDiscounts: false,
                  productDiscounts: false,
                  shippingDiscounts: false,
                },
                enabled: true,
              },
            }),
          ),
          { id: "new" },
        )
      ).json();
      expect(created.status).toBe("saved");
    });
    // The changes did land, in shop A.
    expect(await getDb().backfill.count({ where: { shop: shopA } })).toBe(1);
    expect((await loadEngagement(getDb(), shopA)).leaderboard.enabled).toBe(true);
  });
});
