import { describe, expect, it } from "vitest";
import { programInExponent, reexpressMinor } from "./currency-change";
import { DEFAULT_PROGRAM } from "./program";

describe("re-expressing money when the shop's currency changes", () => {
  it("keeps the figure, rounding down digits that no longer exist", () => {
    expect(reexpressMinor(5000, 2, 0)).toBe(50); // 50.00 USD → 50 JPY
    expect(reexpressMinor(5099, 2, 0)).toBe(50);
    expect(reexpressMinor(50, 0, 3)).toBe(50_000); // 50 JPY → 50.000 KWD
    expect(reexpressMinor(1234, 2, 2)).toBe(1234);
  });

  it("re-expresses the program's money settings and leaves points and whole-unit rates alone", () => {
    const program = {
      ...DEFAULT_PROGRAM,
      currencyExponent: 2,
      purchase: { ...DEFAULT_PROGRAM.purchase, minimumSubtotal: 2500, spendUnit: 1 },
      spendMilestones: { enabled: true, milestones: [{ lifetimeSpend: 100_000, points: 50 }] },
      tierBasis: "amount_spent" as const,
      tiers: [
        { name: "Member", threshold: 0, multiplier: 100 },
        { name: "Gold", threshold: 50_000, multiplier: 150 },
      ],
    };
    const yen = programInExponent(program, 0);
    expect(yen).toMatchObject({
      currencyExponent: 0,
      purchase: {
        minimumSubtotal: 25,
        spendUnit: 1,
        pointsPerUnit: program.purchase.pointsPerUnit,
      },
      spendMilestones: { milestones: [{ lifetimeSpend: 1000, points: 50 }] },
      tiers: [{ threshold: 0 }, { threshold: 500 }],
    });
    // Tiers by points earned are not money.
    const byPoints = programInExponent({ ...program, tierBasis: "points_earned" }, 0);
    expect(byPoints.tiers).toEqual(program.tiers);
  });
});
