// Shopify's deliveries through the production server (scripts/serve.mjs) exactly as they arrive over
// HTTP. On SQLite the server admits them on its HTTP thread (signature, JSON, schema) and applies
// them in its webhook thread (docs/decisions/020, 023); bodies it does not hand over (no declared
// length, or one over the limit) stay on the main thread. Either way the answers and the ledger are
// those of the route itself.
import Database from "better-sqlite3";
import { randomUUID } from "node:crypto";
import { request as httpRequest } from "node:http";
import { resolve } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { DEMO_SECRET } from "../../scripts/demo/demo-env";
import { orderPayload } from "../factories/webhook-payloads";
import { webhookHeaders } from "../factories/webhook-request";
import {
  EXAMPLE_VERSIONS,
  exampleBody,
  expectedPoints,
  gidIn,
  paidCopy,
  type ExampleOrder,
} from "../support/shopify-examples";

const baseUrl = inject("e2eBaseUrl");
// A shop of its own (created by its first delivery), so the demo shop the browser tests count stays as seeded.
const shop = "tally-e2e-webhooks.myshopify.com";
const database = new Database(resolve("tmp/e2e/tally.sqlite"), { readonly: true });
afterAll(() => database.close());

const balanceOf = (customerId: number) =>
  (
    database
      .prepare(`SELECT balance FROM "Customer" WHERE shop = ? AND "shopifyCustomerId" = ?`)
      .get(shop, String(customerId)) as { balance: number } | undefined
  )?.balance;
const orderExists = (orderId: number) =>
  Boolean(
    database
      .prepare(`SELECT 1 FROM "Order" WHERE shop = ? AND "shopifyOrderId" = ?`)
      .get(shop, String(orderId)),
  );

async function post(
  body: string,
  headers: Record<string, string>,
  init: RequestInit = {},
  path = "/webhooks/orders/paid",
) {
  const response = await fetch(`${baseUrl}${path}`, {
    method: "POST",
    headers,
    body,
    ...init,
  });
  return { status: response.status, body: await response.json() };
}

describe("webhook deliveries through the production server", () => {
  const customer = { id: 880_001, email: "thread@example.com" };

  it("applies orders/create (decision 027) in the webhook thread: the unpaid order is known, credits nothing", async () => {
    const pendingCustomer = { id: 880_002, email: "created@example.com" };
    const body = JSON.stringify(
      orderPayload({
        id: 990_010,
        customer: pendingCustomer,
        lines: [{ price: 5_000 }],
        financialStatus: "pending",
      }),
    );
    const headers = webhookHeaders(body, { shop, topic: "orders/create", secret: DEMO_SECRET });
    expect(await post(body, headers, {}, "/webhooks/orders/create")).toEqual({
      status: 200,
      body: { ok: true, outcome: "order worth 0 points (+0)" },
    });
    expect(orderExists(990_010)).toBe(true);
    expect(balanceOf(pendingCustomer.id)).toBe(0);
  });

  it("credits a signed delivery once, however often it is delivered", async () => {
    const body = JSON.stringify(
      orderPayload({ id: 990_001, customer, lines: [{ price: 12_345 }] }),
    );
    const headers = webhookHeaders(body, { shop, topic: "orders/paid", secret: DEMO_SECRET });
    const first = await post(body, headers);
    expect(first).toEqual({
      status: 200,
      body: { ok: true, outcome: "order worth 123 points (+123)" },
    });
    expect(balanceOf(customer.id)).toBe(123);

    // The same delivery again (Shopify's retry), then the same order under a new delivery id.
    expect(await post(body, headers)).toEqual({
      status: 200,
      body: { ok: true, outcome: "duplicate" },
    });
    const again = await post(
      body,
      webhookHeaders(body, { shop, topic: "orders/paid", secret: DEMO_SECRET }),
    );
    expect(again).toEqual({
      status: 200,
      body: { ok: true, outcome: "order worth 123 points (+0)" },
    });
    expect(balanceOf(customer.id)).toBe(123);
  });

  it("refuses a forged signature with 401 and writes nothing", async () => {
    const body = JSON.stringify(orderPayload({ id: 990_002, customer, lines: [{ price: 5_000 }] }));
    const forged = await post(
      body,
      webhookHeaders(body, { shop, topic: "orders/paid", secret: "not-the-app-secret" }),
    );
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe("INVALID_HMAC");
    expect(orderExists(990_002)).toBe(false);
  });

  it("keeps signed deliveries it cannot apply as dead letters (stored by the webhook thread), answered 200", async () => {
    const kept = (code: string) => ({
      status: 200,
      body: {
        ok: true,
        outcome: `kept for attention: ${code}`,
        deadLetter: { code, message: expect.any(String) },
      },
    });
    const body = '{"id":';
    expect(
      await post(body, webhookHeaders(body, { shop, topic: "orders/paid", secret: DEMO_SECRET })),
    ).toEqual(kept("INVALID_JSON"));

    // Valid JSON that is not a valid order (a negative price), and an order sent to another topic's route.
    const order = orderPayload({ id: 990_004, customer, lines: [{ price: 1_000 }] });
    const valid = JSON.stringify(order);
    order.line_items[0].price_set.shop_money.amount = "-10.00";
    const negative = JSON.stringify(order);
    const rejected = await post(
      negative,
      webhookHeaders(negative, { shop, topic: "orders/paid", secret: DEMO_SECRET }),
    );
    expect(rejected).toEqual(kept("INVALID_PAYLOAD"));
    expect(rejected.body.deadLetter.message).toContain("must not be negative");
    const wrongTopic = await post(
      valid,
      webhookHeaders(valid, { shop, topic: "orders/cancelled", secret: DEMO_SECRET }),
    );
    expect(wrongTopic).toEqual(kept("WRONG_TOPIC"));
    expect(orderExists(990_004)).toBe(false);
    const letters = database
      .prepare(`SELECT "reasonCode", body FROM "DeadLetter" WHERE shop = ? ORDER BY "reasonCode"`)
      .all(shop) as { reasonCode: string; body: string }[];
    expect(letters).toEqual([
      { reasonCode: "INVALID_JSON", body: '{"id":' },
      { reasonCode: "INVALID_PAYLOAD", body: negative },
      { reasonCode: "WRONG_TOPIC", body: valid },
    ]);
  });

  it("refuses a declared length over the limit with 413 and answers a body sent without a length", async () => {
    // A raw request: fetch would not send a body shorter than its declared length.
    const oversized = await new Promise<number>((done, fail) => {
      const request = httpRequest(
        `${baseUrl}/webhooks/orders/paid`,
        {
          method: "POST",
          headers: {
            ...webhookHeaders("{}", { shop, topic: "orders/paid", secret: DEMO_SECRET }),
            "Content-Length": "5000000",
          },
        },
        (response) => {
          response.resume();
          done(response.statusCode ?? 0);
        },
      );
      request.on("error", fail);
      request.write("{}");
    });
    expect(oversized).toBe(413);

    const body = JSON.stringify(orderPayload({ id: 990_003, customer, lines: [{ price: 1_000 }] }));
    const stream = new ReadableStream<Uint8Array>({
      start: (controller) => (
        controller.enqueue(new TextEncoder().encode(body)),
        controller.close()
      ),
    });
    const chunked = await post(
      "",
      webhookHeaders(body, {
        shop,
        topic: "orders/paid",
        secret: DEMO_SECRET,
        webhookId: randomUUID(),
      }),
      { body: stream, duplex: "half" } as RequestInit,
    );
    expect(chunked).toEqual({
      status: 200,
      body: { ok: true, outcome: "order worth 10 points (+10)" },
    });
    expect(balanceOf(customer.id)).toBe(133);
  });
});

