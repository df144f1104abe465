import { beforeEach, describe, expect, it } from "vitest";
import { getDb, getSql } from "~/db.server";
import { appendLedgerEntry } from "~/models/ledger.server";
import { verifyLedger } from "~/models/ledger-verify.server";
import { currentProgramVersion } from "~/models/program.server";
import { MAX_MEMBER_POINTS } from "~/loyalty/balance";
import { MAX_ORDER_POINTS } from "~/loyalty/earn";
import { explainOrder } from "~/services/explain-order.server";
import { installShop } from "../factories/shop";
import {
  lineIdFor,
  orderPayload,
  refundPayload,
  type OrderSpec,
} from "../factories/webhook-payloads";
import { changeProgram } from "../support/members";
import { deliver, expectKeptAsDeadLetter } from "../support/webhooks";

const shop = "orders-test.myshopify.com";
const alice = { id: 5001, email: "alice@example.com", firstName: "Alice" };

// 40.00 + 2 × 30.00 with 5.00 off the second line: an earn base of 95.00 → 95 points at 1 point per 1.00.
const order: OrderSpec = {
  id: 9001,
  customer: alice,
  lines: [{ price: 4000 }, { price: 3000, quantity: 2, discount: 500 }],
};

async function member(shopifyCustomerId = String(alice.id)) {
  return getDb().customer.findUniqueOrThrow({
    where: { shop_shopifyCustomerId: { shop, shopifyCustomerId } },
  });
}

async function entriesFor(shopifyOrderId: string) {
  return getDb().ledgerEntry.findMany({
    where: { shop, order: { shopifyOrderId } },
    orderBy: { createdAt: "asc" },
  });
}

beforeEach(async () => {
  await installShop(getDb(), shop);
});

