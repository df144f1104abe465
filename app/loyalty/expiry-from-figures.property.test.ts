// The shopper API's expiry line is computed from a few figures (balance + pending, the newest lots,
// the last activity) instead of the whole ledger. Over arbitrary histories it must say exactly what
// nextExpiry says from the whole ledger.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  expiringPoints,
  nextExpiry,
  nextExpiryFromNewestLots,
  nextInactivityExpiry,
} from "./expiry";
import type { ExpiryPolicy, LedgerKind, LedgerMovement } from "./types";

const START = Date.UTC(2025, 0, 1);
const DAY = 86_400_000;

const pointsByKind: Record<LedgerKind, fc.Arbitrary<number>> = {
  earn: fc.integer({ min: 1, max: 1000 }),
  import: fc.integer({ min: 1, max: 5000 }),
  release: fc.integer({ min: 1, max: 500 }),
  redeem: fc.integer({ min: -500, max: -1 }),
  reverse: fc.integer({ min: -1000, max: -1 }),
  expire: fc.integer({ min: -300, max: -1 }),
  adjust: fc.integer({ min: -500, max: 500 }).filter((n) => n !== 0),
};

// Few distinct days, so lots often share an instant (ties must not matter).
const movementArb: fc.Arbitrary<LedgerMovement> = fc
  .constantFrom<LedgerKind>("earn", "earn", "earn", "import", "release", "redeem", "reverse")
  .chain((kind) =>
    fc.record({
      kind: fc.constantFrom(kind, kind, kind, "expire", "adjust"),
      day: fc.integer({ min: 0, max: 60 }),
    }),
  )
  .chain(({ kind, day }) =>
    pointsByKind[kind].map((points) => ({
      kind,
      points,
      createdAt: new Date(START + day * 7 * DAY),
      availableAt: null,
    })),
  );

const isLot = (m: LedgerMovement) =>
  m.points > 0 && (m.kind === "earn" || m.kind === "import" || m.kind === "adjust");

/** What Tally's own ledgers guarantee: nothing is given back beyond what was taken. */
const givesBackNoMoreThanTaken = (ledger: LedgerMovement[]) =>
  ledger.filter((m) => !isLot(m) && m.kind !== "expire").reduce((s, m) => s + m.points, 0) <= 0;

const ledgerArb = fc.array(movementArb, { maxLength: 40 }).filter(givesBackNoMoreThanTaken);
const nowArb = fc.integer({ min: -10, max: 500 }).map((day) => new Date(START + day * DAY));
const daysArb = fc.integer({ min: 1, max: 200 });

const total = (ledger: LedgerMovement[]) => ledger.reduce((s, m) => s + m.points, 0);
const newestLots = (ledger: LedgerMovement[]) =>
  ledger.filter(isLot).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());

/**
 * nextExpiry by its definition: the first due instant of a lot at which more than the overdue
 * points fall due (n² on a long ledger, so the module computes it in one FIFO pass instead).
 */
function nextExpiryByDefinition(ledger: LedgerMovement[], days: number, now: Date) {
  const policy: ExpiryPolicy = { mode: "after_earning", days };
  const overdue = expiringPoints(ledger, policy, now);
  if (overdue > 0) return { points: overdue, at: now };
  const instants = [...new Set(ledger.filter(isLot).map((m) => m.createdAt.getTime() + days * DAY))]
    .filter((t) => t > now.getTime())
    .sort((a, b) => a - b);
  for (const t of instants) {
    const points = expiringPoints(ledger, policy, new Date(t)) - overdue;
    if (points > 0) return { points, at: new Date(t) };
  }
  return null;
}

describe("nextExpiry (after_earning)", () => {
  it("is the first lot's due instant at which points fall due, over any history", () => {
    fc.assert(
      fc.property(
        fc.array(movementArb, { maxLength: 40 }),
        daysArb,
        nowArb,
        (ledger, days, now) => {
          expect(nextExpiry(ledger, { mode: "after_earning", days }, now)).toEqual(
            nextExpiryByDefinition(ledger, days, now),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("nextExpiryFromNewestLots (after_earning)", () => {
  it("says what nextExpiry says from the whole ledger", () => {
    fc.assert(
      fc.property(ledgerArb, daysArb, nowArb, (ledger, days, now) => {
        expect(nextExpiryFromNewestLots(newestLots(ledger), total(ledger), days, now)).toEqual(
          nextExpiry(ledger, { mode: "after_earning", days }, now),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it("from a page of the newest lots: the same answer, or 'incomplete' when the page falls short", () => {
    fc.assert(
      fc.property(ledgerArb, daysArb, nowArb, fc.nat(10), (ledger, days, now, pageSize) => {
        const lots = newestLots(ledger);
        const page = lots.slice(0, pageSize);
        const answer = nextExpiryFromNewestLots(page, total(ledger), days, now);
        const reachesTotal = page.reduce((s, lot) => s + lot.points, 0) >= total(ledger);
        if (total(ledger) > 0 && !reachesTotal) expect(answer).toBe("incomplete");
        else expect(answer).toEqual(nextExpiry(ledger, { mode: "after_earning", days }, now));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("nextInactivityExpiry (after_inactivity)", () => {
  it("says what nextExpiry says from the whole ledger", () => {
    fc.assert(
      fc.property(ledgerArb, daysArb, nowArb, (ledger, days, now) => {
        const active = ledger.filter((m) => m.kind !== "expire").map((m) => m.createdAt.getTime());
        const lastActivity = active.length ? new Date(Math.max(...active)) : null;
        expect(nextInactivityExpiry(lastActivity, total(ledger), days, now)).toEqual(
          nextExpiry(ledger, { mode: "after_inactivity", days }, now),
        );
      }),
      { numRuns: 2000 },
    );
  });
});
