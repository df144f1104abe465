import { describe, expect, it } from "vitest";
import { exactOnProductPage, productMultiplierMap } from "./storefront-earn";
import { aProgram } from "./test-fixtures";

const purchase = aProgram().purchase;

describe("the product block's multipliers", () => {
  it("maps each product that does not earn 1× to its multiplier", () => {
    expect(
      productMultiplierMap({
        ...purchase,
        productMultipliers: [
          { productId: "7101", multiplier: 200 },
          { productId: "7102", multiplier: 100 },
          { productId: "7103", multiplier: 150 },
        ],
      }),
    ).toEqual({ "7101": 200, "7103": 150 });
  });

  it("fits a thousand products in a fraction of Shopify's 128 KB json limit", () => {
    const productMultipliers = Array.from({ length: 1000 }, (_, i) => ({
      productId: String(9_007_199_254_740_000 + i),
      multiplier: 250,
    }));
    const size = JSON.stringify(productMultiplierMap({ ...purchase, productMultipliers })).length;
    expect(size).toBeLessThan(32 * 1024);
  });

  it("is exact only without campaigns, a minimum subtotal or collection multipliers", () => {
    expect(exactOnProductPage(purchase)).toBe(true);
    expect(exactOnProductPage({ ...purchase, minimumSubtotal: 5000 })).toBe(false);
    expect(
      exactOnProductPage({
        ...purchase,
        collectionMultipliers: [{ collectionId: "1", multiplier: 200 }],
      }),
    ).toBe(false);
    expect(
      exactOnProductPage({
        ...purchase,
        campaigns: [
          {
            name: "Double points",
            multiplier: 200,
            startsAt: new Date("2026-12-01"),
            endsAt: new Date("2026-12-03"),
          },
        ],
      }),
    ).toBe(false);
  });
});
