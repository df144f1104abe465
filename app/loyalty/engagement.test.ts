import { describe, expect, it } from "vitest";
import { DEFAULT_ENGAGEMENT, parseStoredEngagement, validateEngagement } from "./engagement-schema";

describe("engagement settings", () => {
  it("defaults to everything off, with the standard badges ready to switch on", () => {
    expect(DEFAULT_ENGAGEMENT.leaderboard.enabled).toBe(false);
    expect(Object.values(DEFAULT_ENGAGEMENT.flowTriggers).every((on) => on === false)).toBe(true);
    expect(Object.values(DEFAULT_ENGAGEMENT.journeys).every((journey) => !journey.enabled)).toBe(
      true,
    );
    expect(DEFAULT_ENGAGEMENT.badges.map((badge) => [badge.id, badge.enabled])).toEqual([
      ["first-order", false],
      ["fifth-order", false],
      ["big-order", false],
      ["gold", false],
      ["spend-1000", false],
    ]);
  });

  it("fills missing sections of an older stored document with defaults", () => {
    const settings = parseStoredEngagement({ leaderboard: { enabled: true } });
    expect(settings.leaderboard.enabled).toBe(true);
    expect(settings.badges).toEqual([]);
    expect(settings.journeys["first-order-21d"]).toEqual({ enabled: false, bonusPoints: 0 });
  });

  it("rejects bad input with the path of each problem", () => {
    const result = validateEngagement({
      badges: [
        { id: "First Order", name: "x", enabled: true, rule: { kind: "first_order" } },
        { id: "dup", name: "", enabled: true, rule: { kind: "nth_order", orders: 1 } },
        { id: "dup", name: "y", enabled: true, bonusPoints: -5, rule: { kind: "teleport" } },
      ],
      journeys: { "first-order-21d": { enabled: true, bonusPoints: 1.5 } },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.errors.map((error) => error.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "badges.0.id",
        "badges.1.name",
        "badges.1.rule.orders",
        "badges.2.bonusPoints",
        "badges.2.rule.kind",
        "journeys.first-order-21d.bonusPoints",
      ]),
    );
  });

  it("refuses two badges with the same id (it is part of the award's unique key)", () => {
    const badge = { id: "same", name: "Same", enabled: true, rule: { kind: "first_order" } };
    const result = validateEngagement({ badges: [badge, { ...badge, name: "Other" }] });
    expect(result).toMatchObject({
      ok: false,
      errors: [{ path: "badges.1.id", message: 'badge id "same" is used twice' }],
    });
  });
});
