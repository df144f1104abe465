import { describe, expect, it } from "vitest";
import { previewableProgram, previewOrderEarning } from "./preview";
import { validateProgram } from "./program";
import type { Program } from "./types";
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

describe("previewableProgram (the browser's check before pricing a draft)", () => {
  /** The draft as the form holds it: JSON, dates as text. */
  const draftOf = (program: Program) => JSON.parse(JSON.stringify(program));
  const withCampaign = () => {
    const program = aProgram();
    program.purchase.campaigns = [
      {
        name: "Double weekend",
        multiplier: 200,
        startsAt: at("2026-01-10T00:00:00Z"),
        endsAt: at("2026-01-12T00:00:00Z"),
      },
    ];
    return program;
  };

  it("prices a valid draft exactly as the server's validated program", () => {
    const draft = draftOf(withCampaign());
    const validated = validateProgram(draft);
    if (!validated.ok) throw new Error("the fixture is valid");
    const program = previewableProgram(draft);
    expect(program).not.toBeNull();
    for (const amount of [0, 999, 12345, 5_000_000])
      expect(previewOrderEarning(program!, amount, at("2026-01-11T00:00:00Z"))).toEqual(
        previewOrderEarning(validated.program, amount, at("2026-01-11T00:00:00Z")),
      );
  });

  it("is null while a field the preview reads is not a number or a date", () => {
    // The draft is untyped JSON: each case breaks one field the way a half-typed form would.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const cases: ((draft: any) => void)[] = [
      (draft) => (draft.purchase.pointsPerUnit = "abc"),
      (draft) => (draft.purchase.pointsPerUnit = 1.5),
      (draft) => (draft.purchase.spendUnit = 0),
      (draft) => (draft.purchase.minimumSubtotal = -1),
      (draft) => (draft.purchase.campaigns[0].startsAt = "next week"),
      (draft) => (draft.purchase.campaigns[0].multiplier = ""),
      (draft) => (draft.tiers = []),
      (draft) => (draft.tiers[1].threshold = "1,000"),
      (draft) => (draft.pointsName = "  "),
      (draft) => delete draft.purchase,
    ];
    for (const breakIt of cases) {
      const draft = draftOf(withCampaign());
      breakIt(draft);
      expect(previewableProgram(draft), breakIt.toString()).toBeNull();
      expect(validateProgram(draft).ok, breakIt.toString()).toBe(false);
    }
    expect(previewableProgram(null)).toBeNull();
  });

  it("prices the purchase rule while a bonus the preview leaves out is half typed", () => {
    const draft = draftOf(aProgram());
    draft.everyNthOrder = { enabled: true, points: 100, every: "x" };
    draft.spendMilestones = { enabled: true, milestones: "none" };
    expect(
      previewOrderEarning(previewableProgram(draft)!, 12345, at("2026-01-10T00:00:00Z")).byTier[0],
    ).toEqual({
      tier: "Member",
      points: 123,
    });
  });
});
