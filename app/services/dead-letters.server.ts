// Deliveries needing attention (docs/decisions/029): what the webhook path and other services keep
// when an authentic delivery cannot be applied, what the merchant sees, and Dismiss. Replay lives in
// dead-letter-replay.server.ts (it runs the webhook pipelines, which record through this file).
import { z } from "zod";
import { adminText } from "../i18n";
import { readCoded, wordStored, type CodedOf } from "../i18n/coded-text";
import type { Messages } from "../i18n/en";
import type { Db } from "../db.server";
import {
  closeDeadLetter,
  countOpenDeadLetters,
  openDeadLetters,
  upsertDeadLetter,
  type DeadDelivery,
  type DeadLetterReason,
  type DeadLetterSummary,
} from "../models/dead-letter.server";

export type { DeadDelivery, DeadLetterReason, DeadLetterSummary };

/**
 * Keeps a delivery Tally cannot apply, with its reason. Idempotent per (shop, webhookId): a repeat
 * updates the reason and counts the attempt. Other services may call it for an order they cannot
 * apply (reconciliation: use a webhookId of their own such as `reconcile:<order id>`, the topic whose
 * handler should replay it, and the body in that topic's webhook shape).
 */
export function recordDeadLetter(
  db: Db,
  delivery: DeadDelivery,
  reason: DeadLetterReason,
  now: Date,
): Promise<void> {
  return upsertDeadLetter(db, delivery, reason, now);
}

export interface DeadLetterOverview {
  open: number;
  /** The most recent open letters (at most 50). */
  letters: (Omit<DeadLetterSummary, "receivedAt" | "lastAttemptAt" | "reasonMessage"> & {
    receivedAt: string;
    lastAttemptAt: string;
    details: DeadLetterDetails;
  })[];
}

/** A dead letter's details when Tally words them itself: stored coded in reasonMessage. */
export type DeadLetterDetail = CodedOf<Messages["deadLetters"]["detailTexts"]>;

export interface DeadLetterDetails {
  text: string;
  /** An error's own text (English, as the program wrote it), not a sentence Tally words. */
  technical: boolean;
}

/** A letter's "Details" line in the admin's language (decision 053). */
export function deadLetterDetails(reasonMessage: string): DeadLetterDetails {
  const words = adminText.deadLetters.detailTexts;
  const text = wordStored(reasonMessage, words);
  const coded = readCoded(reasonMessage);
  return {
    text,
    technical: !coded || !Object.hasOwn(words, coded.code) || coded.code === "invalidPayload",
  };
}

export async function deadLetterOverview(db: Db, shop: string): Promise<DeadLetterOverview> {
  const [open, letters] = await Promise.all([
    countOpenDeadLetters(db, shop),
    openDeadLetters(db, shop, 50),
  ]);
  return {
    open,
    letters: letters.map(({ reasonMessage, ...letter }) => ({
      ...letter,
      details: deadLetterDetails(reasonMessage),
      receivedAt: letter.receivedAt.toISOString(),
      lastAttemptAt: letter.lastAttemptAt.toISOString(),
    })),
  };
}

export const openDeadLetterCount = countOpenDeadLetters;

export const dismissInput = z.object({
  id: z.string().min(1).max(64),
  reason: z
    .string()
    .trim()
    .min(1, { error: () => adminText.validation.dismissReason })
    .max(500, { error: () => adminText.validation.reasonTooLong(500) }),
});

export type DismissResult = { ok: true } | { ok: false; status: 404 | 422; message: string };

/** Closes an open letter without applying it; the reason and the staff user are kept. */
export async function dismissDeadLetter(
  db: Db,
  shop: string,
  input: unknown,
  staffId: string,
  now: Date,
): Promise<DismissResult> {
  const parsed = dismissInput.safeParse(input);
  if (!parsed.success) return { ok: false, status: 422, message: parsed.error.issues[0].message };
  const closed = await closeDeadLetter(db, shop, parsed.data.id, {
    status: "dismissed",
    by: staffId,
    at: now,
    reason: parsed.data.reason,
  });
  return closed ? { ok: true } : { ok: false, status: 404, message: adminText.deadLetters.gone };
}
