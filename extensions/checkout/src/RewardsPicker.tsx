// "Use points": lists the rewards the buyer can afford (fetched only when asked for) and redeems one.
import { useState } from "preact/hooks";
import { errorMessage, pointsText } from "../../shared/messages";
import type { LoyaltyOverview, ShopperApi } from "../../shared/shopper-api";
import type { CheckoutApi } from "./checkout-api";
import { redeemAndApply } from "./redeem-and-apply";

type Reward = LoyaltyOverview["rewards"][number];

interface Props {
  i18n: CheckoutApi["i18n"];
  shopper: ShopperApi;
  applyDiscountCodeChange: CheckoutApi["applyDiscountCodeChange"];
  /** Whether to offer "Use points"; the picker stays mounted either way so its last notice stays visible. */
  canOpen: boolean;
  onBalance(balance: number): void;
}

type Notice = { tone: "success" | "critical" | "warning"; text: string } | null;

export function RewardsPicker({
  i18n,
  shopper,
  applyDiscountCodeChange,
  canOpen,
  onBalance,
}: Props) {
  const [overview, setOverview] = useState<LoyaltyOverview | null>(null);
  const [loading, setLoading] = useState(false);
  const [busyRewardId, setBusyRewardId] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice>(null);

  async function open() {
    setLoading(true);
    setNotice(null);
    try {
      const loaded = await shopper.overview();
      setOverview(loaded);
      onBalance(loaded.balance);
    } catch (error) {
      setNotice({ tone: "critical", text: errorMessage(i18n, error) });
    } finally {
      setLoading(false);
    }
  }

  async function redeem(reward: Reward) {
    setBusyRewardId(reward.id);
    setNotice(null);
    const outcome = await redeemAndApply(shopper, reward.id, applyDiscountCodeChange);
    setBusyRewardId(null);
    if (outcome.type === "applied" || outcome.type === "credited") {
      onBalance(outcome.redemption.balance);
      setOverview(null); // collapse: the reward is in the order summary (or the payment options) now
      const key = outcome.type === "applied" ? "rewards.applied" : "rewards.credited";
      setNotice({
        tone: "success",
        text: i18n.translate(key, {
          reward: reward.title,
          points: pointsText(i18n, outcome.redemption.balance),
        }),
      });
    } else if (outcome.type === "rejected") {
      setNotice({ tone: "critical", text: errorMessage(i18n, outcome.error) });
    } else if (outcome.released) {
      setNotice({
        tone: "warning",
        text: i18n.translate("rewards.notApplied", { reward: reward.title }),
      });
    } else {
      const date = i18n.formatDate(new Date(outcome.redemption.expiresAt), { dateStyle: "medium" });
      setNotice({
        tone: "warning",
        text: i18n.translate("rewards.notAppliedLater", { reward: reward.title, date }),
      });
    }
  }

  const affordable = overview?.rewards.filter((r) => r.affordable) ?? [];
  return (
    <s-stack gap="small-200">
      {notice && <s-banner tone={notice.tone}>{notice.text}</s-banner>}
      {!overview && canOpen && (
        <s-button variant="secondary" loading={loading} onClick={open}>
          {i18n.translate("rewards.open")}
        </s-button>
      )}
      {overview &&
        affordable.map((reward) => (
          <s-stack
            key={reward.id}
            direction="inline"
            gap="base"
            alignItems="center"
            justifyContent="space-between"
          >
            <s-text>
              {i18n.translate("rewards.cost", {
                reward: reward.title,
                points: pointsText(i18n, reward.cost),
              })}
            </s-text>
            <s-button
              variant="secondary"
              loading={busyRewardId === reward.id}
              disabled={busyRewardId !== null && busyRewardId !== reward.id}
              accessibilityLabel={i18n.translate("rewards.redeemLabel", { reward: reward.title })}
              onClick={() => redeem(reward)}
            >
              {i18n.translate("rewards.redeem")}
            </s-button>
          </s-stack>
        ))}
      {overview && affordable.length === 0 && (
        <s-text color="subdued">{nothingAffordable(i18n, overview)}</s-text>
      )}
    </s-stack>
  );
}

/** "Collect 120 more points for 5.00 off": the nearest reward, so the buyer sees what is next. */
function nothingAffordable(i18n: Props["i18n"], overview: LoyaltyOverview): string {
  const nearest = [...overview.rewards].sort((a, b) => a.cost - b.cost)[0];
  if (!nearest) return i18n.translate("rewards.none");
  return i18n.translate("rewards.collectMore", {
    points: pointsText(i18n, Math.max(0, nearest.cost - overview.balance)),
    reward: nearest.title,
  });
}
