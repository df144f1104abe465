// The Rewards page: loads the member's overview from the shopper API and lays out its sections.
import { useEffect, useMemo, useState } from "preact/hooks";
import { resolveAppUrl } from "../../shared/app-url";
import { errorMessage } from "../../shared/messages";
import { createShopperApi, type LoyaltyOverview, type Redemption } from "../../shared/shopper-api";
import type { AccountApi } from "./account-api";
import { BadgesSection } from "./BadgesSection";
import { CodesSection } from "./CodesSection";
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
  const appUrl = resolveAppUrl();
  const shopper = useMemo(
    () => appUrl && createShopperApi({ baseUrl: appUrl, sessionToken: api.sessionToken }),
    [appUrl],
  );
  const [load, setLoad] = useState<Load>({ state: "loading" });
  const [redemptions, setRedemptions] = useState(0);

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
    setRedemptions((n) => n + 1);
  }

  let content;
  const failed = (message: string, retry: () => void) => (
    <s-banner tone="critical" heading={i18n.translate("page.loadFailed")}>
      <s-stack gap="base">
        <s-paragraph>{message}</s-paragraph>
        <s-button variant="secondary" onClick={retry}>
          {i18n.translate("page.retry")}
        </s-button>
      </s-stack>
    </s-banner>
  );
  if (!shopper) {
    // A build without the app's URL: nothing a retry could fix, so say what it is (not "try later").
    content = (
      <s-banner tone="warning" heading={i18n.translate("page.notConfigured")}>
        <s-paragraph>{i18n.translate("page.notConfiguredBody")}</s-paragraph>
      </s-banner>
    );
  } else if (load.state === "loading") {
    content = <s-spinner accessibilityLabel={i18n.translate("page.loading")} />;
  } else if (load.state === "failed") {
    content = failed(load.message, () => refresh());
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
        <CodesSection i18n={i18n} shopper={shopper} reload={redemptions} />
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
