// The customer metafield that mirrors a shopper's loyalty status for the UI extensions (design §4).
//
// One `json` metafield (`$app:loyalty.status`) rather than one typed key per figure, because:
// - extensions read it in one declared `[[extensions.metafields]]` entry and always see balance and
//   tier from the same ledger state (no half-updated pairs across keys);
// - metafieldsSet takes at most 25 inputs and costs the same for 1 or 25, so one input per customer
//   pushes 25 customers per call instead of 5 — the outbox worker's throughput under the rate limit;
// - `v` lets the extensions read older values while the shape evolves.
// Segmentation and Flow conditions (which cannot filter json metafields) use tier tags instead,
// see documents/customers.ts.
import type { LoyaltyStatusValue } from "../contracts/shopper-api";
import type { MetafieldsSetInput } from "../types/admin.types";
import type { ProgramMetafieldValue } from "../loyalty/storefront-earn";

/** `$app:` namespaces are owned by this app; Shopify stores them as `app--{appId}--loyalty`. */
export const LOYALTY_METAFIELD_NAMESPACE = "$app:loyalty";
export const LOYALTY_STATUS_KEY = "status";
/** The member's birthday, "MM-DD" (no year), so themes and Flow can read it (decision 032). */
export const LOYALTY_BIRTHDAY_KEY = "birthday";
/** Shopify's limit of inputs per metafieldsSet call. */
export const METAFIELDS_SET_LIMIT = 25;

export interface LoyaltyStatusFigures {
  balance: number;
  pending: number;
  tierName: string;
  nextTierName: string | null;
  pointsToNextTier: number | null;
  /** Points per unit of shop currency at the member's tier, for "you will earn about N" estimates. */
  earn?: { perUnit: number; currency: string } | null;
}

export function buildLoyaltyMetafields(
  customerGid: string,
  figures: LoyaltyStatusFigures,
): MetafieldsSetInput[] {
  if (!/^gid:\/\/shopify\/Customer\/\d+$/.test(customerGid)) {
    throw new Error(`not a customer GID: ${customerGid}`);
  }
  for (const [name, points] of Object.entries({
    balance: figures.balance,
    pending: figures.pending,
  })) {
    if (!Number.isSafeInteger(points))
      throw new Error(`${name} must be an integer number of points, got ${points}`);
  }
  if (figures.pointsToNextTier !== null && !Number.isSafeInteger(figures.pointsToNextTier)) {
    throw new Error(`pointsToNextTier must be an integer or null, got ${figures.pointsToNextTier}`);
  }
  const value: LoyaltyStatusValue = {
    v: 1,
    balance: figures.balance,
    pending: figures.pending,
    tier: figures.tierName,
    nextTier: figures.nextTierName,
    pointsToNextTier: figures.nextTierName === null ? null : figures.pointsToNextTier,
    earn: figures.earn ?? null,
  };
  return [
    {
      ownerId: customerGid,
      namespace: LOYALTY_METAFIELD_NAMESPACE,
      key: LOYALTY_STATUS_KEY,
      type: "json",
      value: JSON.stringify(value),
    },
  ];
}

/** The `$app:loyalty.birthday` input: month and day only, as stored ("03-14"). */
export function buildBirthdayMetafield(customerGid: string, birthday: string): MetafieldsSetInput {
  if (!/^gid:\/\/shopify\/Customer\/\d+$/.test(customerGid))
    throw new Error(`not a customer GID: ${customerGid}`);
  if (!/^\d{2}-\d{2}$/.test(birthday)) throw new Error(`not a stored birthday: ${birthday}`);
  return {
    ownerId: customerGid,
    namespace: LOYALTY_METAFIELD_NAMESPACE,
    key: LOYALTY_BIRTHDAY_KEY,
    type: "single_line_text_field",
    value: birthday,
  };
}

/**
 * Splits inputs into metafieldsSet batches. When the same owner/namespace/key appears more than once
 * (a customer changed twice before the push), only the last input is kept: it is the newest state,
 * and sending both in one atomic call would make the result depend on Shopify's ordering.
 */
export function chunkMetafields<
  T extends Pick<MetafieldsSetInput, "ownerId" | "namespace" | "key">,
>(inputs: readonly T[], size: number = METAFIELDS_SET_LIMIT): T[][] {
  if (!Number.isInteger(size) || size < 1 || size > METAFIELDS_SET_LIMIT) {
    throw new RangeError(`chunk size must be 1..${METAFIELDS_SET_LIMIT}, got ${size}`);
  }
  const latest = new Map<string, T>();
  for (const input of inputs) {
    const id = `${input.ownerId}\u0000${input.namespace ?? ""}\u0000${input.key}`;
    latest.delete(id); // re-insert so the map keeps the order of last occurrences
    latest.set(id, input);
  }
  const unique = [...latest.values()];
  const chunks: T[][] = [];
  for (let start = 0; start < unique.length; start += size)
    chunks.push(unique.slice(start, start + size));
  return chunks;
}

/** The shop's `$app:loyalty.program` (json): what the storefront's product block needs for guests. */
export const LOYALTY_PROGRAM_KEY = "program";

export type { ProgramMetafieldValue };

export function buildProgramMetafield(
  shopGid: string,
  value: ProgramMetafieldValue,
): MetafieldsSetInput {
  if (!/^gid:\/\/shopify\/Shop\/\d+$/.test(shopGid)) throw new Error(`not a shop GID: ${shopGid}`);
  return {
    ownerId: shopGid,
    namespace: LOYALTY_METAFIELD_NAMESPACE,
    key: LOYALTY_PROGRAM_KEY,
    type: "json",
    value: JSON.stringify(value),
  };
}
