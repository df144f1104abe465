// Hostile input on every webhook route: validly signed deliveries of garbage or mutated payloads,
// malformed headers, wrong methods, oversized bodies. A signed delivery is either applied (the ledger
// still verifies) or kept as a dead letter (200, nothing else written; decision 029); an unsigned or
// malformed request is refused with a 4xx JSON error that wrote nothing — never a 5xx, which Shopify
// would retry for hours.
import fc from "fast-check";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { getDb } from "~/db.server";
import * as schemas from "~/shopify/webhooks/payloads";
import { installShop } from "../factories/shop";
import { customerPayload, orderPayload, refundPayload } from "../factories/webhook-payloads";
import { webhookHeaders } from "../factories/webhook-request";
import {
  databaseFingerprint,
  expectClientError,
  expectLedgerConsistent,
  fuzzEndpoint,
} from "../support/fuzz";
import { hostileBody } from "../support/fuzz-arbitraries";
import { deliver, deliverRequest, expectKeptAsDeadLetter, type Topic } from "../support/webhooks";
import { TEST_API_SECRET, TEST_APP_URL } from "../setup/test-env";

const shop = "fuzz-webhooks.myshopify.com";
const member = { id: 9100, email: "member@example.com" };

// A valid payload per topic: the mutations start from these.
const valid: Record<Topic, unknown> = {
  "orders/create": {
    ...orderPayload({
      id: 504,
      customer: member,
      lines: [{ price: 2500 }],
      financialStatus: "pending",
    }),
    discount_codes: [{ code: "TALLY-FUZZ", amount: "5.00", type: "fixed_amount" }],
  },
  "orders/paid": orderPayload({
    id: 501,
    customer: member,
    lines: [
      { price: 4500, quantity: 2, discount: 500 },
      { price: 2000, giftCard: true },
    ],
  }),
  "orders/updated": orderPayload({
    id: 502,
    customer: member,
    lines: [{ price: 3000 }],
    refunds: [{ id: 61, orderId: 502, lines: [{ lineId: 50201, quantity: 1, subtotal: 3000 }] }],
  }),
  "orders/cancelled": orderPayload({
    id: 503,
    customer: member,
    lines: [{ price: 3000 }],
    cancelledAt: "2026-06-02T00:00:00Z",
  }),
  "refunds/create": refundPayload({
    id: 71,
    orderId: 900,
    lines: [{ lineId: 90001, quantity: 1, subtotal: 1000 }],
  }),
  "customers/create": customerPayload({ id: 9200 }),
  "app/uninstalled": { id: 1, domain: shop },
  "customers/data_request": {
    shop_id: 1,
    shop_domain: shop,
    orders_requested: [900],
    customer: { id: member.id, email: member.email, phone: null },
    data_request: { id: 1 },
  },
  "customers/redact": {
    shop_id: 1,
    shop_domain: shop,
    customer: { id: member.id, email: member.email, phone: null },
    orders_to_redact: [900],
  },
  "shop/redact": { shop_id: 1, shop_domain: shop },
};

// The fields Tally reads (unknown keys stripped by the payload schemas): the mutations aim there.
const readFields: Record<Topic, z.ZodType> = {
  "orders/create": schemas.orderPayload,
  "orders/paid": schemas.orderPayload,
  "orders/updated": schemas.orderPayload,
  "orders/cancelled": schemas.orderPayload,
  "refunds/create": schemas.refundPayload,
  "customers/create": schemas.customerPayload,
  "app/uninstalled": z.unknown(),
  "customers/data_request": schemas.customersDataRequestPayload,
  "customers/redact": schemas.customersRedactPayload,
  "shop/redact": schemas.shopRedactPayload,
};

const topics = Object.keys(valid) as Topic[];

function signed(
  topic: Topic,
  body: string,
  headers: Partial<Record<string, string>> = {},
  method = "POST",
): Request {
  const all = { ...webhookHeaders(body, { topic, shop, secret: TEST_API_SECRET }), ...headers };
  return new Request(`${TEST_APP_URL}/webhooks/${topic}`, {
    method,
    headers: Object.fromEntries(
      Object.entries(all).filter(([, value]) => value !== undefined),
    ) as Record<string, string>,
    body: method === "GET" ? undefined : body,
  });
}

beforeEach(async () => {
  // Refused payloads are logged as warnings by design; hundreds of them would drown the output.
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
  await installShop(getDb(), shop);
  // Data for the payloads to hit: a member with points and an order the refunds can refer to.
  await deliver(
    "orders/paid",
    orderPayload({ id: 900, customer: member, lines: [{ price: 12000 }] }),
    { shop },
  );
});

