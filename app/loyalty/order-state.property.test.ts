// Design §2: "Deliveries can come twice, late, or out of order … the end state must not depend
// on arrival order." A tiny in-memory store applies deliveries the way the service layer does:
// merge the fact, recompute the order's target, and let orderPointMovements say which entries move
// the order's points to its current customer (§7: points follow the order's current customer,
// decision 027) — the customer is the newest version's, whatever order the versions arrive in.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { balanceFigures } from "./balance";
import { computeOrderEarning, MAX_ORDER_POINTS } from "./earn";
import { lineNetValue } from "./earn-base";
import { orderPointMovements, type OrderHolding } from "./order-state";
import { aProgram } from "./test-fixtures";
import type {
  EarnContext,
  LedgerMovement,
  OrderFacts,
  OrderLine,
  OrderRefund,
  Program,
} from "./types";

// `version` is the order's updated_at: the newest version's customer (or none) is the order's.
type Delivery =
  | {
      kind: "paid";
      version: number;
      customerId: string | null;
      placedAt: Date;
      lines: OrderLine[];
    }
  /** orders/create or orders/updated of a version that does not say the order is paid. */
  | {
      kind: "update";
      version: number;
      customerId: string | null;
      placedAt: Date;
      lines: OrderLine[];
    }
  | { kind: "refund"; refund: OrderRefund }
  | { kind: "cancel" };

interface Known {
  facts: OrderFacts;
  /** The newest version merged so far (-1: none). */
  version: number;
}

interface Scenario {
  program: Program;
  ctx: EarnContext;
  deliveries: Delivery[];
}

const ORDER_ID = "order-1";
const PLACED_AT = new Date("2025-06-15T12:00:00Z");
const DAY = 86_400_000;

/** True roughly once in `n` runs: keeps the interesting (earning) scenarios the common case. */
const oneIn = (n: number) => fc.integer({ min: 1, max: n }).map((k) => k === 1);

function nothingKnown(): Known {
  return {
    facts: {
      orderId: ORDER_ID,
      customerId: null,
      placedAt: new Date(0),
      lines: [],
      refunds: [],
      cancelled: false,
      paid: false,
    },
    version: -1,
  };
}

/** Merge one delivery into what is known: commutative and idempotent by construction. */
function merge(known: Known, d: Delivery): Known {
  const { facts } = known;
  switch (d.kind) {
    case "paid":
    case "update": {
      const paid = facts.paid || d.kind === "paid";
      if (d.version < known.version) return { ...known, facts: { ...facts, paid } };
      const order = { customerId: d.customerId, placedAt: d.placedAt, lines: d.lines };
      return { facts: { ...facts, ...order, paid }, version: d.version };
    }
    case "refund":
      return facts.refunds.some((r) => r.refundId === d.refund.refundId)
        ? known
        : { ...known, facts: { ...facts, refunds: [...facts.refunds, d.refund] } };
    case "cancel":
      return { ...known, facts: { ...facts, cancelled: true } };
  }
}

interface Replay {
  /** Every movement, whoever it credits. */
  ledger: LedgerMovement[];
  /** Each customer's movements for the order. */
  byCustomer: Map<string, LedgerMovement[]>;
  targets: number[];
  facts: OrderFacts;
}

/** Deliver in the given order, appending the movements after each delivery like the service does. */
function replay(s: Scenario, arrivals: Delivery[]): Replay {
  let known = nothingKnown();
  let holding: OrderHolding = { holder: null, credited: 0 };
  const ledger: LedgerMovement[] = [];
  const byCustomer = new Map<string, LedgerMovement[]>();
  const targets: number[] = [];
  arrivals.forEach((delivery, i) => {
    known = merge(known, delivery);
    const target = computeOrderEarning(known.facts, s.program, s.ctx).points;
    targets.push(target);
    const next = orderPointMovements(holding, known.facts.customerId, target);
    holding = next.holding;
    const createdAt = new Date(PLACED_AT.getTime() + i * 3_600_000);
    // Reversals carry the pending period too, so they come off pending while the earn is pending.
    const availableAt =
      s.program.pendingDays > 0
        ? new Date(PLACED_AT.getTime() + s.program.pendingDays * DAY)
        : null;
    for (const { customerId, points } of next.movements) {
      const movement: LedgerMovement = {
        kind: points > 0 ? "earn" : "reverse",
        points,
        createdAt,
        availableAt,
      };
      ledger.push(movement);
      byCustomer.set(customerId, [...(byCustomer.get(customerId) ?? []), movement]);
    }
  });
  return { ledger, byCustomer, targets, facts: known.facts };
}

