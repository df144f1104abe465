import { describe, expect, it } from "vitest";
import {
  codeExpiry,
  defaultReward,
  rewardAvailability,
  validateReward,
  type Reward,
} from "./rewards";

const reward: Reward = { id: "r1", ...defaultReward(2) };

describe("reward validation", () => {
  it("accepts the default reward", () => {
    expect(validateReward(defaultReward(2))).toMatchObject({
      ok: true,
      reward: { title: "5.00 off", cost: 500, value: 500 },
    });
  });

  it("explains each invalid field", () => {
    const result = validateReward({ title: " ", kind: "percentage", cost: 0, value: 150 });
    expect(result).toEqual({
      ok: false,
      errors: [
        { path: "title", message: "Give the reward a name shoppers will see" },
        { path: "cost", message: "Point cost must be at least 1" },
        { path: "value", message: "A percentage must be between 1 and 100" },
      ],
    });
  });

  it("checks what each kind needs once the basics are valid", () => {
    expect(validateReward({ title: "10% off", kind: "percentage", cost: 100, value: 150 })).toEqual(
      { ok: false, errors: [{ path: "value", message: "A percentage must be between 1 and 100" }] },
    );
    expect(validateReward({ title: "Gift", kind: "free_product", cost: 100 })).toEqual({
      ok: false,
      errors: [{ path: "variantId", message: "Choose the product variant this reward gives" }],
    });
    expect(validateReward({ title: "Credit", kind: "store_credit", cost: 100 })).toEqual({
      ok: false,
      errors: [{ path: "value", message: "Enter an amount" }],
    });
    expect(
      validateReward({ title: "Free shipping", kind: "free_shipping", cost: 300 }),
    ).toMatchObject({ ok: true });
  });

  it("makes the default 5.00 in the shop's minor units", () => {
    expect(defaultReward(0).value).toBe(5);
    expect(defaultReward(3).value).toBe(5000);
  });
});

describe("reward availability", () => {
  it("needs enough points", () => {
    expect(rewardAvailability(reward, { balance: 499, tierName: "Member" })).toEqual({
      available: false,
      reason: "insufficient_points",
    });
    expect(rewardAvailability(reward, { balance: 500, tierName: "Member" })).toEqual({
      available: true,
    });
  });

  it("keeps tier-exclusive rewards for their tiers", () => {
    const gold = { ...reward, tierNames: ["Gold"] };
    expect(rewardAvailability(gold, { balance: 9999, tierName: "Silver" })).toEqual({
      available: false,
      reason: "tier_restricted",
    });
    expect(rewardAvailability(gold, { balance: 9999, tierName: "Gold" })).toEqual({
      available: true,
    });
  });

  it("refuses a disabled reward and a negative balance", () => {
    expect(
      rewardAvailability({ ...reward, enabled: false }, { balance: 9999, tierName: "Member" }),
    ).toEqual({ available: false, reason: "disabled" });
    expect(rewardAvailability(reward, { balance: -20, tierName: "Member" })).toEqual({
      available: false,
      reason: "insufficient_points",
    });
  });

  it("dates codes by the reward's lifetime", () => {
    expect(
      codeExpiry({ codeLifetimeDays: 30 }, new Date("2026-02-01T00:00:00Z")).toISOString(),
    ).toBe("2026-03-03T00:00:00.000Z");
  });
});
