// Hostile input on the shopper API (GET /api/loyalty, POST /api/loyalty/redemptions, the release
// route, POST /api/loyalty/birthday): garbage bodies, bad Idempotency-Keys, wrong methods, hostile token claims signed with the
// real secret, oversized bodies. Never a 5xx; a refusal is a 4xx JSON error that wrote nothing; an
// accepted redemption keeps the ledger consistent and the balance at or above zero.
import fc from "fast-check";
import { SignJWT } from "jose";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "~/db.server";
import { installShop } from "../factories/shop";
import { orderPayload } from "../factories/webhook-payloads";
import { expectClientError, expectLedgerConsistent, fuzzEndpoint } from "../support/fuzz";
import { garbageBody, hostileBody, hostileValue } from "../support/fuzz-arbitraries";
import { shopperToken } from "../support/session-tokens";
import { parseBirthday } from "~/loyalty/birthday";
import { redeem, shopperApiRequest } from "../support/shopper-api";
import { deliver } from "../support/webhooks";
import { TEST_API_KEY, TEST_API_SECRET } from "../setup/test-env";

const shop = "fuzz-shopper.myshopify.com";
const alice = 5101;
let token: string;
let rewardId: string;

beforeEach(async () => {
  // Refused payloads are logged as warnings by design; hundreds of them would drown the output.
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
  await installShop(getDb(), shop);
  await deliver(
    "orders/paid",
    orderPayload({ id: 1, customer: { id: alice }, lines: [{ price: 123000 }] }),
    { shop },
  );
  token = await shopperToken({ shop, customerId: alice, expiresInSeconds: 600 });
  rewardId = (await getDb().reward.findFirstOrThrow({ where: { shop } })).id;
});

async function expectSolvent() {
  await expectLedgerConsistent([shop]);
  const negative = await getDb().customer.count({ where: { balance: { lt: 0 } } });
  expect(negative, "no balance below zero").toBe(0);
}

/** Header values a client can send: printable ASCII (fetch refuses the rest before it leaves). */
const headerValue = fc.oneof(
  fc.constantFrom(
    "",
    " ",
    "short",
    "has space in it",
    "a".repeat(129),
    "../../etc",
    "key;drop",
    "ключ-ключ-ключ".replace(/[^\x20-\x7e]/g, "?"),
    "0000000000000000000000000000000000000000",
  ),
  fc.string({
    unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
    maxLength: 200,
  }),
);

describe("POST /api/loyalty/redemptions", () => {
  it("accepts a valid request once per key and refuses garbage bodies and keys cleanly", async () => {
    const statuses: number[] = [];
    await fuzzEndpoint({
      inputs: fc.record({
        body: fc.oneof(hostileBody({ rewardId: "placeholder" }), fc.constant("valid")),
        key: fc.oneof(headerValue, fc.uuid()),
        contentType: fc.constantFrom(
          "application/json",
          "text/plain",
          "application/x-www-form-urlencoded",
          "multipart/form-data; boundary=x",
        ),
      }),
      send: ({ body, key, contentType }) =>
        shopperApiRequest("redemptions", token, {
          method: "POST",
          headers: { "Content-Type": contentType, "Idempotency-Key": key },
          body:
            body === "valid" ? JSON.stringify({ rewardId }) : body.replace("placeholder", rewardId),
        }),
      afterAccepted: expectSolvent,
      onStatus: (status) => statuses.push(status),
      numRuns: 60,
      // Both paths whatever the generator draws: a truncated body, then a valid request.
      examples: [
        { body: '{"rewardId":', key: crypto.randomUUID(), contentType: "application/json" },
        { body: "valid", key: crypto.randomUUID(), contentType: "application/json" },
      ],
    });
    expect(
      statuses.some((status) => status >= 400),
      "some inputs were refused",
    ).toBe(true);
    expect(
      statuses.some((status) => status === 201),
      "a valid request was applied",
    ).toBe(true);
  });

  it("answers methods other than POST with 405 JSON and writes nothing", async () => {
    for (const method of ["PUT", "PATCH", "DELETE"]) {
      const response = await shopperApiRequest("redemptions", token, {
        method,
        headers: { "Idempotency-Key": crypto.randomUUID() },
        body: JSON.stringify({ rewardId }),
      });
      expect(response.status).toBe(405);
      await expectClientError(response, method);
    }
    expect(await getDb().redemption.count()).toBe(0);
  });

  it("refuses an oversized body with 413 before buffering it whole", async () => {
    let pulled = 0;
    const chunk = new TextEncoder().encode(`{"rewardId":"${"x".repeat(64 * 1024)}`);
    const endless = new ReadableStream<Uint8Array>({
      pull: (controller) => {
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const response = await shopperApiRequest("redemptions", token, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Idempotency-Key": crypto.randomUUID() },
      body: endless,
    });
    expect(response.status).toBe(413);
    await expectClientError(response, "oversized");
    expect(pulled).toBeLessThan(1_000_000);
    // A declared length over the limit is refused without reading at all.
    const declared = await shopperApiRequest("redemptions", token, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "Idempotency-Key": crypto.randomUUID(),
        "Content-Length": "5000000",
      },
      body: "{}",
    });
    expect(declared.status).toBe(413);
  });

  it("still answers a valid request after the garbage (regression guard for the fuzz fixture)", async () => {
    expect((await redeem(token, rewardId)).status).toBe(201);
  });
});

