import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  dailySeries,
  emptyDay,
  estimatedLiability,
  liability,
  pointValue,
  ratio,
  windowStart,
  windowStartDay,
} from "./analytics";

const reward = (
  kind: "fixed_amount" | "store_credit" | "percentage",
  cost: number,
  value: number | null,
  enabled = true,
) => ({ title: `${kind} ${cost}`, kind, cost, value, enabled });

describe("the liability after expected breakage", () => {
  const value = { minor: 1000, points: 800, rewardTitle: "" };
  it("keeps the share of points history says will be redeemed, rounded down", () => {
    // 1340 points at 1.25 cents = 1675; breakage 1 of 4 → 1675 × 3/4 = 1256.25 → 1256.
    expect(estimatedLiability(1340, value, ratio(100, 400))).toBe(1256);
    expect(estimatedLiability(1340, value, ratio(0, 400))).toBe(1675);
    expect(estimatedLiability(-10, value, ratio(1, 2))).toBe(-7); // −6.25 rounds down
  });
  it("has no estimate without history or without a point value", () => {
    expect(estimatedLiability(1340, value, ratio(0, 0))).toBeNull();
    expect(estimatedLiability(1340, null, ratio(1, 2))).toBeNull();
  });
  it("stays exact where floats would not (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2_500_000_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.nat({ max: 10_000_000_000 }),
        fc.integer({ min: 1, max: 10_000_000_000 }),
        (points, minor, cost, expired, redeemed) => {
          const got = estimatedLiability(
            points,
            { minor, points: cost, rewardTitle: "" },
            ratio(expired, expired + redeemed),
          )!;
          const exact =
            (BigInt(points) * BigInt(minor) * BigInt(redeemed)) /
            (BigInt(cost) * BigInt(expired + redeemed));
          return BigInt(got) === exact;
        },
      ),
    );
  });
});

describe("the points→money rate of the liability", () => {
  it("takes the enabled fixed-amount or store-credit reward worth the most per point", () => {
    expect(
      pointValue([
        reward("fixed_amount", 500, 500),
        reward("store_credit", 800, 1000),
        reward("percentage", 100, 50),
      ]),
    ).toMatchObject({ minor: 1000, points: 800 });
    expect(
      pointValue([reward("fixed_amount", 500, 500), reward("store_credit", 100, 1000, false)]),
    ).toMatchObject({ minor: 500, points: 500 });
    expect(pointValue([reward("percentage", 100, 10)])).toBeNull();
  });

  it("rounds the liability down in minor units, and has none without a rate", () => {
    expect(liability(1340, { minor: 1000, points: 800, rewardTitle: "" })).toBe(1675);
    expect(liability(3, { minor: 1, points: 2, rewardTitle: "" })).toBe(1);
    expect(liability(100, null)).toBeNull();
  });

  it("never picks a rate below another candidate's (property)", () => {
    const candidate = fc.record({
      cost: fc.integer({ min: 1, max: 100_000 }),
      value: fc.integer({ min: 1, max: 100_000 }),
    });
    fc.assert(
      fc.property(fc.array(candidate, { minLength: 1, maxLength: 8 }), (candidates) => {
        const best = pointValue(candidates.map((c) => reward("fixed_amount", c.cost, c.value)))!;
        return candidates.every((c) => best.minor * c.cost >= c.value * best.points);
      }),
    );
  });
});

describe("windows and series", () => {
  const now = new Date("2026-11-23T12:00:00.000Z");
  it("a window of N days ends today (UTC) and starts N − 1 days before", () => {
    expect(windowStartDay(now, 30, "UTC")).toBe("2026-10-25");
    expect(windowStartDay(now, 365, "UTC")).toBe("2025-11-24");
    expect(windowStart(now, 1, "UTC").toISOString()).toBe("2026-11-23T00:00:00.000Z");
  });

  it("cuts windows on the shop's days, not UTC's", () => {
    // 2026-11-23T03:00Z is still 22 November in New York (UTC−5) and already the 23rd in Tokyo.
    const early = new Date("2026-11-23T03:00:00.000Z");
    expect(windowStartDay(early, 1, "America/New_York")).toBe("2026-11-22");
    expect(windowStart(early, 1, "America/New_York").toISOString()).toBe(
      "2026-11-22T05:00:00.000Z",
    );
    expect(windowStartDay(early, 30, "Asia/Tokyo")).toBe("2026-10-25");
    expect(windowStart(early, 1, "Asia/Tokyo").toISOString()).toBe("2026-11-22T15:00:00.000Z");
    // Across a daylight-saving change the day still starts at local midnight (Paris, 29 March 2026).
    expect(windowStart(new Date("2026-03-30T12:00:00Z"), 2, "Europe/Paris").toISOString()).toBe(
      "2026-03-28T23:00:00.000Z",
    );
  });

  it("zero-fills the days without a rollup row", () => {
    const series = dailySeries(
      [
        { ...emptyDay("2026-11-22"), pointsIssued: 5 },
        { ...emptyDay("2026-01-01"), pointsIssued: 9 },
      ],
      now,
      3,
      "UTC",
    );
    expect(series.map((day) => [day.day, day.pointsIssued])).toEqual([
      ["2026-11-21", 0],
      ["2026-11-22", 5],
      ["2026-11-23", 0],
    ]);
  });

  it("a ratio of nothing is null, not zero", () => {
    expect(ratio(0, 0).value).toBeNull();
    expect(ratio(1, 4).value).toBe(0.25);
  });
});
