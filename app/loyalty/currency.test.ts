import { describe, expect, it } from "vitest";
import { currencyExponent, isKnownCurrency } from "./currency";
import { parseDecimalToMinor } from "./money";

describe("currencyExponent (ISO 4217 minor units)", () => {
  it("gives the ISO digits of common currencies", () => {
    expect(["USD", "EUR", "GBP", "CAD"].map(currencyExponent)).toEqual([2, 2, 2, 2]);
    expect(["JPY", "KRW", "VND", "CLP", "ISK"].map(currencyExponent)).toEqual([0, 0, 0, 0, 0]);
    expect(["KWD", "BHD", "JOD", "OMR", "TND", "IQD"].map(currencyExponent)).toEqual([
      3, 3, 3, 3, 3, 3,
    ]);
  });

  it("follows ISO 4217, not CLDR's display digits, where they differ", () => {
    // CLDR (and so Intl) shows these with 0 decimals; Shopify sends ISO precision.
    expect(["IDR", "HUF", "COP", "LBP", "RSD", "IRR"].map(currencyExponent)).toEqual([
      2, 2, 2, 2, 2, 2,
    ]);
    expect(parseDecimalToMinor("150000.50", currencyExponent("IDR"))).toBe(15_000_050);
  });

  it("refuses codes that name no currency Tally knows", () => {
    for (const code of ["XYZ", "XXX", "XAU", "usd", "US", "€€€", ""]) {
      expect(isKnownCurrency(code)).toBe(false);
      expect(() => currencyExponent(code)).toThrow(RangeError);
    }
  });

  it("knows every code of Shopify's CurrencyCode enum except XXX (unrecognized)", () => {
    for (const code of ["BYR", "JEP", "KID", "LTL", "STD", "VEF", "VED", "MRU", "SLL", "XPF"])
      expect(isKnownCurrency(code)).toBe(true);
  });
});
