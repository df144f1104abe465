import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  anyOrderBadgeEnabled,
  badgeBonusKey,
  badgesEarned,
  descriptionsFollowRules,
  ruleDescription,
  type BadgeDefinition,
  type BadgeEvent,
} from "./badges";

const badge = (id: string, rule: BadgeDefinition["rule"], enabled = true): BadgeDefinition => ({
  id,
  name: id,
  description: "",
  enabled,
  bonusPoints: 0,
  rule,
});
const event = (overrides: Partial<BadgeEvent> = {}): BadgeEvent => ({
  orderOrdinal: null,
  orderBase: null,
  lifetimeSpendBefore: 0,
  lifetimeSpendAfter: 0,
  tierReached: null,
  tierNames: ["Member", "Silver", "Gold"],
  ...overrides,
});
const ids = (badges: BadgeDefinition[]) => badges.map((b) => b.id);

describe("badgesEarned", () => {
  const all = [
    badge("first", { kind: "first_order" }),
    badge("fifth", { kind: "nth_order", orders: 5 }),
    badge("big", { kind: "big_order", minimumBase: 20_000 }),
    badge("silver", { kind: "tier_reached", tierName: "Silver" }),
    badge("spend", { kind: "lifetime_spend", amount: 100_000 }),
    badge("custom", { kind: "custom" }),
  ];

  it("first and Nth order fire on exactly that ordinal", () => {
    expect(ids(badgesEarned(all, event({ orderOrdinal: 1 })))).toEqual(["first"]);
    expect(ids(badgesEarned(all, event({ orderOrdinal: 5 })))).toEqual(["fifth"]);
    expect(ids(badgesEarned(all, event({ orderOrdinal: 6 })))).toEqual([]);
    expect(ids(badgesEarned(all, event({ orderOrdinal: null })))).toEqual([]);
  });

  it("a big order fires at or above its minimum base", () => {
    expect(ids(badgesEarned(all, event({ orderBase: 19_999 })))).toEqual([]);
    expect(ids(badgesEarned(all, event({ orderBase: 20_000 })))).toEqual(["big"]);
  });

  it("lifetime spend fires only on the change that crosses the amount", () => {
    expect(
      ids(badgesEarned(all, event({ lifetimeSpendBefore: 90_000, lifetimeSpendAfter: 100_000 }))),
    ).toEqual(["spend"]);
    expect(
      ids(badgesEarned(all, event({ lifetimeSpendBefore: 100_000, lifetimeSpendAfter: 120_000 }))),
    ).toEqual([]);
    expect(
      ids(badgesEarned(all, event({ lifetimeSpendBefore: 120_000, lifetimeSpendAfter: 80_000 }))),
    ).toEqual([]);
  });

  it("reaching a tier also earns badges of the tiers below it; unknown tiers never fire", () => {
    expect(ids(badgesEarned(all, event({ tierReached: "Gold" })))).toEqual(["silver"]);
    expect(ids(badgesEarned(all, event({ tierReached: "Member" })))).toEqual([]);
    expect(
      ids(
        badgesEarned(
          [badge("vip", { kind: "tier_reached", tierName: "Platinum" })],
          event({ tierReached: "Gold" }),
        ),
      ),
    ).toEqual([]);
  });

  it("ignores disabled and custom badges", () => {
    expect(
      badgesEarned([badge("first", { kind: "first_order" }, false)], event({ orderOrdinal: 1 })),
    ).toEqual([]);
    expect(
      anyOrderBadgeEnabled([
        badge("custom", { kind: "custom" }),
        badge("off", { kind: "first_order" }, false),
      ]),
    ).toBe(false);
    expect(anyOrderBadgeEnabled(all)).toBe(true);
  });

  it("property: over any sequence of spend changes, a lifetime-spend badge fires at most once per upward crossing and only when crossing", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -50_000, max: 80_000 }), { maxLength: 30 }),
        (changes) => {
          const spendBadge = [badge("spend", { kind: "lifetime_spend", amount: 100_000 })];
          let spend = 0;
          let crossings = 0;
          let fired = 0;
          for (const change of changes) {
            const after = Math.max(0, spend + change);
            if (spend < 100_000 && after >= 100_000) crossings++;
            fired += badgesEarned(
              spendBadge,
              event({ lifetimeSpendBefore: spend, lifetimeSpendAfter: after }),
            ).length;
            spend = after;
          }
          expect(fired).toBe(crossings);
        },
      ),
    );
  });

  it("the bonus key is stable per badge and customer", () => {
    expect(badgeBonusKey("first-order", "c1")).toBe("badge:first-order:c1");
  });
});

describe("badge descriptions follow their thresholds", () => {
  const bigOrder = (minimumBase: number, description: string): BadgeDefinition => ({
    id: "big-order",
    name: "Big basket",
    description,
    enabled: true,
    bonusPoints: 0,
    rule: { kind: "big_order", minimumBase },
  });

  it("words each threshold rule in the shop's currency digits", () => {
    expect(ruleDescription({ kind: "big_order", minimumBase: 30_000 }, 2)).toBe(
      "One order of 300.00 or more",
    );
    expect(ruleDescription({ kind: "lifetime_spend", amount: 125_000 }, 2)).toBe(
      "Spent 1,250.00 in total",
    );
    expect(ruleDescription({ kind: "lifetime_spend", amount: 100_000 }, 0)).toBe(
      "Spent 100,000 in total",
    );
    expect(ruleDescription({ kind: "custom" }, 2)).toBeNull();
  });

  it("rewrites a generated text for the new threshold and keeps a merchant's own words", () => {
    const before = [bigOrder(20_000, "One order of 200.00 or more")];
    expect(
      descriptionsFollowRules(before, [bigOrder(30_000, "One order of 200.00 or more")], 2, []),
    ).toEqual([bigOrder(30_000, "One order of 300.00 or more")]);
    const own = [bigOrder(20_000, "For our big spenders")];
    expect(descriptionsFollowRules(own, [bigOrder(30_000, "For our big spenders")], 2, [])).toEqual(
      [bigOrder(30_000, "For our big spenders")],
    );
    // A description edited in the same save is the merchant's.
    expect(
      descriptionsFollowRules(before, [bigOrder(30_000, "Three hundred or more")], 2, []),
    ).toEqual([bigOrder(30_000, "Three hundred or more")]);
  });
});