const total = (ledger: LedgerMovement[]) => ledger.reduce((sum, m) => sum + m.points, 0);

const lineArb = fc
  .record({
    unitPrice: fc.integer({ min: 0, max: 200_000 }),
    originalQuantity: fc.integer({ min: 1, max: 5 }),
    removed: fc.oneof(
      { arbitrary: fc.constant(0), weight: 3 },
      { arbitrary: fc.integer({ min: 1, max: 5 }), weight: 1 },
    ),
    discountPercent: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 100 })),
    isGiftCard: oneIn(5),
    productId: fc.constantFrom("p1", "p2", "p3"),
    collectionIds: fc.subarray(["double", "triple", "half"]),
  })
  .map((l): Omit<OrderLine, "lineId"> => ({
    productId: l.productId,
    variantId: null,
    collectionIds: l.collectionIds,
    originalQuantity: l.originalQuantity,
    quantity: Math.max(0, l.originalQuantity - l.removed),
    unitPrice: l.unitPrice,
    discount: Math.floor((l.unitPrice * l.originalQuantity * l.discountPercent) / 100),
    isGiftCard: l.isGiftCard,
  }));

// A refund names lines by index; its subtotal is a share of the line (sometimes too much,
// which the domain must cap at the line).
const refundArb = fc.array(
  fc.record({
    lineIndex: fc.nat(),
    quantity: fc.integer({ min: 1, max: 5 }),
    percentOfLine: fc.integer({ min: 0, max: 130 }),
  }),
  { minLength: 1, maxLength: 3 },
);

