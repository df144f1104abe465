// The storefront's App Proxy routes (decision 037): Shopify's signature, the signed
// logged_in_customer_id and the shop decide whose points are read or spent, nothing else.
import { beforeEach, describe, expect, it } from "vitest";
import { proxyGetLoyalty, proxyRedeem, signedProxyQuery } from "../support/app-proxy";
import { balanceIn, firstRewardId, installWithTwoMembers } from "../support/shopper-shops";

const shop = "proxy-test.myshopify.com";
const otherShop = "proxy-other.myshopify.com";
const alice = 5101;
const bob = 5102;

const rewardId = (domain = shop) => firstRewardId(domain);
const balanceOf = (customerId: number, domain = shop) => balanceIn(domain, customerId);

beforeEach(() => installWithTwoMembers(shop, otherShop, alice, bob));

describe("GET /apps/tally/loyalty (App Proxy)", () => {
  it("answers the signed customer's own balance, tier, rewards and ways to earn, never cached", async () => {
    const response = await proxyGetLoyalty({ shop, customerId: alice });
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    const body = await response.json();
    expect(body).toMatchObject({
      guest: false,
      balance: 1230,
      tier: { name: "Silver", multiplier: 1.25 },
      nextTier: { name: "Gold", remaining: 1270 },
      rewards: [{ title: "5.00 off", cost: 500, affordable: true }],
    });
    expect(body.waysToEarn[0]).toMatchObject({ kind: "purchase" });

    const bobs = await (await proxyGetLoyalty({ shop, customerId: bob })).json();
    expect(bobs).toMatchObject({ balance: 320, rewards: [{ affordable: false }] });
  });

  it("gives a guest (empty logged_in_customer_id) the cacheable guest view", async () => {
    const response = await proxyGetLoyalty({ shop, customerId: null });
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=300");
    expect(await response.json()).toEqual({ guest: true });
  });

  it("refuses a forged, re-targeted, stale or missing signature with 401", async () => {
    const forged = [
      signedProxyQuery({ shop, customerId: alice, secret: "not-the-app-secret" }),
      // Signed for Bob, then the customer id swapped for Alice's.
      signedProxyQuery({ shop, customerId: bob }).replace(
        `logged_in_customer_id=${bob}`,
        `logged_in_customer_id=${alice}`,
      ),
      signedProxyQuery({
        shop,
        customerId: alice,
        timestamp: Math.floor(Date.now() / 1000) - 3600,
      }),
      new URLSearchParams({ shop, logged_in_customer_id: String(alice) }).toString(),
      signedProxyQuery({ shop, customerId: alice, signature: "0".repeat(64) }),
    ];
    for (const query of forged) {
      const response = await proxyGetLoyalty(query);
      expect(response.status, query).toBe(401);
      expect((await response.json()).error.code).toBe("UNAUTHENTICATED");
    }
  });

  it("answers 401 for a shop that does not run Tally, and never shows another shop's member", async () => {
    const unknown = await proxyGetLoyalty({
      shop: "never-installed.myshopify.com",
      customerId: alice,
    });
    expect(unknown.status).toBe(401);
    // Alice has no points in the other shop: its proxy shows nothing of this shop's ledger.
    const elsewhere = await (await proxyGetLoyalty({ shop: otherShop, customerId: alice })).json();
    expect(elsewhere).toMatchObject({ guest: false, balance: 0 });
  });
});

describe("POST /apps/tally/redemptions (App Proxy)", () => {
  it("spends the signed customer's points once per Idempotency-Key and returns the code", async () => {
    const reward = await rewardId();
    const first = await proxyRedeem({ shop, customerId: alice }, reward, "storefront-key-1");
    expect(first.status).toBe(201);
    const created = await first.json();
    expect(created).toMatchObject({ balance: 730, code: expect.any(String) });
    const again = await proxyRedeem({ shop, customerId: alice }, reward, "storefront-key-1");
    expect(again.status).toBe(200);
    expect((await again.json()).redemptionId).toBe(created.redemptionId);
    expect(await balanceOf(alice)).toBe(730);
    expect(await balanceOf(bob)).toBe(320);
  });

  it("refuses guests, forgeries, other shops, missing keys and non-JSON bodies without spending", async () => {
    const reward = await rewardId();
    const guest = await proxyRedeem({ shop, customerId: null }, reward);
    expect(guest.status).toBe(401);
    expect((await guest.json()).error.code).toBe("LOGIN_REQUIRED");
    expect(
      (await proxyRedeem({ shop, customerId: alice, secret: "forged-secret" }, reward)).status,
    ).toBe(401);
    expect(
      (await proxyRedeem({ shop: "never-installed.myshopify.com", customerId: alice }, reward))
        .status,
    ).toBe(401);
    // A reward of this shop cannot be spent from the other shop's proxy.
    expect((await proxyRedeem({ shop: otherShop, customerId: alice }, reward)).status).toBe(409);
    expect((await proxyRedeem({ shop, customerId: alice }, reward, null)).status).toBe(422);
    expect(
      (await proxyRedeem({ shop, customerId: alice }, reward, "storefront-key-2", "text/plain"))
        .status,
    ).toBe(415);
    expect((await proxyRedeem({ shop, customerId: bob }, reward)).status).toBe(409);
    expect(await balanceOf(alice)).toBe(1230);
    expect(await balanceOf(bob)).toBe(320);
  });
});