describe("GET /api/loyalty and the release route", () => {
  it("answers other methods on /api/loyalty with 405 JSON", async () => {
    for (const method of ["POST", "PUT", "DELETE"]) {
      const response = await shopperApiRequest("loyalty", token, { method, body: "{}" });
      expect(response.status).toBe(405);
      await expectClientError(response, method);
    }
  });

  it("refuses hostile redemption ids and bodies on the release route without writing", async () => {
    await fuzzEndpoint({
      inputs: fc.record({
        // Ids a URL can carry (a lone surrogate cannot be put in a URL at all).
        id: fc
          .oneof(
            fc.string({ unit: "grapheme", maxLength: 80 }),
            fc.uuid(),
            hostileValue.map(String),
            fc.constantFrom("", "..", "%00", "%ED%A0%80", "' OR 1=1 --"),
          )
          .filter(
            (id) => !/[\ud800-\udfff]/.test(id.replace(/[\ud800-\udbff][\udc00-\udfff]/g, "")),
          ),
        body: garbageBody,
        method: fc.constantFrom("POST", "PUT", "DELETE", "PATCH"),
      }),
      send: ({ id, body, method }) =>
        shopperApiRequest("release", token, {
          method,
          id,
          body,
          headers: { "Content-Type": "application/json" },
        }),
      accepted: () => false,
      numRuns: 40,
    });
  });
});

describe("GET /api/loyalty/orders/:id", () => {
  it("answers hostile order ids with a clean 4xx and other methods with 405, never another customer's order", async () => {
    // Order 2 is bob's: a token for alice must not see it whatever the id looks like.
    await deliver(
      "orders/paid",
      orderPayload({ id: 2, customer: { id: alice + 1 }, lines: [{ price: 5000 }] }),
      { shop },
    );
    await fuzzEndpoint({
      inputs: fc.record({
        id: fc
          .oneof(
            fc.string({ unit: "grapheme", maxLength: 40 }),
            hostileValue.map(String),
            fc.bigInt({ min: -1n, max: 2n ** 64n }).map(String),
            fc.constantFrom(
              "1",
              "2",
              "01",
              "1e3",
              "0x1",
              " 1",
              "gid://shopify/Order/1",
              "%00",
              "1;DROP TABLE",
            ),
          )
          .filter(
            (id) => !/[\ud800-\udfff]/.test(id.replace(/[\ud800-\udbff][\udc00-\udfff]/g, "")),
          ),
        method: fc.constantFrom("GET", "GET", "POST", "DELETE"),
      }),
      send: ({ id, method }) =>
        shopperApiRequest("order", token, {
          method,
          id,
          body: method === "GET" ? undefined : "{}",
        }),
      // Only alice's own order 1 may answer, and only to GET.
      accepted: (status) => status === 200,
      afterAccepted: async ({ id, method }, response) => {
        expect([id, method]).toEqual(["1", "GET"]);
        expect(await response.clone().json()).toMatchObject({ orderId: "1", points: 1230 });
      },
      examples: [
        { id: "1", method: "GET" },
        { id: "2", method: "GET" },
        { id: "gid://shopify/Order/1", method: "GET" },
        { id: "1", method: "POST" },
      ],
      numRuns: 40,
    });
  });
});

