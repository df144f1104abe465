// GET /api/loyalty/orders/:id — the thank-you page asks what its order earned: only the token's
// customer's own orders in the token's shop, 404 until the webhook has been applied, 422 on a bad id.
import { beforeEach, describe, expect, it } from "vitest";
import { getDb, getSql } from "~/db.server";
import { currentProgramVersion, saveProgramVersion } from "~/models/program.server";
import { maturePendingPoints } from "~/services/pending-maturation.server";
import { installShop } from "../factories/shop";
import {
  lineIdFor,
  orderPayload,
  refundPayload,
  type OrderSpec,
} from "../factories/webhook-payloads";
import { shopperToken } from "../support/session-tokens";
import { getOrderPoints } from "../support/shopper-api";
import { deliver } from "../support/webhooks";

const shop = "order-points.myshopify.com";
const otherShop = "other-order-points.myshopify.com";
const alice = 4201;
const bob = 4202;
// 1,230.00 → 1,230 points at Member, which lifts Alice to Silver (threshold 1,000).
const aliceOrder: OrderSpec = {
  id: 5550001,
  customer: { id: alice },
  lines: [{ price: 100000 }, { price: 23000 }],
};
const DAY_MS = 86_400_000;

const token = (customerId: number | null, domain = shop) =>
  shopperToken({ shop: domain, customerId });

beforeEach(async () => {
  await installShop(getDb(), shop);
  await installShop(getDb(), otherShop);
});

describe("GET /api/loyalty/orders/:id", () => {
  it("answers the points the order earned and the member's figures with this order included", async () => {
    await deliver("orders/paid", orderPayload(aliceOrder), { shop });
    const response = await getOrderPoints(await token(alice), "5550001");
    expect(response.status).toBe(200);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(await response.json()).toEqual({
      orderId: "5550001",
      status: "credited",
      points: 1230,
      availableAt: null,
      member: {
        balance: 1230,
        pending: 0,
        tier: "Silver",
        nextTier: "Gold",
        pointsToNextTier: 1270,
      },
      referral: null,
    });
  });

  it("is 404 ORDER_NOT_FOUND before the order's webhook has arrived, then answers once it has", async () => {
    const before = await getOrderPoints(await token(alice), "5550001");
    expect(before.status).toBe(404);
    expect(await before.json()).toEqual({
      error: { code: "ORDER_NOT_FOUND", message: expect.any(String) },
    });
    await deliver("orders/paid", orderPayload(aliceOrder), { shop });
    expect((await getOrderPoints(await token(alice), "5550001")).status).toBe(200);
  });

  it("never shows another customer's order: 404, the same answer as an unknown order", async () => {
    await deliver("orders/paid", orderPayload(aliceOrder), { shop });
    await deliver(
      "orders/paid",
      orderPayload({ id: 5550002, customer: { id: bob }, lines: [{ price: 5000 }] }),
      { shop },
    );
    const response = await getOrderPoints(await token(bob), "5550001");
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual(
      await (await getOrderPoints(await token(bob), "5559999")).json(),
    );
    // A customer who has no member row at all gets the same.
    expect((await getOrderPoints(await token(9999), "5550001")).status).toBe(404);
  });

  it("never shows another shop's order, even to the same customer id", async () => {
    await deliver("orders/paid", orderPayload(aliceOrder), { shop });
    const response = await getOrderPoints(await token(alice, otherShop), "5550001");
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: "ORDER_NOT_FOUND" } });
  });

  it("says the points are pending, and until when, while the program's pending period holds them", async () => {
    const { program } = await currentProgramVersion(getDb(), shop);
    await saveProgramVersion(getDb(), shop, { ...program, pendingDays: 14 }, "staff:1");
    const placedAt = new Date(Math.floor(Date.now() / 1000) * 1000);
    await deliver(
      "orders/paid",
      orderPayload({ ...aliceOrder, createdAt: placedAt.toISOString() }),
      { shop },
    );
    const body = await (await getOrderPoints(await token(alice), "5550001")).json();
    expect(body).toMatchObject({
      status: "pending",
      points: 1230,
      member: { balance: 0, pending: 1230 },
    });
    expect(new Date(body.availableAt).getTime()).toBe(placedAt.getTime() + 14 * DAY_MS);

    await maturePendingPoints(getSql(), shop, new Date(Date.now() + 15 * DAY_MS));
    expect(await (await getOrderPoints(await token(alice), "5550001")).json()).toMatchObject({
      status: "credited",
      points: 1230,
      availableAt: null,
      member: { balance: 1230, pending: 0 },
    });
  });

  it("tells an unpaid order (it earns once paid), a refunded one (what is left) and a cancelled one apart", async () => {
    await deliver("orders/updated", orderPayload({ ...aliceOrder, financialStatus: "pending" }), {
      shop,
    });
    expect(await (await getOrderPoints(await token(alice), "5550001")).json()).toMatchObject({
      status: "not_paid",
      points: 0,
      availableAt: null,
    });

    await deliver("orders/paid", orderPayload(aliceOrder), { shop });
    await deliver(
      "refunds/create",
      refundPayload({
        id: 91,
        orderId: aliceOrder.id,
        lines: [{ lineId: lineIdFor(aliceOrder, 1), quantity: 1, subtotal: 23000 }],
      }),
      { shop },
    );
    expect(await (await getOrderPoints(await token(alice), "5550001")).json()).toMatchObject({
      status: "credited",
      points: 1000,
    });

    await deliver(
      "refunds/create",
      refundPayload({
        id: 92,
        orderId: aliceOrder.id,
        lines: [{ lineId: lineIdFor(aliceOrder, 0), quantity: 1, subtotal: 100000 }],
      }),
      { shop },
    );
    expect(await (await getOrderPoints(await token(alice), "5550001")).json()).toMatchObject({
      status: "none",
      points: 0,
    });

    const cancelled = { id: 5550003, customer: { id: alice }, lines: [{ price: 5000 }] };
    await deliver("orders/paid", orderPayload(cancelled), { shop });
    await deliver(
      "orders/cancelled",
      orderPayload({
        ...cancelled,
        cancelledAt: "2026-06-02T00:00:00Z",
        updatedAt: "2026-06-02T00:00:00Z",
      }),
      { shop },
    );
    expect(await (await getOrderPoints(await token(alice), "5550003")).json()).toMatchObject({
      status: "cancelled",
      points: 0,
    });
  });

  it.each([
    ["gid://shopify/Order/5550001"],
    ["abc"],
    ["0"],
    ["0123"],
    ["-5"],
    ["1.5"],
    ["12345678901234567890"],
    [""],
    ["5550001 "],
  ])("refuses the id %j with 422 VALIDATION_FAILED", async (id) => {
    const response = await getOrderPoints(await token(alice), id);
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      error: {
        code: "VALIDATION_FAILED",
        message: expect.stringContaining("numeric Shopify order id"),
      },
    });
  });

  it("asks a guest to log in, refuses a bad token, and answers an uninstalled shop with 404", async () => {
    expect(await (await getOrderPoints(await token(null), "5550001")).json()).toMatchObject({
      error: { code: "LOGIN_REQUIRED" },
    });
    expect((await getOrderPoints(null, "5550001")).status).toBe(401);
    expect(
      (
        await getOrderPoints(
          await shopperToken({ shop, customerId: alice, secret: "not-the-app-secret-at-all" }),
          "5550001",
        )
      ).status,
    ).toBe(401);
    const response = await getOrderPoints(
      await token(alice, "never-installed.myshopify.com"),
      "5550001",
    );
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: "SHOP_NOT_INSTALLED" } });
  });
});
