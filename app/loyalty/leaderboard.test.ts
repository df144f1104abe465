import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { maskedName, monthWindow } from "./leaderboard";

describe("maskedName", () => {
  it("shows the first given name and the family name's initial", () => {
    expect(maskedName("Anna", "Kowalska")).toBe("Anna K.");
    expect(maskedName("  Chloé Marie ", "dupont")).toBe("Chloé D.");
    expect(maskedName("Борис", "иванов")).toBe("Борис И.");
    expect(maskedName("Prince", null)).toBe("Prince");
  });

  it("is null without a first name", () => {
    expect(maskedName(null, "Kowalska")).toBeNull();
    expect(maskedName("   ", "Kowalska")).toBeNull();
  });

  it("property: never reveals more than one character of the family name", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 20 }),
        fc.string({ minLength: 2, maxLength: 30 }).filter((s) => /^[a-z]{2,}$/.test(s)),
        (first, last) => {
          const shown = maskedName(first, last);
          if (shown === null) return;
          const given = first.trim().split(/\s+/)[0];
          expect(shown.startsWith(given.slice(0, 1))).toBe(true);
          expect(shown.endsWith(`${last[0].toUpperCase()}.`)).toBe(true);
          expect(shown.length).toBeLessThanOrEqual([...given].slice(0, 20).join("").length + 3);
        },
      ),
    );
  });
});

describe("monthWindow", () => {
  it("is the calendar month in the shop's time zone", () => {
    // 1 Dec 03:00 UTC is still 30 Nov in New York.
    const window = monthWindow(new Date("2026-12-01T03:00:00Z"), "America/New_York");
    expect(window).toEqual({
      month: "2026-11",
      from: new Date("2026-11-01T04:00:00Z"),
      to: new Date("2026-12-01T05:00:00Z"),
    });
  });

  it("rolls over the year", () => {
    expect(monthWindow(new Date("2026-12-15T12:00:00Z"), "UTC")).toEqual({
      month: "2026-12",
      from: new Date("2026-12-01T00:00:00Z"),
      to: new Date("2027-01-01T00:00:00Z"),
    });
  });
});
