// "Refer a friend" (decision 036): the member's link and code, copyable, with what the friend and
// the member get.
import { pointsText } from "../../shared/messages";
import type { Referral } from "../../shared/shopper-api";
import type { AccountApi } from "./account-api";
import { friendGift } from "../../shared/referral";

export function ReferralSection({ api, referral }: { api: AccountApi; referral: Referral }) {
  const { i18n } = api;
  const gift = friendGift(i18n, referral.friendDiscount);
  const copied = () => void api.toast.show(i18n.translate("referral.copied"));
  return (
    <s-section heading={i18n.translate("referral.heading")}>
      <s-stack gap="base">
        <s-paragraph>
          {i18n.translate("referral.offer", {
            gift,
            points: pointsText(i18n, referral.advocatePoints),
          })}
        </s-paragraph>
        <s-stack direction="inline" gap="base" alignItems="center">
          <s-text type="strong">{referral.link}</s-text>
          <s-clipboard-item id="tally-referral-link" text={referral.link} onCopy={copied} />
          <s-button variant="secondary" command="--copy" commandFor="tally-referral-link">
            {i18n.translate("referral.copyLink")}
          </s-button>
        </s-stack>
        <s-text color="subdued">{i18n.translate("referral.code", { code: referral.code })}</s-text>
      </s-stack>
    </s-section>
  );
}
