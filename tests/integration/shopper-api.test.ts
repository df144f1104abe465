import { beforeEach, describe, expect, it } from "vitest";
import { getDb, getSql } from "~/db.server";
import { sweepExpiredRedemptions } from "~/services/redemption-release.server";
import { createFetchAdminClient } from "../../admin-api-standin/fetch-admin-client";
import { orderPayload } from "../factories/webhook-payloads";
import { adminApi } from "../support/admin-api";
import { changeProgram } from "../support/members";
import { shopperToken, surfaceToken } from "../support/session-tokens";
import {
  getLoyalty,
  preflight,
  redeem,
  releaseRedemption,
  shopperApiRequest,
} from "../support/shopper-api";
import { deliver } from "../support/webhooks";
import { balanceIn, firstRewardId, installWithTwoMembers } from "../support/shopper-shops";

const shop = "shopper-test.myshopify.com";
const otherShop = "other-shopper.myshopify.com";
const adminFor = async (domain: string) => createFetchAdminClient({ shop: domain });
const alice = 4101;
const bob = 4102;

const rewardId = (domain = shop) => firstRewardId(domain);
const balanceOf = (customerId: number, domain = shop) => balanceIn(domain, customerId);

beforeEach(() => installWithTwoMembers(shop, otherShop, alice, bob));

describe("GET /api/loyalty", () => {
  it("tells when the shopper's next points expire under the program's rule (issue 22 item 3)", async () => {
    await changeProgram(shop, { expiry: { mode: "after_inactivity", days: 180 } });
    const earned = await getDb().ledgerEntry.findFirstOrThrow({
      where: { shop, kind: "earn", customer: { shopifyCustomerId: String(bob) } },
    });
    const body = await (await getLoyalty(await shopperToken({ shop, customerId: bob }))).json();
    expect(body.expiring).toEqual({
      points: 320,
      at: new Date(earned.createdAt.getTime() + 180 * 86_400_000).toISOString(),
    });
  });

  it("answers the customer's balance, tier progress, rewards and history", async () => {
    const response = await getLoyalty(await shopperToken({ shop, customerId: alice }));
    expect(response.status).toBe(200);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(await response.json()).toEqual({
      balance: 1230,
      pending: 0,
      tier: { name: "Silver", multiplier: 1.25 },
      nextTier: { name: "Gold", threshold: 2500, remaining: 1270 },
      rewards: [{ id: await rewardId(), title: "5.00 off", cost: 500, affordable: true }],
      history: [
        {
          at: expect.any(String),
          points: 1230,
          kind: "earn",
          description: "Order #1",
          line: { key: "order", values: { order: "#1" } },
        },
      ],
      badges: [],
      leaderboard: { enabled: false, optedIn: false },
      waysToEarn: [
        {
          kind: "purchase",
          points: 1.25,
          spend: 1,
          currency: "USD",
          tierMultiplier: 1.25,
          tier: "Silver",
          minimumSubtotal: null,
        },
      ],
      birthday: null,
      referral: null,
      expiring: null,
    });
  });

  it("shows a customer who never ordered an empty, valid account", async () => {
    const body = await (await getLoyalty(await shopperToken({ shop, customerId: 999 }))).json();
    expect(body).toMatchObject({
      balance: 0,
      tier: { name: "Member" },
      nextTier: { name: "Silver", remaining: 1000 },
      history: [],
    });
  });

  it("asks a guest to log in instead of failing", async () => {
    const response = await getLoyalty(await shopperToken({ shop, customerId: null }));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: { code: "LOGIN_REQUIRED", message: "Log in to use your points." },
    });
  });

  it("refuses missing, forged, expired and wrong-audience tokens with 401", async () => {
    for (const token of [
      null,
      await shopperToken({ shop, customerId: alice, secret: "not-the-app-secret-at-all" }),
      await shopperToken({ shop, customerId: alice, expiresInSeconds: -120 }),
      await shopperToken({ shop, customerId: alice, audience: "another-app" }),
    ]) {
      const response = await getLoyalty(token);
      expect(response.status).toBe(401);
    }
  });

  it("takes the checkout's and the customer account's tokens, and refuses the admin's on every route", async () => {
    for (const surface of ["checkout", "customer-account"] as const) {
      const response = await getLoyalty(
        await surfaceToken(surface, shop, `gid://shopify/Customer/${alice}`),
      );
      expect(response.status).toBe(200);
      expect((await response.json()).balance).toBe(1230);
    }
    // A staff member's token is no shopper, signed with the same secret or not: not even a guest.
    const admin = await surfaceToken("admin", shop);
    const forged = await surfaceToken("admin", shop, `gid://shopify/Customer/${alice}`);
    for (const token of [admin, forged])
      for (const [route, method] of [
        ["loyalty", "GET"],
        ["redemptions", "POST"],
        ["order", "GET"],
        ["release", "POST"],
      ] as const) {
        const response = await shopperApiRequest(route, token, {
          method,
          id: "1",
          headers: { "Content-Type": "application/json", "Idempotency-Key": "k-admin-1" },
          body: JSON.stringify({ rewardId: await rewardId() }),
        });
        expect({ route, status: response.status }).toEqual({ route, status: 401 });
        expect((await response.json()).error.code).toBe("UNAUTHENTICATED");
      }
    expect(await balanceOf(alice)).toBe(1230);
  });

  it("answers the CORS preflight", async () => {
    const response = await preflight();
    expect(response.status).toBe(204);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
  });

  it("never shows one shop's points to a token of another shop", async () => {
    const body = await (
      await getLoyalty(await shopperToken({ shop: otherShop, customerId: alice }))
    ).json();
    expect(body).toMatchObject({ balance: 0, history: [] });
  });
});

