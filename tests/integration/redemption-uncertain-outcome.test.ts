// When Shopify's answer to "create this code" is lost, or the process dies between reserving the points and
// recording the code, nobody knows whether the code exists. These tests pin that the points are then given
// back only after the code is known not to work, and that store credit (which can't be looked up) is held
// for staff instead of being credited twice.
import { beforeEach, describe, expect, it } from "vitest";
import { getDb, getSql } from "~/db.server";
import type { Reward } from "~/loyalty/rewards";
import { appendLedgerEntry } from "~/models/ledger.server";
import { shopContext } from "~/models/program.server";
import { insertReservation } from "~/models/redemption.server";
import { createReward } from "~/models/reward.server";
import { redeemReward } from "~/services/redeem.server";
import { STALE_RESERVATION_MS, sweepStaleReservations } from "~/services/redemption-void.server";
import type { AdminGraphqlClient } from "~/shopify/admin-client.server";
import { issueReward } from "~/shopify/reward-codes.server";
import { createFetchAdminClient } from "../../admin-api-standin/fetch-admin-client";
import { installShop } from "../factories/shop";
import { orderPayload } from "../factories/webhook-payloads";
import { adminApi } from "../support/admin-api";
import { deliver } from "../support/webhooks";

const shop = "uncertain.myshopify.com";
const admin = createFetchAdminClient({ shop });
const adminFor = async (domain: string) => createFetchAdminClient({ shop: domain });
const fiveOff: Omit<Reward, "id"> = {
  kind: "fixed_amount",
  title: "5.00 off",
  value: 500,
  cost: 500,
  variantId: null,
  minimumSubtotal: null,
  tierNames: null,
  codeLifetimeDays: 30,
  combinesWith: { orderDiscounts: false, productDiscounts: true, shippingDiscounts: false },
  enabled: true,
};

async function member() {
  return getDb().customer.findFirstOrThrow({ where: { shop } });
}

const rewardIds = new Map<Omit<Reward, "id">, string>();

/** Redeems `reward` (created in the shop on first use) as the shop's one member. */
async function redeem(
  reward: Omit<Reward, "id">,
  options: { key?: string; now?: Date; adminOf?: () => Promise<AdminGraphqlClient> } = {},
) {
  if (!rewardIds.has(reward)) rewardIds.set(reward, await createReward(getDb(), shop, reward));
  const rewardId = rewardIds.get(reward)!;
  const customer = await member();
  return redeemReward(getSql(), options.adminOf ?? (async () => admin), {
    shop: (await shopContext(getSql(), shop))!,
    customerId: customer.id,
    shopifyCustomerId: customer.shopifyCustomerId,
    rewardId,
    idempotencyKey: options.key ?? crypto.randomUUID(),
    now: options.now ?? new Date(),
  });
}

const redemptions = () => getDb().redemption.findMany({ where: { shop } });
const discountEnded = (code: string, now = new Date()) =>
  new Date(adminApi.state.shop(shop).discountByCode(code)!.endsAt!).getTime() <= now.getTime();
const afterStale = (from = new Date()) => new Date(from.getTime() + STALE_RESERVATION_MS + 1000);

beforeEach(async () => {
  rewardIds.clear();
  await installShop(getDb(), shop);
  await deliver(
    "orders/paid",
    orderPayload({ id: 1, customer: { id: 61 }, lines: [{ price: 150000 }] }),
    { shop },
  );
});

describe("a lost answer to the code's creation", () => {
  it("deactivates the code Shopify did create, then gives the points back", async () => {
    adminApi.failNext("DiscountCodeBasicCreate", "LOST_RESPONSE");
    const outcome = await redeem(fiveOff);
    expect(outcome).toEqual({ ok: false, error: "SHOPIFY_UNAVAILABLE" });
    const [redemption] = await redemptions();
    expect(redemption).toMatchObject({ status: "failed" });
    expect(discountEnded(redemption.code!)).toBe(true);
    expect((await member()).balance).toBe(1500);
  });

  it("holds the points while Shopify can't be asked, answers a retry 'in progress', and the sweep settles it later", async () => {
    adminApi.failNext("DiscountCodeBasicCreate", "LOST_RESPONSE");
    adminApi.failNext("CodeDiscountNodeByCode", "HTTP_500");
    const key = crypto.randomUUID();
    expect(await redeem(fiveOff, { key })).toEqual({ ok: false, error: "SHOPIFY_UNAVAILABLE" });
    const [held] = await redemptions();
    expect(held.status).toBe("voiding");
    expect((await member()).balance).toBe(1000);
    expect(await redeem(fiveOff, { key })).toEqual({ ok: false, error: "REDEMPTION_IN_PROGRESS" });

    // Not yet stale: the sweep leaves a request that might still be running alone.
    expect(await sweepStaleReservations(getSql(), adminFor, new Date())).toEqual({
      released: 0,
      used: 0,
      unresolved: 0,
      deferred: 0,
    });
    const later = afterStale();
    const sweeps = await Promise.all([
      sweepStaleReservations(getSql(), adminFor, later),
      sweepStaleReservations(getSql(), adminFor, later),
    ]);
    expect(sweeps.reduce((sum, sweep) => sum + sweep.released, 0)).toBe(1);
    expect(discountEnded(held.code!, later)).toBe(true);
    expect((await member()).balance).toBe(1500);
    const entries = await getDb().ledgerEntry.findMany({
      where: { shop, kind: { in: ["redeem", "release"] } },
    });
    expect(entries.map((entry) => entry.points).sort()).toEqual([-500, 500]);
  });

  it("never leaves a code that works once the sweep has given the points back (a late answer)", async () => {
    const outcome = await redeem(fiveOff, {
      // The request stalls before reaching Shopify; meanwhile the sweep judges it dead.
      adminOf: async () => {
        await sweepStaleReservations(getSql(), adminFor, afterStale());
        return admin;
      },
    });
    expect(outcome).toEqual({ ok: false, error: "SHOPIFY_UNAVAILABLE" });
    const [redemption] = await redemptions();
    expect(redemption.status).toBe("failed");
    expect(discountEnded(redemption.code!)).toBe(true);
    expect((await member()).balance).toBe(1500);
  });
});

