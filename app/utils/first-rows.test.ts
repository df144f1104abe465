import { describe, expect, it } from "vitest";
import { FirstRows } from "./first-rows";

describe("FirstRows", () => {
  it("answers the first row of a key seen before, across many growths", () => {
    const seen = new FirstRows();
    const keys = 200_000;
    for (let row = 1; row <= keys; row++)
      expect(seen.firstOrAdd(`shopify:${9_000_000 + row}`, row)).toBeUndefined();
    expect(seen.size).toBe(keys);
    for (let row = 1; row <= keys; row += 997)
      expect(seen.firstOrAdd(`shopify:${9_000_000 + row}`, keys + row)).toBe(row);
    // A repeat does not replace the first row.
    expect(seen.firstOrAdd("shopify:9000001", 5)).toBe(1);
    expect(seen.size).toBe(keys);
  });

  it("tells apart keys that differ in one character, in order, or only in length", () => {
    const seen = new FirstRows();
    const keys = ["ab", "ba", "a", "abc", "abd", "", "é", "e", "import:tally:1", "import:tally:10"];
    keys.forEach((key, index) => expect(seen.firstOrAdd(key, index + 1)).toBeUndefined());
    keys.forEach((key, index) => expect(seen.firstOrAdd(key, 100)).toBe(index + 1));
  });

  it("refuses row 0, which marks an empty slot", () => {
    expect(() => new FirstRows().firstOrAdd("x", 0)).toThrow(RangeError);
  });
});
