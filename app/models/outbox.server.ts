// Customers whose app-owned metafields must be pushed to Shopify. Written in the ledger's
// transaction; one row per customer, so a burst of changes becomes one push (design §4).
import type { Db, Tx } from "../db.server";

export async function markMetafieldsDirty(tx: Tx, shop: string, customerId: string, now: Date): Promise<void> {
  await tx.metafieldOutbox.upsert({
    where: { shop_customerId: { shop, customerId } },
    create: { shop, customerId, changedAt: now, nextAttemptAt: now },
    update: { changedAt: now, nextAttemptAt: now, attempts: 0, lastError: null },
  });
}

export async function dueOutboxRows(db: Db, now: Date, limit: number) {
  return db.metafieldOutbox.findMany({ where: { nextAttemptAt: { lte: now } }, orderBy: { nextAttemptAt: "asc" }, take: limit });
}
