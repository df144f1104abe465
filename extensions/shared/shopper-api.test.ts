import { beforeEach, describe, expect, it, vi } from "vitest";
import { fakeShopperApi, json, networkDown } from "./testing/fake-shopper-api";
import { createShopperApi, newIdempotencyKey, orderPoints, ShopperApiError } from "./shopper-api";

const ORIGIN = "https://tally.example";
const overview = {
  balance: 700,
  pending: 0,
  tier: { name: "Member", multiplier: 1 },
  nextTier: null,
  rewards: [],
  history: [],
};
const redemption = {
  redemptionId: "r1",
  code: "TALLY-ABC",
  expiresAt: "2026-12-24T00:00:00Z",
  balance: 200,
};

let server: ReturnType<typeof fakeShopperApi>;
let tokens: number;
const api = () =>
  createShopperApi({ baseUrl: ORIGIN, sessionToken: { get: async () => `token-${++tokens}` } });

beforeEach(() => {
  server = fakeShopperApi(ORIGIN);
  vi.stubGlobal("fetch", server.fetch);
  tokens = 0;
});

describe("shopper API client", () => {
  it("asks for the session token on every call (the host caches and renews it) and sends it as Bearer", async () => {
    server.on("GET /api/loyalty", () => json(200, overview));
    const client = api();
    await client.overview();
    await client.overview();
    expect(server.requests.map((r) => r.headers.authorization)).toEqual([
      "Bearer token-1",
      "Bearer token-2",
    ]);
  });

  it("posts a redemption with the reward and the Idempotency-Key", async () => {
    server.on("POST /api/loyalty/redemptions", () => json(201, redemption));
    await expect(api().redeem("reward-5-off", "key-1")).resolves.toEqual(redemption);
    expect(server.requests[0]).toMatchObject({
      method: "POST",
      body: { rewardId: "reward-5-off" },
      headers: { "idempotency-key": "key-1", "content-type": "application/json" },
    });
  });

  it("retries a lost answer once with the same Idempotency-Key, so the server can dedupe", async () => {
    server.on("POST /api/loyalty/redemptions", networkDown, () => json(201, redemption));
    await expect(api().redeem("reward-5-off", "key-1")).resolves.toEqual(redemption);
    expect(server.requests.map((r) => r.headers["idempotency-key"])).toEqual(["key-1", "key-1"]);
  });

  it("retries a 5xx once, then reports it", async () => {
    server.on("POST /api/loyalty/redemptions", () => json(503, {}));
    await expect(api().redeem("r", "k")).rejects.toMatchObject({ code: "SERVER", status: 503 });
    expect(server.requests).toHaveLength(2);
  });

  it("does not retry a refusal and surfaces the API's error code", async () => {
    server.on("POST /api/loyalty/redemptions", () =>
      json(409, { error: { code: "INSUFFICIENT_POINTS", message: "balance 100 < cost 500" } }),
    );
    const error = await api()
      .redeem("r", "k")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShopperApiError);
    expect(error).toMatchObject({ code: "INSUFFICIENT_POINTS", status: 409 });
    expect(server.requests).toHaveLength(1);
  });

  it("reports a guest's 401 as LOGIN_REQUIRED and an unreachable server as NETWORK", async () => {
    server.on("GET /api/loyalty", () =>
      json(401, { error: { code: "LOGIN_REQUIRED", message: "no customer" } }),
    );
    await expect(api().overview()).rejects.toMatchObject({ code: "LOGIN_REQUIRED", status: 401 });
    server.on("GET /api/loyalty", networkDown);
    await expect(api().overview()).rejects.toMatchObject({ code: "NETWORK", status: 0 });
  });

  it("accepts a store-credit redemption, which has no code", async () => {
    server.on("POST /api/loyalty/redemptions", () => json(201, { ...redemption, code: null }));
    await expect(api().redeem("credit-10", "k")).resolves.toMatchObject({
      code: null,
      balance: 200,
    });
  });

  it("rejects a 200 that is not an overview rather than rendering undefined", async () => {
    server.on("GET /api/loyalty", () => json(200, { ok: true }));
    await expect(api().overview()).rejects.toMatchObject({ code: "BAD_RESPONSE" });
    server.on("GET /api/loyalty", () => new Response("<html>", { status: 200 }));
    await expect(api().overview()).rejects.toMatchObject({ code: "BAD_RESPONSE" });
  });

  it("releases a redemption by id", async () => {
    server.on("POST /api/loyalty/redemptions/r%2F1/release", () => json(200, { released: true }));
    await api().release("r/1");
    expect(server.requests[0]).toMatchObject({
      method: "POST",
      path: "/api/loyalty/redemptions/r%2F1/release",
    });
  });
});

