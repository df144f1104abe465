// Issue 18 item 3 and issue 17 item 4 (docs/decisions/029): an authentic delivery Tally cannot apply
// is kept with its reason (answered 200), shown to the merchant, replayed through today's code or
// dismissed; an order or refund whose shop money is not in the shop's currency is never credited.
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { getDb, getSql } from "~/db.server";
import { storeCoded } from "~/i18n/coded-text";
import { currentProgramVersion } from "~/models/program.server";
import { loader as homeLoader } from "~/routes/app._index";
import { action as jobsAction, loader as jobsLoader } from "~/routes/app.jobs";
import { checkHeldCurrencies } from "~/services/dead-letter-replay.server";
import { recordDeadLetter } from "~/services/dead-letters.server";
import { ensureShopInstalled } from "~/services/install.server";
import { changeShopCurrency } from "~/services/shop-currency.server";
import { createFetchAdminClient } from "../../admin-api-standin/fetch-admin-client";
import { webhookAction } from "~/webhooks/receive.server";
import { installShop } from "../factories/shop";
import { orderPayload, refundPayload } from "../factories/webhook-payloads";
import { webhookHeaders, webhookRequest } from "../factories/webhook-request";
import { adminApi } from "../support/admin-api";
import { adminRequest, routeResult } from "../support/admin-request";
import { changeProgram } from "../support/members";
import { deliver, expectKeptAsDeadLetter } from "../support/webhooks";
import { expectConsoleError } from "../setup/fail-on-console-error";
import { TEST_API_SECRET, TEST_APP_URL } from "../setup/test-env";

const shop = "dead-letters.myshopify.com";
const alice = { id: 7001, email: "alice@example.com" };
const bob = { id: 7002, email: "bob@example.com" };

/** A one-line order whose every shop-money amount is `amount`, labelled `currency` (as Shopify sends). */
function orderIn(id: number, currency: string, amount: string, customer = alice) {
  const payload = orderPayload({ id, customer, lines: [{ price: 100 }], shippingPrice: 0 });
  const money = { amount, currency_code: currency };
  payload.line_items[0].price_set.shop_money = money;
  payload.total_price_set.shop_money = money;
  return payload;
}

const balanceOf = async (customer = alice) =>
  (
    await getDb().customer.findFirst({
      where: { shop, shopifyCustomerId: String(customer.id) },
    })
  )?.balance ?? null;

const pointsEntries = () => getDb().ledgerEntry.count({ where: { shop } });

async function jobsPage() {
  const { body } = await routeResult<{
    deadLetters: { open: number; letters: Record<string, unknown>[] };
  }>(async () =>
    jobsLoader({ request: await adminRequest(shop, "/app/jobs"), params: {}, context: {} }),
  );
  return body.deadLetters;
}

async function post(form: Record<string, string>, staffUserId?: string) {
  return routeResult<Record<string, unknown>>(async () =>
    jobsAction({
      request: await adminRequest(shop, "/app/jobs", { form, staffUserId }),
      params: {},
      context: {},
    }),
  );
}

beforeEach(async () => {
  await installShop(getDb(), shop);
});

