import { describe, expect, it } from "vitest";
import { timeOrderedId } from "./time-ordered-id";

describe("timeOrderedId", () => {
  it("is a version-7 UUID whose first 48 bits are the milliseconds", () => {
    const id = timeOrderedId(Date.UTC(2026, 5, 1));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, "").slice(0, 12), 16)).toBeGreaterThanOrEqual(
      Date.UTC(2026, 5, 1),
    );
  });

  it("increases strictly, also many times within one millisecond and when the clock goes back", () => {
    const at = Date.UTC(2030, 0, 1);
    const ids = [
      ...Array.from({ length: 10_000 }, () => timeOrderedId(at)),
      timeOrderedId(at - 1000),
      timeOrderedId(at + 5),
    ];
    for (let i = 1; i < ids.length; i++) expect(ids[i] > ids[i - 1]).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
