import { describe, expect, it, vi } from "vitest";
import { resolveAppUrl } from "./app-url";

describe("resolveAppUrl", () => {
  it("prefers the merchant's setting and trims trailing slashes", () => {
    vi.stubEnv("SHOPIFY_APP_URL", "https://built-in.example");
    expect(resolveAppUrl(" https://loyalty.example.com/ ")).toBe("https://loyalty.example.com");
  });

  it("falls back to the build-time names in order: TALLY_APP_URL, SHOPIFY_APP_URL, APP_URL", () => {
    vi.stubEnv("TALLY_APP_URL", "");
    vi.stubEnv("SHOPIFY_APP_URL", "");
    vi.stubEnv("APP_URL", "https://tunnel.trycloudflare.com");
    expect(resolveAppUrl(undefined)).toBe("https://tunnel.trycloudflare.com");
    vi.stubEnv("SHOPIFY_APP_URL", "https://app.example");
    expect(resolveAppUrl("")).toBe("https://app.example");
    vi.stubEnv("TALLY_APP_URL", "https://tally.example/base/");
    expect(resolveAppUrl(undefined)).toBe("https://tally.example/base");
  });

  it("rejects what an extension could not call: plain http, query strings, other values", () => {
    vi.stubEnv("TALLY_APP_URL", "");
    vi.stubEnv("SHOPIFY_APP_URL", "");
    vi.stubEnv("APP_URL", "");
    for (const value of [
      "http://loyalty.example.com",
      "https://a.example?x=1",
      "loyalty.example.com",
      42,
      null,
    ]) {
      expect(resolveAppUrl(value)).toBeNull();
    }
  });

  it("is null where the build defined nothing and `process` does not exist (the extension sandbox)", () => {
    vi.stubGlobal("process", undefined);
    expect(resolveAppUrl(undefined)).toBeNull();
  });
});
