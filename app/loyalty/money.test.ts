import { describe, expect, it } from "vitest";
import { formatMinor, parseDecimalToMinor } from "./money";

describe("parseDecimalToMinor", () => {
  it.each([
    ["12.50", 2, 1250],
    ["0.5", 2, 50],
    ["1200", 2, 120000],
    ["-3.10", 2, -310],
    ["0.29", 2, 29], // 0.29 * 100 is 28.999999999999996 in floats
    ["1.005", 3, 1005],
    ["12.500", 2, 1250],
    ["12.50000", 2, 1250],
    ["1200", 0, 1200],
    ["1200.00", 0, 1200],
    ["0.125", 3, 125],
    ["7", 3, 7000],
    ["0", 2, 0],
    ["007.10", 2, 710],
    ["90071992547409.91", 2, Number.MAX_SAFE_INTEGER],
  ])("%s with exponent %i is %i", (amount, exponent, expected) => {
    expect(parseDecimalToMinor(amount, exponent)).toBe(expected);
  });

  it("never returns negative zero", () => {
    expect(Object.is(parseDecimalToMinor("-0.00", 2), 0)).toBe(true);
  });

  it.each([
    "",
    "abc",
    "1,50",
    "1.2.3",
    ".5",
    "5.",
    "+5",
    " 5",
    "5 ",
    "1e3",
    "NaN",
    "Infinity",
    "-",
    "--1",
    "0x10",
  ])("rejects %j", (amount) => {
    expect(() => parseDecimalToMinor(amount, 2)).toThrow(RangeError);
    expect(() => parseDecimalToMinor(amount, 2)).toThrow(/Not a decimal amount/);
  });

  it("rejects more significant decimals than the currency has", () => {
    expect(() => parseDecimalToMinor("12.505", 2)).toThrow(
      /more decimals than the currency allows \(2\)/,
    );
    expect(() => parseDecimalToMinor("1.5", 0)).toThrow(RangeError);
    expect(() => parseDecimalToMinor("1.0001", 3)).toThrow(RangeError);
  });

  it("rejects amounts beyond Number.MAX_SAFE_INTEGER minor units", () => {
    expect(() => parseDecimalToMinor("90071992547409.92", 2)).toThrow(/too large/);
    expect(() => parseDecimalToMinor("-90071992547409.92", 2)).toThrow(/too large/);
    expect(() => parseDecimalToMinor("1" + "0".repeat(400), 2)).toThrow(RangeError);
  });

  it("rejects a non-string input and a bad exponent", () => {
    expect(() => parseDecimalToMinor(12.5 as unknown as string, 2)).toThrow(RangeError);
    expect(() => parseDecimalToMinor("1", -1)).toThrow(/exponent/);
    expect(() => parseDecimalToMinor("1", 2.5)).toThrow(/exponent/);
  });
});

describe("formatMinor", () => {
  it.each([
    [1250, 2, "12.50"],
    [5, 2, "0.05"],
    [-5, 2, "-0.05"],
    [-310, 2, "-3.10"],
    [0, 2, "0.00"],
    [1200, 0, "1200"],
    [1005, 3, "1.005"],
    [7, 3, "0.007"],
    [Number.MAX_SAFE_INTEGER, 2, "90071992547409.91"],
  ])("%i with exponent %i is %s", (minor, exponent, expected) => {
    expect(formatMinor(minor, exponent)).toBe(expected);
  });

  it("round-trips with parseDecimalToMinor", () => {
    for (const minor of [0, 1, 99, 100, 123456, -42]) {
      for (const exponent of [0, 2, 3]) {
        expect(parseDecimalToMinor(formatMinor(minor, exponent), exponent)).toBe(minor);
      }
    }
  });

  it("rejects non-integers", () => {
    expect(() => formatMinor(12.5, 2)).toThrow(RangeError);
    expect(() => formatMinor(Number.NaN, 2)).toThrow(RangeError);
  });
});
