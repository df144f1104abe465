import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  expiringPoints,
  expiringSoon,
  expiryToRecord,
  nextExpiry,
  nextExpiryCheck,
  pointsExpiringBetween,
} from "./expiry";
import { at, movement } from "./test-fixtures";
import type { ExpiryPolicy, LedgerMovement } from "./types";

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
    const negative = [
      movement("earn", 50, "2025-01-01T00:00:00Z"),
      movement("reverse", -80, "2025-01-02T00:00:00Z"),
    ];
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
    expect(
      pointsExpiringBetween(
        ledger,
        thirtyDays,
        at("2025-01-25T00:00:00Z"),
        at("2025-02-10T00:00:00Z"),
      ),
    ).toBe(120);
    expect(
      pointsExpiringBetween(
        ledger,
        thirtyDays,
        at("2025-01-25T00:00:00Z"),
        at("2025-02-01T00:00:00Z"),
      ),
    ).toBe(70);
    // A lot due exactly at `from` is already overdue, not "expiring soon".
    expect(
      pointsExpiringBetween(
        ledger,
        thirtyDays,
        at("2025-01-31T00:00:00Z"),
        at("2025-02-10T00:00:00Z"),
      ),
    ).toBe(50);
    // A lot due exactly at `to` is inside.
    expect(
      pointsExpiringBetween(
        ledger,
        thirtyDays,
        at("2025-02-01T00:00:00Z"),
        at("2025-02-09T00:00:00Z"),
      ),
    ).toBe(50);
  });

  it("warns about an inactivity expiry inside the window only", () => {
    const inactivity: ExpiryPolicy = { mode: "after_inactivity", days: 90 };
    const quiet = [movement("earn", 100, "2025-01-01T00:00:00Z")]; // due 2025-04-01
    expect(
      pointsExpiringBetween(
        quiet,
        inactivity,
        at("2025-03-18T00:00:00Z"),
        at("2025-04-01T00:00:00Z"),
      ),
    ).toBe(100);
    expect(
      pointsExpiringBetween(
        quiet,
        inactivity,
        at("2025-03-01T00:00:00Z"),
        at("2025-03-15T00:00:00Z"),
      ),
    ).toBe(0);
  });

  it("is 0 for an empty or reversed window", () => {
    expect(
      pointsExpiringBetween(
        ledger,
        thirtyDays,
        at("2025-02-10T00:00:00Z"),
        at("2025-01-25T00:00:00Z"),
      ),
    ).toBe(0);
    expect(
      pointsExpiringBetween(
        ledger,
        { mode: "none" },
        at("2025-01-01T00:00:00Z"),
        at("2026-01-01T00:00:00Z"),
      ),
    ).toBe(0);
  });
});

describe("expiry around leap days and year ends", () => {
  const year: ExpiryPolicy = { mode: "after_earning", days: 365 };

  it("expires points earned on Feb 29 exactly 365 × 24 h later (Feb 28 of the next year)", () => {
    const ledger = [movement("earn", 100, "2024-02-29T10:00:00Z")];
    expect(expiringPoints(ledger, year, at("2025-02-28T09:59:59.999Z"))).toBe(0);
    expect(expiringPoints(ledger, year, at("2025-02-28T10:00:00Z"))).toBe(100);
  });

  it("crosses a year boundary like any other day", () => {
    const ledger = [movement("earn", 40, "2025-12-31T23:30:00Z")];
    const tenDays: ExpiryPolicy = { mode: "after_earning", days: 10 };
    expect(expiringPoints(ledger, tenDays, at("2026-01-10T23:29:59Z"))).toBe(0);
    expect(expiringPoints(ledger, tenDays, at("2026-01-10T23:30:00Z"))).toBe(40);
  });
});

