import { describe, expect, it } from "vitest";
import { statusMetafield } from "./testing/shopify-global";
import { readLoyaltyStatus } from "./status";

const v1 = {
  v: 1,
  balance: 1250,
  pending: 50,
  tier: "Silver",
  nextTier: "Gold",
  pointsToNextTier: 320,
};

describe("readLoyaltyStatus", () => {
  it("reads the v1 value the app writes", () => {
    expect(readLoyaltyStatus(statusMetafield(v1))).toEqual({
      balance: 1250,
      pending: 50,
      tier: "Silver",
      nextTier: "Gold",
      pointsToNextTier: 320,
      earn: null,
    });
  });

  it("reads the top tier (no next tier) and the optional earn rate", () => {
    const status = readLoyaltyStatus(
      statusMetafield({
        ...v1,
        nextTier: null,
        pointsToNextTier: null,
        earn: { perUnit: 1.5, currency: "EUR" },
      }),
    );
    expect(status).toMatchObject({
      nextTier: null,
      pointsToNextTier: null,
      earn: { perUnit: 1.5, currency: "EUR" },
    });
  });

  it("keeps reading newer versions that still carry v1's fields", () => {
    expect(readLoyaltyStatus(statusMetafield({ ...v1, v: 2, lifetime: 9000 }))?.balance).toBe(1250);
  });

  it("treats a negative balance (a reversal of spent points) as a balance", () => {
    expect(readLoyaltyStatus(statusMetafield({ ...v1, balance: -40 }))?.balance).toBe(-40);
  });

  it.each([
    ["no entries", undefined],
    [
      "another key",
      [
        {
          ...statusMetafield(v1)[0],
          metafield: { ...statusMetafield(v1)[0].metafield, key: "other" },
        },
      ],
    ],
    [
      "another namespace",
      [
        {
          ...statusMetafield(v1)[0],
          metafield: { ...statusMetafield(v1)[0].metafield, namespace: "loyalty" },
        },
      ],
    ],
    [
      "a product metafield",
      [{ ...statusMetafield(v1)[0], target: { type: "product", id: "gid://shopify/Product/1" } }],
    ],
    [
      "broken JSON",
      [
        {
          ...statusMetafield(v1)[0],
          metafield: { ...statusMetafield(v1)[0].metafield, value: "{" },
        },
      ],
    ],
    ["no version", statusMetafield({ ...v1, v: undefined })],
    ["a fractional balance", statusMetafield({ ...v1, balance: 1.5 })],
    ["no tier", statusMetafield({ ...v1, tier: undefined })],
  ])("returns null for %s", (_, entries) => {
    expect(readLoyaltyStatus(entries)).toBeNull();
  });

  it("ignores an unusable earn rate instead of failing the whole status", () => {
    expect(
      readLoyaltyStatus(statusMetafield({ ...v1, earn: { perUnit: "1", currency: "EUR" } }))?.earn,
    ).toBeNull();
  });
});
