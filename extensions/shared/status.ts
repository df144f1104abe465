// The shopper's loyalty status as the app mirrors it into the `$app:loyalty.status` customer metafield
// (app/shopify/metafields.server.ts). Extensions render balance and tier from it with no network call.
import type { LoyaltyStatusValue } from "../../app/contracts/shopper-api";

/** Metafield entries as checkout's `shopify.appMetafields` lists them (only the fields read here). */
export interface MetafieldEntryLike {
  target: { type: string };
  metafield: { namespace: string; key: string; value: string | number | boolean };
}

/** The metafield's value without its version tag (app/contracts/shopper-api.ts). */
export type LoyaltyStatus = Omit<LoyaltyStatusValue, "v">;

const isInt = (value: unknown): value is number => Number.isSafeInteger(value);

/** The status from `$app:loyalty.status`, or null when absent or unreadable (render as if unknown). */
export function readLoyaltyStatus(
  entries: readonly MetafieldEntryLike[] | undefined,
): LoyaltyStatus | null {
  const entry = entries?.find(
    (e) =>
      e.target.type === "customer" &&
      e.metafield.namespace === "$app:loyalty" &&
      e.metafield.key === "status",
  );
  if (!entry) return null;
  let raw: Record<string, unknown>;
  try {
    const value = entry.metafield.value;
    raw = typeof value === "string" ? JSON.parse(value) : null;
  } catch {
    return null;
  }
  // Any version that still carries v1's fields is readable: the app adds fields, it never repurposes them.
  if (
    !raw ||
    !isInt(raw.v) ||
    raw.v < 1 ||
    !isInt(raw.balance) ||
    !isInt(raw.pending) ||
    typeof raw.tier !== "string"
  ) {
    return null;
  }
  const nextTier = typeof raw.nextTier === "string" ? raw.nextTier : null;
  const earn = raw.earn as { perUnit?: unknown; currency?: unknown } | undefined;
  return {
    balance: raw.balance,
    pending: raw.pending,
    tier: raw.tier,
    nextTier,
    pointsToNextTier:
      nextTier !== null && isInt(raw.pointsToNextTier) ? raw.pointsToNextTier : null,
    earn:
      earn &&
      typeof earn.perUnit === "number" &&
      earn.perUnit >= 0 &&
      typeof earn.currency === "string"
        ? { perUnit: earn.perUnit, currency: earn.currency }
        : null,
  };
}
