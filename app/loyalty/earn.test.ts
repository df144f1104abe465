import { describe, expect, it } from "vitest";
import { computeOrderEarning, fixedBonus, MAX_ORDER_POINTS, reconcileDelta } from "./earn";
import {
  GOLD,
  MEMBER,
  SILVER,
  aContext,
  aLine,
  aProgram,
  aRefund,
  anOrder,
  at,
} from "./test-fixtures";
import type { Program, PurchaseRule } from "./types";

function withPurchase(rule: Partial<PurchaseRule>, rest: Partial<Program> = {}): Program {
  const program = aProgram(rest);
  program.purchase = { ...program.purchase, ...rule };
  return program;
}

function purchaseFiring(earning: ReturnType<typeof computeOrderEarning>) {
  return earning.firings.find((f) => f.rule === "purchase");
}

describe("computeOrderEarning — purchase rule", () => {
  it("earns 1 point per 1.00 on the default program", () => {
    const earning = computeOrderEarning(
      anOrder({ lines: [aLine({ unitPrice: 1250 })] }),
      aProgram(),
      aContext(),
    );
    expect(earning).toMatchObject({ earnBase: 1250, points: 12, notEarned: [] });
    expect(earning.firings.map((f) => [f.rule, f.points])).toEqual([["purchase", 12]]);
  });

  it("rounds down once per order, not per line", () => {
    const order = anOrder({
      lines: [aLine({ lineId: "a", unitPrice: 60 }), aLine({ lineId: "b", unitPrice: 60 })],
    });
    // 0.60 + 0.60 = 1.20 → 1 point; per line it would be 0 + 0.
    expect(computeOrderEarning(order, aProgram(), aContext()).points).toBe(1);
  });

  it("caps an order at MAX_ORDER_POINTS and says so; a refund below the cap reverses from the capped figure", () => {
    // 50,000.00 at 100,000 points per unit: 5,000,000,000 points by the rules.
    const program = withPurchase({ pointsPerUnit: 100_000 });
    const huge = anOrder({
      lines: [aLine({ lineId: "a", unitPrice: 5_000_000 }), aLine({ lineId: "b", unitPrice: 100 })],
    });
    const earning = computeOrderEarning(huge, program, aContext());
    expect(earning).toMatchObject({ points: MAX_ORDER_POINTS, notEarned: ["order_points_capped"] });
    expect(purchaseFiring(earning)?.points).toBe(5_000_100_000);
    // Refunding the big line leaves 1.00 → 100,000 points: under the cap, so no longer capped.
    const refunded = computeOrderEarning(
      { ...huge, refunds: [aRefund("r1", [{ lineId: "a", quantity: 1, subtotal: 5_000_000 }])] },
      program,
      aContext(),
    );
    expect(refunded).toMatchObject({ points: 100_000, notEarned: [] });
    expect(reconcileDelta(refunded.points, earning.points)).toBe(100_000 - MAX_ORDER_POINTS);
    expect(
      computeOrderEarning(
        anOrder({ lines: [aLine({ unitPrice: 1_000 })] }),
        withPurchase({ pointsPerUnit: MAX_ORDER_POINTS / 10 }),
        aContext(),
      ),
    ).toMatchObject({ points: MAX_ORDER_POINTS, notEarned: [] });
  });

  it("earns per a spend unit of several currency units: 1 point per 100 JPY, rounded down once", () => {
    const program = withPurchase({ pointsPerUnit: 1, spendUnit: 100 }, { currencyExponent: 0 });
    const order = anOrder({
      lines: [aLine({ lineId: "a", unitPrice: 12_345 }), aLine({ lineId: "b", unitPrice: 55 })],
    });
    const earning = computeOrderEarning(order, program, aContext());
    // 12,400 JPY / 100 = 124 points.
    expect(earning.points).toBe(124);
    expect(purchaseFiring(earning)?.detail).toMatchObject({ pointsPerUnit: 1, spendUnit: 100 });
    expect(
      computeOrderEarning(anOrder({ lines: [aLine({ unitPrice: 99 })] }), program, aContext())
        .points,
    ).toBe(0);
    // 3 points per 1,000 VND on 2,999,999 VND: floor(8,999.997).
    expect(
      computeOrderEarning(
        anOrder({ lines: [aLine({ unitPrice: 2_999_999 })] }),
        withPurchase({ pointsPerUnit: 3, spendUnit: 1000 }, { currencyExponent: 0 }),
        aContext(),
      ).points,
    ).toBe(8_999);
  });

  it("rounds 99.99 down to 99", () => {
    const order = anOrder({ lines: [aLine({ unitPrice: 9999 })] });
    expect(computeOrderEarning(order, aProgram(), aContext()).points).toBe(99);
  });

  it("fires with 0 points when the base is below one unit, so the admin sees why", () => {
    const earning = computeOrderEarning(
      anOrder({ lines: [aLine({ unitPrice: 99 })] }),
      aProgram(),
      aContext(),
    );
    expect(earning.points).toBe(0);
    expect(purchaseFiring(earning)?.detail.earnBase).toBe(99);
    expect(earning.notEarned).toEqual([]);
  });

  it("reports zero_earn_base for a free order", () => {
    const order = anOrder({ lines: [aLine({ unitPrice: 1000, discount: 1000 })] });
    const earning = computeOrderEarning(order, aProgram(), aContext());
    expect(earning).toEqual({ earnBase: 0, points: 0, firings: [], notEarned: ["zero_earn_base"] });
  });

  it("excludes gift-card lines; a gift-card-only order earns nothing", () => {
    const mixed = anOrder({
      lines: [
        aLine({ lineId: "a", unitPrice: 5000 }),
        aLine({ lineId: "gc", unitPrice: 2500, isGiftCard: true }),
      ],
    });
    expect(computeOrderEarning(mixed, aProgram(), aContext()).points).toBe(50);
    const onlyGiftCard = anOrder({ lines: [aLine({ unitPrice: 2500, isGiftCard: true })] });
    expect(computeOrderEarning(onlyGiftCard, aProgram(), aContext()).notEarned).toEqual([
      "zero_earn_base",
    ]);
  });

  it("handles a 0-decimal currency (JPY)", () => {
    const order = anOrder({ lines: [aLine({ unitPrice: 1999 })] }); // ¥1,999
    const jpy = aProgram({ currencyExponent: 0 });
    expect(computeOrderEarning(order, jpy, aContext()).points).toBe(1999);
    // 1.25x at Silver: 1999 × 1.25 = 2498.75 → 2498
    expect(computeOrderEarning(order, jpy, aContext({ tier: SILVER })).points).toBe(2498);
  });

  it("handles a 3-decimal currency (KWD)", () => {
    const order = anOrder({ lines: [aLine({ unitPrice: 12345 })] }); // 12.345 KWD
    expect(computeOrderEarning(order, aProgram({ currencyExponent: 3 }), aContext()).points).toBe(
      12,
    );
    const tenPerUnit = withPurchase({ pointsPerUnit: 10 }, { currencyExponent: 3 });
    expect(computeOrderEarning(order, tenPerUnit, aContext()).points).toBe(123);
  });

  it("applies a 2x collection only to the lines in it", () => {
    const program = withPurchase({
      collectionMultipliers: [{ collectionId: "summer", multiplier: 200 }],
    });
    const order = anOrder({
      lines: [
        aLine({ lineId: "a", unitPrice: 1000, collectionIds: ["summer", "all"] }),
        aLine({ lineId: "b", unitPrice: 555, collectionIds: ["all"] }),
      ],
    });
    // 10.00 × 2 + 5.55 = 25.55 → 25 (15 without the multiplier)
    const earning = computeOrderEarning(order, program, aContext());
    expect(earning.points).toBe(25);
    expect(purchaseFiring(earning)?.detail).toMatchObject({
      multipliedEarnBase: 2555,
      lineMultipliers: "a×200",
      collectionMultipliers: "summer×200",
    });
  });

  it("gives lines the collections their products were in when the order first earned", () => {
    const program = withPurchase({
      collectionMultipliers: [{ collectionId: "900", multiplier: 200 }],
    });
    const order = anOrder({
      lines: [
        aLine({ lineId: "a", productId: "7100", unitPrice: 1000 }),
        aLine({ lineId: "b", productId: "7200", unitPrice: 1000 }),
      ],
    });
    // Orders carry no collections: without the frozen membership both lines earn 1×.
    expect(computeOrderEarning(order, program, aContext()).points).toBe(20);
    const frozen = aContext({ productCollections: { "7100": ["900"] } });
    expect(computeOrderEarning(order, program, frozen).points).toBe(30);
  });

  it("gives a line the highest of its product and collection multipliers", () => {
    const program = withPurchase({
      productMultipliers: [{ productId: "p", multiplier: 300 }],
      collectionMultipliers: [{ collectionId: "c", multiplier: 200 }],
    });
    const order = anOrder({
      lines: [aLine({ productId: "p", collectionIds: ["c"], unitPrice: 1000 })],
    });
    expect(computeOrderEarning(order, program, aContext()).points).toBe(30);
  });

  it("lets a multiplier below 1x reduce a product's points", () => {
    const program = withPurchase({ productMultipliers: [{ productId: "p", multiplier: 50 }] });
    const order = anOrder({ lines: [aLine({ productId: "p", unitPrice: 1999 })] });
    // 19.99 × 0.5 = 9.995 → 9
    expect(computeOrderEarning(order, program, aContext()).points).toBe(9);
  });

  describe("campaigns", () => {
    const program = withPurchase({
      campaigns: [
        {
          name: "Double weekend",
          multiplier: 200,
          startsAt: at("2025-11-28T00:00:00Z"),
          endsAt: at("2025-12-01T00:00:00Z"),
        },
      ],
    });
    const orderAt = (iso: string) =>
      anOrder({ placedAt: at(iso), lines: [aLine({ unitPrice: 1050 })] });

    it("includes the start instant", () => {
      const earning = computeOrderEarning(orderAt("2025-11-28T00:00:00Z"), program, aContext());
      expect(earning.points).toBe(21);
      expect(purchaseFiring(earning)?.detail).toMatchObject({
        campaign: "Double weekend",
        campaignMultiplier: 200,
      });
    });

    it("includes the last millisecond before the end", () => {
      expect(
        computeOrderEarning(orderAt("2025-11-30T23:59:59.999Z"), program, aContext()).points,
      ).toBe(21);
    });

    it("excludes the end instant and anything before the start", () => {
      const after = computeOrderEarning(orderAt("2025-12-01T00:00:00Z"), program, aContext());
      expect(after.points).toBe(10);
      expect(purchaseFiring(after)?.detail).toMatchObject({
        campaign: null,
        campaignMultiplier: 100,
      });
      expect(
        computeOrderEarning(orderAt("2025-11-27T23:59:59.999Z"), program, aContext()).points,
      ).toBe(10);
    });

    it("takes the highest of overlapping campaigns", () => {
      const overlapping = withPurchase({
        campaigns: [
          {
            name: "Black Friday",
            multiplier: 300,
            startsAt: at("2025-11-28T00:00:00Z"),
            endsAt: at("2025-11-29T00:00:00Z"),
          },
          {
            name: "November",
            multiplier: 150,
            startsAt: at("2025-11-01T00:00:00Z"),
            endsAt: at("2025-12-01T00:00:00Z"),
          },
        ],
      });
      const earning = computeOrderEarning(orderAt("2025-11-28T10:00:00Z"), overlapping, aContext());
      expect(earning.points).toBe(31); // 10.50 × 3 = 31.5
      expect(purchaseFiring(earning)?.detail.campaign).toBe("Black Friday");
    });
  });

  it("applies the 1.25 tier multiplier with a single rounding", () => {
    const order = anOrder({ lines: [aLine({ unitPrice: 1999 })] });
    // 19.99 × 1.25 = 24.9875 → 24 (rounding first would give 19 × 1.25 = 23.75 → 23)
    const earning = computeOrderEarning(order, aProgram(), aContext({ tier: SILVER }));
    expect(earning.points).toBe(24);
    expect(purchaseFiring(earning)?.detail).toMatchObject({ tier: "Silver", tierMultiplier: 125 });
  });

  it("multiplies product, campaign and tier multipliers together and explains '146 points'", () => {
    const program = withPurchase({
      pointsPerUnit: 2,
      collectionMultipliers: [{ collectionId: "boots", multiplier: 150 }],
      campaigns: [
        {
          name: "Spring",
          multiplier: 120,
          startsAt: at("2025-06-01T00:00:00Z"),
          endsAt: at("2025-07-01T00:00:00Z"),
        },
      ],
    });
    const order = anOrder({
      lines: [
        aLine({ lineId: "boots", unitPrice: 2500, collectionIds: ["boots"] }),
        aLine({ lineId: "socks", unitPrice: 1500, quantity: 2, discount: 500 }),
      ],
    });
    // weighted = 2500×150 + 2500×100 = 625000 (62.50 after multipliers)
    // 62.50 × 2 points × 1.2 × Gold 1.5 = 225 exactly; minus 2 cents on socks shows the floor.
    expect(computeOrderEarning(order, program, aContext({ tier: GOLD })).points).toBe(225);
    order.lines[1] = aLine({ lineId: "socks", unitPrice: 1499, quantity: 2, discount: 500 });
    // weighted = 375000 + 249800 = 624800 → 62.48 × 2 × 1.2 × 1.5 = 224.928 → 224
    expect(computeOrderEarning(order, program, aContext({ tier: GOLD })).points).toBe(224);

    const simple = anOrder({ lines: [aLine({ unitPrice: 9750 })] });
    const earning = computeOrderEarning(simple, aProgram(), aContext({ tier: GOLD }));
    expect(earning.points).toBe(146); // 97.50 × 1.5 = 146.25
    expect(earning.firings).toEqual([
      {
        rule: "purchase",
        points: 146,
        detail: {
          earnBase: 9750,
          currencyExponent: 2,
          pointsPerUnit: 1,
          spendUnit: 1,
          multipliedEarnBase: 9750,
          lineMultipliers: null,
          collectionMultipliers: null,
          campaign: null,
          campaignMultiplier: 100,
          tier: "Gold",
          tierMultiplier: 150,
          minimumSubtotal: null,
        },
      },
    ]);
  });

  it("stays exact when the product of all factors passes 2^53", () => {
    const program = withPurchase(
      {
        pointsPerUnit: 7,
        productMultipliers: [{ productId: "p", multiplier: 999 }],
        campaigns: [
          {
            name: "Max",
            multiplier: 333,
            startsAt: at("2025-01-01T00:00:00Z"),
            endsAt: at("2026-01-01T00:00:00Z"),
          },
        ],
      },
      { tiers: [{ name: "Top", threshold: 0, multiplier: 111 }] },
    );
    const order = anOrder({ lines: [aLine({ productId: "p", unitPrice: 12_345_678_901 })] });
    // 12345678901 × 999 × 7 × 333 × 111 = 3,191,138,971,219,117,359 (> 2^53), / 10^8 → 31,911,389,712
    const earning = computeOrderEarning(order, program, aContext({ tier: program.tiers[0] }));
    expect(purchaseFiring(earning)?.points).toBe(31_911_389_712);
    expect(earning).toMatchObject({ points: MAX_ORDER_POINTS, notEarned: ["order_points_capped"] });
  });

  it("refuses to return a point total it cannot represent exactly", () => {
    const program = withPurchase(
      { pointsPerUnit: 100_000 },
      { tiers: [{ name: "Top", threshold: 0, multiplier: 1000 }] },
    );
    const order = anOrder({ lines: [aLine({ unitPrice: 9_000_000_000_000 })] });
    expect(() => computeOrderEarning(order, program, aContext({ tier: program.tiers[0] }))).toThrow(
      RangeError,
    );
  });
});

