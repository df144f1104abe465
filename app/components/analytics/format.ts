// Display formats for the analytics pages: the admin's one formatter for money and counts
// (app/loyalty/display), and rates as percentages.
import type { Ratio } from "~/loyalty/analytics";
import {
  formatCount as count,
  formatMoney as money,
  formatPercent as percent,
} from "~/i18n/format";

export const formatCount = (value: number) => count(value);
export const formatPercent = (ratio: Ratio) => (ratio.value === null ? "—" : percent(ratio.value));
export const formatMoney = (minor: number | null, exponent: number, currency: string) =>
  money(minor, { currencyCode: currency, currencyExponent: exponent });
