import { describe, expect, it } from "vitest";
import { balanceFigures } from "./balance";
import { at, movement } from "./test-fixtures";

describe("balanceFigures", () => {
  it("adds earns and takes redemptions and expiries off", () => {
    const ledger = [
      movement("earn", 120, "2025-01-01T00:00:00Z"),
      movement("redeem", -50, "2025-01-02T00:00:00Z"),
      movement("expire", -20, "2025-03-01T00:00:00Z"),
    ];
    expect(balanceFigures(ledger, at("2025-04-01T00:00:00Z"))).toEqual({
      balance: 50,
      pending: 0,
      lifetimeEarned: 120,
    });
  });

  it("returns a released reservation to the balance without counting it as earned", () => {
    const ledger = [
      movement("earn", 500, "2025-01-01T00:00:00Z"),
      movement("redeem", -500, "2025-01-02T00:00:00Z"),
      movement("release", 500, "2025-02-01T00:00:00Z"),
    ];
    expect(balanceFigures(ledger, at("2025-04-01T00:00:00Z"))).toEqual({
      balance: 500,
      pending: 0,
      lifetimeEarned: 500,
    });
  });

  it("keeps earned points pending until availableAt, then makes them spendable", () => {
    const ledger = [
      movement("earn", 100, "2025-01-01T00:00:00Z"),
      movement("earn", 40, "2025-01-10T00:00:00Z", "2025-01-24T00:00:00Z"),
    ];
    expect(balanceFigures(ledger, at("2025-01-23T23:59:59Z"))).toEqual({
      balance: 100,
      pending: 40,
      lifetimeEarned: 140,
    });
    // availableAt is the moment they become spendable.
    expect(balanceFigures(ledger, at("2025-01-24T00:00:00Z"))).toEqual({
      balance: 140,
      pending: 0,
      lifetimeEarned: 140,
    });
  });

  it("takes a reversal carrying the pending earn's availableAt off pending, not off the balance", () => {
    const ledger = [
      movement("earn", 100, "2025-01-01T00:00:00Z"),
      movement("earn", 40, "2025-01-10T00:00:00Z", "2025-01-24T00:00:00Z"),
      movement("reverse", -40, "2025-01-12T00:00:00Z", "2025-01-24T00:00:00Z"),
    ];
    expect(balanceFigures(ledger, at("2025-01-15T00:00:00Z"))).toEqual({
      balance: 100,
      pending: 0,
      lifetimeEarned: 100,
    });
  });

  it("lets a reversal of spent points drive the balance negative", () => {
    const ledger = [
      movement("earn", 100, "2025-01-01T00:00:00Z"),
      movement("redeem", -100, "2025-01-02T00:00:00Z"),
      movement("reverse", -60, "2025-01-03T00:00:00Z"),
    ];
    expect(balanceFigures(ledger, at("2025-01-04T00:00:00Z"))).toEqual({
      balance: -60,
      pending: 0,
      lifetimeEarned: 40,
    });
  });

  it("counts imports and positive adjustments as earned, negative adjustments not as un-earned", () => {
    const ledger = [
      movement("import", 300, "2025-01-01T00:00:00Z"),
      movement("adjust", 25, "2025-01-02T00:00:00Z"),
      movement("adjust", -10, "2025-01-03T00:00:00Z"),
    ];
    expect(balanceFigures(ledger, at("2025-01-04T00:00:00Z"))).toEqual({
      balance: 315,
      pending: 0,
      lifetimeEarned: 325,
    });
  });

  it("is all zeros for an empty ledger", () => {
    expect(balanceFigures([], at("2025-01-01T00:00:00Z"))).toEqual({
      balance: 0,
      pending: 0,
      lifetimeEarned: 0,
    });
  });
});
