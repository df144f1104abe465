import { beforeEach, describe, expect, it } from "vitest";
import { wordStored } from "~/i18n/coded-text";
import { en } from "~/i18n/en";
import { getDb, getSql } from "~/db.server";
import { setTierOverride, TierOverrideError } from "~/services/tier-override.server";
import { reevaluateShopTiers } from "~/services/tier-reevaluation.server";
import { installShop } from "../factories/shop";
import { orderPayload } from "../factories/webhook-payloads";
import { shopperToken } from "../support/session-tokens";
import { getLoyalty, redeem } from "../support/shopper-api";
import { deliver } from "../support/webhooks";

const shop = "override-test.myshopify.com";
const otherShop = "override-other.myshopify.com";

async function member(shopifyCustomerId: number, domain = shop) {
  return getDb().customer.findUniqueOrThrow({
    where: {
      shop_shopifyCustomerId: { shop: domain, shopifyCustomerId: String(shopifyCustomerId) },
    },
  });
}

async function lastEarn(customerId: string) {
  return getDb().ledgerEntry.findFirstOrThrow({
    where: { customerId, kind: "earn" },
    orderBy: { createdAt: "desc" },
  });
}

const override = (
  customerId: string,
  tierName: string | null,
  extra: Partial<Parameters<typeof setTierOverride>[1]> = {},
) =>
  setTierOverride(getSql(), {
    shop,
    customerId,
    tierName,
    staffId: "staff-7",
    reason: "VIP guest",
    now: new Date(),
    ...extra,
  });

beforeEach(async () => {
  await installShop(getDb(), shop);
  await installShop(getDb(), otherShop);
  await deliver(
    "orders/paid",
    orderPayload({ id: 1, customer: { id: 51 }, lines: [{ price: 10000 }] }),
    { shop },
  );
});

describe("tier override", () => {
  it("pins a tier: earning uses its multiplier, re-evaluation leaves it, every change is recorded", async () => {
    const { id } = await member(51);
    expect(await override(id, "Gold")).toEqual({
      tierName: "Gold",
      override: "Gold",
      changed: true,
    });
    expect(await override(id, "Gold")).toMatchObject({ changed: false });

    await deliver(
      "orders/paid",
      orderPayload({ id: 2, customer: { id: 51 }, lines: [{ price: 10000 }] }),
      { shop },
    );
    expect((await lastEarn(id)).points).toBe(150); // Gold's 1.5x on 100.00
    expect(await reevaluateShopTiers(getSql(), shop, new Date())).toMatchObject({ downgraded: 0 });
    expect((await member(51)).tierName).toBe("Gold");

    // Removing the pin returns the member to what they earned (250 points: Member).
    expect(await override(id, null, { reason: "visit over" })).toEqual({
      tierName: "Member",
      override: null,
      changed: true,
    });
    const recorded = await getDb().tierChange.findMany({
      where: { customerId: id },
      orderBy: { createdAt: "asc" },
    });
    // Stored as a code and values (decision 053), worded in the reader's language when shown.
    expect(JSON.parse(recorded[0].reason)).toEqual({
      code: "overrideSet",
      values: { staffId: "staff-7", reason: "VIP guest" },
    });
    const worded = recorded.map((change) => [
      change.fromTier,
      change.toTier,
      wordStored(change.reason, en.tierReasons),
    ]);
    expect(worded).toEqual([
      ["Member", "Gold", "override set by staff staff-7: VIP guest"],
      ["Gold", "Member", "override removed by staff staff-7: visit over; 250 reaches Member"],
    ]);
    expect(await getDb().metafieldOutbox.count({ where: { customerId: id } })).toBe(1);
  });

  it("holds a member below what they earn: upgrades on new orders do not apply", async () => {
    const { id } = await member(51);
    await override(id, "Member");
    await deliver(
      "orders/paid",
      orderPayload({ id: 3, customer: { id: 51 }, lines: [{ price: 300000 }] }),
      { shop },
    );
    expect((await member(51)).tierName).toBe("Member");
    expect((await lastEarn(id)).points).toBe(3000); // 1x
    await override(id, null);
    expect((await member(51)).tierName).toBe("Gold");
  });

  it("refuses unknown tiers, other shops' members and missing reasons with clear errors", async () => {
    const { id } = await member(51);
    await expect(override(id, "Platinum")).rejects.toMatchObject({
      code: "UNKNOWN_TIER",
      message: expect.stringContaining("Member, Silver, Gold"),
    });
    await expect(
      setTierOverride(getSql(), {
        shop: otherShop,
        customerId: id,
        tierName: "Gold",
        staffId: "s",
        reason: "r",
        now: new Date(),
      }),
    ).rejects.toMatchObject({ code: "CUSTOMER_NOT_FOUND" });
    await expect(override(id, "Gold", { reason: "  " })).rejects.toBeInstanceOf(TierOverrideError);
    await expect(override(id, "Gold", { staffId: "" })).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    expect((await member(51)).tierName).toBeNull();
    expect(await getDb().tierChange.count()).toBe(0);
  });
});

describe("tier-exclusive rewards", () => {
  it("are hidden from and refused to other tiers, and open to the tier (also by override)", async () => {
    const reward = await getDb().reward.findFirstOrThrow({ where: { shop } });
    await getDb().reward.update({ where: { id: reward.id }, data: { tierNames: ["Gold"] } });
    const token = await shopperToken({ shop, customerId: 51 });
    await deliver(
      "orders/paid",
      orderPayload({ id: 4, customer: { id: 51 }, lines: [{ price: 60000 }] }),
      { shop },
    );

    expect((await (await getLoyalty(token)).json()).rewards).toEqual([]);
    const refused = await redeem(token, reward.id);
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.code).toBe("REWARD_UNAVAILABLE");
    expect((await member(51)).balance).toBe(700);

    await override((await member(51)).id, "Gold");
    expect((await (await getLoyalty(token)).json()).rewards).toMatchObject([
      { id: reward.id, affordable: true },
    ]);
    expect((await redeem(token, reward.id)).status).toBe(201);
    expect((await member(51)).balance).toBe(200);
  });
});
