// Checkout block: balance and tier progress straight from the metafield (nothing fetched to render),
// then rewards on demand. Guests get a link to log in.
import { useMemo, useState } from "preact/hooks";
import { resolveAppUrl } from "../../shared/app-url";
import { statusLines } from "../../shared/messages";
import { createShopperApi } from "../../shared/shopper-api";
import { readLoyaltyStatus } from "../../shared/status";
import { useSignalValue } from "../../shared/use-signal-value";
import type { CheckoutApi } from "./checkout-api";
import { RewardsPicker } from "./RewardsPicker";

const NO_CUSTOMER = { value: undefined, subscribe: () => () => {} };

export function CheckoutLoyalty({ api }: { api: CheckoutApi }) {
  const { i18n } = api;
  // The metafield is only as fresh as the page load; after a redemption the API's balance is newer.
  const [latestBalance, setLatestBalance] = useState<number | null>(null);
  const metafields = useSignalValue(api.appMetafields);
  const instructions = useSignalValue(api.instructions);
  // No buyerIdentity at all means the app lacks protected-customer-data access: treat as a guest.
  const customer = useSignalValue(api.buyerIdentity?.customer ?? NO_CUSTOMER);
  const appUrl = resolveAppUrl();
  const shopper = useMemo(
    () => appUrl && createShopperApi({ baseUrl: appUrl, sessionToken: api.sessionToken }),
    [appUrl],
  );

  if (!customer) {
    // A link, not plain text: the storefront's login returns the buyer to checkout as a member.
    const storefront = api.shop.storefrontUrl?.replace(/\/+$/, "");
    return storefront ? (
      <s-link href={`${storefront}/account/login`}>{i18n.translate("guest.login")}</s-link>
    ) : (
      <s-text color="subdued">{i18n.translate("guest.login")}</s-text>
    );
  }
  const status = readLoyaltyStatus(metafields);
  const balance = latestBalance ?? status?.balance;
  const lines =
    status && statusLines(i18n, { ...status, balance: latestBalance ?? status.balance });
  const canApplyCodes = instructions.discounts.canUpdateDiscountCodes;

  return (
    <s-stack gap="small-200">
      {lines && <s-text>{lines.balance}</s-text>}
      {lines?.pending && <s-text color="subdued">{lines.pending}</s-text>}
      {lines?.progress && <s-text color="subdued">{lines.progress}</s-text>}
      {shopper && canApplyCodes && (
        <RewardsPicker
          i18n={i18n}
          shopper={shopper}
          applyDiscountCodeChange={api.applyDiscountCodeChange}
          // With nothing to spend, "Use points" would only lead to "collect more".
          canOpen={balance === undefined || balance > 0}
          onBalance={setLatestBalance}
        />
      )}
      {shopper && !canApplyCodes && (
        <s-text color="subdued">{i18n.translate("rewards.unavailableHere")}</s-text>
      )}
    </s-stack>
  );
}
