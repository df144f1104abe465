// Balance, tier, the tier's perk, progress to the next tier and the next points to expire.
import { pointsText, statusLines } from "../../shared/messages";
import type { LoyaltyOverview } from "../../shared/shopper-api";
import type { AccountI18n } from "./account-api";

export function SummarySection({
  i18n,
  overview,
}: {
  i18n: AccountI18n;
  overview: LoyaltyOverview;
}) {
  const { tier, nextTier } = overview;
  const lines = statusLines(i18n, {
    balance: overview.balance,
    pending: overview.pending,
    tier: tier.name,
    nextTier: nextTier?.name ?? null,
    pointsToNextTier: nextTier?.remaining ?? null,
  });
  return (
    <s-section heading={i18n.translate("summary.heading")}>
      <s-stack gap="base">
        <s-heading>{pointsText(i18n, overview.balance)}</s-heading>
        {lines.pending && <s-text color="subdued">{lines.pending}</s-text>}
        {overview.expiring && (
          <s-text color="subdued">
            {i18n.translate("summary.expiring", {
              count: overview.expiring.points,
              points: pointsText(i18n, overview.expiring.points),
              date: i18n.formatDate(new Date(overview.expiring.at), { dateStyle: "long" }),
            })}
          </s-text>
        )}
        <s-stack direction="inline" gap="small-200" alignItems="center">
          <s-badge>{tier.name}</s-badge>
          {tier.multiplier > 1 && (
            <s-text>
              {i18n.translate("summary.multiplier", {
                multiplier: i18n.formatNumber(tier.multiplier),
              })}
            </s-text>
          )}
        </s-stack>
        {nextTier && nextTier.threshold > 0 && (
          <s-progress
            max={nextTier.threshold}
            value={Math.max(0, nextTier.threshold - nextTier.remaining)}
            accessibilityLabel={i18n.translate("summary.progressLabel", { tier: nextTier.name })}
          />
        )}
        {lines.progress && <s-text color="subdued">{lines.progress}</s-text>}
      </s-stack>
    </s-section>
  );
}
