// The reward's shape, its kinds and the default reward: what the reward form needs in the browser.
// No zod here (rewards.ts validates on the server): a page importing zod ships ≈ 440 KB of script.
import type { Minor, Points } from "./types";

export const REWARD_KINDS = [
  "fixed_amount",
  "percentage",
  "free_shipping",
  "free_product",
  "store_credit",
] as const;
export type RewardKind = (typeof REWARD_KINDS)[number];

export interface Combinations {
  orderDiscounts: boolean;
  productDiscounts: boolean;
  shippingDiscounts: boolean;
}

export interface Reward {
  id: string;
  title: string;
  kind: RewardKind;
  cost: Points;
  /** Minor units for fixed_amount and store_credit, a percentage (1–100) for percentage. */
  value: number | null;
  /** The variant a free_product reward gives, as a Shopify GID. */
  variantId: string | null;
  minimumSubtotal: Minor | null;
  /** Tiers allowed to redeem; null = every tier. */
  tierNames: string[] | null;
  codeLifetimeDays: number;
  combinesWith: Combinations;
  enabled: boolean;
}

/** The reward every new program starts with (design §1): 5.00 off for 500 points. */
export function defaultReward(currencyExponent: number): Omit<Reward, "id"> {
  return {
    title: "5.00 off",
    kind: "fixed_amount",
    cost: 500,
    value: 5 * 10 ** currencyExponent,
    variantId: null,
    minimumSubtotal: null,
    tierNames: null,
    codeLifetimeDays: 30,
    combinesWith: { orderDiscounts: false, productDiscounts: false, shippingDiscounts: true },
    enabled: true,
  };
}
