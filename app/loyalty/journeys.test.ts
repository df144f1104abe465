import { describe, expect, it } from "vitest";
import { CATCH_UP_DAYS, dueWindow, JOURNEY_STEPS, journeyBonusKey } from "./journeys";

const DAY = 86_400_000;

describe("journeys", () => {
  it("has the 14, 21 and 28 day steps", () => {
    expect(JOURNEY_STEPS.map((step) => [step.id, step.days])).toEqual([
      ["first-order-14d", 14],
      ["first-order-21d", 21],
      ["first-order-28d", 28],
    ]);
  });

  it("is due from exactly `days` after the first order until the catch-up days have passed", () => {
    const now = new Date("2026-11-23T12:00:00Z");
    const { from, to } = dueWindow(14, now);
    const due = (firstOrderAt: Date) => firstOrderAt >= from && firstOrderAt < to;
    expect(due(new Date(now.getTime() - 14 * DAY))).toBe(true);
    expect(due(new Date(now.getTime() - 14 * DAY + 1))).toBe(false);
    expect(due(new Date(now.getTime() - (14 + CATCH_UP_DAYS) * DAY))).toBe(true);
    expect(due(new Date(now.getTime() - (14 + CATCH_UP_DAYS) * DAY - 1))).toBe(false);
  });

  it("keys a step's bonus per customer", () => {
    expect(journeyBonusKey("first-order-21d", "c1")).toBe("journey:first-order-21d:c1");
  });
});
