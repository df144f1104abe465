// The badges the member earned (first order, 5th order, Gold …), oldest first. Rendered only when
// there is at least one: an empty "badges" section would read as a missing feature. Tally's own
// names and rule descriptions are worded in the shopper's language; what the merchant typed is not.
import type { LoyaltyOverview } from "../../shared/shopper-api";
import type { AccountI18n } from "./account-api";

type Badge = LoyaltyOverview["badges"][number];

// Tally's shipped badges by id; a name Tally does not know (a newer server) is shown as sent.
const SHIPPED_NAMES: Record<string, string> = {
  "first-order": "badges.names.first-order",
  "fifth-order": "badges.names.fifth-order",
  "big-order": "badges.names.big-order",
  gold: "badges.names.gold",
  "spend-1000": "badges.names.spend-1000",
};

function nameOf(badge: Badge, i18n: AccountI18n): string {
  const key = badge.shippedName ? SHIPPED_NAMES[badge.id] : undefined;
  return key ? i18n.translate(key) : badge.name;
}

function descriptionOf({ rule, description }: Badge, i18n: AccountI18n): string {
  switch (rule?.kind) {
    case "first_order":
      return i18n.translate("badges.rule.firstOrder");
    case "nth_order":
      return i18n.translate("badges.rule.nthOrder", { count: rule.orders });
    case "big_order":
    case "lifetime_spend":
      return i18n.translate(
        rule.kind === "big_order" ? "badges.rule.bigOrder" : "badges.rule.lifetimeSpend",
        {
          amount: i18n.formatCurrency(rule.amount, { currency: rule.currency }),
        },
      );
    case "tier_reached":
      return i18n.translate("badges.rule.tierReached", { tier: rule.tier });
    default:
      return description;
  }
}

export function BadgesSection({
  i18n,
  badges,
}: {
  i18n: AccountI18n;
  badges: LoyaltyOverview["badges"];
}) {
  return (
    <s-section heading={i18n.translate("badges.heading")}>
      <s-unordered-list>
        {badges.map((badge) => (
          <s-list-item key={badge.id}>
            <s-stack gap="small-500">
              <s-stack direction="inline" gap="small-200" alignItems="center">
                <s-badge>{nameOf(badge, i18n)}</s-badge>
                {descriptionOf(badge, i18n) && <s-text>{descriptionOf(badge, i18n)}</s-text>}
              </s-stack>
              <s-text color="subdued">
                {i18n.translate("badges.earned", {
                  date: i18n.formatDate(new Date(badge.awardedAt), { dateStyle: "medium" }),
                })}
              </s-text>
            </s-stack>
          </s-list-item>
        ))}
      </s-unordered-list>
    </s-section>
  );
}