const programArb = fc
  .record({
    currencyExponent: fc.integer({ min: 0, max: 3 }),
    pointsPerUnit: fc.integer({ min: 0, max: 20 }),
    spendUnit: fc.constantFrom(1, 1, 1, 10, 100, 1000),
    productMultiplier: fc.integer({ min: 1, max: 1000 }),
    campaignMultiplier: fc.integer({ min: 1, max: 1000 }),
    campaignRunning: fc.boolean(),
    minimumSubtotal: fc.oneof(
      { arbitrary: fc.constant(null), weight: 3 },
      { arbitrary: fc.integer({ min: 0, max: 100_000 }), weight: 1 },
    ),
    purchaseEnabled: oneIn(8).map((off) => !off),
    bonuses: fc.boolean(),
    pendingDays: fc.constantFrom(0, 14),
  })
  .map((p): Program => {
    const program = aProgram({ currencyExponent: p.currencyExponent, pendingDays: p.pendingDays });
    const starts = new Date(PLACED_AT.getTime() + (p.campaignRunning ? -DAY : DAY));
    program.purchase = {
      enabled: p.purchaseEnabled,
      pointsPerUnit: p.pointsPerUnit,
      spendUnit: p.spendUnit,
      minimumSubtotal: p.minimumSubtotal,
      productMultipliers: [{ productId: "p1", multiplier: p.productMultiplier }],
      collectionMultipliers: [
        { collectionId: "double", multiplier: 200 },
        { collectionId: "triple", multiplier: 300 },
        { collectionId: "half", multiplier: 50 },
      ],
      campaigns: [
        {
          name: "Campaign",
          multiplier: p.campaignMultiplier,
          startsAt: starts,
          endsAt: new Date(starts.getTime() + 2 * DAY),
        },
      ],
    };
    program.firstOrder.enabled = p.bonuses;
    program.everyNthOrder = { enabled: p.bonuses, every: 3, points: 100 };
    program.spendMilestones = {
      enabled: p.bonuses,
      milestones: [
        { lifetimeSpend: 50_000, points: 250 },
        { lifetimeSpend: 150_000, points: 700 },
      ],
    };
    return program;
  });

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    program: programArb,
    tierMultiplier: fc.integer({ min: 1, max: 1000 }),
    orderOrdinal: fc.integer({ min: 1, max: 9 }),
    lifetimeSpendBefore: fc.integer({ min: 0, max: 200_000 }),
    lines: fc.array(lineArb, { minLength: 1, maxLength: 4 }),
    refunds: fc.array(refundArb, { maxLength: 4 }),
    guest: oneIn(8),
    paidArrives: oneIn(10).map((missing) => !missing),
    cancelled: oneIn(6),
    // Other versions of the order (orders/create, orders/updated), each with its own customer
    // (another one, the same, or none: a guest order) and updated_at, newer or older than paid's.
    updates: fc.array(fc.constantFrom<string | null>("customer-1", "customer-2", null), {
      maxLength: 3,
    }),
    versions: fc.uniqueArray(fc.integer({ min: 0, max: 99 }), { minLength: 4, maxLength: 4 }),
  })
  .map((s): Scenario => {
    const lines = s.lines.map((l, i): OrderLine => ({ ...l, lineId: `L${i}` }));
    const refunds = s.refunds.map((raw, r): OrderRefund => ({
      refundId: `R${r}`,
      lines: raw.map((x) => {
        const line = lines[x.lineIndex % lines.length];
        return {
          lineId: line.lineId,
          quantity: x.quantity,
          subtotal: Math.floor((lineNetValue(line) * x.percentOfLine) / 100),
        };
      }),
    }));
    const deliveries: Delivery[] = [
      ...(s.paidArrives
        ? [
            {
              kind: "paid" as const,
              version: s.versions[0],
              customerId: s.guest ? null : "customer-1",
              placedAt: PLACED_AT,
              lines,
            },
          ]
        : []),
      ...s.updates.map((customerId, u) => ({
        kind: "update" as const,
        version: s.versions[u + 1],
        customerId,
        placedAt: PLACED_AT,
        lines,
      })),
      ...refunds.map((refund) => ({ kind: "refund" as const, refund })),
      ...(s.cancelled ? [{ kind: "cancel" as const }] : []),
    ];
    return {
      program: s.program,
      ctx: {
        tier: { name: "Tier", threshold: 0, multiplier: s.tierMultiplier },
        orderOrdinal: s.orderOrdinal,
        lifetimeSpendBefore: s.lifetimeSpendBefore,
      },
      deliveries,
    };
  });

/** A scenario plus one arrival sequence: its deliveries shuffled, some delivered twice or more. */
const arrivalsArb = scenarioArb
  .filter((s) => s.deliveries.length > 0)
  .chain((s) =>
    fc.record({
      scenario: fc.constant(s),
      arrivals: fc
        .tuple(
          fc.constant(s.deliveries),
          fc.array(fc.constantFrom(...s.deliveries), { maxLength: 5 }),
        )
        .chain(([all, repeats]) => {
          const sequence = [...all, ...repeats];
          return fc.shuffledSubarray(sequence, {
            minLength: sequence.length,
            maxLength: sequence.length,
          });
        }),
    }),
  );

function fullFacts(s: Scenario): OrderFacts {
  return s.deliveries.reduce(merge, nothingKnown()).facts;
}

/**
 * What the order would earn if nothing were refunded or cancelled, for whichever customer it had
 * (an older version may have named one even if the order ends as a guest order).
 */
function unrefundedPoints(s: Scenario): number {
  const facts = { ...fullFacts(s), customerId: "any", refunds: [], cancelled: false };
  return computeOrderEarning(facts, s.program, s.ctx).points;
}