describe("computeOrderEarning — refunds", () => {
  const program = withPurchase({
    collectionMultipliers: [{ collectionId: "double", multiplier: 200 }],
  });
  const lines = [
    aLine({ lineId: "a", unitPrice: 1000, quantity: 2, collectionIds: ["double"] }),
    aLine({ lineId: "b", unitPrice: 1000 }),
  ];
  // unrefunded: 20.00 × 2 + 10.00 = 50 points

  it("takes a refund off the line it belongs to, keeping that line's multiplier", () => {
    expect(computeOrderEarning(anOrder({ lines }), program, aContext()).points).toBe(50);
    const refundA = anOrder({
      lines,
      refunds: [aRefund("r1", [{ lineId: "a", quantity: 1, subtotal: 1000 }])],
    });
    expect(computeOrderEarning(refundA, program, aContext())).toMatchObject({
      earnBase: 2000,
      points: 30,
    });
    const refundB = anOrder({
      lines,
      refunds: [aRefund("r1", [{ lineId: "b", quantity: 1, subtotal: 1000 }])],
    });
    expect(computeOrderEarning(refundB, program, aContext())).toMatchObject({
      earnBase: 2000,
      points: 40,
    });
  });

  it("counts a refund delivered twice once", () => {
    const refund = aRefund("r1", [{ lineId: "a", quantity: 1, subtotal: 1000 }]);
    const order = anOrder({ lines, refunds: [refund, refund] });
    expect(computeOrderEarning(order, program, aContext()).points).toBe(30);
  });

  it("reports fully_refunded and drops the order bonuses too", () => {
    const bonuses = aProgram();
    bonuses.firstOrder.enabled = true;
    const order = anOrder({
      lines,
      refunds: [
        aRefund("r1", [{ lineId: "a", quantity: 2, subtotal: 2000 }]),
        aRefund("r2", [{ lineId: "b", quantity: 1, subtotal: 1000 }]),
      ],
    });
    const earning = computeOrderEarning(order, bonuses, aContext({ orderOrdinal: 1 }));
    expect(earning).toEqual({ earnBase: 0, points: 0, firings: [], notEarned: ["fully_refunded"] });
  });

  it("compares the minimum subtotal with the base after refunds", () => {
    const min = withPurchase({ minimumSubtotal: 2500 });
    expect(computeOrderEarning(anOrder({ lines }), min, aContext()).points).toBe(30);
    const refunded = anOrder({
      lines,
      refunds: [aRefund("r1", [{ lineId: "b", quantity: 1, subtotal: 1000 }])],
    });
    const earning = computeOrderEarning(refunded, min, aContext());
    expect(earning).toMatchObject({
      earnBase: 2000,
      points: 0,
      notEarned: ["below_minimum_subtotal"],
    });
  });

  it("earns at exactly the minimum subtotal", () => {
    const min = withPurchase({ minimumSubtotal: 3000 });
    expect(computeOrderEarning(anOrder({ lines }), min, aContext()).points).toBe(30);
  });
});

