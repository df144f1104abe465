import { describe, expect, it } from "vitest";
import { DEFAULT_PROGRAM, programSchema, validateProgram } from "./program";

/** The default program as it would arrive over the wire. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests poke arbitrary JSON shapes
function asJson(): Record<string, any> {
  return JSON.parse(JSON.stringify(DEFAULT_PROGRAM));
}

function errorsOf(input: unknown) {
  const result = validateProgram(input);
  if (result.ok) throw new Error("expected validation to fail");
  return result.errors;
}

describe("DEFAULT_PROGRAM", () => {
  it("earns 1 point per 1.00 and nothing else", () => {
    const p = DEFAULT_PROGRAM;
    expect(p.currencyExponent).toBe(2);
    expect(p.purchase).toEqual({
      enabled: true,
      pointsPerUnit: 1,
      spendUnit: 1,
      minimumSubtotal: null,
      productMultipliers: [],
      collectionMultipliers: [],
      campaigns: [],
    });
    for (const rule of [
      p.signup,
      p.accountActivation,
      p.birthday,
      p.firstOrder,
      p.everyNthOrder,
      p.spendMilestones,
    ]) {
      expect(rule.enabled).toBe(false);
    }
    expect(p.signup.points).toBe(100);
    expect(p.birthday.points).toBe(100);
    expect(p.firstOrder.points).toBe(50);
    expect(p.everyNthOrder).toMatchObject({ every: 5, points: 100 });
    expect(p.spendMilestones.milestones).toHaveLength(1);
    expect(p.pendingDays).toBe(0);
    expect(p.expiry).toEqual({ mode: "none" });
  });

  it("has Member / Silver / Gold by points earned over the trailing 12 months", () => {
    expect(DEFAULT_PROGRAM.tierBasis).toBe("points_earned");
    expect(DEFAULT_PROGRAM.tierPeriod).toBe("trailing_12_months");
    expect(DEFAULT_PROGRAM.tiers).toEqual([
      { name: "Member", threshold: 0, multiplier: 100 },
      { name: "Silver", threshold: 1000, multiplier: 125 },
      { name: "Gold", threshold: 2500, multiplier: 150 },
    ]);
  });

  it("is frozen deeply but clones into an editable copy", () => {
    expect(() => {
      (DEFAULT_PROGRAM.tiers[0] as { multiplier: number }).multiplier = 999;
    }).toThrow(TypeError);
    const copy = structuredClone(DEFAULT_PROGRAM);
    copy.tiers[0].multiplier = 110;
    expect(copy.tiers[0].multiplier).toBe(110);
    expect(DEFAULT_PROGRAM.tiers[0].multiplier).toBe(100);
  });

  it("passes its own validation", () => {
    expect(validateProgram(asJson())).toEqual({ ok: true, program: DEFAULT_PROGRAM });
  });
});

describe("validateProgram", () => {
  it("reads a version saved before the spend unit existed as earning per 1 unit, and bounds the unit", () => {
    const input = asJson();
    delete (input.purchase as { spendUnit?: number }).spendUnit;
    const result = programSchema.parse(input);
    expect(result.purchase.spendUnit).toBe(1);
    const zero = asJson();
    zero.purchase.spendUnit = 0;
    expect(validateProgram(zero)).toMatchObject({
      ok: false,
      errors: expect.arrayContaining([expect.objectContaining({ path: "purchase.spendUnit" })]),
    });
  });

  it("coerces ISO campaign dates to Date and keeps the offset's instant", () => {
    const input = asJson();
    input.purchase.campaigns = [
      {
        name: "Double points weekend",
        multiplier: 200,
        startsAt: "2025-11-28T00:00:00-05:00",
        endsAt: "2025-12-01T05:00:00Z",
      },
    ];
    const result = validateProgram(input);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [campaign] = result.program.purchase.campaigns;
    expect(campaign.startsAt).toBeInstanceOf(Date);
    expect(campaign.startsAt.toISOString()).toBe("2025-11-28T05:00:00.000Z");
    expect(campaign.endsAt.toISOString()).toBe("2025-12-01T05:00:00.000Z");
  });

  it("rejects dates without a zone, impossible days and non-strings", () => {
    const input = asJson();
    input.purchase.campaigns = [
      { name: "a", multiplier: 200, startsAt: "2025-11-28", endsAt: "2025-02-30T00:00:00Z" },
      { name: "b", multiplier: 200, startsAt: 0, endsAt: null },
    ];
    const paths = errorsOf(input).map((e) => e.path);
    expect(paths).toEqual([
      "purchase.campaigns.0.startsAt",
      "purchase.campaigns.0.endsAt",
      "purchase.campaigns.1.startsAt",
      "purchase.campaigns.1.endsAt",
    ]);
    expect(errorsOf(input)[0].message).toMatch(/^Enter a date, like/);
  });

  it("requires a campaign to end after it starts", () => {
    const input = asJson();
    input.purchase.campaigns = [
      {
        name: "Oops",
        multiplier: 200,
        startsAt: "2025-12-01T00:00:00Z",
        endsAt: "2025-12-01T00:00:00Z",
      },
    ];
    expect(errorsOf(input)).toEqual([
      { path: "purchase.campaigns.0.endsAt", message: 'Campaign "Oops" must end after it starts' },
    ]);
  });

  it("requires whole, non-negative points per unit", () => {
    const input = asJson();
    input.purchase.pointsPerUnit = -1;
    expect(errorsOf(input)[0].path).toBe("purchase.pointsPerUnit");
    input.purchase.pointsPerUnit = 1.5;
    expect(errorsOf(input)[0].message).toMatch(/whole number from 0/);
    input.purchase.pointsPerUnit = 0;
    expect(validateProgram(input).ok).toBe(true);
  });

  it("bounds multipliers to 1..1000 percent everywhere", () => {
    const input = asJson();
    input.purchase.productMultipliers = [{ productId: "p1", multiplier: 0 }];
    input.purchase.collectionMultipliers = [{ collectionId: "c1", multiplier: 1001 }];
    input.tiers[1].multiplier = 12.5;
    const errors = errorsOf(input);
    expect(errors.map((e) => e.path)).toEqual([
      "purchase.productMultipliers.0.multiplier",
      "purchase.collectionMultipliers.0.multiplier",
      "tiers.1.multiplier",
    ]);
    expect(errors[0].message).toBe(
      "Enter a whole number from 1 to 1,000 (a percentage: 100 = 1x, 200 = 2x)",
    );
  });

  it("flags the same product or collection listed twice", () => {
    const input = asJson();
    input.purchase.productMultipliers = [
      { productId: "p1", multiplier: 200 },
      { productId: "p1", multiplier: 300 },
    ];
    expect(errorsOf(input)).toEqual([
      {
        path: "purchase.productMultipliers.1.productId",
        message: "This product already has a multiplier",
      },
    ]);
  });

  it("requires tiers sorted ascending, starting at 0, with unique names", () => {
    const input = asJson();
    input.tiers = [
      { name: "Member", threshold: 10, multiplier: 100 },
      { name: "Gold", threshold: 2500, multiplier: 150 },
      { name: "Silver", threshold: 1000, multiplier: 125 },
      { name: "gold", threshold: 5000, multiplier: 200 },
    ];
    expect(errorsOf(input)).toEqual([
      {
        path: "tiers.0.threshold",
        message: "The first tier is where every member starts, so its threshold must be 0",
      },
      {
        path: "tiers.2.threshold",
        message: 'Tiers must be sorted by threshold: "Silver" (1000) must be above "Gold" (2500)',
      },
      { path: "tiers.3.name", message: "Another tier already has this name" },
    ]);
  });

  it("requires at least one tier", () => {
    const input = asJson();
    input.tiers = [];
    expect(errorsOf(input)).toEqual([
      { path: "tiers", message: "At least one tier is needed (the entry tier, threshold 0)" },
    ]);
  });

  it("requires every Nth order to be at least every 2nd", () => {
    const input = asJson();
    input.everyNthOrder.every = 1;
    expect(errorsOf(input)[0].path).toBe("everyNthOrder.every");
  });

  it("requires expiry days ≥ 1 when expiry is on, and none when it is off", () => {
    const input = asJson();
    input.expiry = { mode: "after_earning", days: 0 };
    expect(errorsOf(input)).toEqual([
      { path: "expiry.days", message: "Enter a whole number from 1 to 3,650 days" },
    ]);
    input.expiry = { mode: "after_inactivity" };
    expect(errorsOf(input)).toEqual([{ path: "expiry.days", message: "This field is required" }]);
    input.expiry = { mode: "sometimes" };
    expect(errorsOf(input)).toEqual([
      {
        path: "expiry.mode",
        message: "Choose one of: none, after_earning, after_inactivity",
      },
    ]);
    input.expiry = { mode: "after_inactivity", days: 365 };
    expect(validateProgram(input).ok).toBe(true);
  });

  it("names missing and mistyped fields in plain words", () => {
    const input = asJson();
    delete input.pendingDays;
    input.signup.enabled = "yes";
    input.tierBasis = "vibes";
    expect(errorsOf(input)).toEqual([
      { path: "signup.enabled", message: "Choose yes or no" },
      { path: "pendingDays", message: "This field is required" },
      { path: "tierBasis", message: "Choose one of: points_earned, amount_spent" },
    ]);
  });

  it("rejects a non-object with an empty path", () => {
    expect(errorsOf("program")).toEqual([{ path: "", message: "This field is required" }]);
  });

  it("rejects negative minimum subtotals and duplicate milestones", () => {
    const input = asJson();
    input.purchase.minimumSubtotal = -100;
    input.spendMilestones.milestones = [
      { lifetimeSpend: 50000, points: 100 },
      { lifetimeSpend: 50000, points: 200 },
    ];
    expect(errorsOf(input).map((e) => e.path)).toEqual([
      "purchase.minimumSubtotal",
      "spendMilestones.milestones.1.lifetimeSpend",
    ]);
  });

  it("is usable directly as a zod schema", () => {
    expect(programSchema.safeParse(asJson()).success).toBe(true);
    expect(programSchema.safeParse({}).success).toBe(false);
  });
});