describe("POST /api/loyalty/redemptions", () => {
  it("reserves the points and creates a single-use code limited to the customer", async () => {
    const response = await redeem(
      await shopperToken({ shop, customerId: alice }),
      await rewardId(),
      "key-alice-1",
    );
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body).toEqual({
      redemptionId: expect.any(String),
      code: expect.stringMatching(/^TALLY-[A-Z2-9]{12}$/),
      expiresAt: expect.any(String),
      balance: 730,
    });
    const discount = adminApi.state.shop(shop).discountByCode(body.code)!;
    expect(discount).toMatchObject({
      usageLimit: 1,
      customerIds: [`gid://shopify/Customer/${alice}`],
    });
    expect(new Date(body.expiresAt).getTime() - Date.now()).toBeGreaterThan(29 * 86_400_000);
    // How long the request waited on Shopify, readable by the extension (CORS) and by operators.
    expect(response.headers.get("Server-Timing")).toMatch(
      /^shopify;dur=\d+\.\d;desc="Shopify Admin API"$/,
    );
    expect(response.headers.get("Access-Control-Expose-Headers")).toContain("Server-Timing");
  });

  it("replays the first result for the same Idempotency-Key and refuses the key with another body", async () => {
    const token = await shopperToken({ shop, customerId: alice });
    const first = await (await redeem(token, await rewardId(), "key-alice-2")).json();
    const replay = await redeem(token, await rewardId(), "key-alice-2");
    expect(replay.status).toBe(200);
    // A replay never calls Shopify.
    expect(replay.headers.get("Server-Timing")).toBeNull();
    expect(await replay.json()).toEqual(first);
    expect(await balanceOf(alice)).toBe(730);
    const other = await redeem(token, "another-reward", "key-alice-2");
    expect(other.status).toBe(409);
    expect(await other.json()).toMatchObject({ error: { code: "IDEMPOTENCY_KEY_REUSED" } });
  });

  it("answers a retry racing its first request with the same result or 'in progress', never a second spend", async () => {
    const token = await shopperToken({ shop, customerId: bob });
    await deliver(
      "orders/paid",
      orderPayload({ id: 3, customer: { id: bob }, lines: [{ price: 18000 }] }),
      { shop },
    ); // Bob: 500 points
    const responses = await Promise.all([
      redeem(token, await rewardId(), "same-key-race"),
      redeem(token, await rewardId(), "same-key-race"),
    ]);
    const bodies = await Promise.all(responses.map((response) => response.json()));
    expect(responses.map((response) => response.status).sort()).toEqual(
      expect.arrayContaining([201]),
    );
    for (const [index, response] of responses.entries()) {
      if (response.status === 409)
        expect(bodies[index]).toMatchObject({ error: { code: "REDEMPTION_IN_PROGRESS" } });
      else expect(bodies[index].code).toBe(bodies.find((body) => body.code)?.code);
    }
    expect(await balanceOf(bob)).toBe(0);
  });

  it("refuses a reward the customer cannot afford with 409 INSUFFICIENT_POINTS", async () => {
    const response = await redeem(await shopperToken({ shop, customerId: bob }), await rewardId());
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ error: { code: "INSUFFICIENT_POINTS" } });
    expect(await balanceOf(bob)).toBe(320);
  });

  it("spends at most what the balance covers under concurrent requests", async () => {
    const token = await shopperToken({ shop, customerId: alice });
    const reward = await rewardId();
    const responses = await Promise.all(Array.from({ length: 6 }, () => redeem(token, reward)));
    expect(responses.map((response) => response.status).sort()).toEqual([
      201, 201, 409, 409, 409, 409,
    ]);
    expect(await balanceOf(alice)).toBe(230);
  });

  it("gives the points back when Shopify refuses to create the code", async () => {
    adminApi.failNext("DiscountCodeBasicCreate", "HTTP_500");
    const response = await redeem(
      await shopperToken({ shop, customerId: alice }),
      await rewardId(),
    );
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ error: { code: "SHOPIFY_UNAVAILABLE" } });
    expect(await balanceOf(alice)).toBe(1230);
    const entries = await getDb().ledgerEntry.findMany({
      where: { kind: { in: ["redeem", "release"] } },
      orderBy: { createdAt: "asc" },
    });
    expect(entries.map((entry) => [entry.kind, entry.points])).toEqual([
      ["redeem", -500],
      ["release", 500],
    ]);
  });

  it("cannot spend another shop's points or redeem another shop's reward", async () => {
    const response = await redeem(
      await shopperToken({ shop: otherShop, customerId: alice }),
      await rewardId(shop),
    );
    expect(response.status).toBe(409);
    expect(await balanceOf(alice)).toBe(1230);
  });

  it("validates the request", async () => {
    const token = await shopperToken({ shop, customerId: alice });
    expect((await redeem(token, await rewardId(), null)).status).toBe(422);
    expect((await redeem(token, await rewardId(), "x")).status).toBe(422);
  });
});

