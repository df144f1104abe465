import { describe, expect, it, vi } from "vitest";
import { isAppOrigin, resolveAppUrl } from "./app-url";

describe("resolveAppUrl", () => {
  it("reads the build-time names in order: TALLY_APP_URL, SHOPIFY_APP_URL, APP_URL", () => {
    vi.stubEnv("TALLY_APP_URL", "");
    vi.stubEnv("SHOPIFY_APP_URL", "");
    vi.stubEnv("APP_URL", "https://tunnel.trycloudflare.com");
    expect(resolveAppUrl()).toBe("https://tunnel.trycloudflare.com");
    vi.stubEnv("SHOPIFY_APP_URL", "https://app.example");
    expect(resolveAppUrl()).toBe("https://app.example");
    vi.stubEnv("TALLY_APP_URL", " https://tally.example/base/ ");
    expect(resolveAppUrl()).toBe("https://tally.example/base");
  });

  it("takes no URL from outside the build: a merchant setting cannot redirect the session token", () => {
    vi.stubEnv("TALLY_APP_URL", "https://tally.example");
    // The old signature took the `app_url` setting first; an argument now changes nothing.
    const resolve = resolveAppUrl as (setting?: unknown) => string | null;
    expect(resolve("https://attacker.example")).toBe("https://tally.example");
  });

  it("rejects what an extension could not call: plain http, query strings, credentials", () => {
    vi.stubEnv("SHOPIFY_APP_URL", "");
    vi.stubEnv("APP_URL", "");
    for (const value of [
      "http://loyalty.example.com",
      "https://a.example?x=1",
      "https://user@a.example",
      "loyalty.example.com",
    ]) {
      vi.stubEnv("TALLY_APP_URL", value);
      expect(resolveAppUrl(), value).toBeNull();
    }
  });

  it("is null where the build defined nothing and `process` does not exist (the extension sandbox)", () => {
    vi.stubGlobal("process", undefined);
    expect(resolveAppUrl()).toBeNull();
  });
});

describe("isAppOrigin", () => {
  it("accepts only the app's own scheme, host and port", () => {
    const app = "https://tally.example/base";
    expect(isAppOrigin("https://tally.example/base/api/loyalty", app)).toBe(true);
    expect(isAppOrigin("https://tally.example/other", app)).toBe(true);
    for (const url of [
      "https://tally.example.attacker.example/api/loyalty",
      "https://attacker.example/api/loyalty",
      "http://tally.example/api/loyalty",
      "https://tally.example:8443/api/loyalty",
      "not a url",
    ])
      expect(isAppOrigin(url, app), url).toBe(false);
    expect(isAppOrigin("https://tally.example/api", null)).toBe(false);
  });
});