describe("signed deliveries of hostile payloads", () => {
  // shop/redact is last: an accepted one erases the shop, which the other topics' cases do not need.
  for (const topic of topics) {
    it(`${topic}: applied with a consistent ledger, or kept as a dead letter that wrote nothing else`, async () => {
      let before = "";
      let kept = 0;
      let applied = 0;
      const withoutLetters = () => databaseFingerprint({ except: ["DeadLetter"] });
      await fuzzEndpoint({
        inputs: hostileBody(valid[topic], readFields[topic].parse(valid[topic])),
        send: async (body) => {
          before = await withoutLetters();
          return deliverRequest(topic, signed(topic, body));
        },
        afterAccepted: async (_input, response) => {
          const answer = (await response.clone().json()) as { deadLetter?: unknown };
          if (!answer.deadLetter) {
            applied++;
            return expectLedgerConsistent([shop]);
          }
          kept++;
          await expectKeptAsDeadLetter(response, topic);
          expect(await withoutLetters(), "a kept delivery applied nothing").toBe(before);
        },
        numRuns: 25,
        // Both paths are exercised whatever the generator draws (app/uninstalled accepts almost any
        // JSON, so a random draw alone may refuse nothing): a truncated document, then the valid one.
        examples: ['{"id":', JSON.stringify(valid[topic])],
      });
      expect(kept, "some inputs were kept as dead letters").toBeGreaterThan(0);
      expect(applied, "some inputs were applied").toBeGreaterThan(0);
    });
  }
});

describe("malformed deliveries", () => {
  it("refuses bad or missing headers and forged signatures before reading the payload", async () => {
    const body = JSON.stringify(valid["orders/paid"]);
    await fc.assert(
      fc.asyncProperty(
        fc
          .record(
            {
              // A signed delivery with a wrong topic is authentic: kept (the test below).
              "X-Shopify-Topic": fc.constantFrom(undefined, ""),
              "X-Shopify-Shop-Domain": fc.constantFrom(undefined, ""),
              "X-Shopify-Webhook-Id": fc.constantFrom(undefined, ""),
              "X-Shopify-API-Version": fc.constantFrom(undefined, ""),
              "X-Shopify-Hmac-Sha256": fc.constantFrom(
                undefined,
                "",
                "AAAA",
                "x".repeat(44),
                "not base64 at all!",
              ),
            },
            { requiredKeys: [] },
          )
          .filter((headers) => Object.keys(headers).length > 0),
        async (headers) => {
          const before = await databaseFingerprint();
          const response = await deliverRequest(
            "orders/paid",
            signed("orders/paid", body, headers),
          );
          await expectClientError(response, JSON.stringify(headers));
          expect(await databaseFingerprint()).toBe(before);
        },
      ),
      { numRuns: 30 },
    );
  });

  it("answers wrong methods with 405 JSON", async () => {
    for (const method of ["PUT", "PATCH", "DELETE"]) {
      const response = await deliverRequest("orders/paid", signed("orders/paid", "{}", {}, method));
      expect(response.status).toBe(405);
      await expectClientError(response, method);
    }
  });

  it("refuses an oversized body with 413 before buffering it whole", async () => {
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(32);
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const request = new Request(`${TEST_APP_URL}/webhooks/orders/paid`, {
      method: "POST",
      headers: webhookHeaders("x", { topic: "orders/paid", shop, secret: TEST_API_SECRET }),
      body: endless,
      duplex: "half",
    } as RequestInit);
    const response = await deliverRequest("orders/paid", request);
    expect(response.status).toBe(413);
    await expectClientError(response, "oversized");
    // The default limit is 1,000,000 bytes: reading stopped just past it.
    expect(pulled).toBeLessThan(1_200_000);
  });
});

