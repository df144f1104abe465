import { describe, expect, it } from "vitest";
import { formatPerPoint, maxRewardAmount, rewardValue } from "./reward-value";

const onePerDollar = { enabled: true, pointsPerUnit: 1, spendUnit: 1 };

describe("rewardValue", () => {
  it("puts 5.00 off for 500 points at 1 point per 1.00 into words: 0.01 per point, 1% of spend", () => {
    const value = rewardValue({ kind: "fixed_amount", cost: 500, value: 500 }, onePerDollar, 2);
    expect(value).toEqual({ minorPerPoint: 1, returnPercent: 1, outlier: null });
    expect(formatPerPoint(value!.minorPerPoint, 2)).toBe("0.01");
    expect(formatPerPoint(value!.minorPerPoint, 2, "pl")).toBe("0,01");
  });

  it("flags 1,000,000,000.00 for 500 points as generous, and a near-worthless one as stingy", () => {
    expect(
      rewardValue({ kind: "fixed_amount", cost: 500, value: 100_000_000_000 }, onePerDollar, 2)
        ?.outlier,
    ).toBe("generous");
    expect(
      rewardValue({ kind: "store_credit", cost: 100_000, value: 1 }, onePerDollar, 2)?.outlier,
    ).toBe("stingy");
  });

  it("counts the spend unit (1 point per 100 JPY) and has no return without a purchase rule", () => {
    const yen = { enabled: true, pointsPerUnit: 1, spendUnit: 100 };
    // 500 points = 50,000 JPY spent; 500 JPY back = 1%.
    expect(
      rewardValue({ kind: "fixed_amount", cost: 500, value: 500 }, yen, 0)?.returnPercent,
    ).toBe(1);
    expect(
      rewardValue(
        { kind: "fixed_amount", cost: 500, value: 500 },
        { ...onePerDollar, enabled: false },
        2,
      ),
    ).toMatchObject({ returnPercent: null, outlier: null });
  });

  it("has nothing to say about rewards without an amount, or about text not yet a number", () => {
    expect(
      rewardValue({ kind: "free_shipping", cost: 500, value: null }, onePerDollar, 2),
    ).toBeNull();
    expect(
      rewardValue({ kind: "fixed_amount", cost: "abc", value: 500 }, onePerDollar, 2),
    ).toBeNull();
  });

  it("caps amounts at 100,000 major units of the shop's currency", () => {
    expect(maxRewardAmount(2)).toBe(10_000_000);
    expect(maxRewardAmount(0)).toBe(100_000);
  });
});
