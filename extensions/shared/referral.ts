// The friend's gift of a referral ("15% off", "$10.00 off"), for every extension that shows the
// member's referral link. Their locales carry "referral.percentOff" and "referral.amountOff".
import type { Translator } from "./messages";
import type { Referral } from "./shopper-api";

export function friendGift(
  i18n: Translator & {
    formatCurrency(value: number, options?: { currency?: string }): string;
  },
  discount: Referral["friendDiscount"],
): string {
  return discount.kind === "percentage"
    ? i18n.translate("referral.percentOff", { percent: i18n.formatNumber(discount.value) })
    : i18n.translate("referral.amountOff", {
        amount: i18n.formatCurrency(discount.value, { currency: discount.currency }),
      });
}
