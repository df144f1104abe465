// @vitest-environment node
import { describe, expect, it } from "vitest";
import {
  buildLoyaltyMetafields,
  chunkMetafields,
  LOYALTY_METAFIELD_NAMESPACE,
} from "./metafields.server";

const figures = {
  balance: 1250,
  pending: 40,
  tierName: "Silver",
  nextTierName: "Gold",
  pointsToNextTier: 1250,
};

describe("buildLoyaltyMetafields", () => {
  it("writes every figure into one versioned json metafield", () => {
    const [input, ...rest] = buildLoyaltyMetafields("gid://shopify/Customer/7", figures);
    expect(rest).toEqual([]);
    expect(input).toMatchObject({
      ownerId: "gid://shopify/Customer/7",
      namespace: LOYALTY_METAFIELD_NAMESPACE,
      key: "status",
      type: "json",
    });
    expect(JSON.parse(input!.value)).toEqual({
      v: 1,
      balance: 1250,
      pending: 40,
      tier: "Silver",
      nextTier: "Gold",
      pointsToNextTier: 1250,
      earn: null,
    });
  });

  it("has no distance to a next tier at the top tier, and keeps negative balances", () => {
    const [input] = buildLoyaltyMetafields("gid://shopify/Customer/7", {
      ...figures,
      balance: -30,
      nextTierName: null,
      pointsToNextTier: 0,
    });
    expect(JSON.parse(input!.value)).toMatchObject({
      balance: -30,
      nextTier: null,
      pointsToNextTier: null,
    });
  });

  it("refuses non-customer ids and fractional points", () => {
    expect(() => buildLoyaltyMetafields("7", figures)).toThrow(/customer GID/);
    expect(() =>
      buildLoyaltyMetafields("gid://shopify/Customer/7", { ...figures, balance: 1.5 }),
    ).toThrow(/integer/);
  });
});

describe("chunkMetafields", () => {
  const input = (customer: number, value = "{}") => ({
    ownerId: `gid://shopify/Customer/${customer}`,
    namespace: "$app:loyalty",
    key: "status",
    type: "json",
    value,
  });

  it("splits into batches of at most 25", () => {
    const chunks = chunkMetafields(Array.from({ length: 51 }, (_, index) => input(index)));
    expect(chunks.map((chunk) => chunk.length)).toEqual([25, 25, 1]);
    expect(chunkMetafields([])).toEqual([]);
  });

  it("keeps only the newest input per metafield", () => {
    const chunks = chunkMetafields([input(1, "old"), input(2), input(1, "new")], 2);
    expect(chunks).toEqual([[input(2), input(1, "new")]]);
  });

  it("refuses batch sizes Shopify would reject", () => {
    expect(() => chunkMetafields([input(1)], 26)).toThrow(RangeError);
    expect(() => chunkMetafields([input(1)], 0)).toThrow(RangeError);
  });
});