describe("money carries its currency (issue 17)", () => {
  it("does not credit a JPY 1000 order on a USD shop (it earned 10 points): kept as a currency mismatch", async () => {
    const letter = await expectKeptAsDeadLetter(
      await deliver("orders/paid", orderIn(8001, "JPY", "1000"), { shop }),
    );
    expect(letter).toMatchObject({
      reasonCode: "CURRENCY_MISMATCH",
      reasonMessage: expect.stringContaining("JPY"),
      shopifyOrderId: "8001",
      shopifyCustomerId: String(alice.id),
    });
    expect(await balanceOf()).toBeNull();
    expect(await pointsEntries()).toBe(0);
    expect(await getDb().order.count({ where: { shop } })).toBe(0);
  });

  it("does not credit a KWD 10.000 order on a USD shop (it earned 100 points)", async () => {
    const response = await deliver("orders/paid", orderIn(8002, "KWD", "10.000"), { shop });
    expect((await expectKeptAsDeadLetter(response)).reasonCode).toBe("CURRENCY_MISMATCH");
    expect(await pointsEntries()).toBe(0);
  });

  it("does not credit a USD 100.00 order on a JPY shop (it earned 12,500 points)", async () => {
    const yen = "yen-shop.myshopify.com";
    await installShop(getDb(), yen, { currencyCode: "JPY", timeZone: "Asia/Tokyo" });
    const response = await deliver("orders/paid", orderIn(8003, "USD", "100.00"), { shop: yen });
    expect((await expectKeptAsDeadLetter(response)).reasonCode).toBe("CURRENCY_MISMATCH");
    expect(await getDb().ledgerEntry.count({ where: { shop: yen } })).toBe(0);
  });

  it("refuses amounts labelled with a code that is no currency (XYZ, XXX parsed as 2 decimals)", async () => {
    for (const [id, code] of [
      [8004, "XYZ"],
      [8005, "XXX"],
    ] as const) {
      const letter = await expectKeptAsDeadLetter(
        await deliver("orders/paid", orderIn(id, code, "10.00"), { shop }),
        code,
      );
      expect(letter).toMatchObject({
        reasonCode: "INVALID_PAYLOAD",
        reasonMessage: expect.stringContaining(code),
      });
    }
    expect(await pointsEntries()).toBe(0);
  });

  it("does not reverse points for a refund in another currency (an EUR refund reversed USD points)", async () => {
    await deliver("orders/paid", orderIn(8006, "USD", "50.00"), { shop });
    expect(await balanceOf()).toBe(50);
    const refund = refundPayload(
      { id: 9006, orderId: 8006, lines: [{ lineId: 800601, quantity: 1, subtotal: 5000 }] },
      "EUR",
    );
    const letter = await expectKeptAsDeadLetter(await deliver("refunds/create", refund, { shop }));
    expect(letter).toMatchObject({ reasonCode: "CURRENCY_MISMATCH", shopifyOrderId: "8006" });
    expect(await balanceOf()).toBe(50);
  });

  it("credits an IDR 150000.50 order on an IDR shop: ISO 4217 gives IDR 2 decimals (CLDR's 0 refused it)", async () => {
    const rupiah = "rupiah-shop.myshopify.com";
    await installShop(getDb(), rupiah, { currencyCode: "IDR", timeZone: "Asia/Jakarta" });
    const response = await deliver("orders/paid", orderIn(8007, "IDR", "150000.50"), {
      shop: rupiah,
    });
    expect(await response.json()).toMatchObject({
      ok: true,
      outcome: expect.stringContaining("150000 points"),
    });
    const member = await getDb().customer.findFirstOrThrow({ where: { shop: rupiah } });
    expect(member.balance).toBe(150_000);
  });
});

describe("dead letters", () => {
  it("keeps one letter per webhook id: Shopify's retries count attempts, nothing more", async () => {
    const payload = { ...orderIn(8100, "USD", "10.00"), line_items: "lots" };
    for (let i = 0; i < 2; i++)
      await expectKeptAsDeadLetter(
        await deliver("orders/paid", payload, { shop, webhookId: "retry-1" }),
      );
    const letters = await getDb().deadLetter.findMany({ where: { shop } });
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ webhookId: "retry-1", attempts: 2, status: "open" });
    expect(letters[0].headers).toMatchObject({
      "x-shopify-topic": "orders/paid",
      "x-shopify-webhook-id": "retry-1",
      "x-shopify-api-version": "2026-10",
    });
    expect(letters[0].apiVersion).toBe("2026-10");
  });

  it("stores nothing for an unsigned delivery (401) or a body over the size limit (413)", async () => {
    const payload = { ...orderIn(8101, "USD", "10.00"), line_items: "lots" };
    expect((await deliver("orders/paid", payload, { shop, hmac: "Zm9yZ2Vk" })).status).toBe(401);
    const huge = { ...orderIn(8102, "USD", "10.00"), note: "x".repeat(1_100_000) };
    expect((await deliver("orders/paid", huge, { shop })).status).toBe(413);
    expect(await getDb().deadLetter.count()).toBe(0);
  });

  it("keeps a signed delivery sent to another topic's address", async () => {
    const request = webhookRequest(TEST_APP_URL, orderIn(8103, "USD", "10.00"), {
      topic: "orders/cancelled",
      shop,
      secret: TEST_API_SECRET,
    });
    const { action } = await import("~/routes/webhooks.orders.paid");
    const letter = await expectKeptAsDeadLetter(await action({ request, params: {}, context: {} }));
    expect(letter).toMatchObject({ reasonCode: "WRONG_TOPIC", topic: "orders/paid" });
    expect(await pointsEntries()).toBe(0);
  });

  it("keeps a delivery whose handler failed unexpectedly (rolled back), but lets a busy database answer 5xx", async () => {
    let failure: Error = new Error("boom");
    const route = webhookAction({
      topic: "orders/paid",
      schema: z.unknown(),
      handle: (_payload, { inTransaction }) =>
        inTransaction(async (sql) => {
          await sql.run(`UPDATE "Shop" SET "tierTagPrefix" = 'changed' WHERE shop = ?`, [shop]);
          throw failure;
        }),
    });
    const send = (webhookId: string) =>
      route({
        request: webhookRequest(TEST_APP_URL, orderIn(8104, "USD", "10.00"), {
          topic: "orders/paid",
          shop,
          secret: TEST_API_SECRET,
          webhookId,
        }),
        params: {},
        context: {},
      });
    expectConsoleError(/webhook handler failed; kept as a dead letter/);
    const letter = await expectKeptAsDeadLetter(await send("unexpected"));
    expect(letter).toMatchObject({ reasonCode: "HANDLER_ERROR", reasonMessage: "boom" });
    failure = Object.assign(new Error("SQLITE_BUSY: database is locked"), { code: "SQLITE_BUSY" });
    await expect(send("busy")).rejects.toThrow(/database is locked/);
    failure = Object.assign(new Error("canceling statement due to lock timeout"), {
      code: "55P03",
    });
    await expect(send("lock-timeout")).rejects.toThrow(/lock timeout/);
    expect(await getDb().deadLetter.count({ where: { shop } })).toBe(1);
    expect((await getDb().shop.findUniqueOrThrow({ where: { shop } })).tierTagPrefix).toBe(
      "Tally ",
    );
    expect(await getDb().webhookDelivery.count({ where: { shop } })).toBe(0);
  });
});

