import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  dailySeries,
  emptyDay,
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
    expect(windowStartDay(now, 30)).toBe("2026-10-25");
    expect(windowStartDay(now, 365)).toBe("2025-11-24");
    expect(windowStart(now, 1).toISOString()).toBe("2026-11-23T00:00:00.000Z");
  });

  it("zero-fills the days without a rollup row", () => {
    const series = dailySeries(
      [
        { ...emptyDay("2026-11-22"), pointsIssued: 5 },
        { ...emptyDay("2026-01-01"), pointsIssued: 9 },
      ],
      now,
      3,
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
