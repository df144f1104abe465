// The settings page's live preview: what one ordinary order of a given amount earns under a draft
// program, for every tier. Pure, so the browser computes it on each keystroke without a round trip.
import { computeOrderEarning } from "./earn";
import type { Minor, OrderFacts, Points, Program } from "./types";

export interface TierPreview {
  tier: string;
  points: Points;
}

export interface EarnPreview {
  amount: Minor;
  /** Purchase points per tier, entry tier first; order-count and milestone bonuses are not included. */
  byTier: TierPreview[];
  /** The campaign running at `at`, if any, already included in the figures. */
  campaign: string | null;
  /** Why a purchase earns nothing under this program (empty when it earns). */
  notEarned: string[];
}

/** A paid single-line order of `amount` placed at `at` by a repeat customer, under `program`. */
export function previewOrderEarning(program: Program, amount: Minor, at: Date): EarnPreview {
  const facts: OrderFacts = {
    orderId: "preview",
    customerId: "preview",
    placedAt: at,
    lines: [
      {
        lineId: "preview",
        productId: null,
        variantId: null,
        collectionIds: [],
        quantity: 1,
        originalQuantity: 1,
        unitPrice: amount,
        discount: 0,
        isGiftCard: false,
      },
    ],
    refunds: [],
    cancelled: false,
    paid: true,
  };
  const tiers = [...program.tiers].sort((a, b) => a.threshold - b.threshold);
  let campaign: string | null = null;
  let notEarned: string[] = [];
  const byTier = tiers.map((tier) => {
    // Ordinal 0 keeps first-order and every-Nth bonuses out: the preview is about the purchase rule.
    const earning = computeOrderEarning(facts, program, {
      tier,
      orderOrdinal: 0,
      lifetimeSpendBefore: 0,
    });
    const purchase = earning.firings.find((firing) => firing.rule === "purchase");
    campaign = (purchase?.detail.campaign as string | null | undefined) ?? campaign;
    notEarned = earning.notEarned;
    return { tier: tier.name, points: purchase?.points ?? 0 };
  });
  return { amount, byTier, campaign, notEarned };
}
