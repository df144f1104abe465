import { describe, expect, it } from "vitest";
import { earnBase } from "./earn";
import { earnBaseBeforeRefunds, lineEarnValues, lineNetValue } from "./earn-base";
import { aLine, anOrder, aRefund } from "./test-fixtures";

describe("lineNetValue", () => {
  it("is price × quantity minus the whole discount when nothing was edited away", () => {
    expect(lineNetValue(aLine({ unitPrice: 1000, quantity: 3, discount: 600 }))).toBe(2400);
  });

  it("keeps the discount share of the remaining units, rounded down", () => {
    // 2 of 3 units left: share = floor(500 × 2 / 3) = 333, so 2000 − 333 = 1667.
    const line = aLine({ unitPrice: 1000, quantity: 2, originalQuantity: 3, discount: 500 });
    expect(lineNetValue(line)).toBe(1667);
  });

  it("is 0 when every unit was edited away", () => {
    expect(
      lineNetValue(aLine({ unitPrice: 1000, quantity: 0, originalQuantity: 2, discount: 300 })),
    ).toBe(0);
  });

  it("never goes below 0 when the discount exceeds the line", () => {
    expect(lineNetValue(aLine({ unitPrice: 500, quantity: 1, discount: 900 }))).toBe(0);
  });

  it("applies the full discount, no more, to units added beyond the original quantity", () => {
    expect(
      lineNetValue(aLine({ unitPrice: 1000, quantity: 4, originalQuantity: 2, discount: 300 })),
    ).toBe(3700);
  });

  it("stays exact beyond 2^53 intermediate products", () => {
    // discount × quantity = 9e15 × 2 overflows doubles; the share is exactly 6e15.
    const line = aLine({
      unitPrice: 4_500_000_000_000_000,
      quantity: 2,
      originalQuantity: 3,
      discount: 9_000_000_000_000_000,
    });
    expect(lineNetValue(line)).toBe(3_000_000_000_000_000);
  });

  it("rejects fractional amounts instead of silently rounding them", () => {
    expect(() => lineNetValue(aLine({ unitPrice: 10.5 }))).toThrow(RangeError);
  });
});

describe("earnBase", () => {
  it("sums lines and excludes gift cards", () => {
    const order = anOrder({
      lines: [
        aLine({ lineId: "a", unitPrice: 5000 }),
        aLine({ lineId: "gc", unitPrice: 2500, isGiftCard: true }),
        aLine({ lineId: "b", unitPrice: 1250, quantity: 2, discount: 500 }),
      ],
    });
    expect(earnBase(order)).toBe(5000 + 2000);
  });

  it("subtracts refunds, each refund id counted once", () => {
    const refund = aRefund("r1", [{ lineId: "a", quantity: 1, subtotal: 1500 }]);
    const order = anOrder({
      lines: [aLine({ lineId: "a", unitPrice: 3000 }), aLine({ lineId: "b", unitPrice: 2000 })],
      refunds: [refund, refund, aRefund("r2", [{ lineId: "b", quantity: 1, subtotal: 500 }])],
    });
    expect(earnBase(order)).toBe(5000 - 1500 - 500);
    expect(earnBaseBeforeRefunds(order)).toBe(5000);
  });

  it("ignores refunds of gift-card lines and of unknown lines", () => {
    const order = anOrder({
      lines: [
        aLine({ lineId: "a", unitPrice: 3000 }),
        aLine({ lineId: "gc", unitPrice: 5000, isGiftCard: true }),
      ],
      refunds: [
        aRefund("r1", [{ lineId: "gc", quantity: 1, subtotal: 5000 }]),
        aRefund("r2", [{ lineId: "ghost", quantity: 1, subtotal: 2000 }]),
      ],
    });
    expect(earnBase(order)).toBe(3000);
  });

  it("caps an over-refund at its own line so it cannot eat another line", () => {
    const order = anOrder({
      lines: [aLine({ lineId: "a", unitPrice: 1000 }), aLine({ lineId: "b", unitPrice: 2000 })],
      refunds: [aRefund("r1", [{ lineId: "a", quantity: 1, subtotal: 1700 }])],
    });
    expect(earnBase(order)).toBe(2000);
    expect(lineEarnValues(order).map((l) => [l.line.lineId, l.refunded, l.value])).toEqual([
      ["a", 1000, 0],
      ["b", 0, 2000],
    ]);
  });

  it("adds the refund lines of one refund for the same line together", () => {
    const order = anOrder({
      lines: [aLine({ lineId: "a", unitPrice: 1000, quantity: 3 })],
      refunds: [
        aRefund("r1", [
          { lineId: "a", quantity: 1, subtotal: 1000 },
          { lineId: "a", quantity: 1, subtotal: 1000 },
        ]),
      ],
    });
    expect(earnBase(order)).toBe(1000);
  });

  it("never lets a negative refund subtotal raise the base", () => {
    const order = anOrder({
      lines: [aLine({ lineId: "a", unitPrice: 1000 })],
      refunds: [aRefund("r1", [{ lineId: "a", quantity: 1, subtotal: -400 }])],
    });
    expect(earnBase(order)).toBe(1000);
  });

  it("is 0 for an order without lines", () => {
    expect(earnBase(anOrder({ lines: [] }))).toBe(0);
  });
});
