import { describe, expect, it } from "vitest";
import { estimateOrderPoints } from "./estimate";

const usd = (amount: number) => ({ amount, currencyCode: "USD" });
const silver = { perUnit: 1.25, currency: "USD" };

describe("estimateOrderPoints", () => {
  it("applies the earn rate to the merchandise and rounds down like the ledger", () => {
    expect(estimateOrderPoints({ subtotal: usd(54.99), total: usd(54.99) }, silver)).toBe(68); // 68.7375
  });

  it("leaves out shipping and tax, and order-level discounts", () => {
    // 100 of goods, 10 off the order, 7.50 shipping, 8 tax → 90 earns
    expect(
      estimateOrderPoints(
        { subtotal: usd(100), total: usd(105.5), shipping: usd(7.5), tax: usd(8) },
        { perUnit: 1, currency: "USD" },
      ),
    ).toBe(90);
  });

  it("never counts more than the subtotal (a tip raises the total)", () => {
    expect(
      estimateOrderPoints({ subtotal: usd(40), total: usd(45) }, { perUnit: 1, currency: "USD" }),
    ).toBe(40);
  });

  it("does not lose a point to floating point (19.99 × 3)", () => {
    expect(
      estimateOrderPoints(
        { subtotal: usd(59.97), total: usd(59.97) },
        { perUnit: 100, currency: "USD" },
      ),
    ).toBe(5997);
  });

  it("works with a fractional rate: 2 points per 100 JPY", () => {
    const jpy = (amount: number) => ({ amount, currencyCode: "JPY" });
    expect(
      estimateOrderPoints(
        { subtotal: jpy(12_345), total: jpy(12_345) },
        { perUnit: 0.02, currency: "JPY" },
      ),
    ).toBe(246);
    expect(
      estimateOrderPoints(
        { subtotal: jpy(5_000), total: jpy(5_000) },
        { perUnit: 0.02, currency: "JPY" },
      ),
    ).toBe(100);
  });

  it("is zero for a fully discounted order and null without a rate or in another currency", () => {
    expect(estimateOrderPoints({ subtotal: usd(30), total: usd(0) }, silver)).toBe(0);
    expect(estimateOrderPoints({ subtotal: usd(30), total: usd(30) }, null)).toBeNull();
    expect(
      estimateOrderPoints({ subtotal: usd(30), total: usd(30) }, { perUnit: 1, currency: "EUR" }),
    ).toBeNull();
  });
});
