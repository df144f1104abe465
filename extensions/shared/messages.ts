// Translation helpers shared by the extensions. Every extension's locales/*.json carries the keys
// used here ("points", "errors.*"); the locale tests check that.
import { ShopperApiError } from "./shopper-api";

/** The part of `shopify.i18n` these helpers use. */
export interface Translator {
  translate(key: string, options?: Record<string, string | number>): string;
  formatNumber(value: number, options?: Intl.NumberFormatOptions): string;
}

/**
 * "1,250 points" / "1 250 баллов": `count` picks the plural form, `points` is the localized number
 * ("+146 points" when `signed`, for history rows).
 */
export function pointsText(i18n: Translator, points: number, signed = false): string {
  const formatted = i18n.formatNumber(points, signed ? { signDisplay: "exceptZero" } : undefined);
  return i18n.translate("points", { count: points, points: formatted });
}

const KEY_BY_CODE: Record<string, string> = {
  INSUFFICIENT_POINTS: "errors.insufficientPoints",
  REWARD_UNAVAILABLE: "errors.rewardUnavailable",
  LOGIN_REQUIRED: "errors.loginRequired",
  UNAUTHENTICATED: "errors.sessionExpired",
  NETWORK: "errors.network",
};

/**
 * The shopper-facing message for a failed call. The API's own `message` is not localized, so the
 * error code (or, for codes this version does not know, the status) picks a translated one.
 */
export function errorMessage(i18n: Translator, error: unknown): string {
  let key = "errors.generic";
  if (error instanceof ShopperApiError) {
    key = KEY_BY_CODE[error.code] ?? (error.status === 404 ? "errors.rewardUnavailable" : key);
  }
  return i18n.translate(key);
}

/** A loyalty status in the shape both the metafield and the shopper API can provide. */
export interface StatusFigures {
  balance: number;
  pending: number;
  tier: string;
  nextTier: string | null;
  pointsToNextTier: number | null;
}

/** The status as short lines of text: "You have 1,250 points · Silver", "+50 points pending", "320 points to Gold". */
export function statusLines(i18n: Translator, status: StatusFigures) {
  return {
    balance: i18n.translate("status.balance", {
      points: pointsText(i18n, status.balance),
      tier: status.tier,
    }),
    pending:
      status.pending > 0
        ? i18n.translate("status.pending", { points: pointsText(i18n, status.pending) })
        : null,
    progress:
      status.nextTier === null
        ? i18n.translate("status.topTier", { tier: status.tier })
        : status.pointsToNextTier === null
          ? null
          : i18n.translate("status.toNextTier", {
              points: pointsText(i18n, status.pointsToNextTier),
              tier: status.nextTier,
            }),
  };
}
