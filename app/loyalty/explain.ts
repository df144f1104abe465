// Sentences that answer "why did this order earn 146 points" (or nothing), from the numbers the
// rules recorded, in the admin language (app/i18n `explain`); the keys (rule, reason) stay stable.
import { adminText } from "../i18n";
import { MAX_ORDER_POINTS } from "./earn";
import { formatMinor } from "./money";
import type { NotEarnedReason, RuleFiring } from "./types";

const say = adminText.explain;

export function describeNotEarned(reason: NotEarnedReason): string {
  return reason === "order_points_capped"
    ? say.notEarned.order_points_capped(MAX_ORDER_POINTS)
    : say.notEarned[reason];
}

const multiplier = (percent: unknown) => `×${Number(percent) / 100}`;

/** "Sale ×2" for each "collectionId×200" the purchase rule recorded (the id when its name is unknown). */
function collectionsApplied(recorded: string, titles: Record<string, string>): string {
  return recorded
    .split(", ")
    .map((item) => {
      const [id, percent] = item.split("×");
      return `${titles[id] ?? id} ${multiplier(percent)}`;
    })
    .join(", ");
}

export function describeFiring(
  firing: RuleFiring,
  currencyCode: string,
  /** Collection id → name, for the collection multipliers that applied. */
  collectionTitles: Record<string, string> = {},
): string {
  const d = firing.detail;
  switch (firing.rule) {
    case "purchase": {
      const money = `${formatMinor(Number(d.earnBase), Number(d.currencyExponent))} ${currencyCode}`;
      // Snapshots from before spendUnit existed earned per 1 unit.
      const parts = [
        say.purchaseRate(String(d.pointsPerUnit), Number(d.spendUnit ?? 1), currencyCode, money),
      ];
      if (d.lineMultipliers) parts.push(say.productMultipliers(String(d.lineMultipliers)));
      if (d.collectionMultipliers)
        parts.push(
          say.collectionMultipliers(
            collectionsApplied(String(d.collectionMultipliers), collectionTitles),
          ),
        );
      if (d.campaign)
        parts.push(say.campaign(String(d.campaign), multiplier(d.campaignMultiplier)));
      if (Number(d.tierMultiplier) !== 100)
        parts.push(say.tier(String(d.tier), multiplier(d.tierMultiplier)));
      return say.purchase(parts.join(", "), firing.points);
    }
    case "first_order":
      return say.firstOrder(firing.points);
    case "every_nth_order":
      return say.everyNthOrder(Number(d.orderOrdinal), Number(d.every), firing.points);
    case "spend_milestone":
      return say.milestone(String(d.milestone), firing.points);
  }
}
