// The append-only points ledger. An entry is inserted with the change to the customer's cached
// figures in the same transaction; nothing here updates or deletes an entry.
import type { Prisma } from "@prisma/client";
import type { Tx } from "../db.server";
import type { LedgerKind } from "../loyalty/types";

export interface NewLedgerEntry {
  shop: string;
  customerId: string;
  kind: LedgerKind;
  points: number;
  idempotencyKey: string;
  orderId?: string | null;
  correctsId?: string | null;
  reason?: string | null;
  staffId?: string | null;
  snapshot?: Prisma.InputJsonValue;
  availableAt?: Date | null;
}

export type LedgerEntryRow = Prisma.LedgerEntryGetPayload<object>;

export type AppendResult =
  | { status: "applied"; entry: LedgerEntryRow }
  | { status: "duplicate"; entry: LedgerEntryRow }
  | { status: "conflict"; entry: LedgerEntryRow };

/** Kinds that count towards lifetime earned points (and tier progress by points). */
const LIFETIME_KINDS: ReadonlySet<LedgerKind> = new Set(["earn", "import", "reverse"]);

export function countsTowardsLifetime(kind: LedgerKind, points: number): boolean {
  return LIFETIME_KINDS.has(kind) || (kind === "adjust" && points > 0);
}

/**
 * Appends an entry unless its idempotency key was used before: the same key with the same
 * movement returns the first entry; the same key with a different movement is a conflict that is
 * reported (and logged by the caller), never applied.
 */
export async function appendLedgerEntry(tx: Tx, entry: NewLedgerEntry, now: Date): Promise<AppendResult> {
  const existing = await tx.ledgerEntry.findUnique({
    where: { shop_idempotencyKey: { shop: entry.shop, idempotencyKey: entry.idempotencyKey } },
  });
  if (existing) {
    const same = existing.points === entry.points && existing.kind === entry.kind && existing.customerId === entry.customerId;
    return { status: same ? "duplicate" : "conflict", entry: existing };
  }
  const created = await tx.ledgerEntry.create({
    data: { ...entry, availableAt: entry.availableAt ?? null, createdAt: now },
  });
  const isPending = entry.availableAt != null && entry.availableAt > now;
  await tx.customer.update({
    where: { id: entry.customerId },
    data: {
      ...(isPending ? { pending: { increment: entry.points } } : { balance: { increment: entry.points } }),
      ...(countsTowardsLifetime(entry.kind, entry.points) ? { lifetimeEarned: { increment: entry.points } } : {}),
    },
  });
  return { status: "applied", entry: created };
}