describe("deliveries needing attention in the admin", () => {
  async function keptJpyOrder(id = 8200, webhookId = randomUUID()) {
    await expectKeptAsDeadLetter(
      await deliver("orders/paid", orderIn(id, "JPY", "1000"), { shop, webhookId }),
    );
    return (await getDb().deadLetter.findFirstOrThrow({ where: { shop, webhookId } })).id;
  }

  it("lists open letters on /app/jobs with topic, reason, order and customer, and a Home count", async () => {
    await keptJpyOrder();
    const page = await jobsPage();
    expect(page.open).toBe(1);
    expect(page.letters[0]).toMatchObject({
      topic: "orders/paid",
      reasonCode: "CURRENCY_MISMATCH",
      shopifyOrderId: "8200",
      shopifyCustomerId: String(alice.id),
      attempts: 1,
      details: {
        text: expect.stringMatching(
          /^The order's shop money is in JPY, but the shop's currency is /,
        ),
        technical: false,
      },
    });
    const { body } = await routeResult<{ deadLetters: number }>(async () =>
      homeLoader({ request: await adminRequest(shop, "/app"), params: {}, context: {} }),
    );
    expect(body.deadLetters).toBe(1);
  });

  it("replays through today's code once it can apply, records who replayed, and a second replay changes nothing", async () => {
    const id = await keptJpyOrder();
    const failedAgain = await post({ intent: "replay", id });
    expect(failedAgain).toMatchObject({ status: 422, body: { status: "failed" } });
    expect(await getDb().deadLetter.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "open",
      attempts: 2,
    });
    expect(await changeShopCurrency(getDb(), shop, "JPY")).toBe(true);
    expect(await post({ intent: "replay", id }, "777")).toMatchObject({
      status: 200,
      body: { status: "replayed" },
    });
    expect(await balanceOf()).toBe(1000);
    expect(await getDb().deadLetter.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "replayed",
      resolvedBy: "777",
      resolvedAt: expect.any(Date),
    });
    expect(await post({ intent: "replay", id })).toMatchObject({ status: 404 });
    // The same delivery again (Shopify, or a replay): the order's points do not move.
    const letter = await getDb().deadLetter.findUniqueOrThrow({ where: { id } });
    await deliver("orders/paid", JSON.parse(letter.body), { shop, webhookId: letter.webhookId });
    await deliver("orders/paid", JSON.parse(letter.body), { shop });
    expect(await balanceOf()).toBe(1000);
    expect((await jobsPage()).open).toBe(0);
  });

  it("replays a letter another service recorded (reconciliation), whatever the case of its header names", async () => {
    const body = JSON.stringify(orderIn(8210, "USD", "42.00"));
    await recordDeadLetter(
      getDb(),
      {
        shop,
        webhookId: "reconcile:8210",
        topic: "orders/paid",
        apiVersion: null,
        headers: webhookHeaders(body, { shop, topic: "orders/paid", secret: "unused" }),
        body,
      },
      { code: "HANDLER_ERROR", message: "an earlier version failed" },
      new Date(),
    );
    const { id } = await getDb().deadLetter.findFirstOrThrow({
      where: { webhookId: "reconcile:8210" },
    });
    expect(await post({ intent: "replay", id })).toMatchObject({ body: { status: "replayed" } });
    expect(await balanceOf()).toBe(42);
  });

  it("replays a delivery sent to another topic's address through the topic Shopify signed it for", async () => {
    // An orders/paid delivery (header in Shopify's ORDERS_PAID form) that reached the cancel address.
    const request = webhookRequest(TEST_APP_URL, orderIn(8220, "USD", "31.00"), {
      topic: "ORDERS_PAID",
      shop,
      secret: TEST_API_SECRET,
    });
    const { action } = await import("~/routes/webhooks.orders.cancelled");
    const letter = await expectKeptAsDeadLetter(await action({ request, params: {}, context: {} }));
    expect(letter).toMatchObject({ reasonCode: "WRONG_TOPIC", topic: "orders/cancelled" });
    expect(await balanceOf()).toBeNull();
    expect(await post({ intent: "replay", id: letter.id })).toMatchObject({
      body: { status: "replayed" },
    });
    expect(await balanceOf()).toBe(31);
  });

  it("a wrong-address delivery of a topic Tally does not handle says so on replay and stays open", async () => {
    const request = webhookRequest(
      TEST_APP_URL,
      { id: 1 },
      {
        topic: "inventory_levels/update",
        shop,
        secret: TEST_API_SECRET,
      },
    );
    const { action } = await import("~/routes/webhooks.orders.paid");
    const letter = await expectKeptAsDeadLetter(await action({ request, params: {}, context: {} }));
    expect(await post({ intent: "replay", id: letter.id })).toMatchObject({
      status: 422,
      body: { status: "failed" },
    });
    expect(await getDb().deadLetter.findUniqueOrThrow({ where: { id: letter.id } })).toMatchObject({
      status: "open",
      reasonCode: "UNKNOWN_TOPIC",
      reasonMessage: storeCoded({
        code: "unknownTopic",
        values: { topic: "inventory_levels/update" },
      }),
    });
  });

  it("dismisses only with a reason, recording the staff user", async () => {
    const id = await keptJpyOrder();
    const refused = await post({ intent: "dismiss", id, reason: "   " });
    expect(refused).toMatchObject({ status: 422, body: { status: "invalid" } });
    expect(await post({ intent: "dismiss", id, reason: "Test order in yen" }, "888")).toMatchObject(
      {
        status: 200,
        body: { status: "dismissed" },
      },
    );
    expect(await getDb().deadLetter.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "dismissed",
      resolvedBy: "888",
      dismissReason: "Test order in yen",
    });
    expect((await jobsPage()).open).toBe(0);
    expect(await post({ intent: "replay", id })).toMatchObject({ status: 404 });
    expect(await post({ intent: "bogus", id })).toMatchObject({ status: 400 });
  });

  it("keeps another shop's letters out of reach", async () => {
    const id = await keptJpyOrder();
    const other = "other-shop.myshopify.com";
    await installShop(getDb(), other);
    const { status } = await routeResult(async () =>
      jobsAction({
        request: await adminRequest(other, "/app/jobs", {
          form: { intent: "dismiss", id, reason: "x" },
        }),
        params: {},
        context: {},
      }),
    );
    expect(status).toBe(404);
    expect((await getDb().deadLetter.findUniqueOrThrow({ where: { id } })).status).toBe("open");
  });
});

