import { describe, expect, it } from "vitest";
import { GOLD, MEMBER, SILVER, at } from "./test-fixtures";
import {
  nextTierOnReevaluation,
  progressFromHeldTier,
  tierAfterEarning,
  tierFor,
  tierProgress,
  tierWindowStart,
} from "./tiers";

const tiers = [MEMBER, SILVER, GOLD];

describe("tierFor", () => {
  it.each([
    [0, "Member"],
    [999, "Member"],
    [1000, "Silver"],
    [2499, "Silver"],
    [2500, "Gold"],
    [1_000_000, "Gold"],
    [-50, "Member"],
  ])("value %i reaches %s", (value, name) => {
    expect(tierFor(tiers, value).name).toBe(name);
  });

  it("does not depend on the order tiers are listed in", () => {
    expect(tierFor([GOLD, MEMBER, SILVER], 1200)).toBe(SILVER);
  });

  it("refuses an empty tier list", () => {
    expect(() => tierFor([], 10)).toThrow(RangeError);
  });
});

describe("tierProgress", () => {
  it("says '320 points to Gold'", () => {
    expect(tierProgress(tiers, 2180)).toEqual({
      tier: SILVER,
      nextTier: { name: "Gold", threshold: 2500, remaining: 320 },
    });
  });

  it("starts a new member 1000 from Silver", () => {
    expect(tierProgress(tiers, 0).nextTier).toEqual({
      name: "Silver",
      threshold: 1000,
      remaining: 1000,
    });
  });

  it("has no next tier at the top", () => {
    expect(tierProgress(tiers, 2500)).toEqual({ tier: GOLD, nextTier: null });
  });
});

describe("tierWindowStart", () => {
  it("is null for lifetime", () => {
    expect(tierWindowStart("lifetime", at("2025-06-15T12:00:00Z"), "UTC")).toBeNull();
  });

  describe("trailing_12_months", () => {
    it("is the same instant a year earlier in UTC", () => {
      expect(
        tierWindowStart("trailing_12_months", at("2025-06-15T12:34:56.789Z"), "UTC")?.toISOString(),
      ).toBe("2024-06-15T12:34:56.789Z");
    });

    it("maps Feb 29 to Feb 28 of the year before", () => {
      expect(
        tierWindowStart("trailing_12_months", at("2024-02-29T10:00:00Z"), "UTC")?.toISOString(),
      ).toBe("2023-02-28T10:00:00.000Z");
    });

    it("uses the shop's calendar for the leap day, not UTC's", () => {
      // 2024-02-28T14:00Z is already Feb 29 03:00 in Auckland (UTC+13) → Feb 28 03:00 local in 2023.
      expect(
        tierWindowStart(
          "trailing_12_months",
          at("2024-02-28T14:00:00Z"),
          "Pacific/Auckland",
        )?.toISOString(),
      ).toBe("2023-02-27T14:00:00.000Z");
    });

    it("keeps the wall clock across a DST change", () => {
      // Mar 9 2025 12:00 is PDT (−7); Mar 9 2024 12:00 was still PST (−8).
      expect(
        tierWindowStart(
          "trailing_12_months",
          at("2025-03-09T19:00:00Z"),
          "America/Los_Angeles",
        )?.toISOString(),
      ).toBe("2024-03-09T20:00:00.000Z");
    });

    it("moves forward out of a wall-clock time that did not exist", () => {
      // 2025-03-10 02:30 PDT exists; 2024-03-10 02:30 fell in the spring-forward gap → 03:30 PDT.
      expect(
        tierWindowStart(
          "trailing_12_months",
          at("2025-03-10T09:30:00Z"),
          "America/Los_Angeles",
        )?.toISOString(),
      ).toBe("2024-03-10T10:30:00.000Z");
    });
  });

  describe("calendar_year", () => {
    it("is Jan 1 00:00 UTC in UTC", () => {
      expect(
        tierWindowStart("calendar_year", at("2025-06-15T12:00:00Z"), "UTC")?.toISOString(),
      ).toBe("2025-01-01T00:00:00.000Z");
    });

    it("is still last year in Los Angeles on UTC new year's morning", () => {
      // 2025-01-01T05:00Z is Dec 31 21:00 PST.
      expect(
        tierWindowStart(
          "calendar_year",
          at("2025-01-01T05:00:00Z"),
          "America/Los_Angeles",
        )?.toISOString(),
      ).toBe("2024-01-01T08:00:00.000Z");
      expect(
        tierWindowStart(
          "calendar_year",
          at("2025-01-01T08:00:00Z"),
          "America/Los_Angeles",
        )?.toISOString(),
      ).toBe("2025-01-01T08:00:00.000Z");
    });

    it("is already next year in Auckland on UTC's Dec 31", () => {
      // 2024-12-31T12:00Z is Jan 1 01:00 NZDT (UTC+13).
      expect(
        tierWindowStart(
          "calendar_year",
          at("2024-12-31T12:00:00Z"),
          "Pacific/Auckland",
        )?.toISOString(),
      ).toBe("2024-12-31T11:00:00.000Z");
      expect(
        tierWindowStart(
          "calendar_year",
          at("2024-12-31T10:59:59Z"),
          "Pacific/Auckland",
        )?.toISOString(),
      ).toBe("2023-12-31T11:00:00.000Z");
    });

    it("handles a zone with a half-hour offset", () => {
      // India is UTC+5:30 all year.
      expect(
        tierWindowStart("calendar_year", at("2025-06-15T12:00:00Z"), "Asia/Kolkata")?.toISOString(),
      ).toBe("2024-12-31T18:30:00.000Z");
    });
  });

  it("rejects an unknown time zone", () => {
    expect(() =>
      tierWindowStart("calendar_year", at("2025-06-15T12:00:00Z"), "Mars/Olympus_Mons"),
    ).toThrow(RangeError);
  });
});

