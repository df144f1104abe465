import fc from "fast-check";
import { wordCoded } from "../i18n/coded-text";
import { en } from "../i18n/en";
import { pl } from "../i18n/pl";
import { ru } from "../i18n/ru";
import { describe, expect, it } from "vitest";
import { aProgram, at, GOLD, MEMBER, SILVER } from "./test-fixtures";
import {
  calendarYearStart,
  decideReevaluation,
  reevaluationWindowStart,
} from "./tier-reevaluation";

const noRisk = { override: null, atRiskSince: null };

describe("reevaluationWindowStart", () => {
  it("counts a calendar-year re-evaluation over the year just ended, in the shop's zone", () => {
    expect(
      reevaluationWindowStart("calendar_year", at("2027-01-01T00:00:00Z"), "UTC")?.toISOString(),
    ).toBe("2026-01-01T00:00:00.000Z");
    // Jan 1 2026 00:00 in Auckland (UTC+13 in summer) is Dec 31 2025 11:00 UTC.
    expect(
      reevaluationWindowStart(
        "calendar_year",
        at("2026-12-31T12:00:00Z"),
        "Pacific/Auckland",
      )?.toISOString(),
    ).toBe("2025-12-31T11:00:00.000Z");
  });

  it("uses the sliding window for trailing 12 months and nothing for lifetime", () => {
    expect(
      reevaluationWindowStart(
        "trailing_12_months",
        at("2025-03-01T00:00:00Z"),
        "UTC",
      )?.toISOString(),
    ).toBe("2024-03-01T00:00:00.000Z");
    expect(reevaluationWindowStart("lifetime", at("2025-03-01T00:00:00Z"), "UTC")).toBeNull();
  });
});

describe("calendarYearStart", () => {
  it("starts the year in the shop's zone, before UTC's in Auckland", () => {
    // 12:00 UTC on Dec 31 is already Jan 1 01:00 in Auckland (UTC+13), still Dec 31 in UTC.
    expect(calendarYearStart(at("2026-12-31T12:00:00Z"), "Pacific/Auckland").toISOString()).toBe(
      "2026-12-31T11:00:00.000Z",
    );
    expect(calendarYearStart(at("2026-12-31T12:00:00Z"), "UTC").toISOString()).toBe(
      "2026-01-01T00:00:00.000Z",
    );
  });
});

describe("decideReevaluation", () => {
  const now = at("2026-05-01T00:00:00Z");
  const program = aProgram();

  it("downgrades at once without a grace period, saying why", () => {
    const decision = decideReevaluation(program, { tierName: "Gold", ...noRisk }, 1200, now);
    expect(decision).toEqual({
      kind: "change",
      to: SILVER,
      reason: {
        code: "reevaluationDown",
        values: {
          value: 1200,
          basis: "points_earned",
          period: "trailing_12_months",
          held: "Gold",
          threshold: 2500,
          graceDays: 0,
        },
      },
    });
    if (decision.kind !== "change") throw new Error("expected a change");
    expect(wordCoded(decision.reason, en.tierReasons)).toBe(
      "re-evaluation: 1200 points earned over trailing 12 months is below Gold (2500)",
    );
    expect(wordCoded(decision.reason, pl.tierReasons)).toBe(
      "ponowna ocena: zdobyte punkty z ostatnich 12 miesięcy: 1200 to mniej niż Gold (2500)",
    );
    expect(wordCoded(decision.reason, ru.tierReasons)).toBe(
      `пересмотр: заработано баллов за последние 12 месяцев: ${(1200).toLocaleString("ru")} — меньше порога Gold (${(2500).toLocaleString("ru")})`,
    );
  });

  it("keeps a member who still reaches their tier, and leaves entry-tier members unwritten", () => {
    expect(decideReevaluation(program, { tierName: "Gold", ...noRisk }, 2500, now)).toEqual({
      kind: "keep",
    });
    expect(decideReevaluation(program, { tierName: null, ...noRisk }, 10, now)).toEqual({
      kind: "keep",
    });
  });

  it("upgrades a member whose value reaches a higher tier (e.g. after thresholds were lowered)", () => {
    const lowered = aProgram({ tiers: [MEMBER, { ...SILVER, threshold: 500 }, GOLD] });
    expect(decideReevaluation(lowered, { tierName: null, ...noRisk }, 600, now)).toMatchObject({
      kind: "change",
      to: { name: "Silver" },
    });
  });

  it("moves members of a tier the merchant removed", () => {
    const withoutGold = aProgram({ tiers: [MEMBER, SILVER] });
    expect(
      decideReevaluation(withoutGold, { tierName: "Gold", ...noRisk }, 3000, now),
    ).toMatchObject({ kind: "change", to: { name: "Silver" } });
  });

  it("never touches a member with a staff override", () => {
    expect(
      decideReevaluation(
        program,
        { tierName: "Gold", override: "Gold", atRiskSince: null },
        0,
        now,
      ),
    ).toEqual({ kind: "keep" });
  });

  describe("with a grace period", () => {
    const graceful = aProgram({ tierGraceDays: 30 });

    it("first marks the member at risk, then downgrades once the grace has run out", () => {
      expect(decideReevaluation(graceful, { tierName: "Gold", ...noRisk }, 100, now)).toEqual({
        kind: "at_risk",
        since: now,
      });
      const risk = { tierName: "Gold", override: null, atRiskSince: now };
      expect(decideReevaluation(graceful, risk, 100, at("2026-05-30T23:59:59Z"))).toEqual({
        kind: "keep",
      });
      expect(decideReevaluation(graceful, risk, 100, at("2026-05-31T00:00:00Z"))).toMatchObject({
        kind: "change",
        to: { name: "Member" },
      });
    });

    it("clears the risk when the member is back at their tier", () => {
      expect(
        decideReevaluation(
          graceful,
          { tierName: "Gold", override: null, atRiskSince: now },
          2600,
          now,
        ),
      ).toEqual({ kind: "safe" });
    });
  });

  it("always lands on the tier the value reaches once no grace or override applies (property)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(null, "Member", "Silver", "Gold", "Platinum"),
        fc.nat(10_000),
        (tierName, value) => {
          const decision = decideReevaluation(program, { tierName, ...noRisk }, value, now);
          const reached = value >= 2500 ? "Gold" : value >= 1000 ? "Silver" : "Member";
          const after = decision.kind === "change" ? decision.to.name : (tierName ?? "Member");
          expect(after).toBe(reached);
          // Applying the decision again changes nothing: re-evaluation is idempotent.
          expect(decideReevaluation(program, { tierName: after, ...noRisk }, value, now)).toEqual({
            kind: "keep",
          });
        },
      ),
    );
  });
});