describe("orderPoints", () => {
  const options = () => ({
    baseUrl: ORIGIN,
    sessionToken: { get: async () => `token-${++tokens}` },
  });
  const answer = {
    orderId: "820982911946154508",
    status: "credited",
    points: 68,
    availableAt: null,
    member: { balance: 1318, pending: 0, tier: "Silver", nextTier: "Gold", pointsToNextTier: 252 },
  };

  it("asks for the order by its numeric id, whichever gid checkout gives", async () => {
    server.on("GET /api/loyalty/orders/820982911946154508", () => json(200, answer));
    await expect(
      orderPoints(options(), "gid://shopify/OrderIdentity/820982911946154508"),
    ).resolves.toEqual(answer);
    await expect(orderPoints(options(), "gid://shopify/Order/820982911946154508")).resolves.toEqual(
      answer,
    );
    expect(server.requests.map((r) => r.headers.authorization)).toEqual([
      "Bearer token-1",
      "Bearer token-2",
    ]);
  });

  it("surfaces ORDER_NOT_FOUND (not credited yet), refuses an id without digits and a 200 that is not an order", async () => {
    server.on("GET /api/loyalty/orders/1", () =>
      json(404, { error: { code: "ORDER_NOT_FOUND", message: "not yet" } }),
    );
    await expect(orderPoints(options(), "gid://shopify/Order/1")).rejects.toMatchObject({
      code: "ORDER_NOT_FOUND",
      status: 404,
    });
    await expect(orderPoints(options(), "gid://shopify/Order/")).rejects.toMatchObject({
      code: "BAD_ORDER_ID",
    });
    server.on("GET /api/loyalty/orders/2", () => json(200, { status: "credited" }));
    await expect(orderPoints(options(), "gid://shopify/Order/2")).rejects.toMatchObject({
      code: "BAD_RESPONSE",
    });
    expect(server.requests).toHaveLength(2);
  });
});

describe("newIdempotencyKey", () => {
  it("is a v4 UUID, different every time, with or without crypto.randomUUID", () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(newIdempotencyKey()).toMatch(uuid);
    expect(newIdempotencyKey()).not.toBe(newIdempotencyKey());
    const original = globalThis.crypto;
    vi.stubGlobal("crypto", {
      getRandomValues: (bytes: Uint8Array) => original.getRandomValues(bytes),
    });
    expect(newIdempotencyKey()).toMatch(uuid);
  });
});

describe("network access (decision 038)", () => {
  it("sends the session token to the app's own origin only, never to another base URL", async () => {
    const foreign = fakeShopperApi("https://attacker.example");
    vi.stubGlobal("fetch", foreign.fetch);
    const token = vi.fn(async () => "token");
    const shopper = createShopperApi({
      baseUrl: "https://attacker.example",
      sessionToken: { get: token },
    });
    await expect(shopper.overview()).rejects.toMatchObject({ code: "FOREIGN_ORIGIN" });
    await expect(
      orderPoints(
        { baseUrl: "https://attacker.example", sessionToken: { get: token } },
        "gid://shopify/Order/1",
      ),
    ).rejects.toMatchObject({ code: "FOREIGN_ORIGIN" });
    expect(token).not.toHaveBeenCalled();
    expect(foreign.fetch).not.toHaveBeenCalled();
  });
});
