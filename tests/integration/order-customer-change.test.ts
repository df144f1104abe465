// Points follow the order's current customer (design §7, decision 027). Issue 17, item 3: paid for X
// (+100), orders/updated moved it to Y, then a refund of 40 and a cancellation left X = 100, Y = −100.
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { verifyLedger } from "~/models/ledger-verify.server";
import { installShop } from "../factories/shop";
import {
  lineIdFor,
  orderPayload,
  refundPayload,
  type OrderSpec,
} from "../factories/webhook-payloads";
import { deliver } from "../support/webhooks";

const shop = "customer-change.myshopify.com";
const X = 6101;
const Y = 6102;

// Two lines: 60.00 and 40.00 → 100 points at Member ×1.0.
const paidForX: OrderSpec = {
  id: 900,
  customer: { id: X },
  lines: [{ price: 6000 }, { price: 4000 }],
  updatedAt: "2026-06-01T12:00:00-04:00",
};
const movedToY: OrderSpec = {
  ...paidForX,
  customer: { id: Y },
  updatedAt: "2026-06-01T14:00:00-04:00",
};
const asGuest: OrderSpec = { ...paidForX, customer: null, updatedAt: "2026-06-01T13:00:00-04:00" };
const refundOf40 = refundPayload({
  id: 9001,
  orderId: paidForX.id,
  lines: [{ lineId: lineIdFor(paidForX, 1), quantity: 1, subtotal: 4000 }],
});
const cancelled: OrderSpec = {
  ...movedToY,
  cancelledAt: "2026-06-03T00:00:00Z",
  updatedAt: "2026-06-03T00:00:00Z",
  financialStatus: "refunded",
};

async function figures(customerId: number) {
  const customer = await getDb().customer.findUnique({
    where: { shop_shopifyCustomerId: { shop, shopifyCustomerId: String(customerId) } },
  });
  return customer
    ? {
        balance: customer.balance,
        orderCount: customer.orderCount,
        lifetimeSpend: Number(customer.lifetimeSpend),
      }
    : null;
}

beforeEach(async () => {
  await installShop(getDb(), shop);
});

describe("an order that changes customer", () => {
  it("moves its points, spend and order count to the new customer; later refunds and cancellations apply to them", async () => {
    await deliver("orders/paid", orderPayload(paidForX), { shop });
    expect(await figures(X)).toEqual({ balance: 100, orderCount: 1, lifetimeSpend: 10000 });

    await deliver("orders/updated", orderPayload(movedToY), { shop });
    expect(await figures(X)).toEqual({ balance: 0, orderCount: 0, lifetimeSpend: 0 });
    expect(await figures(Y)).toEqual({ balance: 100, orderCount: 1, lifetimeSpend: 10000 });
    const xEntries = await getDb().ledgerEntry.findMany({
      where: { shop, customer: { shopifyCustomerId: String(X) } },
      orderBy: { createdAt: "asc" },
    });
    expect(xEntries.map((entry) => [entry.kind, entry.points])).toEqual([
      ["earn", 100],
      ["reverse", -100],
    ]);
    expect(xEntries[1].reason).toBe("order moved to another customer (orders/updated)");

    await deliver("refunds/create", refundOf40, { shop });
    expect(await figures(X)).toMatchObject({ balance: 0 });
    expect(await figures(Y)).toMatchObject({ balance: 60, lifetimeSpend: 6000 });

    await deliver("orders/cancelled", orderPayload(cancelled), { shop });
    expect(await figures(X)).toMatchObject({ balance: 0 });
    expect(await figures(Y)).toMatchObject({ balance: 0, lifetimeSpend: 0 });
    expect((await verifyLedger(getDb(), shop, new Date())).mismatches).toEqual([]);
  });

  it("ends the same when the newer version (customer Y) arrives before the paid event for X", async () => {
    await deliver("orders/updated", orderPayload(movedToY), { shop });
    await deliver("orders/paid", orderPayload(paidForX), { shop });
    // The stale paid event is for X, but the newer version says Y: nothing sits with X.
    expect((await figures(X))?.balance ?? 0).toBe(0);
    expect(await figures(Y)).toEqual({ balance: 100, orderCount: 1, lifetimeSpend: 10000 });
    await deliver("orders/updated", orderPayload(movedToY), { shop });
    expect(await figures(Y)).toMatchObject({ balance: 100 });
  });

  it("takes the points back when the order becomes a guest order, and credits them again when a customer is set", async () => {
    await deliver("orders/paid", orderPayload(paidForX), { shop });
    await deliver("orders/updated", orderPayload(asGuest), { shop });
    expect(await figures(X)).toEqual({ balance: 0, orderCount: 0, lifetimeSpend: 0 });
    const order = await getDb().order.findFirstOrThrow({ where: { shop, shopifyOrderId: "900" } });
    expect(order).toMatchObject({ customerId: null, creditedCustomerId: null, pointsCredited: 0 });

    await deliver("orders/updated", orderPayload(movedToY), { shop });
    expect(await figures(Y)).toEqual({ balance: 100, orderCount: 1, lifetimeSpend: 10000 });
    // A stale guest version changes nothing.
    await deliver("orders/updated", orderPayload(asGuest), { shop });
    expect(await figures(Y)).toMatchObject({ balance: 100 });
    expect((await verifyLedger(getDb(), shop, new Date())).mismatches).toEqual([]);
  });
});
