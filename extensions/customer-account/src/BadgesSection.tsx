// The badges the member earned (first order, 5th order, Gold …), oldest first. Rendered only when
// there is at least one: an empty "badges" section would read as a missing feature.
import type { LoyaltyOverview } from "../../shared/shopper-api";
import type { AccountI18n } from "./account-api";

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
                <s-badge>{badge.name}</s-badge>
                {badge.description && <s-text>{badge.description}</s-text>}
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
