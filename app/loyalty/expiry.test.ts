import { describe, expect, it } from "vitest";
import { expiringPoints, pointsExpiringBetween } from "./expiry";
import { at, movement } from "./test-fixtures";
import type { ExpiryPolicy } from "./types";

const thirtyDays: ExpiryPolicy = { mode: "after_earning", days: 30 };

describe("expiringPoints — none", () => {
  it("never expires anything", () => {
    const ledger = [movement("earn", 100, "2020-01-01T00:00:00Z")];
    expect(expiringPoints(ledger, { mode: "none" }, at("2030-01-01T00:00:00Z"))).toBe(0);
  });
});

describe("expiringPoints — after_earning (FIFO lots)", () => {
  const ledger = [
    movement("earn", 100, "2025-01-01T00:00:00Z"), // due 2025-01-31T00:00Z
    movement("redeem", -30, "2025-01-05T00:00:00Z"),
    movement("earn", 50, "2025-01-10T00:00:00Z"), // due 2025-02-09T00:00Z
  ];

  it("expires what is left of the oldest lot once it is due, at exactly days × 24 h", () => {
    expect(expiringPoints(ledger, thirtyDays, at("2025-01-30T23:59:59.999Z"))).toBe(0);
    expect(expiringPoints(ledger, thirtyDays, at("2025-01-31T00:00:00Z"))).toBe(70);
  });

  it("adds later lots as they fall due", () => {
    expect(expiringPoints(ledger, thirtyDays, at("2025-02-09T00:00:00Z"))).toBe(120);
  });

  it("counts recorded expiries as consumed, so the job can run again safely", () => {
    const afterJob = [...ledger, movement("expire", -70, "2025-01-31T00:05:00Z")];
    expect(expiringPoints(afterJob, thirtyDays, at("2025-01-31T01:00:00Z"))).toBe(0);
    expect(expiringPoints(afterJob, thirtyDays, at("2025-02-09T00:00:00Z"))).toBe(50);
  });

  it("lets spending run past the oldest lot into the next one", () => {
    const spentMore = [...ledger, movement("redeem", -80, "2025-01-20T00:00:00Z")];
    // 110 spent: all of lot 1 (100) and 10 of lot 2.
    expect(expiringPoints(spentMore, thirtyDays, at("2025-01-31T00:00:00Z"))).toBe(0);
    expect(expiringPoints(spentMore, thirtyDays, at("2025-02-09T00:00:00Z"))).toBe(40);
  });

  it("gives released reservations back to the lots", () => {
    const released = [...ledger, movement("release", 30, "2025-01-06T00:00:00Z")];
    expect(expiringPoints(released, thirtyDays, at("2025-01-31T00:00:00Z"))).toBe(100);
  });

  it("consumes with reversals and negative adjustments, and ages positive adjustments and imports", () => {
    const mixed = [
      movement("import", 200, "2024-12-01T00:00:00Z"), // due 2024-12-31
      movement("adjust", 40, "2024-12-15T00:00:00Z"), // due 2025-01-14
      movement("reverse", -150, "2024-12-20T00:00:00Z"),
      movement("adjust", -20, "2024-12-21T00:00:00Z"),
    ];
    // 170 consumed from the import → 30 left; the adjustment lot is untouched.
    expect(expiringPoints(mixed, thirtyDays, at("2024-12-31T00:00:00Z"))).toBe(30);
    expect(expiringPoints(mixed, thirtyDays, at("2025-01-14T00:00:00Z"))).toBe(70);
  });

  it("does not expire points that paid off a negative balance", () => {
    const debtFirst = [
      movement("reverse", -100, "2025-01-01T00:00:00Z"),
      movement("earn", 100, "2025-01-02T00:00:00Z"),
      movement("earn", 25, "2025-01-03T00:00:00Z"),
    ];
    expect(expiringPoints(debtFirst, thirtyDays, at("2025-03-01T00:00:00Z"))).toBe(25);
  });

  it("ages pending points from when they were earned", () => {
    const pending = [movement("earn", 60, "2025-01-01T00:00:00Z", "2025-01-15T00:00:00Z")];
    expect(expiringPoints(pending, thirtyDays, at("2025-01-31T00:00:00Z"))).toBe(60);
  });

  it("orders lots by time, not by position in the list", () => {
    const shuffled = [ledger[2], ledger[1], ledger[0]];
    expect(expiringPoints(shuffled, thirtyDays, at("2025-01-31T00:00:00Z"))).toBe(70);
  });
});