describe("computeOrderEarning — order state gates", () => {
  const generous = aProgram();
  generous.firstOrder.enabled = true;
  generous.spendMilestones.enabled = true;
  const ctx = aContext({ orderOrdinal: 1, lifetimeSpendBefore: 99_000 });
  const lines = [aLine({ unitPrice: 5000 })];

  it("earns purchase, first order and milestone points when everything is in order", () => {
    const earning = computeOrderEarning(anOrder({ lines }), generous, ctx);
    expect(earning.firings.map((f) => [f.rule, f.points])).toEqual([
      ["purchase", 50],
      ["first_order", 50],
      ["spend_milestone", 500],
    ]);
    expect(earning.points).toBe(600);
  });

  it.each([
    [{ customerId: null }, ["guest_order"]],
    [{ paid: false }, ["not_paid"]],
    [{ cancelled: true }, ["cancelled"]],
    [{ customerId: null, paid: false, cancelled: true }, ["guest_order", "not_paid", "cancelled"]],
  ] as const)("%j earns nothing at all, bonuses included", (state, reasons) => {
    const earning = computeOrderEarning(anOrder({ lines, ...state }), generous, ctx);
    expect(earning).toEqual({ earnBase: 5000, points: 0, firings: [], notEarned: reasons });
  });

  it("keeps bonuses when only the purchase rule is off", () => {
    const noPurchase = structuredClone(generous);
    noPurchase.purchase.enabled = false;
    const earning = computeOrderEarning(anOrder({ lines }), noPurchase, ctx);
    expect(earning.points).toBe(550);
    expect(earning.notEarned).toEqual(["purchase_rule_disabled"]);
  });
});