describe("expiringSoon", () => {
  const ledger = [
    movement("earn", 100, "2025-01-01T00:00:00Z"), // due 2025-01-31
    movement("redeem", -30, "2025-01-05T00:00:00Z"),
    movement("earn", 50, "2025-01-10T00:00:00Z"), // due 2025-02-09
  ];

  it("counts points due within the notice window and names the first due date", () => {
    expect(expiringSoon(ledger, thirtyDays, at("2025-01-20T00:00:00Z"), 14)).toEqual({
      points: 70,
      at: at("2025-01-31T00:00:00Z"),
    });
    expect(expiringSoon(ledger, thirtyDays, at("2025-01-30T00:00:00Z"), 14)).toEqual({
      points: 120,
      at: at("2025-01-31T00:00:00Z"),
    });
  });

  it("leaves overdue points to the expiry job and reports nothing when nothing is near", () => {
    expect(expiringSoon(ledger, thirtyDays, at("2025-02-01T00:00:00Z"), 14)).toEqual({
      points: 50,
      at: at("2025-02-09T00:00:00Z"),
    });
    expect(expiringSoon(ledger, thirtyDays, at("2025-01-01T00:00:00Z"), 14)).toEqual({
      points: 0,
      at: null,
    });
    expect(expiringSoon(ledger, { mode: "none" }, at("2025-01-30T00:00:00Z"), 14)).toEqual({
      points: 0,
      at: null,
    });
  });

  it("warns before an inactivity deadline", () => {
    const policy: ExpiryPolicy = { mode: "after_inactivity", days: 30 };
    expect(expiringSoon(ledger, policy, at("2025-02-01T00:00:00Z"), 14)).toEqual({
      points: 120,
      at: at("2025-02-09T00:00:00Z"),
    });
  });
});

describe("expiryToRecord", () => {
  const ledger = [
    movement("earn", 100, "2025-01-01T00:00:00Z"),
    movement("earn", 50, "2025-01-10T00:00:00Z"),
  ];

  it("keys FIFO expiries by the total expired after them, so a rerun records nothing", () => {
    const first = expiryToRecord(ledger, thirtyDays, at("2025-02-01T00:00:00Z"));
    expect(first).toEqual({ points: 100, keySuffix: "fifo:100" });
    const afterFirst = [...ledger, movement("expire", -100, "2025-02-01T00:00:00Z")];
    expect(expiryToRecord(afterFirst, thirtyDays, at("2025-02-01T00:00:00Z"))).toBeNull();
    expect(expiryToRecord(afterFirst, thirtyDays, at("2025-02-10T00:00:00Z"))).toEqual({
      points: 50,
      keySuffix: "fifo:150",
    });
  });

  it("keys inactivity expiries by the period's last activity", () => {
    const policy: ExpiryPolicy = { mode: "after_inactivity", days: 30 };
    expect(expiryToRecord(ledger, policy, at("2025-03-01T00:00:00Z"))).toEqual({
      points: 150,
      keySuffix: "inactive:2025-01-10T00:00:00.000Z",
    });
  });

  it("never expires more than was earned, however often it runs (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ points: fc.integer({ min: -50, max: 200 }), day: fc.nat(400) }), {
          maxLength: 20,
        }),
        fc.array(fc.nat(800), { minLength: 1, maxLength: 6 }),
        (raw, runDays) => {
          const movements: LedgerMovement[] = raw
            .sort((a, b) => a.day - b.day)
            .map((m) => ({
              kind: m.points >= 0 ? "earn" : "redeem",
              points: m.points,
              createdAt: new Date(Date.UTC(2024, 0, 1) + m.day * 86_400_000),
              availableAt: null,
            }));
          const keys = new Set<string>();
          for (const day of [...runDays].sort((a, b) => a - b)) {
            const now = new Date(Date.UTC(2024, 0, 1) + day * 86_400_000);
            const visible = movements.filter((m) => m.createdAt <= now);
            const record = expiryToRecord(visible, thirtyDays, now);
            if (!record) continue;
            expect(keys.has(record.keySuffix)).toBe(false);
            keys.add(record.keySuffix);
            movements.push({
              kind: "expire",
              points: -record.points,
              createdAt: now,
              availableAt: null,
            });
            movements.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
          }
          const earned = movements.filter((m) => m.points > 0).reduce((s, m) => s + m.points, 0);
          const expired = -movements
            .filter((m) => m.kind === "expire")
            .reduce((s, m) => s + m.points, 0);
          expect(expired).toBeLessThanOrEqual(earned);
        },
      ),
    );
  });
});

