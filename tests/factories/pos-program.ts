// GET /api/pos/program's answer (decision 043) as test data, shared by the app's POS API tests
// (what the route must answer) and the POS extension's tests (what their fake API serves). Pure
// data with type-only imports: the extension tests run in happy-dom, without a database.
import type { PosProgram, WayToEarn } from "../../app/contracts/shopper-api";

/** The default program's purchase rule (1 point per 1.00) as a new customer (entry tier) earns it. */
export const purchaseWay = (
  overrides: Partial<Extract<WayToEarn, { kind: "purchase" }>> = {},
): WayToEarn => ({
  kind: "purchase",
  points: 1,
  spend: 1,
  currency: "USD",
  tierMultiplier: 1,
  tier: "Member",
  minimumSubtotal: null,
  ...overrides,
});

/**
 * The answer for installShop's default program (USD, tiers Member/Silver/Gold on points earned over
 * 12 months, one "5.00 off" reward) changed to a 14-day pending period, expiry after 365 days
 * without activity and 200 birthday points, with nothing redeemed today. `overrides` replace whole
 * fields.
 */
export function posProgramAnswer(overrides: Partial<PosProgram> = {}): PosProgram {
  return {
    enabled: true,
    name: "Tally Rewards",
    currency: "USD",
    waysToEarn: [purchaseWay(), { kind: "birthday", points: 200 }],
    rewards: [{ id: "five-off", title: "5.00 off", cost: 500, tiers: null }],
    tiers: [
      { name: "Member", threshold: 0, multiplier: 1 },
      { name: "Silver", threshold: 1000, multiplier: 1.25 },
      { name: "Gold", threshold: 2500, multiplier: 1.5 },
    ],
    tierBasis: "points_earned",
    tierPeriod: "trailing_12_months",
    pendingDays: 14,
    expiry: { mode: "after_inactivity", days: 365 },
    today: { redemptions: 0, points: 0, atPos: 0 },
    ...overrides,
  };
}
