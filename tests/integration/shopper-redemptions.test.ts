// GET /api/loyalty/redemptions (issue 22 item 3): a shopper's claimed codes survive a reload. Their
// own only, in the token's shop, newest first, with code, status and expiry.
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { installShop } from "../factories/shop";
import { orderPayload } from "../factories/webhook-payloads";
import { shopperToken, surfaceToken } from "../support/session-tokens";
import { getRedemptions, redeem, releaseRedemption } from "../support/shopper-api";
import { deliver } from "../support/webhooks";

const shop = "redemption-list.myshopify.com";
const otherShop = "other-redemption-list.myshopify.com";
const alice = 4301;
const bob = 4302;
const token = (customerId: number | null, domain = shop) =>
  shopperToken({ shop: domain, customerId });

async function rewardId() {
  return (await getDb().reward.findFirstOrThrow({ where: { shop } })).id;
}

beforeEach(async () => {
  await installShop(getDb(), shop);
  await installShop(getDb(), otherShop);
  await deliver(
    "orders/paid",
    orderPayload({ id: 1, customer: { id: alice }, lines: [{ price: 300000 }] }),
    { shop },
  );
  await deliver(
    "orders/paid",
    orderPayload({ id: 2, customer: { id: bob }, lines: [{ price: 100000 }] }),
    { shop },
  );
});

describe("GET /api/loyalty/redemptions", () => {
  it("lists the shopper's codes newest first with status and expiry, as redeemed", async () => {
    const first = await (await redeem(await token(alice), await rewardId(), "list-key-1")).json();
    const second = await (await redeem(await token(alice), await rewardId(), "list-key-2")).json();
    expect(first.code).toMatch(/^TALLY-/);
    const response = await getRedemptions(await token(alice));
    expect(response.status).toBe(200);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const body = await response.json();
    expect(body.redemptions.map((r: { redemptionId: string }) => r.redemptionId)).toEqual([
      second.redemptionId,
      first.redemptionId,
    ]);
    const reward = await getDb().reward.findUniqueOrThrow({ where: { id: await rewardId() } });
    expect(body.redemptions[1]).toEqual({
      redemptionId: first.redemptionId,
      reward: reward.title,
      points: reward.cost,
      code: first.code,
      status: "active",
      expiresAt: first.expiresAt,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it("says a released code is returned and a code past its date is expired", async () => {
    const released = await (
      await redeem(await token(alice), await rewardId(), "list-key-3")
    ).json();
    expect((await releaseRedemption(await token(alice), released.redemptionId)).status).toBe(200);
    const kept = await (await redeem(await token(alice), await rewardId(), "list-key-4")).json();
    await getDb().redemption.update({
      where: { id: kept.redemptionId },
      data: { expiresAt: new Date(Date.now() - 60_000) },
    });
    const body = await (await getRedemptions(await token(alice))).json();
    expect(
      body.redemptions.map((r: { redemptionId: string; status: string }) => [
        r.redemptionId,
        r.status,
      ]),
    ).toEqual([
      [kept.redemptionId, "expired"],
      [released.redemptionId, "returned"],
    ]);
  });

  it("never lists another customer's or another shop's codes", async () => {
    await redeem(await token(alice), await rewardId(), "list-key-5");
    expect((await (await getRedemptions(await token(bob))).json()).redemptions).toEqual([]);
    expect(
      (await (await getRedemptions(await token(alice, otherShop))).json()).redemptions,
    ).toEqual([]);
    expect((await (await getRedemptions(await token(4399))).json()).redemptions).toEqual([]);
  });

  it("asks a guest to log in and refuses tokens that are not a shopper's", async () => {
    const guest = await getRedemptions(await token(null));
    expect(guest.status).toBe(401);
    expect((await guest.json()).error.code).toBe("LOGIN_REQUIRED");
    expect((await getRedemptions(null)).status).toBe(401);
    const forged = await shopperToken({
      shop,
      customerId: alice,
      secret: "not-the-app-secret-at-all",
    });
    expect((await getRedemptions(forged)).status).toBe(401);
    expect((await getRedemptions(await surfaceToken("admin", shop))).status).toBe(401);
  });
});
