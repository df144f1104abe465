// POS customer details block: the customer's points, tier progress and next expiry, and Redeem for
// the rewards they can afford → reserve points → apply the code to the POS cart → if the cart
// refuses it, give the points back at once (the checkout's guarantees, decision 043).
import { useEffect, useMemo, useState } from "preact/hooks";
import { resolveAppUrl } from "../../shared/app-url";
import { errorMessage, pointsText, statusLines } from "../../shared/messages";
import { useSignalValue } from "../../shared/use-signal-value";
import { createPosApi, posSessionToken, type PosCustomerLoyalty } from "./pos-api";
import type { PosBlockApi } from "./pos-types";

type Load = { state: "loading" } | { state: "failed"; error: unknown } | PosCustomerLoyalty;

export function PosLoyalty({ api }: { api: PosBlockApi }) {
  const { i18n } = api;
  const customerId = api.customer.id;
  const cart = useSignalValue(api.cart.current);
  const appUrl = resolveAppUrl();
  const pos = useMemo(
    () =>
      appUrl
        ? createPosApi(
            { baseUrl: appUrl, sessionToken: posSessionToken(api.session.getSessionToken) },
            customerId,
          )
        : null,
    [appUrl, customerId],
  );
  const [loaded, setLoaded] = useState<Load>({ state: "loading" });
  const [busy, setBusy] = useState<string | null>(null);

  const refresh = () =>
    pos
      ?.customer()
      .then(setLoaded)
      .catch((error: unknown) => setLoaded({ state: "failed", error }));
  useEffect(() => {
    void refresh();
  }, [pos]);

  const heading = i18n.translate("heading");
  if (!pos)
    return (
      <s-pos-block heading={heading}>
        <s-text color="subdued">{i18n.translate("notSetUp")}</s-text>
      </s-pos-block>
    );
  if ("state" in loaded)
    return (
      <s-pos-block heading={heading}>
        <s-text color="subdued">
          {loaded.state === "loading"
            ? i18n.translate("loading")
            : errorMessage(i18n, loaded.error)}
        </s-text>
      </s-pos-block>
    );
  if (!loaded.member)
    return (
      <s-pos-block heading={heading}>
        <s-text color="subdued">{i18n.translate("notMember")}</s-text>
      </s-pos-block>
    );

  const lines = statusLines(i18n, {
    balance: loaded.balance,
    pending: loaded.pending,
    tier: loaded.tier.name,
    nextTier: loaded.nextTier?.name ?? null,
    pointsToNextTier: loaded.nextTier?.remaining ?? null,
  });
  // The code is limited to this customer: it only applies to a cart they are attached to.
  const inCart = cart.customer?.id === customerId;
  const affordable = loaded.rewards.filter((reward) => reward.affordable);

  async function redeem(reward: PosCustomerLoyalty["rewards"][number]) {
    if (!pos) return;
    setBusy(reward.id);
    try {
      const redemption = await pos.redeem(reward.id).catch((error: unknown) => {
        api.toast.show(errorMessage(i18n, error));
        return null;
      });
      if (!redemption) return;
      const points = pointsText(i18n, redemption.balance);
      if (redemption.code === null) {
        api.toast.show(i18n.translate("rewards.credited", { reward: reward.title, points }));
        return;
      }
      const applied = await api.cart.addCartCodeDiscount(redemption.code).then(
        () => true,
        () => false,
      );
      if (applied) {
        api.toast.show(i18n.translate("rewards.applied", { reward: reward.title, points }));
        return;
      }
      // If the release fails too, the unused code expires and the app returns the points then.
      const released = await pos.release(redemption.redemptionId).then(
        () => true,
        () => false,
      );
      api.toast.show(
        i18n.translate(released ? "rewards.notApplied" : "rewards.notAppliedLater", {
          reward: reward.title,
        }),
      );
    } finally {
      setBusy(null);
      void refresh();
    }
  }

  return (
    <s-pos-block heading={heading}>
      <s-stack direction="block" gap="small">
        <s-text>{lines.balance}</s-text>
        {lines.pending && <s-text color="subdued">{lines.pending}</s-text>}
        {lines.progress && <s-text color="subdued">{lines.progress}</s-text>}
        {loaded.expiring && (
          <s-text color="subdued">
            {i18n.translate("expiring", {
              count: loaded.expiring.points,
              points: pointsText(i18n, loaded.expiring.points),
              date: i18n.formatDate(new Date(loaded.expiring.at), { dateStyle: "medium" }),
            })}
          </s-text>
        )}
        {affordable.length === 0 ? (
          <s-text color="subdued">{i18n.translate("rewards.none")}</s-text>
        ) : !inCart ? (
          <s-text color="subdued">{i18n.translate("rewards.addToCart")}</s-text>
        ) : (
          affordable.map((reward) => (
            <s-button
              key={reward.id}
              disabled={busy !== null}
              loading={busy === reward.id}
              onClick={() => void redeem(reward)}
            >
              {i18n.translate("rewards.redeem", {
                reward: reward.title,
                points: pointsText(i18n, reward.cost),
              })}
            </s-button>
          ))
        )}
      </s-stack>
    </s-pos-block>
  );
}
