import { describe, expect, it } from "vitest";
import { csvLine } from "./csv";

describe("CSV lines", () => {
  it("quotes separators, quotes and line breaks; leaves numbers alone", () => {
    expect(csvLine(["a,b", 'say "hi"', "two\nlines", -5, null, true])).toBe(
      '"a,b","say ""hi""","two\nlines",-5,,true\r\n',
    );
  });

  it("defuses text a spreadsheet would run as a formula, not negative numbers", () => {
    expect(csvLine(["=SUM(A1)", "+1 555", "@x", "-12", "-x"])).toBe(
      "'=SUM(A1),'+1 555,'@x,-12,'-x\r\n",
    );
  });
});
