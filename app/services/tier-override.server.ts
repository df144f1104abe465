// Staff pin a member to a tier (a VIP guest, a compensation) or remove the pin. While pinned, the
// member earns at that tier's multiplier and neither upgrades nor re-evaluation move them; every
// change is a TierChange naming the staff member and their reason, and fires the "tier changed" Flow
// trigger (source "staff override") when the tier actually changes. (The admin UI comes later.)
import { storeCoded } from "../i18n/coded-text";
import type { TierReason } from "../loyalty/tier-reevaluation";
import { adminText } from "../i18n";
import type { SqlDatabase } from "../db/sql.server";
import { tierFor } from "../loyalty/tiers";
import { programOfVersion, shopContext } from "../models/program.server";
import { moveTier } from "../models/tier-change.server";
import { enqueueTierChangedTriggers } from "./flow-triggers.server";
import { currentTier, tierBasisValue } from "./tiers.server";

export type TierOverrideErrorCode =
  "INVALID_INPUT" | "SHOP_NOT_FOUND" | "CUSTOMER_NOT_FOUND" | "UNKNOWN_TIER";

export class TierOverrideError extends Error {
  constructor(
    readonly code: TierOverrideErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "TierOverrideError";
  }
}

export interface TierOverrideInput {
  shop: string;
  /** Tally's customer id (Customer.id). */
  customerId: string;
  /** The tier to pin; null removes the override and returns the member to the tier they earned. */
  tierName: string | null;
  staffId: string;
  reason: string;
  now: Date;
}

export interface TierOverrideResult {
  tierName: string;
  override: string | null;
  /** Whether anything changed (setting the same override again is a no-op). */
  changed: boolean;
}

export async function setTierOverride(
  sql: SqlDatabase,
  input: TierOverrideInput,
): Promise<TierOverrideResult> {
  const staffId = input.staffId?.trim();
  const reason = input.reason?.trim();
  if (!staffId)
    throw new TierOverrideError("INVALID_INPUT", "A staff id is required for a tier override");
  if (!reason)
    throw new TierOverrideError("INVALID_INPUT", adminText.validation.tierOverrideReason);
  if (reason.length > 500)
    throw new TierOverrideError("INVALID_INPUT", adminText.validation.reasonTooLong(500));
  const context = await shopContext(sql, input.shop);
  if (!context)
    throw new TierOverrideError("SHOP_NOT_FOUND", `Shop ${input.shop} is not installed`);
  const program = await programOfVersion(sql, context.programVersionId);
  if (input.tierName !== null && !program.tiers.some((tier) => tier.name === input.tierName)) {
    throw new TierOverrideError(
      "UNKNOWN_TIER",
      adminText.validation.unknownTierOverride(
        input.tierName,
        program.tiers.map((tier) => tier.name),
      ),
    );
  }

  return sql.transaction(async (tx) => {
    const [row] = await tx.rows<{ tierName: string | null; tierOverride: string | null }>(
      `SELECT "tierName", "tierOverride" FROM "Customer" WHERE id = ? AND shop = ?`,
      [input.customerId, input.shop],
    );
    if (!row)
      throw new TierOverrideError(
        "CUSTOMER_NOT_FOUND",
        `No member ${input.customerId} in ${input.shop}`,
      );
    const from = row.tierName ?? null;
    const fromLabel = currentTier(program, from).name;
    if (input.tierName !== null) {
      if (row.tierOverride === input.tierName && from === input.tierName)
        return { tierName: input.tierName, override: input.tierName, changed: false };
      const moved = await moveTier(
        tx,
        {
          shop: input.shop,
          customerId: input.customerId,
          from,
          fromLabel,
          to: input.tierName,
          reason: storeCoded({
            code: "overrideSet",
            values: { staffId, reason },
          } satisfies TierReason),
          override: { tierName: input.tierName },
        },
        input.now,
      );
      if (!moved) throw new Error(`customer ${input.customerId} changed during the override`);
      await enqueueTierChangedTriggers(
        tx,
        context,
        "staff override",
        [
          {
            customerId: input.customerId,
            tierChangeId: moved,
            from: fromLabel,
            to: input.tierName,
          },
        ],
        input.now,
      );
      return { tierName: input.tierName, override: input.tierName, changed: true };
    }
    if (row.tierOverride === null) return { tierName: fromLabel, override: null, changed: false };
    const value = await tierBasisValue(tx, program, input.customerId, context.timeZone, input.now);
    const earned = tierFor(program.tiers, value);
    const moved = await moveTier(
      tx,
      {
        shop: input.shop,
        customerId: input.customerId,
        from,
        fromLabel,
        to: earned.name,
        reason: storeCoded({
          code: "overrideRemoved",
          values: { staffId, reason, value, tier: earned.name },
        } satisfies TierReason),
        override: { tierName: null },
      },
      input.now,
    );
    if (!moved) throw new Error(`customer ${input.customerId} changed during the override`);
    await enqueueTierChangedTriggers(
      tx,
      context,
      "staff override",
      [{ customerId: input.customerId, tierChangeId: moved, from: fromLabel, to: earned.name }],
      input.now,
    );
    return { tierName: earned.name, override: null, changed: true };
  });
}
