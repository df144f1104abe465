import { describe, expect, it } from "vitest";
import { addToSummary, emptySummary, planBalance, type MemberState } from "./import-plan";

const tiers = ["Member", "Silver", "Gold"];
const member = (state: Partial<MemberState> = {}): MemberState => ({
  balance: 0,
  lifetimeEarned: 0,
  tierName: null,
  tierOverride: null,
  importedFromSource: 0,
  ...state,
});

describe("a balances row states the balance from its source (decision 031)", () => {
  it("credits the stated balance once; the same balance again is nothing new; another one moves by the difference", () => {
    expect(planBalance({ points: 3426, tier: null }, member(), "loyaltylion", tiers)).toEqual({
      outcome: "change",
      points: 3426,
      tier: null,
    });
    const after = member({ balance: 3426, lifetimeEarned: 3426, importedFromSource: 3426 });
    expect(planBalance({ points: 3426, tier: null }, after, "loyaltylion", tiers)).toEqual({
      outcome: "already",
    });
    expect(planBalance({ points: 4000, tier: null }, after, "loyaltylion", tiers)).toMatchObject({
      points: 574,
    });
    expect(planBalance({ points: 3000, tier: null }, after, "loyaltylion", tiers)).toMatchObject({
      points: -426,
    });
  });

  it("Tally's own export states the whole balance: credited only above what the member has", () => {
    const earned = member({ balance: 1627, lifetimeEarned: 1627 });
    expect(planBalance({ points: 1627, tier: null }, earned, "tally", tiers)).toEqual({
      outcome: "already",
    });
    expect(planBalance({ points: 1000, tier: null }, earned, "tally", tiers)).toEqual({
      outcome: "already",
    });
    expect(planBalance({ points: 2000, tier: null }, earned, "tally", tiers)).toMatchObject({
      points: 373,
    });
  });

  it("0 points is nothing to import; tiers are matched in any case and pinned tiers kept", () => {
    expect(planBalance({ points: 0, tier: null }, member(), "smile", tiers)).toEqual({
      outcome: "nothing",
    });
    expect(planBalance({ points: null, tier: "gold" }, member(), "smile", tiers)).toEqual({
      outcome: "change",
      points: 0,
      tier: "Gold",
    });
    expect(
      planBalance({ points: null, tier: "Gold" }, member({ tierName: "Gold" }), "smile", tiers),
    ).toEqual({ outcome: "already" });
    // A member with no stored tier holds the entry tier: naming it (as the export does) is no change.
    expect(planBalance({ points: null, tier: "member" }, member(), "smile", tiers)).toEqual({
      outcome: "already",
    });
    expect(
      planBalance(
        { points: null, tier: "Silver" },
        member({ tierName: "Retired" }),
        "smile",
        tiers,
      ),
    ).toMatchObject({ outcome: "change", tier: "Silver" });
    expect(
      planBalance(
        { points: null, tier: "Gold" },
        member({ tierOverride: "Silver" }),
        "smile",
        tiers,
      ),
    ).toEqual({ outcome: "already" });
    expect(planBalance({ points: 5, tier: "Platinum" }, member(), "smile", tiers)).toEqual({
      outcome: "rejected",
      message: 'Tier "Platinum" is not one of the program\'s tiers (Member, Silver, Gold).',
      problem: { code: "unknownTier", values: { tier: "Platinum", tiers } },
    });
  });

  it("sums what a file does per tier for the dry run", () => {
    const summary = emptySummary();
    addToSummary(summary, { newMember: true, points: 100, tierAfter: "Gold", tierChanged: true });
    addToSummary(summary, {
      newMember: false,
      points: -40,
      tierAfter: "Member",
      tierChanged: false,
    });
    addToSummary(summary, { newMember: false, points: 60, tierAfter: "Gold", tierChanged: false });
    expect(summary).toEqual({
      membersMatched: 2,
      newMembers: 1,
      pointsAdded: 160,
      pointsRemoved: 40,
      pointsByTier: { Gold: 160, Member: -40 },
      tierChanges: 1,
      birthdaysSet: 0,
    });
  });
});
