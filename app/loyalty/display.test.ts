import { describe, expect, it } from "vitest";
import {
  formatCompact,
  formatCount,
  formatPercent,
  formatDate,
  formatDateTime,
  formatDay,
  formatMoney,
} from "./display";

describe("formatMoney", () => {
  it("shows the shop's currency the way its symbol is written, with thousands separators", () => {
    expect(formatMoney(140391, { currencyCode: "USD", currencyExponent: 2 })).toBe("$1,403.91");
    expect(formatMoney(522133, { currencyCode: "USD", currencyExponent: 2 })).toBe("$5,221.33");
    expect(formatMoney(-500, { currencyCode: "USD", currencyExponent: 2 })).toBe("-$5.00");
    expect(formatMoney(150000, { currencyCode: "JPY", currencyExponent: 0 })).toBe("¥150,000");
    expect(formatMoney(1234567, { currencyCode: "KWD", currencyExponent: 3 })).toBe(
      "KWD\u00a01,234.567",
    );
    expect(formatMoney(null, { currencyCode: "USD", currencyExponent: 2 })).toBe("—");
  });

  it("formats large amounts exactly, never through a float", () => {
    expect(formatMoney(9007199254740991, { currencyCode: "USD", currencyExponent: 2 })).toBe(
      "$90,071,992,547,409.91",
    );
  });

  it("follows the admin's locale", () => {
    expect(formatMoney(140391, { currencyCode: "EUR", currencyExponent: 2, locale: "de" })).toBe(
      "1.403,91\u00a0€",
    );
  });
});

describe("counts", () => {
  it("has thousands separators, and a compact form for chart axes", () => {
    expect(formatCount(1234567)).toBe("1,234,567");
    expect(formatCompact(950)).toBe("950");
    expect(formatCompact(12_300)).toBe("12.3K");
    expect(formatCompact(2_500_000)).toBe("2.5M");
  });
});

describe("dates", () => {
  it("reads a moment in the shop's time zone, not UTC", () => {
    const at = "2026-12-07T02:30:00.000Z";
    // ICU versions differ on the space before AM/PM (U+0020 or U+202F).
    const spaced = (text: string) => text.replace(/\s/gu, " ");
    expect(spaced(formatDateTime(at, "America/New_York"))).toBe("Dec 6, 2026, 9:30 PM");
    expect(spaced(formatDateTime(at, "UTC"))).toBe("Dec 7, 2026, 2:30 AM");
    expect(formatDate(at, "America/New_York")).toBe("Dec 6, 2026");
    expect(formatDate(new Date(at), "Pacific/Auckland")).toBe("Dec 7, 2026");
  });
});

describe("rollup days", () => {
  it("are labelled short on chart axes and in full in tooltips, whatever the server's zone", () => {
    expect(formatDay("2026-12-07", "short")).toBe("Dec 7");
    expect(formatDay("2026-01-01", "full")).toBe("Jan 1, 2026");
    expect(formatDay("not a day", "short")).toBe("not a day");
  });
});

describe("formatPercent", () => {
  it("writes a share with one decimal as the locale does", () => {
    expect(formatPercent(0.125)).toBe("12.5%");
    expect(formatPercent(0.125, "pl").replace(/\u00a0/g, " ")).toBe("12,5%");
    expect(formatPercent(0.125, "ru").replace(/\u00a0/g, " ")).toBe("12,5 %");
  });
});
