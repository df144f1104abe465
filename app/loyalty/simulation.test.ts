import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { simulateProgramChange, type SimulatedOrder } from "./simulation";
import { aContext, aLine, anOrder, aProgram, GOLD } from "./test-fixtures";

function order(customerId: string, amount: number, context = aContext()): SimulatedOrder {
  return {
    facts: anOrder({
      orderId: `o-${customerId}-${amount}`,
      customerId,
      lines: [aLine({ unitPrice: amount })],
    }),
    context,
    program: aProgram(),
    customerId,
  };
}

describe("simulateProgramChange", () => {
  it("replays orders under the draft with each order's frozen tier and compares the points", () => {
    const draft = aProgram();
    draft.purchase.pointsPerUnit = 3;
    const result = simulateProgramChange(
      draft,
      aProgram(),
      [order("a", 10000), order("b", 5000, aContext({ tier: GOLD }))],
      [],
    );
    // a: 100 → 300; b (Gold ×1.5): 75 → 225.
    expect(result).toMatchObject({
      orders: 2,
      pointsBefore: 175,
      pointsAfter: 525,
      pointsDelta: 350,
    });
  });

  it("counts members whose tier moves, by position so a renamed tier is no change", () => {
    const draft = aProgram();
    draft.tiers = [
      { name: "Bronze", threshold: 0, multiplier: 100 },
      { name: "Argent", threshold: 500, multiplier: 125 },
      { name: "Or", threshold: 5000, multiplier: 150 },
    ];
    const members = [
      { customerId: "up", tierName: null, basisValue: 600 },
      { customerId: "same", tierName: "Silver", basisValue: 1200 },
      { customerId: "down", tierName: "Gold", basisValue: 3000 },
    ];
    const result = simulateProgramChange(draft, aProgram(), [], members);
    expect(result).toMatchObject({
      upgrades: 1,
      downgrades: 1,
      members: 3,
      tierCounts: { Bronze: 0, Argent: 3, Or: 0 },
    });
  });

  it("adds the draft's extra points to a points-based tier value", () => {
    const draft = aProgram();
    draft.purchase.pointsPerUnit = 10;
    // 100 points now (under 1x) become 1000 under the draft: Member → Silver.
    const result = simulateProgramChange(
      draft,
      aProgram(),
      [order("a", 10000)],
      [{ customerId: "a", tierName: null, basisValue: 100 }],
    );
    expect(result).toMatchObject({ upgrades: 1, tierCounts: { Silver: 1 } });
  });

  it("changes nothing when the draft is the current program", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { maxLength: 20 }),
        fc.array(fc.integer({ min: 0, max: 10_000 }), { maxLength: 20 }),
        (amounts, values) => {
          const orders = amounts.map((amount, i) => order(`c${i}`, amount));
          const members = values.map((basisValue, i) => ({
            customerId: `c${i}`,
            tierName: null,
            basisValue,
          }));
          const result = simulateProgramChange(aProgram(), aProgram(), orders, members);
          return result.pointsDelta === 0 && result.downgrades === 0;
        },
      ),
    );
  });
});
