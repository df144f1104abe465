// Shopify ids are 64-bit (design §7): a delivery whose ids are above 2^53, sent as JSON numbers
// with no admin_graphql_api_id beside them, is applied under the exact ids it carries — orders,
// customers, line items, products, variants, refunds and the compliance topics' id lists.
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { installShop } from "../factories/shop";
import {
  lineIdFor,
  orderPayload,
  refundPayload,
  type OrderSpec,
} from "../factories/webhook-payloads";
import { deliver } from "../support/webhooks";

const shop = "webhook-ids.myshopify.com";

// Small stand-ins in the factories' payloads, replaced in the JSON text by 64-bit ids that a
// double cannot hold (each one would come out of JSON.parse with other digits).
const order: OrderSpec = {
  id: 9101,
  customer: { id: 5101 },
  lines: [{ price: 4000, productId: 7101 }, { price: 3000 }],
};
const BIG: Record<number, string> = {
  9101: "820982911946154508",
  5101: "115310627314723954",
  [lineIdFor(order, 0)]: "487817672276298554",
  [lineIdFor(order, 1)]: "789012345678901234",
  7101: "788032119674292922",
  71010: "49148385165389911",
  61: "890088186047892319",
};

/** The payload's JSON with the stand-ins written as big numbers and every gid removed. */
function withBigIds(payload: unknown): string {
  const text = JSON.stringify(payload, (key, value: unknown) =>
    key === "admin_graphql_api_id"
      ? undefined
      : typeof value === "number" && BIG[value]
        ? `@@${BIG[value]}@@`
        : value,
  );
  return text.replace(/"@@(\d+)@@"/g, "$1");
}

const member = (shopifyCustomerId: string) =>
  getDb().customer.findUnique({ where: { shop_shopifyCustomerId: { shop, shopifyCustomerId } } });

beforeEach(() => installShop(getDb(), shop));

describe("ids above 2^53", () => {
  it("orders and refunds are applied under their exact ids", async () => {
    const paid = await deliver("orders/paid", withBigIds(orderPayload(order)), { shop });
    expect(paid.status).toBe(200);
    expect((await member(BIG[5101]))?.balance).toBe(70);
    const stored = await getDb().order.findUniqueOrThrow({
      where: { shop_shopifyOrderId: { shop, shopifyOrderId: BIG[9101] } },
    });
    expect(
      (stored.lines as { lineId: string; productId: string; variantId: string }[]).map(
        ({ lineId, productId, variantId }) => [lineId, productId, variantId],
      ),
    ).toEqual([
      [BIG[lineIdFor(order, 0)], BIG[7101], BIG[71010]],
      [BIG[lineIdFor(order, 1)], "7001", "70010"],
    ]);

    // The refund names the order and the line only by their numbers: it must find both.
    const refund = withBigIds(
      refundPayload({
        id: 61,
        orderId: 9101,
        lines: [{ lineId: lineIdFor(order, 1), quantity: 1, subtotal: 3000 }],
      }),
    );
    expect((await deliver("refunds/create", refund, { shop })).status).toBe(200);
    expect((await member(BIG[5101]))?.balance).toBe(40);
    const refunds = await getDb().orderRefund.findMany({ where: { shop } });
    expect(refunds.map((row) => [row.shopifyRefundId, row.orderId])).toEqual([
      [BIG[61], stored.id],
    ]);
  });

  it("customers/redact and data_request find the customer by the exact id", async () => {
    await deliver("orders/paid", withBigIds(orderPayload(order)), { shop });
    const compliance = (topic: string, ordersKey: string) =>
      deliver(
        topic,
        withBigIds({
          shop_id: 1,
          shop_domain: shop,
          customer: { id: 5101, email: null, phone: null },
          [ordersKey]: [9101],
        }),
        { shop },
      );
    expect((await compliance("customers/data_request", "orders_requested")).status).toBe(200);
    const [exported] = await getDb().dataExport.findMany({ where: { shop } });
    expect(exported.shopifyCustomerId).toBe(BIG[5101]);
    expect(exported.customerId).toBe((await member(BIG[5101]))!.id);

    expect((await compliance("customers/redact", "orders_to_redact")).status).toBe(200);
    expect(await member(BIG[5101])).toBeNull();
  });
});

describe("fields Tally does not read never refuse a delivery", () => {
  it("accepts nulls Shopify sends and unread fields of any shape", async () => {
    const payload = orderPayload({ id: 9201, customer: { id: 5201 }, lines: [{ price: 2500 }] });
    const body = JSON.stringify({
      ...payload,
      email: null,
      location_id: "not-a-number",
      app_id: 18446744073709551615n.toString(),
      line_items: payload.line_items.map((line) => ({
        ...line,
        current_quantity: null,
        fulfillable_quantity: null,
        tax_lines: null,
      })),
      customer: { ...payload.customer, email: null, created_at: null, default_address: null },
    }).replace('"app_id":"18446744073709551615"', '"app_id":18446744073709551615');
    const response = await deliver("orders/paid", body, { shop });
    expect(response.status, await response.text()).toBe(200);
    expect((await member("5201"))?.balance).toBe(25);
  });

  it("accepts customer and compliance deliveries whatever their unread fields hold", async () => {
    const customer = { id: 5301, email: null, phone: null };
    const deliveries: [string, unknown][] = [
      ["customers/create", { ...customer, created_at: "yesterday", admin_graphql_api_id: null }],
      [
        "customers/data_request",
        { shop_domain: shop, customer, orders_requested: "all", data_request: { id: -1 } },
      ],
      ["customers/redact", { shop_domain: shop, customer, orders_to_redact: [null, "x"] }],
    ];
    for (const [topic, payload] of deliveries) {
      const response = await deliver(topic, payload, { shop });
      expect(response.status, `${topic}: ${await response.text()}`).toBe(200);
    }
  });

  it("still refuses a delivery whose fields Tally reads are wrong: kept as a dead letter, not applied", async () => {
    const payload = orderPayload({ id: 9202, customer: { id: 5202 }, lines: [{ price: 2500 }] });
    const body = JSON.stringify({
      ...payload,
      line_items: payload.line_items.map((line) => ({ ...line, quantity: "1" })),
    });
    const response = await deliver("orders/paid", body, { shop });
    // Authentic but unreadable: answered 200 so Shopify stops retrying, kept for the merchant (029).
    expect(response.status).toBe(200);
    expect(await getDb().order.count({ where: { shop } })).toBe(0);
    const [letter] = await getDb().deadLetter.findMany({ where: { shop } });
    expect(letter).toMatchObject({ topic: "orders/paid", status: "open", shopifyOrderId: "9202" });
    expect(letter.reasonMessage).toContain("quantity");
  });
});
