// Display formats for the analytics page (amounts arrive in minor units, rates as Ratio).
import { formatMinor } from "~/loyalty/money";
import type { Ratio } from "~/loyalty/analytics";

export const formatCount = (value: number) => value.toLocaleString("en");
export const formatPercent = (ratio: Ratio) =>
  ratio.value === null ? "—" : `${(ratio.value * 100).toFixed(1)}%`;
export const formatMoney = (minor: number | null, exponent: number, currency: string) =>
  minor === null
    ? "—"
    : `${Number(formatMinor(minor, exponent)).toLocaleString("en", { minimumFractionDigits: exponent, maximumFractionDigits: exponent })} ${currency}`;
