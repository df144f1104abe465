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

const isWhole = (value: unknown, min: number): value is number =>
  Number.isSafeInteger(value) && (value as number) >= min;

/** A Date, or a date-time text that parses (the server's validation is stricter). */
function instant(value: unknown): Date | null {
  const date = value instanceof Date ? value : typeof value === "string" ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

/**
 * The draft as a program the preview can price, or null while the fields it reads (the purchase
 * rule and the tiers) are not numbers and dates. Not the program's validation: that is zod, which
 * stays on the server (≈ 440 KB of browser script); saving reports every field's error. The order
 * count and milestone bonuses, which the preview leaves out, are turned off.
 */
export function previewableProgram(draft: unknown): Program | null {
  if (!draft || typeof draft !== "object") return null;
  const program = draft as Program;
  const purchase = program.purchase as Partial<Program["purchase"]> | undefined;
  const spendUnit = purchase?.spendUnit ?? 1;
  const pointsName = typeof program.pointsName === "string" ? program.pointsName.trim() : "";
  if (
    !purchase ||
    !pointsName ||
    typeof purchase.enabled !== "boolean" ||
    !isWhole(program.currencyExponent, 0) ||
    !isWhole(purchase.pointsPerUnit, 0) ||
    !isWhole(spendUnit, 1) ||
    !(purchase.minimumSubtotal === null || isWhole(purchase.minimumSubtotal, 0)) ||
    !Array.isArray(program.tiers) ||
    program.tiers.length === 0
  )
    return null;
  const multipliersOk = [
    ...program.tiers,
    ...(purchase.productMultipliers ?? []),
    ...(purchase.collectionMultipliers ?? []),
    ...(purchase.campaigns ?? []),
  ].every((item) => isWhole(item?.multiplier, 1));
  const tiersOk = program.tiers.every(
    (tier) => typeof tier.name === "string" && isWhole(tier.threshold, 0),
  );
  const campaigns = (purchase.campaigns ?? []).map((campaign) => ({
    ...campaign,
    startsAt: instant(campaign.startsAt),
    endsAt: instant(campaign.endsAt),
  }));
  if (!multipliersOk || !tiersOk || campaigns.some((c) => !c.startsAt || !c.endsAt)) return null;
  return {
    ...program,
    pointsName,
    purchase: {
      ...(purchase as Program["purchase"]),
      spendUnit,
      productMultipliers: purchase.productMultipliers ?? [],
      collectionMultipliers: purchase.collectionMultipliers ?? [],
      campaigns: campaigns as Program["purchase"]["campaigns"],
    },
    firstOrder: { enabled: false, points: 0 },
    everyNthOrder: { enabled: false, points: 0, every: 2 },
    spendMilestones: { enabled: false, milestones: [] },
  };
}
