// Checkout block: balance and tier progress straight from the metafield (nothing fetched to render),
// then rewards on demand. Guests get a link to log in.
import { useMemo, useState } from "preact/hooks";
import { resolveAppUrl } from "../../shared/app-url";
import { estimateOrderPoints } from "../../shared/estimate";
import { pointsText, statusLines } from "../../shared/messages";
import { createShopperApi } from "../../shared/shopper-api";
import { readLoyaltyStatus } from "../../shared/status";
import { useSignalValue } from "../../shared/use-signal-value";
import type { CheckoutApi } from "./checkout-api";
import { RewardsPicker } from "./RewardsPicker";

const NO_CUSTOMER = { value: undefined, subscribe: () => () => {} };
const NO_VALUE = NO_CUSTOMER;
/** Tally's reward codes (app/shopify/reward-codes.server.ts). */
const TALLY_CODE = /^TALLY-/i;

export function CheckoutLoyalty({ api }: { api: CheckoutApi }) {
  const { i18n } = api;
  // The metafield is only as fresh as the page load; after a redemption the API's balance is newer.
  const [latestBalance, setLatestBalance] = useState<number | null>(null);
  const metafields = useSignalValue(api.appMetafields);
  const instructions = useSignalValue(api.instructions);
  const subtotal = useSignalValue(api.cost.subtotalAmount);
  const total = useSignalValue(api.cost.totalAmount);
  const shipping = useSignalValue(api.cost.totalShippingAmount ?? NO_VALUE);
  const tax = useSignalValue(api.cost.totalTaxAmount ?? NO_VALUE);
  const codes = useSignalValue(api.discountCodes);
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
  const willEarn = status && estimateOrderPoints({ subtotal, total, shipping, tax }, status.earn);
  // One Tally reward per order: once a code is applied, the list would only invite a second one.
  const rewardApplied = codes.some((discount) => TALLY_CODE.test(discount.code));

  return (
    <s-stack gap="small-200">
      {lines && <s-text>{lines.balance}</s-text>}
      {lines?.pending && <s-text color="subdued">{lines.pending}</s-text>}
      {lines?.progress && <s-text color="subdued">{lines.progress}</s-text>}
      {willEarn != null && willEarn > 0 && (
        <s-text color="subdued">
          {i18n.translate("earn.estimate", { points: pointsText(i18n, willEarn) })}
        </s-text>
      )}
      {rewardApplied && <s-text color="subdued">{i18n.translate("rewards.codeApplied")}</s-text>}
      {shopper && canApplyCodes && !rewardApplied && (
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