describe("orders/paid", () => {
  it("credits the order's earn base once, excluding shipping and taxes", async () => {
    const response = await deliver("orders/paid", orderPayload(order), { shop });
    expect(response.status).toBe(200);
    expect((await member()).balance).toBe(95);
    const entries = await entriesFor("9001");
    expect(entries.map((entry) => [entry.kind, entry.points])).toEqual([["earn", 95]]);
    expect(entries[0].snapshot).toMatchObject({ earnBase: 9500, points: 95, tier: "Member" });
  });

  it("ignores a repeated delivery id and the same change under a new id", async () => {
    await deliver("orders/paid", orderPayload(order), { shop, webhookId: "same-id" });
    const duplicate = await deliver("orders/paid", orderPayload(order), {
      shop,
      webhookId: "same-id",
    });
    expect(await duplicate.json()).toMatchObject({ outcome: "duplicate" });
    await deliver("orders/paid", orderPayload(order), { shop, webhookId: "another-id" });
    await deliver("orders/updated", orderPayload(order), { shop });
    expect((await member()).balance).toBe(95);
    expect(await entriesFor("9001")).toHaveLength(1);
  });

  it("refreshes a repeat customer's changed name or email and leaves an unchanged one unwritten", async () => {
    const tick = () => new Promise((done) => setTimeout(done, 5));
    await deliver("orders/paid", orderPayload(order), { shop });
    await tick();
    await deliver("orders/paid", orderPayload({ ...order, id: 9010 }), { shop });
    const before = await member();
    expect(before).toMatchObject({
      email: "alice@example.com",
      firstName: "Alice",
      orderCount: 2,
      balance: 190,
    });

    // The same order again under a new delivery id: nothing to earn, nothing personal changed, nothing written.
    await tick();
    await deliver("orders/paid", orderPayload({ ...order, id: 9010 }), { shop });
    expect((await member()).updatedAt).toEqual(before.updatedAt);

    await tick();
    await deliver(
      "orders/updated",
      orderPayload({
        ...order,
        id: 9010,
        customer: { ...alice, email: "alice@new.example", firstName: "Ally" },
      }),
      { shop },
    );
    const after = await member();
    expect(after).toMatchObject({
      email: "alice@new.example",
      firstName: "Ally",
      orderCount: 2,
      balance: 190,
    });
    expect(after.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());
  });

  it("credits once when ten deliveries of one order arrive at the same time", async () => {
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => deliver("orders/paid", orderPayload(order), { shop })),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));
    expect((await member()).balance).toBe(95);
    expect(await entriesFor("9001")).toHaveLength(1);
  });

  it("keeps guest orders for analytics without crediting anyone", async () => {
    const response = await deliver(
      "orders/paid",
      orderPayload({ ...order, id: 9002, customer: null }),
      { shop },
    );
    expect(await response.json()).toMatchObject({ outcome: expect.stringContaining("guest") });
    const stored = await getDb().order.findUniqueOrThrow({
      where: { shop_shopifyOrderId: { shop, shopifyOrderId: "9002" } },
    });
    expect(stored).toMatchObject({ customerId: null, subtotal: 9500n, pointsCredited: 0 });
    expect(await getDb().ledgerEntry.count()).toBe(0);
  });

  it("earns on shop money when the buyer paid in another currency", async () => {
    await deliver(
      "orders/paid",
      orderPayload({ ...order, id: 9003, presentment: { currency: "EUR", rate: 0.9 } }),
      { shop },
    );
    expect((await member()).balance).toBe(95);
  });

  it("credits an order in a currency with small units whose amounts pass 2^31 minor units", async () => {
    // 75,000,000.00 UZS (about 5,900 USD) in an Uzbek shop: 7,500,000,000 minor units, refused as
    // "larger than Tally can store" while amounts were 32-bit; its refund reverses exactly.
    const uzs = "uzs-test.myshopify.com";
    await installShop(getDb(), uzs, { currencyCode: "UZS", timeZone: "Asia/Tashkent" });
    const big = {
      id: 9200,
      customer: alice,
      currency: "UZS",
      lines: [{ price: 5_000_000_000 }, { price: 2_500_000_000 }],
    };
    const paid = await deliver("orders/paid", orderPayload(big), { shop: uzs });
    expect(await paid.json()).toMatchObject({
      ok: true,
      outcome: "order worth 75000000 points (+75000000)",
    });
    const stored = await getDb().order.findUniqueOrThrow({
      where: { shop_shopifyOrderId: { shop: uzs, shopifyOrderId: "9200" } },
      include: { customer: true },
    });
    expect(stored).toMatchObject({
      subtotal: 7_500_000_000n,
      countedSpend: 7_500_000_000n,
      pointsCredited: 75_000_000,
    });
    expect(stored.customer?.lifetimeSpend).toBe(7_500_000_000n);
    await deliver(
      "refunds/create",
      refundPayload(
        {
          id: 92001,
          orderId: 9200,
          lines: [{ lineId: lineIdFor(big, 1), quantity: 1, subtotal: 2_500_000_000 }],
        },
        "UZS",
      ),
      { shop: uzs },
    );
    const refunded = await getDb().customer.findUniqueOrThrow({
      where: { shop_shopifyCustomerId: { shop: uzs, shopifyCustomerId: String(alice.id) } },
    });
    expect(refunded).toMatchObject({ balance: 50_000_000, lifetimeSpend: 5_000_000_000n });
  });

  it("excludes gift-card lines from the earn base", async () => {
    await deliver(
      "orders/paid",
      orderPayload({
        id: 9004,
        customer: alice,
        lines: [{ price: 2550 }, { price: 5000, giftCard: true }],
      }),
      { shop },
    );
    expect((await member()).balance).toBe(25);
  });
});