describe("nextTierOnReevaluation", () => {
  it("downgrades when the new window's value no longer reaches the tier", () => {
    expect(nextTierOnReevaluation(GOLD, tiers, 1200)).toBe(SILVER);
    expect(nextTierOnReevaluation(GOLD, tiers, 0)).toBe(MEMBER);
  });

  it("keeps or raises the tier when the value supports it", () => {
    expect(nextTierOnReevaluation(SILVER, tiers, 1000)).toBe(SILVER);
    expect(nextTierOnReevaluation(MEMBER, tiers, 3000)).toBe(GOLD);
  });

  it("returns the program's current definition of a tier, not a stale copy", () => {
    const repriced = [MEMBER, { ...SILVER, multiplier: 130 }, GOLD];
    expect(nextTierOnReevaluation(SILVER, repriced, 1500).multiplier).toBe(130);
  });
});

describe("tierAfterEarning", () => {
  it("upgrades immediately", () => {
    expect(tierAfterEarning(MEMBER, tiers, 1000)).toBe(SILVER);
  });

  it("never downgrades between re-evaluations", () => {
    expect(tierAfterEarning(GOLD, tiers, 10)).toBe(GOLD);
  });

  it("falls back to the value's tier when the current tier was removed", () => {
    const withoutGold = [MEMBER, SILVER];
    expect(tierAfterEarning(GOLD, withoutGold, 10)).toBe(MEMBER);
  });
});

describe("progressFromHeldTier", () => {
  it("counts the points to the tier above the one held", () => {
    expect(progressFromHeldTier(tiers, tiers[0], 680)).toEqual({
      tier: tiers[0],
      nextTier: { name: "Silver", threshold: 1000, remaining: 320 },
    });
  });

  it("keeps a held tier above what the window now reaches, until re-evaluation", () => {
    expect(progressFromHeldTier(tiers, tiers[1], 400)).toEqual({
      tier: tiers[1],
      nextTier: { name: "Gold", threshold: 2500, remaining: 2100 },
    });
  });

  it("has no next tier at the top", () => {
    expect(progressFromHeldTier(tiers, tiers[2], 9000).nextTier).toBeNull();
  });

  it("never names a next tier the value already reaches (a tier added below a member's value)", () => {
    // Held Silver (stored before Gold existed at 2,500) with 3,000: Gold, and nothing "0 to go".
    expect(progressFromHeldTier(tiers, tiers[1], 3000)).toEqual({ tier: tiers[2], nextTier: null });
    expect(progressFromHeldTier(tiers, tiers[0], 1200)).toEqual({
      tier: tiers[1],
      nextTier: { name: "Gold", threshold: 2500, remaining: 1300 },
    });
  });
});
