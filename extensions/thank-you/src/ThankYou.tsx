// Thank-you block. Members first see what the order will earn, estimated from the metafield's earn
// rate, then what Tally actually credited once the order's webhook has been applied (asked of the
// app: use-order-points.ts), with balance and tier progress and, while the shop runs referrals, their
// referral link to copy; guests get an invitation to create an account.
import { useMemo, useState } from "preact/hooks";
import { resolveAppUrl } from "../../shared/app-url";
import { pointsText, statusLines } from "../../shared/messages";
import { friendGift } from "../../shared/referral";
import type { Referral } from "../../shared/shopper-api";
import { readLoyaltyStatus } from "../../shared/status";
import { useSignalValue } from "../../shared/use-signal-value";
import { estimateOrderPoints } from "../../shared/estimate";
import type { ThankYouApi } from "./thank-you-api";
import { useOrderPoints } from "./use-order-points";

const NO_CUSTOMER = { value: undefined, subscribe: () => () => {} };

export function ThankYou({ api }: { api: ThankYouApi }) {
  const { i18n } = api;
  const customer = useSignalValue(api.buyerIdentity?.customer ?? NO_CUSTOMER);
  const metafields = useSignalValue(api.appMetafields);
  const subtotal = useSignalValue(api.cost.subtotalAmount);
  const total = useSignalValue(api.cost.totalAmount);
  const shipping = useSignalValue(api.cost.totalShippingAmount);
  const tax = useSignalValue(api.cost.totalTaxAmount);
  const confirmation = useSignalValue(api.orderConfirmation);
  const appUrl = customer ? resolveAppUrl() : null;
  const options = useMemo(
    () => (appUrl ? { baseUrl: appUrl, sessionToken: api.sessionToken } : null),
    [appUrl],
  );
  const order = useOrderPoints(options, confirmation?.order.id);

  if (!customer) {
    const storefront = api.shop.storefrontUrl;
    return (
      <s-stack gap="small-200">
        <s-heading>{i18n.translate("guest.heading")}</s-heading>
        <s-paragraph>{i18n.translate("guest.body")}</s-paragraph>
        {storefront && (
          <s-link href={`${storefront.replace(/\/+$/, "")}/account`}>
            {i18n.translate("guest.cta")}
          </s-link>
        )}
      </s-stack>
    );
  }

  const status = readLoyaltyStatus(metafields);
  // The app's figures include this order; the metafield's are from before it.
  const figures = order?.member ?? status;
  const lines = figures && statusLines(i18n, figures);
  let heading: string;
  let detail: string | null;
  if (order?.status === "credited") {
    heading = i18n.translate("earn.earned", { points: pointsText(i18n, order.points) });
    detail = i18n.translate("earn.added");
  } else if (order?.status === "pending") {
    heading = i18n.translate("earn.pending", { points: pointsText(i18n, order.points) });
    detail =
      order.availableAt &&
      i18n.translate("earn.availableOn", {
        date: i18n.formatDate(new Date(order.availableAt), { dateStyle: "long" }),
      });
  } else if (order?.status === "none" || order?.status === "cancelled") {
    heading = i18n.translate("earn.none");
    detail = null;
  } else {
    // Not known or not paid yet: the estimate.
    const points = status
      ? estimateOrderPoints({ subtotal, total, shipping, tax }, status.earn)
      : null;
    heading =
      points !== null
        ? i18n.translate("earn.estimate", { points: pointsText(i18n, points) })
        : i18n.translate("earn.unknown");
    detail =
      points !== null
        ? i18n.translate("earn.basis", {
            amount: i18n.formatCurrency(subtotal.amount, { currency: subtotal.currencyCode }),
          })
        : i18n.translate("earn.whenPaid");
  }
  return (
    <s-stack gap="small-200">
      <s-heading>{heading}</s-heading>
      {detail && <s-paragraph color="subdued">{detail}</s-paragraph>}
      {lines && <s-text>{lines.balance}</s-text>}
      {lines?.pending && <s-text color="subdued">{lines.pending}</s-text>}
      {lines?.progress && <s-text color="subdued">{lines.progress}</s-text>}
      {order?.referral && <ReferralLink i18n={i18n} referral={order.referral} />}
    </s-stack>
  );
}

/** The member's referral link to share, with a copy button (decision 042). */
function ReferralLink({ i18n, referral }: { i18n: ThankYouApi["i18n"]; referral: Referral }) {
  const [copied, setCopied] = useState(false);
  return (
    <s-stack gap="small-200">
      <s-heading>{i18n.translate("referral.heading")}</s-heading>
      <s-paragraph>
        {i18n.translate("referral.offer", {
          gift: friendGift(i18n, referral.friendDiscount),
          points: pointsText(i18n, referral.advocatePoints),
        })}
      </s-paragraph>
      <s-text type="strong">{referral.link}</s-text>
      <s-clipboard-item
        id="tally-referral-link"
        text={referral.link}
        onCopy={() => setCopied(true)}
      />
      <s-button variant="secondary" command="--copy" commandFor="tally-referral-link">
        {i18n.translate(copied ? "referral.copied" : "referral.copyLink")}
      </s-button>
      <s-text color="subdued">{i18n.translate("referral.code", { code: referral.code })}</s-text>
    </s-stack>
  );
}
