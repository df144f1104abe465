// A staff member's manual points adjustment (design §2: kind `adjust`, with reason and staff id).
// The form's nonce is the idempotency key, so a double submit adjusts once. A positive adjustment
// fires the "points earned" Flow trigger (source "staff adjustment") and, if it upgrades, "tier changed".
import { z } from "zod";
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

export const adjustmentSchema = z.object({
  points: z.coerce
    .number({ error: "Enter a number of points" })
    .int("Enter a whole number of points")
    .refine((n) => n !== 0, "Enter a number other than 0 (negative to remove points)")
    .refine((n) => Math.abs(n) <= 1_000_000, "Adjust at most 1,000,000 points at a time"),
  reason: z
    .string()
    .trim()
    .min(3, "Say why (at least 3 characters); the member's history keeps it")
    .max(500, "Keep the reason under 500 characters"),
  nonce: z.string().regex(/^[A-Za-z0-9-]{8,64}$/, "The form is out of date; reload the page"),
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
