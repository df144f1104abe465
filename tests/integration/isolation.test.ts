// Tenant isolation: shop A's webhooks and shopper tokens can never read or change shop B's data, and
// customer A's token never customer B's — even when both shops use the same Shopify customer and
// order ids (ids are unique per shop, not globally). Each check snapshots everything stored for the
// other tenant (tests/support/isolation.ts) before and after. The shopper-api tests cover the basic
// cross-shop balance and release cases; these add whole-tenant snapshots and the webhook side.
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { installShop } from "../factories/shop";
import { customerPayload, orderPayload, refundPayload } from "../factories/webhook-payloads";
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
  await deliver("orders/paid", orderPayload({ ...order, customer: { id: customer, email: "a-customer@shop-a.example" } }), { shop: shopA });
  await deliver("orders/paid", orderPayload({ ...order, customer: { id: customer, email: "b-customer@shop-b.example", firstName: "Beatrix" } }), { shop: shopB });
  const rewardId = (await getDb().reward.findFirstOrThrow({ where: { shop: shopB } })).id;
  const issued = await (await redeem(await shopperToken({ shop: shopB, customerId: customer }), rewardId, "shop-b-redemption-key")).json();
  b = { rewardId, redemptionId: issued.redemptionId, code: issued.code, email: "b-customer@shop-b.example" };
});

describe("shop A's webhooks never touch shop B", () => {
  it("orders, refunds and cancellations with the same order and customer ids", async () => {
    await expectShopUntouched(shopB, async () => {
      await deliver("orders/updated", orderPayload({ ...order, customer: { id: customer }, lines: [{ price: 120000 }], updatedAt: "2026-06-01T13:00:00-04:00" }), { shop: shopA });
      await deliver("refunds/create", refundPayload({ id: 1, orderId: order.id, lines: [{ lineId: 50001, quantity: 1, subtotal: 90000 }] }), { shop: shopA });
      await deliver("orders/cancelled", orderPayload({ ...order, customer: { id: customer }, cancelledAt: "2026-06-03T00:00:00Z", updatedAt: "2026-06-03T00:00:00Z" }), { shop: shopA });
      await deliver("customers/create", customerPayload({ id: otherCustomer }), { shop: shopA });
    });
    // Shop A's own order did change (the deliveries were applied, just not to B).
    const aCustomer = await getDb().customer.findUniqueOrThrow({ where: { shop_shopifyCustomerId: { shop: shopA, shopifyCustomerId: String(customer) } } });
    expect(aCustomer.balance).toBe(0);
  });

  it("an order in shop A carrying shop B's reward code does not mark B's redemption used", async () => {
    await expectShopUntouched(shopB, () =>
      deliver("orders/paid", { ...orderPayload({ id: 501, customer: { id: customer }, lines: [{ price: 1000 }] }), discount_codes: [{ code: b.code, amount: "5.00", type: "fixed_amount" }] }, { shop: shopA }),
    );
    expect((await getDb().redemption.findUniqueOrThrow({ where: { id: b.redemptionId } })).status).toBe("issued");
  });

  it("compliance topics for shop A act on shop A only, whatever the payload's shop_domain says", async () => {
    await expectShopUntouched(shopB, async () => {
      await deliver("customers/data_request", { shop_id: 1, shop_domain: shopB, customer: { id: customer, email: b.email, phone: null }, orders_requested: [order.id], data_request: { id: 9 } }, { shop: shopA });
      await deliver("customers/redact", { shop_id: 1, shop_domain: shopB, customer: { id: customer, email: b.email, phone: null }, orders_to_redact: [order.id] }, { shop: shopA });
      await deliver("app/uninstalled", { id: 1, domain: shopB }, { shop: shopA });
      await deliver("shop/redact", { shop_id: 1, shop_domain: shopB }, { shop: shopA });
    });
    // Shop A itself was erased (header shop), shop B not (payload shop_domain ignored).
    expect(await getDb().customer.count({ where: { shop: shopA } })).toBe(0);
  });

  it("a data request in shop A exports shop A's customer, never shop B's", async () => {
    await deliver("customers/data_request", { shop_id: 1, shop_domain: shopA, customer: { id: customer, email: null, phone: null }, orders_requested: [order.id], data_request: { id: 9 } }, { shop: shopA });
    const exports = await getDb().dataExport.findMany({ where: { shop: shopA } });
    expect(exports).toHaveLength(1);
    const text = JSON.stringify(exports[0]);
    expect(text).toContain("a-customer@shop-a.example");
    for (const needle of [b.email, "Beatrix", b.code, b.redemptionId]) expect(text).not.toContain(needle);
  });
});

describe("shop A's shopper tokens never reach shop B", () => {
  it("reads only shop A's account for the same customer id", async () => {
    const response = await expectShopUntouched(shopB, async () => getLoyalty(await shopperToken({ shop: shopA, customerId: customer })));
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
    await deliver("orders/paid", orderPayload({ id: 502, customer: { id: otherCustomer }, lines: [{ price: 60000 }] }), { shop: shopB });
    const response = await redeem(await shopperToken({ shop: shopB, customerId: otherCustomer }), b.rewardId, "shop-b-redemption-key");
    expect(response.status).toBe(201);
    await expectNoLeak(response, [b.code, b.redemptionId]);
  });

  it("another customer's history, codes and balance stay out of the answer, and release is refused", async () => {
    const token = await shopperToken({ shop: shopB, customerId: otherCustomer });
    const customerRow = await getDb().customer.findUniqueOrThrow({ where: { shop_shopifyCustomerId: { shop: shopB, shopifyCustomerId: String(customer) } } });
    const before = await getDb().ledgerEntry.count({ where: { customerId: customerRow.id } });
    const answer = await getLoyalty(token);
    expect(await answer.clone().json()).toMatchObject({ balance: 0, history: [] });
    await expectNoLeak(answer, [b.email, b.code, b.redemptionId]);
    expect((await releaseRedemption(token, b.redemptionId)).status).toBe(404);
    expect(await getDb().ledgerEntry.count({ where: { customerId: customerRow.id } })).toBe(before);
    expect((await getDb().redemption.findUniqueOrThrow({ where: { id: b.redemptionId } })).status).toBe("issued");
  });
});
