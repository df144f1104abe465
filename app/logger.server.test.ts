import { afterEach, describe, expect, it, vi } from "vitest";
import { log } from "./logger.server";

describe("log", () => {
  afterEach(() => vi.restoreAllMocks());

  it("keeps the line's message when a field is also called message", () => {
    const lines: string[] = [];
    vi.spyOn(console, "warn").mockImplementation((line: string) => void lines.push(line));
    log.warn("webhook handler failed", { message: "connection reset", shop: "a.myshopify.com" });
    const entry = JSON.parse(lines[0]);
    expect(entry.message).toBe("webhook handler failed");
    expect(entry.fieldMessage).toBe("connection reset");
    expect(entry.shop).toBe("a.myshopify.com");
    expect(entry.level).toBe("warn");
  });

  it("writes no prefixed key when nothing clashes", () => {
    const lines: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: string) => void lines.push(line));
    log.error("boom", { attempts: 3 });
    expect(Object.keys(JSON.parse(lines[0])).sort()).toEqual([
      "attempts",
      "level",
      "message",
      "time",
    ]);
  });
});