describe("a process that died between reserving and recording the code", () => {
  async function reserveThenDie(now: Date) {
    const customer = await member();
    const rewardId = await createReward(getDb(), shop, fiveOff);
    const id = crypto.randomUUID();
    const code = `TALLY-CRASHED${Math.floor(Math.random() * 1000)}`;
    await getSql().transaction(async (sql) => {
      await insertReservation(
        sql,
        {
          id,
          shop,
          customerId: customer.id,
          rewardId,
          points: 500,
          idempotencyKey: id,
          requestHash: "h",
          code,
          expiresAt: new Date(now.getTime() + 86_400_000),
        },
        now,
      );
      await appendLedgerEntry(
        sql,
        {
          shop,
          customerId: customer.id,
          kind: "redeem",
          points: -500,
          idempotencyKey: `redemption:${id}:reserve`,
        },
        now,
        { requireBalance: true },
      );
    });
    return code;
  }

  it("gives the points back when Shopify never got the code", async () => {
    const now = new Date();
    await reserveThenDie(now);
    expect((await member()).balance).toBe(1000);
    expect(await sweepStaleReservations(getSql(), adminFor, afterStale(now))).toEqual({
      released: 1,
      used: 0,
      unresolved: 0,
      deferred: 0,
    });
    expect((await member()).balance).toBe(1500);
  });

  it("deactivates the code first when Shopify did create it", async () => {
    const now = new Date();
    const code = await reserveThenDie(now);
    await issueReward(admin, {
      reward: { ...fiveOff, id: "r" },
      customerGid: "gid://shopify/Customer/61",
      code,
      currencyCode: "USD",
      currencyExponent: 2,
      now,
      expiresAt: new Date(now.getTime() + 86_400_000),
    });
    expect(discountEnded(code)).toBe(false);
    const later = afterStale(now);
    expect(await sweepStaleReservations(getSql(), adminFor, later)).toMatchObject({ released: 1 });
    expect(discountEnded(code, later)).toBe(true);
    expect((await member()).balance).toBe(1500);
  });
});

describe("a lost answer whose code was used all the same", () => {
  it("keeps the points spent when Shopify counts a use of the code (decision 027)", async () => {
    adminApi.failNext("DiscountCodeBasicCreate", "LOST_RESPONSE");
    adminApi.failNext("CodeDiscountNodeByCode", "HTTP_500");
    expect(await redeem(fiveOff)).toEqual({ ok: false, error: "SHOPIFY_UNAVAILABLE" });
    const [held] = await redemptions();
    expect(held.status).toBe("voiding");
    adminApi.state.shop(shop).discountByCode(held.code!)!.usageCount = 1;
    const later = afterStale();
    expect(await sweepStaleReservations(getSql(), adminFor, later)).toEqual({
      released: 0,
      used: 1,
      unresolved: 0,
      deferred: 0,
    });
    expect(discountEnded(held.code!, later)).toBe(true);
    expect((await redemptions())[0].status).toBe("used");
    expect((await member()).balance).toBe(1000);
  });
});

describe("store credit whose answer was lost", () => {
  it("keeps the points held and flags it for staff instead of risking a second credit", async () => {
    adminApi.failNext("StoreCreditAccountCredit", "LOST_RESPONSE");
    const credit: Omit<Reward, "id"> = { ...fiveOff, kind: "store_credit", title: "5.00 credit" };
    const key = crypto.randomUUID();
    expect(await redeem(credit, { key })).toEqual({ ok: false, error: "SHOPIFY_UNAVAILABLE" });
    const [redemption] = await redemptions();
    expect(redemption).toMatchObject({ status: "unresolved", code: null });
    expect(redemption.failure).toMatch(/store credit/);
    expect((await member()).balance).toBe(1000);
    expect(await redeem(credit, { key })).toEqual({ ok: false, error: "SHOPIFY_UNAVAILABLE" });
    expect(await sweepStaleReservations(getSql(), adminFor, afterStale())).toEqual({
      released: 0,
      used: 0,
      unresolved: 0,
      deferred: 0,
    });
  });
});