describe("session tokens signed with the app secret but hostile claims", () => {
  async function signed(claims: Record<string, unknown>): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setIssuedAt(now - 1)
      .setNotBefore(now - 1)
      .setExpirationTime(now + 60)
      .sign(new TextEncoder().encode(TEST_API_SECRET));
  }

  it("never answers another customer's data, never 5xx", async () => {
    const claim = fc.oneof(
      hostileValue,
      fc.constantFrom(
        undefined,
        shop,
        `https://${shop}`,
        "https://",
        "javascript:alert(1)",
        "http://[::1",
        "gid://shopify/Customer/5101x",
        "gid://shopify/Customer/",
        "gid://shopify/Customer/05101",
        `gid://shopify/Customer/${alice}/../5102`,
      ),
    );
    await fuzzEndpoint({
      inputs: fc.record({
        dest: claim,
        sub: claim,
        aud: fc.oneof(fc.constant(TEST_API_KEY), claim),
      }),
      send: async (claims) =>
        shopperApiRequest(
          "loyalty",
          await signed(
            Object.fromEntries(Object.entries(claims).filter(([, value]) => value !== undefined)),
          ),
        ),
      // Only a well-formed token for alice at this shop may see her balance.
      afterAccepted: async (claims, response) => {
        const body = await response.clone().json();
        const isAlice =
          claims.sub === `gid://shopify/Customer/${alice}` &&
          (claims.dest === shop || claims.dest === `https://${shop}`);
        if (!isAlice)
          expect(body.balance, `claims ${JSON.stringify(claims)} saw alice's balance`).toBe(0);
      },
      numRuns: 60,
    });
  });
});

// Found by the fuzzing above: a correctly signed token whose `dest` is not a URL host (or is missing)
// made `new URL` throw — a 500 instead of a 401.
describe("regressions found by fuzzing", () => {
  // PostgreSQL refused the NUL character in the lookups ("invalid byte sequence for encoding UTF8: 0x00").
  it("refuses a reward id or a redemption id with a NUL character with a 4xx", async () => {
    const redeemed = await shopperApiRequest("redemptions", token, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Idempotency-Key": crypto.randomUUID() },
      body: JSON.stringify({ rewardId: "abc\u0000" }),
    });
    expect(redeemed.status).toBe(422);
    await expectClientError(redeemed, "reward id");
    const released = await shopperApiRequest("release", token, { method: "POST", id: "abc\u0000" });
    expect(released.status).toBe(404);
    await expectClientError(released, "redemption id");
    expect(await getDb().redemption.count()).toBe(0);
  });

  it("refuses a signed token whose dest names no shop with 401 JSON", async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const dest of ["javascript:alert(1)", "http://[::1", "https://", 42, undefined]) {
      const claims: Record<string, unknown> = {
        sub: `gid://shopify/Customer/${alice}`,
        ...(dest === undefined ? {} : { dest }),
      };
      const token = await new SignJWT(claims)
        .setProtectedHeader({ alg: "HS256", typ: "JWT" })
        .setAudience(TEST_API_KEY)
        .setIssuedAt(now - 1)
        .setExpirationTime(now + 60)
        .sign(new TextEncoder().encode(TEST_API_SECRET));
      const response = await shopperApiRequest("loyalty", token);
      expect(response.status, String(dest)).toBe(401);
      await expectClientError(response, String(dest));
    }
  });
});

describe("POST /api/loyalty/birthday", () => {
  /** Whatever was accepted, the stored birthday is absent or a real "MM-DD" day. */
  async function expectStoredBirthdayValid() {
    const { birthday } = await getDb().customer.findFirstOrThrow({ where: { shop } });
    if (birthday !== null) expect(parseBirthday(birthday), birthday).not.toBeNull();
  }

  it("stores only real days and refuses garbage bodies, methods and types cleanly", async () => {
    const statuses: number[] = [];
    await fuzzEndpoint({
      inputs: fc.record({
        body: fc.oneof(hostileBody({ month: 3, day: 14 }), fc.constant("valid")),
        method: fc.constantFrom("POST", "POST", "POST", "PUT", "DELETE"),
      }),
      send: ({ body, method }) =>
        shopperApiRequest("birthday", token, {
          method,
          headers: { "Content-Type": "application/json" },
          body: body === "valid" ? JSON.stringify({ month: 3, day: 14 }) : body,
        }),
      afterAccepted: expectStoredBirthdayValid,
      onStatus: (status) => statuses.push(status),
      numRuns: 60,
      examples: [
        { body: '{"month": 2, "day": 30}', method: "POST" },
        { body: "valid", method: "POST" },
      ],
    });
    expect(statuses).toContain(422);
    expect(statuses).toContain(200);
    await expectStoredBirthdayValid();
  });
});
