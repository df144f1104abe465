// Rewards to redeem; a redeemed reward's code is shown with copy and expiry (it is applied at checkout).
import { useState } from "preact/hooks";
import { errorMessage, pointsText } from "../../shared/messages";
import {
  newIdempotencyKey,
  type LoyaltyOverview,
  type Redemption,
  type ShopperApi,
} from "../../shared/shopper-api";
import type { AccountApi } from "./account-api";
import { IssuedCode } from "./IssuedCode";

interface Props {
  api: AccountApi;
  shopper: ShopperApi;
  overview: LoyaltyOverview;
  onRedeemed(redemption: Redemption): void;
}

export function RewardsSection({ api, shopper, overview, onRedeemed }: Props) {
  const { i18n } = api;
  const [issued, setIssued] = useState<(Redemption & { title: string })[]>([]);
  const [busyRewardId, setBusyRewardId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function redeem(reward: LoyaltyOverview["rewards"][number]) {
    setBusyRewardId(reward.id);
    setError(null);
    try {
      const redemption = await shopper.redeem(reward.id, newIdempotencyKey());
      setIssued((codes) => [{ ...redemption, title: reward.title }, ...codes]);
      onRedeemed(redemption);
    } catch (failure) {
      setError(errorMessage(i18n, failure));
    } finally {
      setBusyRewardId(null);
    }
  }

  return (
    <s-section heading={i18n.translate("rewards.heading")}>
      <s-stack gap="base">
        {issued.map((code) => (
          <IssuedCode key={code.redemptionId} api={api} redemption={code} title={code.title} />
        ))}
        {error && <s-banner tone="critical">{error}</s-banner>}
        {overview.rewards.length === 0 ? (
          <s-paragraph>{i18n.translate("rewards.none")}</s-paragraph>
        ) : (
          <s-unordered-list>
            {overview.rewards.map((reward) => (
              <s-list-item key={reward.id}>
                <s-stack
                  direction="inline"
                  gap="base"
                  alignItems="center"
                  justifyContent="space-between"
                >
                  <s-stack gap="small-500">
                    <s-text type="strong">{reward.title}</s-text>
                    <s-text color="subdued">{pointsText(i18n, reward.cost)}</s-text>
                  </s-stack>
                  {reward.affordable ? (
                    <s-button
                      variant="secondary"
                      loading={busyRewardId === reward.id}
                      disabled={busyRewardId !== null && busyRewardId !== reward.id}
                      accessibilityLabel={i18n.translate("rewards.redeemLabel", {
                        reward: reward.title,
                      })}
                      onClick={() => redeem(reward)}
                    >
                      {i18n.translate("rewards.redeem")}
                    </s-button>
                  ) : (
                    <s-text color="subdued">
                      {i18n.translate("rewards.needMore", {
                        points: pointsText(i18n, Math.max(0, reward.cost - overview.balance)),
                      })}
                    </s-text>
                  )}
                </s-stack>
              </s-list-item>
            ))}
          </s-unordered-list>
        )}
      </s-stack>
    </s-section>
  );
}
