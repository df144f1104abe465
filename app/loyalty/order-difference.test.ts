import { describe, expect, it } from "vitest";
import { orderDifference, type KnownOrderState } from "./order-difference";
import type { OrderLine } from "./types";

const line = (overrides: Partial<OrderLine> = {}): OrderLine => ({
  lineId: "11",
  productId: "1",
  variantId: null,
  collectionIds: [],
  quantity: 2,
  originalQuantity: 2,
  unitPrice: 2500,
  discount: 0,
  isGiftCard: false,
  ...overrides,
});
const at = new Date("2026-12-01T10:00:00Z");
const known: KnownOrderState = {
  paid: true,
  cancelled: false,
  factsUpdatedAt: at,
  shopifyCustomerId: "7",
  customerRedacted: false,
  lines: [line(), line({ lineId: "12", unitPrice: 900 })],
  refundIds: ["90"],
};
const current = {
  paid: true,
  cancelled: false,
  updatedAt: at,
  shopifyCustomerId: "7",
  lines: [line({ lineId: "12", unitPrice: 900 }), line()],
  refundIds: ["90"],
};

describe("orderDifference", () => {
  it("finds nothing when Tally knows the order as Shopify has it (line order does not matter)", () => {
    expect(orderDifference(known, current)).toBeNull();
  });

  it("reports an order Tally never heard of", () => {
    expect(orderDifference(null, current)).toBe("unknown");
  });

  it("reports what only ever grows: paid, cancelled, a new refund", () => {
    expect(orderDifference({ ...known, paid: false }, current)).toBe("paid");
    expect(orderDifference(known, { ...current, cancelled: true })).toBe("cancelled");
    expect(orderDifference(known, { ...current, refundIds: ["90", "91"] })).toBe("refunds");
  });

  it("ignores what the order path would not change: a refund Tally knows and Shopify lost, paid back to false", () => {
    expect(orderDifference(known, { ...current, refundIds: [] })).toBeNull();
    expect(orderDifference(known, { ...current, paid: false })).toBeNull();
  });

  it("reports a new customer or new line values only from a version at least as new as Tally's", () => {
    const edited = { ...current, lines: [line({ quantity: 1 })] };
    expect(orderDifference(known, edited)).toBe("lines");
    expect(orderDifference(known, { ...current, shopifyCustomerId: "8" })).toBe("customer");
    const older = { updatedAt: new Date(at.getTime() - 1000) };
    expect(orderDifference(known, { ...edited, ...older })).toBeNull();
    expect(orderDifference(known, { ...current, shopifyCustomerId: "8", ...older })).toBeNull();
  });

  it("never reports the customer of an order whose member was erased (customers/redact)", () => {
    const erased = { ...known, shopifyCustomerId: "redacted:abc", customerRedacted: true };
    expect(orderDifference(erased, current)).toBeNull();
    expect(orderDifference(erased, { ...current, refundIds: ["90", "91"] })).toBe("refunds");
  });

  it("compares ids as text and amounts as integers, whatever the source wrote", () => {
    const stored = {
      ...known,
      lines: [line({ productId: 1 as unknown as string }), known.lines[1]],
    };
    expect(orderDifference(stored, current)).toBeNull();
    const discounted = [line({ discount: 1 }), known.lines[1]];
    expect(orderDifference(known, { ...current, lines: discounted })).toBe("lines");
  });
});
