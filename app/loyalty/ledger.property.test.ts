// Invariants of the ledger maths over arbitrary histories: the verify routine accounts for
// every point, and the expiry job is bounded, monotone in time and idempotent.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { balanceFigures } from "./balance";
import { expiringPoints, pointsExpiringBetween } from "./expiry";
import { formatMinor, parseDecimalToMinor } from "./money";
import type { ExpiryPolicy, LedgerKind, LedgerMovement } from "./types";

const START = Date.UTC(2025, 0, 1);
const DAY = 86_400_000;

const signedByKind: Record<LedgerKind, fc.Arbitrary<number>> = {
  earn: fc.integer({ min: 1, max: 1000 }),
  import: fc.integer({ min: 1, max: 5000 }),
  release: fc.integer({ min: 1, max: 500 }),
  redeem: fc.integer({ min: -500, max: -1 }),
  reverse: fc.integer({ min: -1000, max: -1 }),
  expire: fc.integer({ min: -300, max: -1 }),
  adjust: fc.integer({ min: -500, max: 500 }).filter((n) => n !== 0),
};

const movementArb: fc.Arbitrary<LedgerMovement> = fc
  .constantFrom<LedgerKind>(
    "earn",
    "earn",
    "earn",
    "import",
    "release",
    "redeem",
    "reverse",
    "expire",
    "adjust",
  )
  .chain((kind) =>
    fc.record({
      kind: fc.constant(kind),
      points: signedByKind[kind],
      createdAt: fc.integer({ min: 0, max: 400 * DAY }).map((ms) => new Date(START + ms)),
      pendingFor: fc.option(fc.integer({ min: 1, max: 30 * DAY })),
    }),
  )
  .map(({ kind, points, createdAt, pendingFor }) => ({
    kind,
    points,
    createdAt,
    availableAt: pendingFor === null ? null : new Date(createdAt.getTime() + pendingFor),
  }));

const ledgerArb = fc.array(movementArb, { maxLength: 40 });
const instantArb = fc.integer({ min: -10 * DAY, max: 900 * DAY }).map((ms) => new Date(START + ms));
const policyArb: fc.Arbitrary<ExpiryPolicy> = fc.oneof(
  fc.integer({ min: 1, max: 400 }).map((days) => ({ mode: "after_earning" as const, days })),
  fc.integer({ min: 1, max: 400 }).map((days) => ({ mode: "after_inactivity" as const, days })),
);

const sum = (ledger: LedgerMovement[]) => ledger.reduce((s, m) => s + m.points, 0);

describe("balanceFigures over arbitrary ledgers", () => {
  it("puts every point either in the balance or in pending", () => {
    fc.assert(
      fc.property(ledgerArb, instantArb, (ledger, now) => {
        const { balance, pending } = balanceFigures(ledger, now);
        expect(balance + pending).toBe(sum(ledger));
      }),
    );
  });

  it("has nothing pending once every availableAt has passed", () => {
    fc.assert(
      fc.property(ledgerArb, (ledger) => {
        const figures = balanceFigures(ledger, new Date(START + 1000 * DAY));
        expect(figures).toMatchObject({ balance: sum(ledger), pending: 0 });
      }),
    );
  });
});

describe("expiringPoints over arbitrary ledgers", () => {
  it("never expires more than the positive total, nor a negative amount", () => {
    fc.assert(
      fc.property(ledgerArb, policyArb, instantArb, (ledger, policy, now) => {
        const due = expiringPoints(ledger, policy, now);
        expect(due).toBeGreaterThanOrEqual(0);
        expect(due).toBeLessThanOrEqual(Math.max(0, sum(ledger)));
      }),
    );
  });

  it("is idempotent: once the job records what is due, nothing more is due at that instant", () => {
    fc.assert(
      fc.property(ledgerArb, policyArb, instantArb, (ledger, policy, now) => {
        const due = expiringPoints(ledger, policy, now);
        const afterJob =
          due > 0
            ? [
                ...ledger,
                { kind: "expire" as const, points: -due, createdAt: now, availableAt: null },
              ]
            : ledger;
        expect(expiringPoints(afterJob, policy, now)).toBe(0);
      }),
    );
  });

  it("only grows as time passes without new movements", () => {
    fc.assert(
      fc.property(ledgerArb, policyArb, instantArb, instantArb, (ledger, policy, a, b) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        expect(expiringPoints(ledger, policy, early)).toBeLessThanOrEqual(
          expiringPoints(ledger, policy, late),
        );
      }),
    );
  });

  it("splits 'expiring soon' windows additively", () => {
    fc.assert(
      fc.property(
        ledgerArb,
        policyArb,
        fc.array(instantArb, { minLength: 3, maxLength: 3 }),
        (ledger, policy, instants) => {
          const [a, b, c] = [...instants].sort((x, y) => x.getTime() - y.getTime());
          expect(
            pointsExpiringBetween(ledger, policy, a, b) +
              pointsExpiringBetween(ledger, policy, b, c),
          ).toBe(pointsExpiringBetween(ledger, policy, a, c));
        },
      ),
    );
  });

  it("expires exactly the unspent earnings when everything is long overdue (after_earning)", () => {
    fc.assert(
      fc.property(ledgerArb, (ledger) => {
        const due = expiringPoints(
          ledger,
          { mode: "after_earning", days: 1 },
          new Date(START + 1000 * DAY),
        );
        expect(due).toBe(Math.max(0, sum(ledger)));
      }),
    );
  });
});

describe("money round trip", () => {
  it("parses back what it formats, for every safe integer and exponent", () => {
    fc.assert(
      fc.property(
        fc.maxSafeInteger().chain((n) => fc.constantFrom(n, -n)),
        fc.integer({ min: 0, max: 4 }),
        (minor, exponent) => {
          expect(parseDecimalToMinor(formatMinor(minor, exponent), exponent)).toBe(
            minor === 0 ? 0 : minor,
          );
        },
      ),
    );
  });
});
