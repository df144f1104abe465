// The program a fresh install starts with (design §1, "Default program of a fresh install").
// Tests and the seed rely on these numbers; the merchant can change every one of them.
import { DEFAULT_REFERRALS } from "./program-schema";
import type { Program } from "./types";

export { programSchema, validateProgram } from "./program-schema";
export type { ProgramValidation, ProgramValidationError } from "./program-schema";

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !(value instanceof Date)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/**
 * Frozen so a caller cannot change every future install by accident;
 * use `structuredClone(DEFAULT_PROGRAM)` to get an editable copy.
 * Disabled rules still carry sensible values so enabling one in the admin is a single click.
 */
export const DEFAULT_PROGRAM: Program = deepFreeze<Program>({
  name: "Rewards",
  pointsName: "points",
  currencyExponent: 2,
  purchase: {
    enabled: true,
    pointsPerUnit: 1,
    spendUnit: 1,
    minimumSubtotal: null,
    productMultipliers: [],
    collectionMultipliers: [],
    campaigns: [],
  },
  signup: { enabled: false, points: 100 },
  accountActivation: { enabled: false, points: 50 },
  birthday: { enabled: false, points: 100 },
  firstOrder: { enabled: false, points: 50 },
  everyNthOrder: { enabled: false, points: 100, every: 5 },
  spendMilestones: {
    enabled: false,
    milestones: [{ lifetimeSpend: 100_000, points: 500 }],
  },
  referrals: structuredClone(DEFAULT_REFERRALS),
  pendingDays: 0,
  expiry: { mode: "none" },
  expiryNoticeDays: 14,
  tierBasis: "points_earned",
  tierPeriod: "trailing_12_months",
  tiers: [
    { name: "Member", threshold: 0, multiplier: 100 },
    { name: "Silver", threshold: 1000, multiplier: 125 },
    { name: "Gold", threshold: 2500, multiplier: 150 },
  ],
  tierGraceDays: 0,
});