describe("the shop's currency changed in Shopify", () => {
  const adminFor = async (domain: string) => createFetchAdminClient({ shop: domain });

  it("leaves held orders alone while Shopify still says the old currency", async () => {
    adminApi.state.shop(shop).settings.currencyCode = "USD";
    await deliver("orders/paid", orderIn(8300, "JPY", "1000"), { shop });
    expect(await checkHeldCurrencies(getDb(), adminFor, new Date())).toEqual({
      shops: 1,
      changed: 0,
      replayed: 0,
      stillOpen: 1,
    });
    expect(await getDb().deadLetter.count({ where: { shop, status: "open" } })).toBe(1);
    expect(await pointsEntries()).toBe(0);
  });

  it("adopts the new currency, re-expresses the program's money settings, and applies the held orders", async () => {
    const { program } = await currentProgramVersion(getDb(), shop);
    await changeProgram(shop, { purchase: { ...program.purchase, minimumSubtotal: 5000 } });
    adminApi.state.shop(shop).settings.currencyCode = "JPY";
    await deliver("orders/paid", orderIn(8301, "JPY", "1000"), { shop });
    await deliver("orders/paid", orderIn(8302, "JPY", "40", bob), { shop });
    expect(await checkHeldCurrencies(getDb(), adminFor, new Date())).toEqual({
      shops: 1,
      changed: 1,
      replayed: 2,
      stillOpen: 0,
    });
    expect(await getDb().shop.findUniqueOrThrow({ where: { shop } })).toMatchObject({
      currencyCode: "JPY",
      currencyExponent: 0,
    });
    const now = await currentProgramVersion(getDb(), shop);
    // "minimum 50.00" stays "minimum 50": figures are kept, not converted at a rate Tally does not have.
    expect(now.program).toMatchObject({
      currencyExponent: 0,
      purchase: { pointsPerUnit: 1, spendUnit: 1, minimumSubtotal: 50 },
    });
    expect((await getDb().reward.findFirstOrThrow({ where: { shop } })).value).toBe(5);
    expect(await balanceOf()).toBe(1000);
    // ¥40 is under the ¥50 minimum: applied, no points.
    expect(await balanceOf(bob)).toBe(0);
    expect(await getDb().deadLetter.findMany({ where: { shop } })).toEqual([
      expect.objectContaining({ status: "replayed", resolvedBy: "currency-check" }),
      expect.objectContaining({ status: "replayed", resolvedBy: "currency-check" }),
    ]);
  });

  it("re-expresses the program when a sign-in finds the shop in another currency (it kept 2 decimals)", async () => {
    adminApi.state.shop(shop).settings.currencyCode = "JPY";
    const held = await deliver("orders/paid", orderIn(8311, "JPY", "500"), { shop });
    expect((await expectKeptAsDeadLetter(held)).reasonCode).toBe("CURRENCY_MISMATCH");
    await ensureShopInstalled(
      getDb(),
      getSql(),
      shop,
      createFetchAdminClient({ shop }),
      new Date(),
    );
    expect((await currentProgramVersion(getDb(), shop)).program.currencyExponent).toBe(0);
    // The job finds the change already recorded, and replays what was held before it.
    expect(
      await checkHeldCurrencies(getDb(), async () => createFetchAdminClient({ shop }), new Date()),
    ).toEqual({ shops: 1, changed: 0, replayed: 1, stillOpen: 0 });
    expect(await balanceOf()).toBe(500);
    // A yen order now earns per yen, not per hundredth of a yen.
    await deliver("orders/paid", orderIn(8310, "JPY", "1000"), { shop });
    expect(await balanceOf()).toBe(1500);
  });
});

