// What points buy, and whether a member may redeem a reward now. Pure: no storage, `now` passed in.
import { z } from "zod";
import { adminText } from "../i18n";
import { parseWithPlainIssues } from "./plain-issues";
import { MAX_REWARD_AMOUNT_MAJOR, maxRewardAmount } from "./reward-value";
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

const NEEDS_VALUE: Record<RewardKind, boolean> = {
  fixed_amount: true,
  percentage: true,
  free_shipping: false,
  free_product: false,
  store_credit: true,
};

const say = adminText.validation.reward;

// Messages are functions so each parse reads them in the admin language of its request.
export const rewardInputSchema = z
  .object({
    title: z
      .string()
      .trim()
      .min(1, { error: () => say.title })
      .max(120, { error: () => say.titleTooLong }),
    kind: z.enum(REWARD_KINDS, { error: () => say.kind }),
    cost: z
      .number({ error: () => say.cost })
      .int({ error: () => say.costWhole })
      .min(1, { error: () => say.costAtLeastOne })
      .max(10_000_000, { error: () => say.costTooLarge }),
    value: z
      .number()
      .int({ error: () => say.wholeAmount })
      .positive({ error: () => say.aboveZero })
      .nullable()
      .default(null),
    variantId: z
      .string()
      .regex(/^gid:\/\/shopify\/ProductVariant\/\d+$/, { error: () => say.variant })
      .nullable()
      .default(null),
    minimumSubtotal: z
      .number()
      .int()
      .min(0, { error: () => say.minimumSubtotal })
      .nullable()
      .default(null),
    tierNames: z
      .array(z.string().min(1))
      .min(1, { error: () => say.tiers })
      .nullable()
      .default(null),
    codeLifetimeDays: z
      .number()
      .int()
      .min(1, { error: () => say.codeAtLeastADay })
      .max(365, { error: () => say.codeAtMostAYear })
      .default(30),
    combinesWith: z
      .object({
        orderDiscounts: z.boolean(),
        productDiscounts: z.boolean(),
        shippingDiscounts: z.boolean(),
      })
      .default({ orderDiscounts: false, productDiscounts: false, shippingDiscounts: true }),
    enabled: z.boolean().default(true),
  })
  .superRefine((reward, ctx) => {
    if (NEEDS_VALUE[reward.kind] && reward.value === null)
      ctx.addIssue({
        code: "custom",
        path: ["value"],
        message: reward.kind === "percentage" ? say.percentage : say.amount,
      });
    if (reward.kind === "percentage" && reward.value !== null && reward.value > 100)
      ctx.addIssue({
        code: "custom",
        path: ["value"],
        message: say.percentageRange,
      });
    if (reward.kind === "free_product" && reward.variantId === null)
      ctx.addIssue({
        code: "custom",
        path: ["variantId"],
        message: say.productVariant,
      });
  });

export type RewardInput = z.input<typeof rewardInputSchema>;

/**
 * `currencyExponent`: the shop's, for the cap on amounts (MAX_REWARD_AMOUNT_MAJOR); without it the
 * cap is not checked (pure shape checks).
 */
export function validateReward(
  input: unknown,
  currencyExponent?: number,
):
  | { ok: true; reward: Omit<Reward, "id"> }
  | { ok: false; errors: { path: string; message: string }[] } {
  const result = parseWithPlainIssues(rewardInputSchema, input);
  if (!result.ok) return result;
  const reward = result.data;
  if (
    currencyExponent !== undefined &&
    (reward.kind === "fixed_amount" || reward.kind === "store_credit") &&
    reward.value !== null &&
    reward.value > maxRewardAmount(currencyExponent)
  )
    return {
      ok: false,
      errors: [
        {
          path: "value",
          message: say.amountCap(MAX_REWARD_AMOUNT_MAJOR),
        },
      ],
    };
  return { ok: true, reward };
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

export type Unavailability = "disabled" | "tier_restricted" | "insufficient_points";

export function rewardAvailability(
  reward: Reward,
  member: { balance: Points; tierName: string },
): { available: true } | { available: false; reason: Unavailability } {
  if (!reward.enabled) return { available: false, reason: "disabled" };
  if (reward.tierNames && !reward.tierNames.includes(member.tierName))
    return { available: false, reason: "tier_restricted" };
  if (member.balance < reward.cost) return { available: false, reason: "insufficient_points" };
  return { available: true };
}

/** Codes end at the end of their last day, counted from issue. */
export function codeExpiry(reward: Pick<Reward, "codeLifetimeDays">, now: Date): Date {
  return new Date(now.getTime() + reward.codeLifetimeDays * 86_400_000);
}
