// Thank-you block: what this order will earn and where the member stands, from the metafield alone;
// guests get an invitation to create an account.
import { pointsText, statusLines } from "../../shared/messages";
import { readLoyaltyStatus } from "../../shared/status";
import { useSignalValue } from "../../shared/use-signal-value";
import { estimateOrderPoints } from "./estimate";
import type { ThankYouApi } from "./thank-you-api";

const NO_CUSTOMER = { value: undefined, subscribe: () => () => {} };

export function ThankYou({ api }: { api: ThankYouApi }) {
  const { i18n } = api;
  const customer = useSignalValue(api.buyerIdentity?.customer ?? NO_CUSTOMER);
  const metafields = useSignalValue(api.appMetafields);
  const subtotal = useSignalValue(api.cost.subtotalAmount);
  const total = useSignalValue(api.cost.totalAmount);
  const shipping = useSignalValue(api.cost.totalShippingAmount);
  const tax = useSignalValue(api.cost.totalTaxAmount);

  if (!customer) {
    const storefront = api.shop.storefrontUrl;
    return (
      <s-stack gap="small-200">
        <s-heading>{i18n.translate("guest.heading")}</s-heading>
        <s-paragraph>{i18n.translate("guest.body")}</s-paragraph>
        {storefront && <s-link href={`${storefront.replace(/\/+$/, "")}/account`}>{i18n.translate("guest.cta")}</s-link>}
      </s-stack>
    );
  }

  const status = readLoyaltyStatus(metafields);
  const points = status ? estimateOrderPoints({ subtotal, total, shipping, tax }, status.earn) : null;
  const lines = status && statusLines(i18n, status);
  return (
    <s-stack gap="small-200">
      <s-heading>
        {points !== null
          ? i18n.translate("earn.estimate", { points: pointsText(i18n, points) })
          : i18n.translate("earn.unknown")}
      </s-heading>
      <s-paragraph color="subdued">
        {points !== null
          ? i18n.translate("earn.basis", { amount: i18n.formatCurrency(subtotal.amount, { currency: subtotal.currencyCode }) })
          : i18n.translate("earn.whenPaid")}
      </s-paragraph>
      {lines && <s-text>{lines.balance}</s-text>}
      {lines?.progress && <s-text color="subdued">{lines.progress}</s-text>}
    </s-stack>
  );
}