describe("after the code is issued", () => {
  async function issued(customerId = alice) {
    return (
      await redeem(await shopperToken({ shop, customerId }), await rewardId())
    ).json() as Promise<{ redemptionId: string; code: string }>;
  }

  it("marks the redemption used when a paid order carries the code, and returns the points if that order is cancelled", async () => {
    const { redemptionId, code } = await issued();
    const order = { id: 77, customer: { id: alice }, lines: [{ price: 1000 }] };
    await deliver(
      "orders/paid",
      { ...orderPayload(order), discount_codes: [{ code, amount: "5.00", type: "fixed_amount" }] },
      { shop },
    );
    expect(
      (await getDb().redemption.findUniqueOrThrow({ where: { id: redemptionId } })).status,
    ).toBe("used");
    // 10.00 at Silver (×1.25) earns 12 on top of the 730 left after redeeming.
    expect(await balanceOf(alice)).toBe(730 + 12);
    await deliver(
      "orders/cancelled",
      {
        ...orderPayload({
          ...order,
          cancelledAt: "2026-06-02T00:00:00Z",
          updatedAt: "2026-06-02T00:00:00Z",
        }),
        discount_codes: [{ code }],
      },
      { shop },
    );
    expect(
      (await getDb().redemption.findUniqueOrThrow({ where: { id: redemptionId } })).status,
    ).toBe("refunded");
    expect(await balanceOf(alice)).toBe(1230);
  });

  it("releases codes that expired unused, once, even when the sweep runs twice at once", async () => {
    const { redemptionId } = await issued();
    const later = new Date(Date.now() + 31 * 86_400_000);
    const sweeps = await Promise.all([
      sweepExpiredRedemptions(getSql(), adminFor, later),
      sweepExpiredRedemptions(getSql(), adminFor, later),
    ]);
    expect(sweeps.reduce((sum, sweep) => sum + sweep.released, 0)).toBe(1);
    expect(
      (await getDb().redemption.findUniqueOrThrow({ where: { id: redemptionId } })).status,
    ).toBe("expired");
    expect(await balanceOf(alice)).toBe(1230);
  });

  it("lets the checkout give back a code it could not apply: deactivated first, then the points return", async () => {
    const { redemptionId, code } = await issued();
    const response = await releaseRedemption(
      await shopperToken({ shop, customerId: alice }),
      redemptionId,
    );
    expect(await response.json()).toEqual({ released: true, balance: 1230 });
    // Deactivating ends the code now: Shopify reports it expired.
    expect(
      new Date(adminApi.state.shop(shop).discountByCode(code)!.endsAt!).getTime(),
    ).toBeLessThanOrEqual(Date.now());
    expect(
      (await releaseRedemption(await shopperToken({ shop, customerId: alice }), redemptionId))
        .status,
    ).toBe(409);
  });

  it("does not let customer B release customer A's redemption", async () => {
    const { redemptionId } = await issued();
    const response = await releaseRedemption(
      await shopperToken({ shop, customerId: bob }),
      redemptionId,
    );
    expect(response.status).toBe(404);
    expect(await balanceOf(alice)).toBe(730);
  });
});