describe("expiringPoints — after_inactivity", () => {
  const ninetyDays: ExpiryPolicy = { mode: "after_inactivity", days: 90 };
  const ledger = [
    movement("earn", 100, "2025-01-01T00:00:00Z"),
    movement("redeem", -20, "2025-02-01T00:00:00Z"), // last activity; + 90 days = 2025-05-02
  ];

  it("expires the whole balance once the member has been inactive for the period", () => {
    expect(expiringPoints(ledger, ninetyDays, at("2025-05-01T23:59:59Z"))).toBe(0);
    expect(expiringPoints(ledger, ninetyDays, at("2025-05-02T00:00:00Z"))).toBe(80);
  });

  it("does not count its own expiries as activity", () => {
    const expired = [...ledger, movement("expire", -80, "2025-05-02T00:01:00Z")];
    expect(expiringPoints(expired, ninetyDays, at("2025-09-01T00:00:00Z"))).toBe(0);
    const activeAgain = [...expired, movement("earn", 10, "2025-06-01T00:00:00Z")];
    expect(expiringPoints(activeAgain, ninetyDays, at("2025-08-29T23:59:59Z"))).toBe(0);
    expect(expiringPoints(activeAgain, ninetyDays, at("2025-08-30T00:00:00Z"))).toBe(10);
  });

  it("expires nothing from a zero or negative balance or an empty ledger", () => {
    const negative = [movement("earn", 50, "2025-01-01T00:00:00Z"), movement("reverse", -80, "2025-01-02T00:00:00Z")];
    expect(expiringPoints(negative, ninetyDays, at("2026-01-01T00:00:00Z"))).toBe(0);
    expect(expiringPoints([], ninetyDays, at("2026-01-01T00:00:00Z"))).toBe(0);
  });
});

describe("pointsExpiringBetween", () => {
  const ledger = [
    movement("earn", 100, "2025-01-01T00:00:00Z"), // due 2025-01-31
    movement("redeem", -30, "2025-01-05T00:00:00Z"),
    movement("earn", 50, "2025-01-10T00:00:00Z"), // due 2025-02-09
  ];

  it("sums what falls due inside (from, to]", () => {
    expect(pointsExpiringBetween(ledger, thirtyDays, at("2025-01-25T00:00:00Z"), at("2025-02-10T00:00:00Z"))).toBe(120);
    expect(pointsExpiringBetween(ledger, thirtyDays, at("2025-01-25T00:00:00Z"), at("2025-02-01T00:00:00Z"))).toBe(70);
    // A lot due exactly at `from` is already overdue, not "expiring soon".
    expect(pointsExpiringBetween(ledger, thirtyDays, at("2025-01-31T00:00:00Z"), at("2025-02-10T00:00:00Z"))).toBe(50);
    // A lot due exactly at `to` is inside.
    expect(pointsExpiringBetween(ledger, thirtyDays, at("2025-02-01T00:00:00Z"), at("2025-02-09T00:00:00Z"))).toBe(50);
  });

  it("warns about an inactivity expiry inside the window only", () => {
    const inactivity: ExpiryPolicy = { mode: "after_inactivity", days: 90 };
    const quiet = [movement("earn", 100, "2025-01-01T00:00:00Z")]; // due 2025-04-01
    expect(pointsExpiringBetween(quiet, inactivity, at("2025-03-18T00:00:00Z"), at("2025-04-01T00:00:00Z"))).toBe(100);
    expect(pointsExpiringBetween(quiet, inactivity, at("2025-03-01T00:00:00Z"), at("2025-03-15T00:00:00Z"))).toBe(0);
  });

  it("is 0 for an empty or reversed window", () => {
    expect(pointsExpiringBetween(ledger, thirtyDays, at("2025-02-10T00:00:00Z"), at("2025-01-25T00:00:00Z"))).toBe(0);
    expect(pointsExpiringBetween(ledger, { mode: "none" }, at("2025-01-01T00:00:00Z"), at("2026-01-01T00:00:00Z"))).toBe(0);
  });
});
