// Sentences that answer "why did this order earn 146 points" (or nothing), from the numbers the
// rules recorded. Staff-facing English; the keys (rule, reason) stay stable for translation.
import { MAX_ORDER_POINTS } from "./earn";
import { formatMinor } from "./money";
import type { NotEarnedReason, RuleFiring } from "./types";

const REASONS: Record<NotEarnedReason, string> = {
  guest_order: "Guest checkout: the order has no customer account to credit.",
  not_paid: "The order is not paid yet; points are credited when it is.",
  cancelled: "The order was cancelled, so its points were reversed.",
  fully_refunded: "Everything that earned points was refunded.",
  below_minimum_subtotal: "The order is below the minimum subtotal that earns purchase points.",
  purchase_rule_disabled: "Purchases do not earn points in the program.",
  zero_earn_base:
    "Nothing in the order earns points (shipping, taxes, tips and gift cards never do).",
  order_points_capped: `The rules gave more than the most one order can earn; the order earned ${MAX_ORDER_POINTS.toLocaleString("en")} points.`,
};

export function describeNotEarned(reason: NotEarnedReason): string {
  return REASONS[reason];
}

const multiplier = (percent: unknown) => `×${Number(percent) / 100}`;

export function describeFiring(firing: RuleFiring, currencyCode: string): string {
  const d = firing.detail;
  switch (firing.rule) {
    case "purchase": {
      const money = `${formatMinor(Number(d.earnBase), Number(d.currencyExponent))} ${currencyCode}`;
      // Snapshots from before spendUnit existed earned per 1 unit.
      const parts = [
        `${d.pointsPerUnit} point(s) per ${Number(d.spendUnit ?? 1).toLocaleString("en")} ${currencyCode} on ${money}`,
      ];
      if (d.lineMultipliers) parts.push(`product multipliers ${d.lineMultipliers}`);
      if (d.campaign) parts.push(`campaign "${d.campaign}" ${multiplier(d.campaignMultiplier)}`);
      if (Number(d.tierMultiplier) !== 100)
        parts.push(`${d.tier} tier ${multiplier(d.tierMultiplier)}`);
      return `Purchase: ${parts.join(", ")}, rounded down = ${firing.points} points.`;
    }
    case "first_order":
      return `First order bonus: ${firing.points} points.`;
    case "every_nth_order":
      return `Order number ${d.orderOrdinal} (every ${d.every}th order): ${firing.points} points.`;
    case "spend_milestone":
      return `Lifetime spend passed ${d.milestone}: ${firing.points} points.`;
  }
}
