// The shopper's reward codes (GET /api/loyalty/redemptions), newest first: a code claimed earlier is
// still here after a reload, with what it is good for now. Loads on its own, so an app deployed before
// the list existed (404) or a failed call leaves the rest of the page as it is: the section hides.
import { useEffect, useState } from "preact/hooks";
import type { RedemptionListed, ShopperApi } from "../../shared/shopper-api";
import type { AccountI18n } from "./account-api";

// Customer-account badges have no success or warning tone: the usable code stands out, the rest not.
const TONE = { active: "auto", used: "neutral", expired: "neutral", returned: "neutral" } as const;
const LABEL = {
  active: "codes.status.active",
  used: "codes.status.used",
  expired: "codes.status.expired",
  returned: "codes.status.returned",
} as const;

export function CodesSection({
  i18n,
  shopper,
  reload,
}: {
  i18n: AccountI18n;
  shopper: ShopperApi;
  /** Changes after each redemption on the page, to list the new code. */
  reload: number;
}) {
  const [codes, setCodes] = useState<RedemptionListed[] | null>(null);
  useEffect(() => {
    let current = true;
    shopper.redemptions().then(
      (list) => current && setCodes(list.filter((entry) => entry.code !== null)),
      () => {},
    );
    return () => {
      current = false;
    };
  }, [shopper, reload]);

  if (!codes || codes.length === 0) return null;
  return (
    <s-section heading={i18n.translate("codes.heading")}>
      <s-unordered-list>
        {codes.map((entry) => (
          <s-list-item key={entry.redemptionId}>
            <s-stack gap="small-500">
              <s-stack direction="inline" gap="base" alignItems="center">
                <s-text type="strong">{entry.code}</s-text>
                <s-badge tone={TONE[entry.status]}>{i18n.translate(LABEL[entry.status])}</s-badge>
              </s-stack>
              <s-text>{entry.reward}</s-text>
              {entry.status === "active" && entry.expiresAt && (
                <s-text color="subdued">
                  {i18n.translate("codes.usableUntil", {
                    date: i18n.formatDate(new Date(entry.expiresAt), { dateStyle: "long" }),
                  })}
                </s-text>
              )}
            </s-stack>
          </s-list-item>
        ))}
      </s-unordered-list>
    </s-section>
  );
}
