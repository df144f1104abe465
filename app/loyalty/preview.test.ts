import { describe, expect, it } from "vitest";
import { previewOrderEarning } from "./preview";
import { aProgram, at } from "./test-fixtures";

describe("previewOrderEarning", () => {
  it("gives the purchase points of an order for every tier, entry tier first", () => {
    const preview = previewOrderEarning(aProgram(), 12345, at("2026-01-10T00:00:00Z"));
    expect(preview.byTier).toEqual([
      { tier: "Member", points: 123 },
      { tier: "Silver", points: 154 },
      { tier: "Gold", points: 185 },
    ]);
    expect(preview.campaign).toBeNull();
  });

  it("follows the draft's rate and a campaign running at the preview time", () => {
    const program = aProgram();
    program.purchase.pointsPerUnit = 2;
    program.purchase.campaigns = [
      {
        name: "Double weekend",
        multiplier: 200,
        startsAt: at("2026-01-10T00:00:00Z"),
        endsAt: at("2026-01-12T00:00:00Z"),
      },
    ];
    const during = previewOrderEarning(program, 12345, at("2026-01-11T00:00:00Z"));
    expect(during.byTier[0].points).toBe(493); // 123.45 × 2 × 2, rounded down
    expect(during.campaign).toBe("Double weekend");
    expect(previewOrderEarning(program, 12345, at("2026-01-12T00:00:00Z")).byTier[0].points).toBe(
      246,
    );
  });

  it("leaves bonuses out and says why a purchase earns nothing", () => {
    const program = aProgram();
    program.firstOrder.enabled = true;
    program.everyNthOrder.enabled = true;
    program.purchase.minimumSubtotal = 20000;
    const preview = previewOrderEarning(program, 12345, at("2026-01-10T00:00:00Z"));
    expect(preview.byTier.map((tier) => tier.points)).toEqual([0, 0, 0]);
    expect(preview.notEarned).toEqual(["below_minimum_subtotal"]);
  });
});
