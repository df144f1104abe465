// A staff member's manual points adjustment (design §2: kind `adjust`, with reason and staff id).
// The form's nonce is the idempotency key, so a double submit adjusts once. A positive adjustment
// fires the "points earned" Flow trigger (source "staff adjustment") and, if it upgrades, "tier changed".
import { z } from "zod";
import { adminText } from "../i18n";
import type { SqlDatabase } from "../db/sql.server";
import {
  appendLedgerEntry,
  InsufficientPointsError,
  MemberPointsLimitError,
} from "../models/ledger.server";
import { markMetafieldsDirty } from "../models/outbox.server";
import { shopContext, programOfVersion } from "../models/program.server";
import { enqueuePointsEarnedTrigger } from "./flow-triggers.server";
import { upgradeTierIfEarned } from "./tiers.server";

const say = adminText.validation;
const MAX_ADJUSTMENT = 1_000_000;

// Messages are read when a form is checked, so they come in the admin language of that request.
export const adjustmentSchema = z.object({
  points: z.coerce
    .number({ error: () => say.adjustment.points })
    .int({ error: () => say.adjustment.wholePoints })
    .refine((n) => n !== 0, { error: () => say.adjustment.notZero })
    .refine((n) => Math.abs(n) <= MAX_ADJUSTMENT, {
      error: () => say.adjustment.atMost(MAX_ADJUSTMENT),
    }),
  reason: z
    .string()
    .trim()
    .min(3, { error: () => say.adjustment.reason })
    .max(500, { error: () => say.reasonTooLong(500) }),
  nonce: z.string().regex(/^[A-Za-z0-9-]{8,64}$/, { error: () => say.adjustment.outOfDate }),
});

export type AdjustmentInput = z.infer<typeof adjustmentSchema>;

export type AdjustmentOutcome =
  | { status: "applied" | "duplicate"; entryId: string }
  | { status: "not_found" }
  | { status: "insufficient"; balance: number }
  /** The member's balance or lifetime points would pass what they can hold (MAX_MEMBER_POINTS). */
  | { status: "over_limit" }
  | { status: "conflict" };

export async function adjustMemberPoints(
  sql: SqlDatabase,
  shop: string,
  customerId: string,
  input: AdjustmentInput,
  staffId: string,
  now: Date,
): Promise<AdjustmentOutcome> {
  const context = await shopContext(sql, shop);
  try {
    return await sql.transaction(async (tx) => {
      // Scoped by shop: a member id from another shop is simply not found.
      const [member] = await tx.rows<{
        id: string;
        tierName: string | null;
        tierOverride: string | null;
      }>(`SELECT id, "tierName", "tierOverride" FROM "Customer" WHERE id = ? AND shop = ?`, [
        customerId,
        shop,
      ]);
      if (!member) return { status: "not_found" as const };
      const result = await appendLedgerEntry(
        tx,
        {
          shop,
          customerId,
          kind: "adjust",
          points: input.points,
          idempotencyKey: `adjust:${input.nonce}`,
          reason: input.reason,
          staffId,
        },
        now,
        // Staff can take back points only down to zero; a reversal is the only way below it.
        { requireBalance: input.points < 0 },
      );
      if (result.status === "conflict") return { status: "conflict" as const };
      if (result.status === "applied") {
        await markMetafieldsDirty(tx, shop, customerId, now);
        if (input.points > 0 && context) {
          await upgradeTierIfEarned(
            tx,
            await programOfVersion(tx, context.programVersionId),
            {
              id: customerId,
              shop,
              tierName: member.tierName,
              tierOverride: member.tierOverride ?? null,
            },
            context.timeZone,
            now,
            { shop: context, source: "staff adjustment" },
          );
          await enqueuePointsEarnedTrigger(
            tx,
            context,
            {
              customerId,
              ledgerKey: `adjust:${input.nonce}`,
              points: input.points,
              reason: input.reason,
              source: "staff adjustment",
            },
            now,
          );
        }
      }
      return { status: result.status, entryId: result.entry.id };
    });
  } catch (error) {
    if (error instanceof MemberPointsLimitError) return { status: "over_limit" };
    if (!(error instanceof InsufficientPointsError)) throw error;
    const [row] = await sql.rows<{ balance: number }>(
      `SELECT balance FROM "Customer" WHERE id = ?`,
      [customerId],
    );
    return { status: "insufficient", balance: Number(row?.balance ?? 0) };
  }
}