describe("compliance erasure", () => {
  it("customers/data_request exports and customers/redact erases the letters concerning the customer or their orders; shop/redact erases all", async () => {
    await deliver("orders/paid", orderIn(8400, "JPY", "1000"), { shop });
    await deliver("orders/paid", orderIn(8401, "JPY", "1000", bob), { shop });
    await deliver(
      "refunds/create",
      refundPayload(
        { id: 9402, orderId: 8402, lines: [{ lineId: 1, quantity: 1, subtotal: 100 }] },
        "EUR",
      ),
      { shop },
    );
    await deliver("orders/paid", `{"unreadable": "${alice.email}"`, { shop });
    expect(await getDb().deadLetter.count({ where: { shop } })).toBe(4);
    // customers/data_request hands them over first: the same three, not Bob's.
    await deliver(
      "customers/data_request",
      {
        shop_id: 1,
        shop_domain: shop,
        customer: { id: alice.id, email: alice.email, phone: null },
        orders_requested: [8400, 8402],
        data_request: { id: 1 },
      },
      { shop },
    );
    const exported = await getDb().dataExport.findFirstOrThrow({ where: { shop } });
    const kept = (exported.payload as { deliveriesNeedingAttention: { body: string }[] })
      .deliveriesNeedingAttention;
    expect(kept).toHaveLength(3);
    expect(kept.map((letter) => letter.body).join()).not.toContain(`"id":${bob.id}`);
    const response = await deliver(
      "customers/redact",
      {
        shop_id: 1,
        shop_domain: shop,
        customer: { id: alice.id, email: alice.email, phone: null },
        orders_to_redact: [8400, 8402],
      },
      { shop },
    );
    expect(response.status).toBe(200);
    const left = await getDb().deadLetter.findMany({ where: { shop } });
    expect(left.map((letter) => letter.shopifyCustomerId)).toEqual([String(bob.id)]);
    await deliver("shop/redact", { shop_id: 1, shop_domain: shop }, { shop });
    expect(await getDb().deadLetter.count({ where: { shop } })).toBe(0);
  });
});
