// The profile card: no data and no network, just the way to the full page (profile blocks cannot read
// app metafields, and a fetch on every profile view would cost more than it shows).
import type { Api } from "@shopify/ui-extensions/customer-account.profile.block.render";

/**
 * `extension://<handle>` opens another extension of the app: the Rewards page's extension
 * (customer-account/shopify.extension.toml), not this one, which has no page.
 */
export const REWARDS_PAGE_URL = "extension://tally-account";

export function ProfileLink({ i18n }: { i18n: Api["i18n"] }) {
  return (
    <s-section heading={i18n.translate("block.heading")}>
      <s-stack gap="base">
        <s-paragraph>{i18n.translate("block.body")}</s-paragraph>
        <s-button variant="secondary" href={REWARDS_PAGE_URL}>
          {i18n.translate("block.cta")}
        </s-button>
      </s-stack>
    </s-section>
  );
}