describe("computeOrderEarning — order-count and milestone bonuses", () => {
  const program = aProgram();
  program.firstOrder = { enabled: true, points: 50 };
  program.everyNthOrder = { enabled: true, points: 100, every: 5 };
  const order = anOrder({ lines: [aLine({ unitPrice: 1000 })] });
  const bonusOf = (orderOrdinal: number) =>
    computeOrderEarning(order, program, aContext({ orderOrdinal })).points - 10;

  it("fires first_order only on the first order", () => {
    expect(bonusOf(1)).toBe(50);
    expect(bonusOf(2)).toBe(0);
  });

  it("fires every_nth_order on multiples of N", () => {
    expect([4, 5, 6, 10, 15].map(bonusOf)).toEqual([0, 100, 0, 100, 100]);
    const firing = computeOrderEarning(order, program, aContext({ orderOrdinal: 10 })).firings[1];
    expect(firing).toEqual({
      rule: "every_nth_order",
      points: 100,
      detail: { orderOrdinal: 10, every: 5 },
    });
  });

  it("fires each milestone crossed by this order, and only those", () => {
    const milestones = aProgram();
    milestones.spendMilestones = {
      enabled: true,
      milestones: [
        { lifetimeSpend: 100_000, points: 500 },
        { lifetimeSpend: 50_000, points: 200 },
        { lifetimeSpend: 200_000, points: 1000 },
      ],
    };
    const big = anOrder({ lines: [aLine({ unitPrice: 60_000 })] });
    const crossed = computeOrderEarning(
      big,
      milestones,
      aContext({ lifetimeSpendBefore: 45_000 }),
    ).firings.filter((f) => f.rule === "spend_milestone");
    expect(crossed).toEqual([
      {
        rule: "spend_milestone",
        points: 200,
        detail: { milestone: 50_000, lifetimeSpendBefore: 45_000, lifetimeSpendAfter: 105_000 },
      },
      {
        rule: "spend_milestone",
        points: 500,
        detail: { milestone: 100_000, lifetimeSpendBefore: 45_000, lifetimeSpendAfter: 105_000 },
      },
    ]);
    const small = anOrder({ lines: [aLine({ unitPrice: 1000 })] });
    // Already at 50,000 before: reached earlier, not crossed now.
    expect(
      computeOrderEarning(small, milestones, aContext({ lifetimeSpendBefore: 50_000 })).points,
    ).toBe(10);
    // Landing exactly on 100,000 crosses it.
    expect(
      computeOrderEarning(small, milestones, aContext({ lifetimeSpendBefore: 99_000 })).points,
    ).toBe(510);
  });

  it("ignores disabled bonus rules", () => {
    expect(
      computeOrderEarning(
        order,
        aProgram(),
        aContext({ orderOrdinal: 1, lifetimeSpendBefore: 99_999 }),
      ).points,
    ).toBe(10);
  });
});

describe("fixedBonus", () => {
  it("is the rule's points when enabled and 0 when not", () => {
    expect(fixedBonus({ enabled: true, points: 100 })).toBe(100);
    expect(fixedBonus({ enabled: false, points: 100 })).toBe(0);
  });
});

describe("reconcileDelta", () => {
  it("is what to append so the order's total equals its target", () => {
    expect(reconcileDelta(50, 0)).toBe(50);
    expect(reconcileDelta(30, 50)).toBe(-20);
    expect(reconcileDelta(0, 50)).toBe(-50);
    expect(reconcileDelta(50, 50)).toBe(0);
  });
});

describe("tier fixtures", () => {
  it("match the default program", () => {
    expect([MEMBER.multiplier, SILVER.multiplier, GOLD.multiplier]).toEqual([100, 125, 150]);
  });
});