describe("nextExpiryCheck", () => {
  const ledger = [
    movement("earn", 100, "2025-01-01T00:00:00Z"),
    movement("earn", 50, "2025-01-10T00:00:00Z"),
  ];

  it("is the next lot entering the notice window or falling due", () => {
    expect(nextExpiryCheck(ledger, thirtyDays, at("2025-01-10T00:00:00Z"), 14)).toEqual(
      at("2025-01-17T00:00:00Z"),
    );
    expect(nextExpiryCheck(ledger, thirtyDays, at("2025-01-17T00:00:00Z"), 14)).toEqual(
      at("2025-01-26T00:00:00Z"),
    );
    expect(nextExpiryCheck(ledger, thirtyDays, at("2025-01-26T00:00:00Z"), 14)).toEqual(
      at("2025-01-31T00:00:00Z"),
    );
    expect(nextExpiryCheck(ledger, thirtyDays, at("2025-02-09T00:00:00Z"), 14)).toBeNull();
    expect(nextExpiryCheck(ledger, { mode: "none" }, at("2025-01-01T00:00:00Z"), 14)).toBeNull();
  });

  it("never skips a change: between now and the next check, what is due and expiring stay the same (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ points: fc.integer({ min: 1, max: 100 }), day: fc.nat(100) }), {
          maxLength: 8,
        }),
        fc.nat(150),
        fc.nat(30),
        (lots, nowDay, notice) => {
          const movements: LedgerMovement[] = lots.map((l) => ({
            kind: "earn",
            points: l.points,
            createdAt: new Date(Date.UTC(2025, 0, 1) + l.day * 86_400_000),
            availableAt: null,
          }));
          const now = new Date(Date.UTC(2025, 0, 1) + nowDay * 86_400_000);
          const next = nextExpiryCheck(movements, thirtyDays, now, notice);
          const until = next ? next.getTime() - 1 : now.getTime() + 400 * 86_400_000;
          for (const t of [now.getTime() + 1, (now.getTime() + until) / 2, until]) {
            if (t < now.getTime()) continue;
            expect(expiringPoints(movements, thirtyDays, new Date(t))).toBe(
              expiringPoints(movements, thirtyDays, now),
            );
          }
        },
      ),
    );
  });
});

describe("nextExpiry — what the member is told", () => {
  const ledger = [
    movement("earn", 100, "2025-01-01T00:00:00Z"), // due 2025-01-31
    movement("redeem", -30, "2025-01-05T00:00:00Z"),
    movement("earn", 50, "2025-01-10T00:00:00Z"), // due 2025-02-09
  ];

  it("is the rest of the oldest lot at its due date, then the next lot", () => {
    expect(nextExpiry(ledger, thirtyDays, at("2025-01-20T00:00:00Z"))).toEqual({
      points: 70,
      at: at("2025-01-31T00:00:00Z"),
    });
    const afterJob = [...ledger, movement("expire", -70, "2025-01-31T00:05:00Z")];
    expect(nextExpiry(afterJob, thirtyDays, at("2025-02-01T00:00:00Z"))).toEqual({
      points: 50,
      at: at("2025-02-09T00:00:00Z"),
    });
  });

  it("names points already due (the job has not run) as due now", () => {
    const now = at("2025-02-01T00:00:00Z");
    expect(nextExpiry(ledger, thirtyDays, now)).toEqual({ points: 70, at: now });
  });

  it("skips a lot that was spent in full", () => {
    const spent = [...ledger, movement("redeem", -70, "2025-01-06T00:00:00Z")];
    expect(nextExpiry(spent, thirtyDays, at("2025-01-20T00:00:00Z"))).toEqual({
      points: 50,
      at: at("2025-02-09T00:00:00Z"),
    });
  });

  it("is the whole balance at the inactivity deadline", () => {
    expect(
      nextExpiry(ledger, { mode: "after_inactivity", days: 90 }, at("2025-02-01T00:00:00Z")),
    ).toEqual({ points: 120, at: at("2025-04-10T00:00:00Z") });
  });

  it("is null without an expiry rule or without points", () => {
    expect(nextExpiry(ledger, { mode: "none" }, at("2025-01-20T00:00:00Z"))).toBeNull();
    expect(nextExpiry([], thirtyDays, at("2025-01-20T00:00:00Z"))).toBeNull();
  });
});
