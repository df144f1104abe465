// What points buy, and whether a member may redeem a reward now. Pure: no storage, `now` passed in.
import { z } from "zod";
import { adminText } from "../i18n";
import { parseWithPlainIssues } from "./plain-issues";
import { MAX_REWARD_AMOUNT_MAJOR, maxRewardAmount } from "./reward-value";
import type { Points } from "./types";
import { REWARD_KINDS, type Reward, type RewardKind } from "./reward-kinds";

export { REWARD_KINDS, defaultReward } from "./reward-kinds";
export type { Combinations, Reward, RewardKind } from "./reward-kinds";

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
