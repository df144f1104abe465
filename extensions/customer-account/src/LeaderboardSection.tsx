// The opt-in monthly leaderboard (design §1): the shopper joins or leaves it here; their own rank
// is shown only after they press "Show my rank" (never pushed at them).
import { useEffect, useState } from "preact/hooks";
import { errorMessage, pointsText } from "../../shared/messages";
import type { Leaderboard, ShopperApi } from "../../shared/shopper-api";
import type { AccountI18n } from "./account-api";

interface Props {
  i18n: AccountI18n;
  shopper: ShopperApi;
  optedIn: boolean;
}

export function LeaderboardSection({ i18n, shopper, optedIn: initiallyOptedIn }: Props) {
  const [board, setBoard] = useState<Leaderboard | null>(null);
  const [optedIn, setOptedIn] = useState(initiallyOptedIn);
  const [me, setMe] = useState<Leaderboard["me"]>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run(work: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (failure) {
      setError(errorMessage(i18n, failure));
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    void run(async () => setBoard(await shopper.leaderboard()));
  }, [shopper]);

  const setMembership = (optIn: boolean) =>
    run(async () => {
      setOptedIn(await shopper.setLeaderboardMembership(optIn));
      setMe(undefined);
      setBoard(await shopper.leaderboard());
    });
  const showRank = () => run(async () => setMe((await shopper.leaderboard(true)).me ?? null));

  return (
    <s-section heading={i18n.translate("leaderboard.heading")}>
      <s-stack gap="base">
        {error && <s-banner tone="critical">{error}</s-banner>}
        {board && board.entries.length === 0 && (
          <s-paragraph>{i18n.translate("leaderboard.empty")}</s-paragraph>
        )}
        {board && board.entries.length > 0 && (
          <s-ordered-list>
            {board.entries.map((entry) => (
              <s-list-item key={`${entry.rank}-${entry.name}-${entry.points}`}>
                <s-stack direction="inline" gap="base" justifyContent="space-between">
                  <s-stack direction="inline" gap="small-200">
                    <s-text type={entry.you ? "strong" : "generic"}>
                      {entry.name ?? i18n.translate("leaderboard.anonymous")}
                    </s-text>
                    {/* Not by weight alone: a screen reader and a quick glance both get the word. */}
                    {entry.you && <s-badge>{i18n.translate("leaderboard.you")}</s-badge>}
                  </s-stack>
                  <s-text color="subdued">{pointsText(i18n, entry.points)}</s-text>
                </s-stack>
              </s-list-item>
            ))}
          </s-ordered-list>
        )}
        {optedIn ? (
          <s-stack gap="small-200">
            {me !== undefined && (
              <s-text>
                {me
                  ? i18n.translate("leaderboard.rank", {
                      rank: i18n.formatNumber(me.rank),
                      points: pointsText(i18n, me.points),
                    })
                  : i18n.translate("leaderboard.unranked")}
              </s-text>
            )}
            <s-stack direction="inline" gap="base">
              {me === undefined && (
                <s-button variant="secondary" disabled={busy} onClick={showRank}>
                  {i18n.translate("leaderboard.showRank")}
                </s-button>
              )}
              <s-button variant="secondary" disabled={busy} onClick={() => setMembership(false)}>
                {i18n.translate("leaderboard.leave")}
              </s-button>
            </s-stack>
          </s-stack>
        ) : (
          <s-stack gap="small-200">
            <s-text color="subdued">{i18n.translate("leaderboard.privacy")}</s-text>
            <s-button variant="secondary" disabled={busy} onClick={() => setMembership(true)}>
              {i18n.translate("leaderboard.join")}
            </s-button>
          </s-stack>
        )}
      </s-stack>
    </s-section>
  );
}