describe("order state under shuffled, duplicated deliveries", () => {
  it("ends at the points of the full fact set, whatever the arrival order", () => {
    fc.assert(
      fc.property(arrivalsArb, ({ scenario, arrivals }) => {
        const { ledger } = replay(scenario, arrivals);
        const expected = computeOrderEarning(
          fullFacts(scenario),
          scenario.program,
          scenario.ctx,
        ).points;
        expect(total(ledger)).toBe(expected);
      }),
      { numRuns: 400 },
    );
  });

  it("leaves the order's points with its newest version's customer, and nothing with anyone else", () => {
    fc.assert(
      fc.property(arrivalsArb, ({ scenario, arrivals }) => {
        const full = fullFacts(scenario);
        const expected = computeOrderEarning(full, scenario.program, scenario.ctx).points;
        const { byCustomer, facts } = replay(scenario, arrivals);
        expect(facts.customerId).toBe(full.customerId);
        for (const [customerId, movements] of byCustomer)
          expect(total(movements)).toBe(customerId === full.customerId ? expected : 0);
        if (full.customerId !== null)
          expect(total(byCustomer.get(full.customerId) ?? [])).toBe(expected);
      }),
      { numRuns: 400 },
    );
  });

  it("gives two different arrival orders the same end total", () => {
    fc.assert(
      fc.property(
        arrivalsArb.chain(({ scenario, arrivals }) =>
          fc.record({
            scenario: fc.constant(scenario),
            first: fc.constant(arrivals),
            second: fc.shuffledSubarray(arrivals, {
              minLength: arrivals.length,
              maxLength: arrivals.length,
            }),
          }),
        ),
        ({ scenario, first, second }) => {
          expect(total(replay(scenario, second).ledger)).toBe(
            total(replay(scenario, first).ledger),
          );
        },
      ),
    );
  });

  it("never credits more than the unrefunded order earns, at any step", () => {
    fc.assert(
      fc.property(arrivalsArb, ({ scenario, arrivals }) => {
        const ceiling = unrefundedPoints(scenario);
        const { ledger, targets } = replay(scenario, arrivals);
        for (const target of targets) expect(target).toBeLessThanOrEqual(ceiling);
        let running = 0;
        for (const m of ledger) {
          running += m.points;
          expect(running).toBeLessThanOrEqual(ceiling);
          expect(running).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("keeps balance + pending equal to the sum of the order's movements", () => {
    fc.assert(
      fc.property(
        arrivalsArb,
        fc.integer({ min: -2, max: 30 }),
        ({ scenario, arrivals }, daysLater) => {
          const { ledger } = replay(scenario, arrivals);
          const figures = balanceFigures(ledger, new Date(PLACED_AT.getTime() + daysLater * DAY));
          expect(figures.balance + figures.pending).toBe(total(ledger));
          expect(figures.lifetimeEarned).toBe(total(ledger));
          // Every movement shares one availableAt, so the order is wholly pending or wholly spendable.
          expect(figures.balance === 0 || figures.pending === 0).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("never lets a refund raise the points, and a cancellation takes them all back", () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const facts = fullFacts(s);
        const withoutLastRefund = { ...facts, refunds: facts.refunds.slice(0, -1) };
        const points = (f: OrderFacts) => computeOrderEarning(f, s.program, s.ctx).points;
        expect(points(facts)).toBeLessThanOrEqual(points(withoutLastRefund));
        expect(points({ ...facts, cancelled: true })).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it("always returns a non-negative integer that matches the sum of its firings, up to the per-order cap", () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const earning = computeOrderEarning(fullFacts(s), s.program, s.ctx);
        expect(Number.isSafeInteger(earning.points)).toBe(true);
        expect(earning.points).toBeGreaterThanOrEqual(0);
        expect(Number.isSafeInteger(earning.earnBase)).toBe(true);
        const rules = earning.firings.reduce((sum, f) => sum + f.points, 0);
        expect(earning.points).toBe(Math.min(rules, MAX_ORDER_POINTS));
        expect(earning.notEarned.includes("order_points_capped")).toBe(rules > MAX_ORDER_POINTS);
      }),
    );
  });
});
