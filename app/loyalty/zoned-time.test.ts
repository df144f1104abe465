import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { daysInMonth, instantOfWallClock, wallClockAt } from "./zoned-time";

const wall = (year: number, month: number, day: number, hour = 0, minute = 0) => ({
  year,
  month,
  day,
  hour,
  minute,
  second: 0,
  millisecond: 0,
});

// An independent reading of the wall clock, straight from Intl, to check the cached offsets against.
function intlWallClock(instant: Date, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    })
      .formatToParts(instant)
      .map((part) => [part.type, Number(part.value)]),
  );
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
    millisecond: instant.getUTCMilliseconds(),
  };
}

const ZONES = [
  "UTC",
  "America/Los_Angeles",
  "Europe/London",
  "Asia/Kathmandu",
  "Australia/Lord_Howe",
  "Pacific/Chatham",
  "America/St_Johns",
  "Africa/Casablanca",
  "Asia/Tokyo",
];

describe("wallClockAt", () => {
  it("agrees with Intl at any instant in any zone, across daylight-saving changes", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1980, 0, 1), max: Date.UTC(2100, 0, 1) }),
        fc.constantFrom(...ZONES),
        (ms, zone) => {
          expect(wallClockAt(new Date(ms), zone)).toEqual(intlWallClock(new Date(ms), zone));
        },
      ),
      { numRuns: 2000 },
    );
    // Either side of Los Angeles' spring-forward (10:00 UTC) and fall-back (09:00 UTC) instants.
    for (const iso of [
      "2026-03-08T09:59:59.999Z",
      "2026-03-08T10:00:00.000Z",
      "2026-11-01T08:59:59.999Z",
      "2026-11-01T09:00:00.000Z",
    ]) {
      expect(wallClockAt(new Date(iso), "America/Los_Angeles")).toEqual(
        intlWallClock(new Date(iso), "America/Los_Angeles"),
      );
    }
    expect(wallClockAt(new Date("2026-03-08T10:00:00.000Z"), "America/Los_Angeles").hour).toBe(3);
  });

  it("reads the shop's clock, milliseconds included", () => {
    expect(wallClockAt(new Date("2024-12-31T12:00:00.250Z"), "Pacific/Auckland")).toEqual({
      year: 2025,
      month: 1,
      day: 1,
      hour: 1,
      minute: 0,
      second: 0,
      millisecond: 250,
    });
  });

  it("shows midnight as hour 0, not 24", () => {
    expect(wallClockAt(new Date("2025-01-01T08:00:00Z"), "America/Los_Angeles").hour).toBe(0);
  });
});

describe("instantOfWallClock", () => {
  it("takes the earlier instant when the clock goes back and a time happens twice", () => {
    // 2024-11-03 01:30 happened at 08:30Z (PDT) and again at 09:30Z (PST) in Los Angeles.
    expect(instantOfWallClock(wall(2024, 11, 3, 1, 30), "America/Los_Angeles").toISOString()).toBe(
      "2024-11-03T08:30:00.000Z",
    );
  });

  it("moves forward across a spring-forward gap", () => {
    // Auckland skipped 02:00–03:00 on 2024-09-29; 02:30 NZST → 03:30 NZDT = 14:30Z the day before.
    expect(instantOfWallClock(wall(2024, 9, 29, 2, 30), "Pacific/Auckland").toISOString()).toBe(
      "2024-09-28T14:30:00.000Z",
    );
  });

  it("round-trips an ordinary wall clock", () => {
    const instant = new Date("2025-06-15T12:34:56.789Z");
    expect(
      instantOfWallClock(wallClockAt(instant, "Asia/Kolkata"), "Asia/Kolkata").toISOString(),
    ).toBe(instant.toISOString());
  });
});

describe("daysInMonth", () => {
  it("knows leap years", () => {
    expect([
      daysInMonth(2024, 2),
      daysInMonth(2023, 2),
      daysInMonth(1900, 2),
      daysInMonth(2000, 2),
    ]).toEqual([29, 28, 28, 29]);
    expect(daysInMonth(2025, 12)).toBe(31);
  });
});