describe("refunds and cancellations", () => {
  const refundOfSecondLine = {
    id: 77001,
    orderId: 9001,
    lines: [{ lineId: lineIdFor(order, 1), quantity: 1, subtotal: 2750 }],
  };

  it("reverses exactly the refunded part", async () => {
    await deliver("orders/paid", orderPayload(order), { shop });
    await deliver("refunds/create", refundPayload(refundOfSecondLine), { shop });
    // 95.00 − 27.50 = 67.50 → 67 points; the reversal is the difference, 28.
    expect((await member()).balance).toBe(67);
    expect((await entriesFor("9001")).map((entry) => entry.points)).toEqual([95, -28]);
  });

  it("ends in the same state when the refund arrives before the paid event", async () => {
    await deliver("refunds/create", refundPayload(refundOfSecondLine), { shop });
    expect(await getDb().ledgerEntry.count()).toBe(0);
    await deliver("orders/paid", orderPayload(order), { shop });
    expect((await member()).balance).toBe(67);
    expect((await entriesFor("9001")).map((entry) => entry.points)).toEqual([67]);
  });

  it("counts a refund once whether it comes in refunds/create, in orders/updated, or both", async () => {
    await deliver("orders/paid", orderPayload(order), { shop });
    await deliver(
      "orders/updated",
      orderPayload({
        ...order,
        financialStatus: "partially_refunded",
        updatedAt: "2026-06-02T10:00:00-04:00",
        refunds: [refundOfSecondLine],
      }),
      { shop },
    );
    await deliver("refunds/create", refundPayload(refundOfSecondLine), { shop });
    expect((await member()).balance).toBe(67);
  });

  it("reverses everything on cancellation, even points already spent (balance may go negative)", async () => {
    await deliver("orders/paid", orderPayload(order), { shop });
    const customer = await member();
    await getSql().transaction((sql) =>
      appendLedgerEntry(
        sql,
        {
          shop,
          customerId: customer.id,
          kind: "redeem",
          points: -90,
          idempotencyKey: "test:spend",
        },
        new Date(),
      ),
    );
    await deliver(
      "orders/cancelled",
      orderPayload({
        ...order,
        cancelledAt: "2026-06-03T10:00:00-04:00",
        financialStatus: "refunded",
      }),
      { shop },
    );
    expect((await member()).balance).toBe(5 - 95);
    expect((await entriesFor("9001")).map((entry) => [entry.kind, entry.points])).toEqual([
      ["earn", 95],
      ["reverse", -95],
    ]);
  });

  it("keeps the cached balances equal to the ledger", async () => {
    await deliver("orders/paid", orderPayload(order), { shop });
    await deliver("refunds/create", refundPayload(refundOfSecondLine), { shop });
    await deliver("orders/paid", orderPayload({ ...order, id: 9005, lines: [{ price: 12345 }] }), {
      shop,
    });
    expect(await verifyLedger(getDb(), shop, new Date())).toEqual({
      customersChecked: 1,
      mismatches: [],
    });
  });
});

