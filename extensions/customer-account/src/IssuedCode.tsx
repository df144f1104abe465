// A reward the member just redeemed: its code, copyable, with its expiry (single-use and theirs only),
// or for a store-credit reward a note that the credit is on their account.
import type { Redemption } from "../../shared/shopper-api";
import type { AccountApi } from "./account-api";

export function IssuedCode({
  api,
  redemption,
  title,
}: {
  api: AccountApi;
  redemption: Redemption;
  title: string;
}) {
  const { i18n } = api;
  if (redemption.code === null) {
    return <s-banner tone="success">{i18n.translate("code.credited", { reward: title })}</s-banner>;
  }
  const clipboardId = `tally-code-${redemption.redemptionId}`;
  const expires = i18n.formatDate(new Date(redemption.expiresAt), { dateStyle: "long" });
  return (
    <s-banner tone="success" heading={i18n.translate("code.heading", { reward: title })}>
      <s-stack gap="small-200">
        <s-stack direction="inline" gap="base" alignItems="center">
          <s-text type="strong">{redemption.code}</s-text>
          <s-clipboard-item
            id={clipboardId}
            text={redemption.code}
            onCopy={() => void api.toast.show(i18n.translate("code.copied"))}
          />
          <s-button variant="secondary" command="--copy" commandFor={clipboardId}>
            {i18n.translate("code.copy")}
          </s-button>
        </s-stack>
        <s-text color="subdued">{i18n.translate("code.expires", { date: expires })}</s-text>
      </s-stack>
    </s-banner>
  );
}