// Cases the fuzzing found: each answered 500 before (a RangeError from the money parser, a PostgreSQL
// integer overflow, or a shop created from a malformed header), so Shopify would have retried them for hours.
describe("regressions found by fuzzing", () => {
  function orderWith(change: (payload: ReturnType<typeof orderPayload>) => void) {
    const payload = orderPayload({ id: 700, customer: { id: 9300 }, lines: [{ price: 1000 }] });
    change(payload);
    return payload;
  }
  const setPrice =
    (amount: string, quantity = 1) =>
    (payload: ReturnType<typeof orderPayload>) => {
      payload.line_items[0].price_set.shop_money.amount = amount;
      payload.line_items[0].quantity = quantity;
      payload.line_items[0].current_quantity = quantity;
    };
  const cases: [string, Topic, unknown, string?][] = [
    [
      "a price with more decimals than the currency has",
      "orders/paid",
      orderWith(setPrice("12.345")),
    ],
    [
      "a price too large to handle exactly",
      "orders/paid",
      orderWith(setPrice("99999999999999999999.99")),
    ],
    [
      "a gross amount above what Tally stores (10,000,000,000,000.01)",
      "orders/paid",
      orderWith(setPrice("10000000000000.01")),
    ],
    [
      "price × quantity beyond exact integers",
      "orders/paid",
      orderWith(setPrice("99999999.99", 1_000_000)),
    ],
    ["a negative price", "orders/paid", orderWith(setPrice("-50.00"))],
    [
      "a currency code that is not ISO 4217, for a shop not seen before",
      "orders/paid",
      orderWith((payload) => (payload.total_price_set.shop_money.currency_code = "€€€")),
      "first-order.myshopify.com",
    ],
    [
      "lines in another currency than the order",
      "orders/paid",
      orderWith((payload) => (payload.line_items[0].price_set.shop_money.currency_code = "JPY")),
    ],
    // PostgreSQL refused the NUL character ("invalid byte sequence for encoding UTF8: 0x00").
    [
      "a customer name with a NUL character",
      "customers/create",
      { ...customerPayload({ id: 9302 }), last_name: "\u0000" },
    ],
    [
      "an order name with a NUL character",
      "orders/paid",
      orderWith((payload) => (payload.name = "#1\u0000")),
    ],
    // PostgreSQL has no year 0: "0000-01-01" was "date/time field value out of range" (a 500).
    [
      "an order updated in the year 0",
      "orders/cancelled",
      orderWith((payload) => (payload.updated_at = "0000-01-01T00:00:00Z")),
    ],
    [
      "an order placed before 1970",
      "orders/paid",
      orderWith((payload) => (payload.created_at = "1969-12-31T23:59:59Z")),
    ],
    // Prisma's query protocol refused a lone surrogate in the redaction's search for import errors (a 500).
    [
      "a phone number with a lone surrogate",
      "customers/redact",
      {
        shop_id: 1,
        shop_domain: shop,
        customer: { id: member.id, email: member.email, phone: "\ud800" },
        orders_to_redact: [900],
      },
    ],
    [
      "a customer name with a lone surrogate",
      "customers/create",
      { ...customerPayload({ id: 9303 }), first_name: "a\udc00b" },
    ],
    [
      "a refund subtotal with too many decimals",
      "refunds/create",
      (() => {
        const refund = refundPayload({
          id: 72,
          orderId: 900,
          lines: [{ lineId: 90001, quantity: 1, subtotal: 1000 }],
        });
        refund.refund_line_items[0].subtotal_set.shop_money.amount = "1.001";
        return refund;
      })(),
    ],
    [
      "a refund in a currency with more decimals than the shop's",
      "refunds/create",
      (() => {
        const refund = refundPayload({
          id: 73,
          orderId: 900,
          lines: [{ lineId: 90001, quantity: 1, subtotal: 1000 }],
        });
        Object.assign(refund.refund_line_items[0].subtotal_set.shop_money, {
          amount: "1.005",
          currency_code: "KWD",
        });
        return refund;
      })(),
    ],
  ];
  for (const [name, topic, payload, shopDomain] of cases) {
    it(`keeps ${name} as a dead letter and applies nothing`, async () => {
      const before = await databaseFingerprint({ except: ["DeadLetter"] });
      const response = await deliver(topic, payload, { shop: shopDomain ?? shop });
      const letter = await expectKeptAsDeadLetter(response, name);
      expect(letter).toMatchObject({ shop: shopDomain ?? shop, topic, status: "open" });
      expect(letter.body).toBe(JSON.stringify(payload));
      expect(await databaseFingerprint({ except: ["DeadLetter"] })).toBe(before);
    });
  }

  // Customer.lifetimeSpend was a PostgreSQL integer: the second order failed with "integer out of range" (a 500).
  it("counts a lifetime spend past 2^31 − 1 minor units: two orders of 15,000,000.00 are both applied", async () => {
    for (const id of [801, 802])
      expect(
        (
          await deliver(
            "orders/paid",
            orderPayload({ id, customer: { id: 9310 }, lines: [{ price: 1_500_000_000 }] }),
            { shop },
          )
        ).status,
      ).toBe(200);
    const member = await getDb().customer.findFirstOrThrow({
      where: { shop, shopifyCustomerId: "9310" },
    });
    expect(member.lifetimeSpend).toBe(3_000_000_000n);
    expect(member.orderCount).toBe(2);
    await expectLedgerConsistent([shop]);
  });

  it("refuses a shop domain that is not a myshopify.com domain (no shop is created)", async () => {
    const before = await databaseFingerprint();
    for (const domain of [
      "not a domain",
      "evil.example.com",
      "UPPER.myshopify.com",
      "x.myshopify.com.evil.com",
    ]) {
      const response = await deliver(
        "orders/paid",
        orderPayload({ id: 701, customer: { id: 9301 }, lines: [{ price: 1000 }] }),
        { shop: domain },
      );
      expect(response.status).toBe(400);
      expect((await expectClientError(response, domain)).code).toBe("INVALID_SHOP_DOMAIN");
    }
    expect(await databaseFingerprint()).toBe(before);
  });
});