describe("safety", () => {
  it("rejects a forged signature with 401 and writes nothing", async () => {
    const response = await deliver("orders/paid", orderPayload(order), { shop, hmac: "Zm9yZ2Vk" });
    expect(response.status).toBe(401);
    expect(await getDb().order.count()).toBe(0);
    expect(await getDb().webhookDelivery.count()).toBe(0);
  });

  it("keeps a signed but malformed payload as a dead letter naming the field, and applies nothing", async () => {
    const payload = { ...orderPayload(order), line_items: "lots" };
    const response = await deliver("orders/paid", payload, { shop });
    const letter = await expectKeptAsDeadLetter(response);
    expect(letter).toMatchObject({
      reasonCode: "INVALID_PAYLOAD",
      reasonMessage: expect.stringContaining("line_items"),
    });
    expect(await getDb().order.count()).toBe(0);
  });

  it("rejects a body over the size limit with 413 before reading it", async () => {
    const huge = { ...orderPayload(order), note: "x".repeat(1_100_000) };
    const response = await deliver("orders/paid", huge, { shop });
    expect(response.status).toBe(413);
  });

  it("credits an order worth more than one order can earn at the cap, and explains it", async () => {
    // 50,000.00 at the highest earn rate (100,000 points per 1.00): 5,000,000,000 points by the rules,
    // more than a 32-bit balance holds (PostgreSQL answered 500, SQLite stored what Prisma cannot read).
    const { program } = await currentProgramVersion(getDb(), shop);
    await changeProgram(shop, { purchase: { ...program.purchase, pointsPerUnit: 100_000 } });
    const response = await deliver(
      "orders/paid",
      orderPayload({ id: 9100, customer: alice, lines: [{ price: 5_000_000 }] }),
      { shop },
    );
    expect(await response.json()).toMatchObject({
      ok: true,
      outcome: `order worth ${MAX_ORDER_POINTS} points (+${MAX_ORDER_POINTS})`,
    });
    expect((await member()).balance).toBe(MAX_ORDER_POINTS);
    const explanation = await explainOrder(getDb(), getSql(), shop, "9100");
    expect(explanation).toMatchObject({
      points: MAX_ORDER_POINTS,
      reasons: [
        expect.stringContaining("Purchase: 100000 point(s) per 1 USD"),
        expect.stringContaining("the most one order can earn"),
      ],
    });
    expect(await verifyLedger(getDb(), shop, new Date())).toEqual({
      customersChecked: 1,
      mismatches: [],
    });
  });

  it("keeps as a dead letter, with nothing applied, an order that would take a member past what a balance holds", async () => {
    await deliver("orders/paid", orderPayload(order), { shop });
    const { id } = await member();
    await appendLedgerEntry(
      getSql(),
      {
        shop,
        customerId: id,
        kind: "adjust",
        points: MAX_MEMBER_POINTS - 95 - 10,
        idempotencyKey: "adjust:near-limit",
      },
      new Date(),
    );
    const response = await deliver(
      "orders/paid",
      orderPayload({ id: 9101, customer: alice, lines: [{ price: 1_100 }] }),
      { shop },
    );
    expect(await expectKeptAsDeadLetter(response)).toMatchObject({
      reasonCode: "REFUSED",
      reasonMessage: expect.stringContaining("the most one member can hold"),
    });
    expect(await member()).toMatchObject({ balance: MAX_MEMBER_POINTS - 10, orderCount: 1 });
    expect(await getDb().order.count({ where: { shopifyOrderId: "9101" } })).toBe(0);
    // 10 points still fit.
    expect(
      (
        await deliver(
          "orders/paid",
          orderPayload({ id: 9102, customer: alice, lines: [{ price: 1_000 }] }),
          { shop },
        )
      ).status,
    ).toBe(200);
    expect((await member()).balance).toBe(MAX_MEMBER_POINTS);
  });

  it("counts pending points towards the limit: they become balance when they mature", async () => {
    await changeProgram(shop, { pendingDays: 14 });
    const placedNow = new Date().toISOString();
    await deliver("orders/paid", orderPayload({ ...order, createdAt: placedNow }), { shop });
    const { id } = await member();
    expect(await member()).toMatchObject({ balance: 0, pending: 95 });
    await appendLedgerEntry(
      getSql(),
      {
        shop,
        customerId: id,
        kind: "adjust",
        points: MAX_MEMBER_POINTS - 95,
        idempotencyKey: "adjust:at-limit",
      },
      new Date(),
    );
    const response = await deliver(
      "orders/paid",
      orderPayload({ id: 9103, customer: alice, lines: [{ price: 100 }], createdAt: placedNow }),
      { shop },
    );
    expect((await expectKeptAsDeadLetter(response)).reasonCode).toBe("REFUSED");
    expect(await member()).toMatchObject({ balance: MAX_MEMBER_POINTS - 95, pending: 95 });
  });

  it("keeps invalid JSON with a valid signature as a dead letter, body as received", async () => {
    const response = await deliver("orders/paid", "{not json", { shop });
    expect(await expectKeptAsDeadLetter(response)).toMatchObject({
      reasonCode: "INVALID_JSON",
      body: "{not json",
    });
  });
});