// Shopify's own example payloads (ids above 2^53) admitted on the HTTP thread and applied on the
// writer thread; tests/integration/shopify-example-payloads.test.ts covers every topic in depth. They
// go to this file's shop, which exists by now: a shop created by a delivery can race the background
// jobs' writes (reported with decision 028), which is not what these tests are about.
describe("Shopify's example payloads through the production server", () => {
  const send = async (topic: string, body: string, version: string) => {
    const response = await fetch(`${baseUrl}/webhooks/${topic}`, {
      method: "POST",
      headers: webhookHeaders(body, { shop, topic, secret: DEMO_SECRET, apiVersion: version }),
      body,
    });
    return { status: response.status, body: await response.text() };
  };
  const balanceIn = (shopifyCustomerId: string) =>
    (
      database
        .prepare(`SELECT balance FROM "Customer" WHERE shop = ? AND "shopifyCustomerId" = ?`)
        .get(shop, shopifyCustomerId) as { balance: number } | undefined
    )?.balance ?? 0;
  const cancelled = (shopifyOrderId: string) =>
    (
      database
        .prepare(`SELECT cancelled FROM "Order" WHERE shop = ? AND "shopifyOrderId" = ?`)
        .get(shop, shopifyOrderId) as { cancelled: number } | undefined
    )?.cancelled;

  it.each([
    ["orders/paid", "1"],
    ["orders/updated", "2"],
  ])("%s: the example, paid, credits its customer", async (topic, suffix) => {
    const version = EXAMPLE_VERSIONS.at(-1)!;
    const body = exampleBody(version, topic);
    const orderId = gidIn(body, "Order");
    // An order of its own per topic (the examples share one order id), still above 2^53.
    const paid = paidCopy(body).replace(
      `"gid://shopify/Order/${orderId}"`,
      `"gid://shopify/Order/${orderId}${suffix}"`,
    );
    const customerId = gidIn(body, "Customer");
    const before = balanceIn(customerId);
    expect(await send(topic, paid, version)).toMatchObject({ status: 200 });
    expect(balanceIn(customerId) - before).toBe(expectedPoints(JSON.parse(body) as ExampleOrder));
  });

  it.each(["orders/paid", "orders/updated", "orders/cancelled", "refunds/create"])(
    "%s: every API version's example is acknowledged",
    async (topic) => {
      for (const version of EXAMPLE_VERSIONS) {
        const body = exampleBody(version, topic);
        expect(await send(topic, body, version), version).toMatchObject({ status: 200 });
        if (topic !== "refunds/create") expect(cancelled(gidIn(body, "Order")), version).toBe(1);
      }
    },
  );
});
