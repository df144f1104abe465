// Which language a staff member gets from Shopify's `locale` and Tally's own setting.
import { describe, expect, it } from "vitest";
import { effectiveAdminLocale, supportedAdminLocale } from "./locales";

describe("Shopify's locale parameter", () => {
  it("keeps the language of a regional tag, in any case", () => {
    expect(supportedAdminLocale("pl")).toBe("pl");
    expect(supportedAdminLocale("pl-PL")).toBe("pl");
    expect(supportedAdminLocale("EN-gb")).toBe("en");
    expect(supportedAdminLocale("ru_RU")).toBe("ru");
  });

  it("has no answer for a language Tally does not speak, or for none", () => {
    expect(supportedAdminLocale("fr")).toBeNull();
    expect(supportedAdminLocale("pt-BR")).toBeNull();
    expect(supportedAdminLocale("")).toBeNull();
    expect(supportedAdminLocale(null)).toBeNull();
  });
});

describe("the language served", () => {
  it("follows Shopify's admin by default, English where Tally lacks the language", () => {
    expect(effectiveAdminLocale("shopify", "pl-PL")).toBe("pl");
    expect(effectiveAdminLocale("shopify", "fr")).toBe("en");
    expect(effectiveAdminLocale("shopify", null)).toBe("en");
  });

  it("is Tally's own setting when one is chosen, whatever Shopify says", () => {
    expect(effectiveAdminLocale("ru", "pl")).toBe("ru");
    expect(effectiveAdminLocale("en", "pl")).toBe("en");
    expect(effectiveAdminLocale("pl", null)).toBe("pl");
  });
});
