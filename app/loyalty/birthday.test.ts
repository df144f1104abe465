import { describe, expect, it } from "vitest";
import {
  BIRTHDAY_CATCH_UP_DAYS,
  birthdayChangeableFrom,
  birthdayDays,
  birthdayIn,
  birthdayPayable,
  formatBirthday,
  parseBirthday,
  readImportedBirthday,
  validBirthday,
} from "./birthday";

describe("birthdays", () => {
  it("accepts real days of some year, 29 February included, and nothing else", () => {
    expect(validBirthday(2, 29)).toEqual({ month: 2, day: 29 });
    expect(validBirthday(12, 31)).toEqual({ month: 12, day: 31 });
    for (const [month, day] of [
      [2, 30],
      [4, 31],
      [0, 1],
      [13, 1],
      [1, 0],
      [1.5, 1],
      ["3", 1],
    ])
      expect(validBirthday(month, day)).toBeNull();
  });

  it("stores MM-DD and reads back only well-formed real days", () => {
    expect(formatBirthday({ month: 3, day: 7 })).toBe("03-07");
    expect(parseBirthday("03-07")).toEqual({ month: 3, day: 7 });
    for (const junk of ["3-7", "02-30", "1990-03-07", "", null])
      expect(parseBirthday(junk)).toBeNull();
  });

  it("celebrates 29 February on 28 February in common years", () => {
    expect(birthdayIn({ month: 2, day: 29 }, 2027)).toEqual({ month: 2, day: 28 });
    expect(birthdayIn({ month: 2, day: 29 }, 2028)).toEqual({ month: 2, day: 29 });
    const feb28 = birthdayDays(new Date("2027-02-28T12:00:00Z"), "UTC", 0);
    expect(feb28).toEqual([{ year: 2027, month: 2, day: 28, stored: ["02-28", "02-29"] }]);
    const leap = birthdayDays(new Date("2028-02-28T12:00:00Z"), "UTC", 0);
    expect(leap[0].stored).toEqual(["02-28"]);
  });

  it("uses the shop's local day and catches up the days before, across a new year", () => {
    // 1 January 02:00 in Auckland is still 31 December in UTC.
    const now = new Date("2026-12-31T13:00:00Z");
    const days = birthdayDays(now, "Pacific/Auckland");
    expect(days).toHaveLength(BIRTHDAY_CATCH_UP_DAYS + 1);
    expect(days.at(-1)).toMatchObject({ year: 2027, month: 1, day: 1, stored: ["01-01"] });
    expect(days[0]).toMatchObject({ year: 2026, month: 12, day: 25 });
    expect(birthdayDays(now, "UTC").at(-1)).toMatchObject({ year: 2026, month: 12, day: 31 });
  });

  it("pays a birthday only if it was known before its day ended", () => {
    const day = birthdayDays(new Date("2026-06-10T12:00:00Z"), "UTC", 0)[0];
    expect(birthdayPayable(day, null, "UTC")).toBe(true);
    expect(birthdayPayable(day, new Date("2026-06-10T23:59:00Z"), "UTC")).toBe(true);
    expect(birthdayPayable(day, new Date("2026-06-11T00:00:00Z"), "UTC")).toBe(false);
    // Set at 23:30 UTC on the 9th = the 10th in Berlin: still the day itself.
    expect(birthdayPayable(day, new Date("2026-06-10T21:30:00Z"), "Europe/Berlin")).toBe(true);
  });

  it("can be changed again 365 days after it was set", () => {
    const setAt = new Date("2026-01-01T00:00:00Z");
    expect(birthdayChangeableFrom(null, setAt)).toBeNull();
    expect(birthdayChangeableFrom(setAt, new Date("2026-12-31T23:59:59Z"))).toEqual(
      new Date("2027-01-01T00:00:00Z"),
    );
    expect(birthdayChangeableFrom(setAt, new Date("2027-01-01T00:00:00Z"))).toBeNull();
  });
});

describe("birthdays as other apps export them (decision 042)", () => {
  it.each([
    ["1990-05-27", { month: 5, day: 27 }],
    ["1004-02-29", { month: 2, day: 29 }], // Smile's "no year", and a leap day
    ["1990-5-7", { month: 5, day: 7 }],
    ["1990-05-27T00:00:00Z", { month: 5, day: 27 }],
    ["05-27", { month: 5, day: 27 }],
    ["--05-27", { month: 5, day: 27 }],
    ['{"month":6,"day":25}', { month: 6, day: 25 }], // LoyaltyLion's birthday object
    ['{"month":6,"day":25,"year":1993}', { month: 6, day: 25 }],
  ])("reads %s, year ignored", (raw, birthday) => {
    expect(readImportedBirthday(raw)).toEqual({ ok: true, birthday });
  });

  it.each([
    ["1969-02-30", 'Birthday "1969-02-30" is not a real day (month 2, day 30).'],
    ["13-01", 'Birthday "13-01" is not a real day (month 13, day 1).'],
    ["27-05", 'Birthday "27-05" is not a real day (month 27, day 5).'],
  ])("refuses the impossible date %s with the reason", (raw, message) => {
    expect(readImportedBirthday(raw)).toMatchObject({ ok: false, message });
  });

  it.each(["27/05/1990", "05/27/1990", "May 27", "", '{"month":"6"}'])(
    "refuses %j instead of guessing",
    (raw) => {
      const read = readImportedBirthday(raw);
      expect(read.ok).toBe(false);
      expect(!read.ok && read.message).toContain("is not a date Tally reads");
    },
  );
});
