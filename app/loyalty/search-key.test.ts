import { describe, expect, it } from "vitest";
import { foldForSearch, memberSearchKeys } from "./search-key";

describe("foldForSearch", () => {
  it("drops accents and case, and keeps one space between words", () => {
    expect(foldForSearch("  Zofia  MÜLLER ")).toBe("zofia muller");
    expect(foldForSearch("zofia.müller@example.com")).toBe("zofia.muller@example.com");
    expect(foldForSearch("Łukasz Żółć")).toBe("lukasz zolc");
    expect(foldForSearch("Straße Øster Æsir")).toBe("strasse oster aesir");
    expect(foldForSearch("José Ñúñez")).toBe("jose nunez");
    expect(foldForSearch("   ")).toBe("");
  });
});

describe("memberSearchKeys", () => {
  it("keys a member by first-then-last, last-then-first and email", () => {
    expect(
      memberSearchKeys({
        email: "Zofia.Müller@Example.com",
        firstName: "Zofia",
        lastName: "Müller",
      }),
    ).toEqual({
      searchName: "zofia muller",
      searchSurname: "muller zofia",
      searchEmail: "zofia.muller@example.com",
    });
    expect(memberSearchKeys({ email: null, firstName: null, lastName: "Nowak" })).toEqual({
      searchName: "nowak",
      searchSurname: "nowak",
      searchEmail: null,
    });
    expect(memberSearchKeys({ email: undefined, firstName: " ", lastName: null })).toEqual({
      searchName: null,
      searchSurname: null,
      searchEmail: null,
    });
  });
});
