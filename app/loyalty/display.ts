// How the admin shows money, counts and moments: one formatter each, so every page reads the same
// ("$1,403.91", "1,234", "Dec 7, 2026, 2:05 PM" in the shop's time zone). Pure: locale and time zone
// are passed in. Amounts arrive in integer minor units and are formatted from their exact decimal
// text (formatMinor), never through a float.
import { formatMinor } from "./money";

export const DEFAULT_LOCALE = "en";

export interface MoneyDisplay {
  currencyCode: string;
  currencyExponent: number;
  locale?: string;
}

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(key: string, make: () => Intl.NumberFormat): Intl.NumberFormat {
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = make()));
  return format;
}

/** 140391 minor units of USD → "$1,403.91"; null (no figure) → "—". */
export function formatMoney(minor: number | null, money: MoneyDisplay): string {
  if (minor === null) return "—";
  const locale = money.locale ?? DEFAULT_LOCALE;
  const format = numberFormat(`${locale}|${money.currencyCode}|${money.currencyExponent}`, () => {
    try {
      return new Intl.NumberFormat(locale, {
        style: "currency",
        currency: money.currencyCode,
        minimumFractionDigits: money.currencyExponent,
        maximumFractionDigits: money.currencyExponent,
      });
    } catch {
      // A code Intl does not know: the amount with the code after it.
      return new Intl.NumberFormat(locale, {
        minimumFractionDigits: money.currencyExponent,
        maximumFractionDigits: money.currencyExponent,
      });
    }
  });
  // Intl formats a decimal string exactly (no float rounding of large amounts).
  const text = format.format(formatMinor(minor, money.currencyExponent) as unknown as number);
  return format.resolvedOptions().style === "currency" ? text : `${text} ${money.currencyCode}`;
}

/** 1234 → "1,234". */
export function formatCount(value: number, locale = DEFAULT_LOCALE): string {
  return numberFormat(`${locale}|count`, () => new Intl.NumberFormat(locale)).format(value);
}

/** 0.125 → "12.5%" (one decimal; "12,5%" in Polish, "12,5 %" in Russian). */
export function formatPercent(fraction: number, locale = DEFAULT_LOCALE): string {
  return numberFormat(
    `${locale}|percent`,
    () =>
      new Intl.NumberFormat(locale, {
        style: "percent",
        minimumFractionDigits: 1,
        maximumFractionDigits: 1,
      }),
  ).format(fraction);
}

/** Chart axes: 1234 → "1.2K", 2500000 → "2.5M" (small figures as counts). */
export function formatCompact(value: number, locale = DEFAULT_LOCALE): string {
  return numberFormat(
    `${locale}|compact`,
    () => new Intl.NumberFormat(locale, { notation: "compact", maximumFractionDigits: 1 }),
  ).format(value);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: string, timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${withTime}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      dateStyle: "medium",
      ...(withTime ? { timeStyle: "short" } : {}),
      timeZone,
    });
    dateFormats.set(key, format);
  }
  return format;
}

/** A moment as the shop's staff read it: "Dec 7, 2026, 2:05 PM" in the shop's time zone. */
export function formatDateTime(
  at: Date | string,
  timeZone: string,
  locale = DEFAULT_LOCALE,
): string {
  return dateFormat(locale, timeZone, true).format(new Date(at));
}

/** A day in the shop's time zone: "Dec 7, 2026". */
export function formatDate(at: Date | string, timeZone: string, locale = DEFAULT_LOCALE): string {
  return dateFormat(locale, timeZone, false).format(new Date(at));
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A calendar day already in the shop's time zone ("2026-12-07", as the rollups key them):
 * "Dec 7" for a chart axis, "Dec 7, 2026" in full. Anything else is returned as it is.
 */
export function formatDay(day: string, style: "short" | "full", locale = DEFAULT_LOCALE): string {
  if (!DAY.test(day)) return day;
  const key = `${locale}|${style}`;
  let format = dayFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      ...(style === "short"
        ? { month: "short", day: "numeric" }
        : { year: "numeric", month: "short", day: "numeric" }),
      timeZone: "UTC",
    });
    dayFormats.set(key, format);
  }
  return format.format(new Date(`${day}T12:00:00Z`));
}
