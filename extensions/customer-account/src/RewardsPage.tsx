// The Rewards page: loads the member's overview from the shopper API and lays out its sections.
import { useEffect, useMemo, useState } from "preact/hooks";
import { resolveAppUrl } from "../../shared/app-url";
import { errorMessage } from "../../shared/messages";
import { createShopperApi, type LoyaltyOverview, type Redemption } from "../../shared/shopper-api";
import { useSignalValue } from "../../shared/use-signal-value";
import type { AccountApi } from "./account-api";
import { BadgesSection } from "./BadgesSection";
import { HistorySection } from "./HistorySection";
import { LeaderboardSection } from "./LeaderboardSection";
import { ReferralSection } from "./ReferralSection";
import { RewardsSection } from "./RewardsSection";
import { SummarySection } from "./SummarySection";
import { WaysToEarnSection } from "./WaysToEarnSection";

type Load =
  | { state: "loading" }
  | { state: "failed"; message: string }
  | { state: "ready"; overview: LoyaltyOverview };

export function RewardsPage({ api }: { api: AccountApi }) {
  const { i18n } = api;
  const settings = useSignalValue(api.settings);
  const appUrl = resolveAppUrl(settings.app_url);
  const shopper = useMemo(
    () => appUrl && createShopperApi({ baseUrl: appUrl, sessionToken: api.sessionToken }),
    [appUrl],
  );
  const [load, setLoad] = useState<Load>({ state: "loading" });

  async function refresh(quietly = false) {
    if (!shopper) return;
    if (!quietly) setLoad({ state: "loading" });
    try {
      setLoad({ state: "ready", overview: await shopper.overview() });
    } catch (error) {
      // A failed background refresh keeps what is on screen.
      if (!quietly) setLoad({ state: "failed", message: errorMessage(i18n, error) });
    }
  }

  useEffect(() => {
    void refresh();
  }, [shopper]);

  function redeemed(redemption: Redemption) {
    // Show the new balance at once, then reload affordability and history.
    setLoad((current) =>
      current.state === "ready"
        ? { state: "ready", overview: { ...current.overview, balance: redemption.balance } }
        : current,
    );
    void refresh(true);
  }

  let content;
  if (!shopper) {
    content = <s-banner tone="critical">{i18n.translate("errors.generic")}</s-banner>;
  } else if (load.state === "loading") {
    content = <s-spinner accessibilityLabel={i18n.translate("page.loading")} />;
  } else if (load.state === "failed") {
    content = (
      <s-banner tone="critical" heading={i18n.translate("page.loadFailed")}>
        <s-stack gap="base">
          <s-paragraph>{load.message}</s-paragraph>
          <s-button variant="secondary" onClick={() => refresh()}>
            {i18n.translate("page.retry")}
          </s-button>
        </s-stack>
      </s-banner>
    );
  } else {
    const { overview } = load;
    content = (
      <s-stack gap="large">
        <SummarySection i18n={i18n} overview={overview} />
        {/* `?.`: an app deployed before badges existed answers without the field. */}
        {overview.badges?.length > 0 && <BadgesSection i18n={i18n} badges={overview.badges} />}
        {/* `?.`: an app deployed before ways to earn existed answers without the field. */}
        {overview.waysToEarn?.length > 0 && (
          <WaysToEarnSection
            i18n={i18n}
            shopper={shopper}
            ways={overview.waysToEarn}
            birthday={overview.birthday ?? null}
          />
        )}
        {/* `?.`: an app deployed before referrals existed answers without the field. */}
        {overview.referral && <ReferralSection api={api} referral={overview.referral} />}
        <RewardsSection api={api} shopper={shopper} overview={overview} onRedeemed={redeemed} />
        <HistorySection i18n={i18n} history={overview.history} />
        {overview.leaderboard?.enabled && (
          <LeaderboardSection
            i18n={i18n}
            shopper={shopper}
            optedIn={overview.leaderboard.optedIn}
          />
        )}
      </s-stack>
    );
  }
  return <s-page heading={i18n.translate("page.title")}>{content}</s-page>;
}
