// The admin's money, counts and dates (app/loyalty/display) in the current admin language:
// "1 403,91 zł" and "7 gru 2026" for a Polish-speaking staff member, "$1,403.91" in English.
import * as display from "../loyalty/display";
import { currentAdminLocale } from "./current-locale";

export const formatCount = (value: number) => display.formatCount(value, currentAdminLocale());

export const formatPercent = (fraction: number) =>
  display.formatPercent(fraction, currentAdminLocale());

export const formatCompact = (value: number) => display.formatCompact(value, currentAdminLocale());

export const formatMoney = (minor: number | null, money: display.MoneyDisplay) =>
  display.formatMoney(minor, { ...money, locale: currentAdminLocale() });

export const formatDateTime = (at: Date | string, timeZone: string) =>
  display.formatDateTime(at, timeZone, currentAdminLocale());

export const formatDate = (at: Date | string, timeZone: string) =>
  display.formatDate(at, timeZone, currentAdminLocale());

export const formatDay = (day: string, style: "short" | "full") =>
  display.formatDay(day, style, currentAdminLocale());
