// Customers whose app-owned metafields must be pushed to Shopify. Written in the ledger's
// transaction; one row per customer, so a burst of changes becomes one push (design §4).
import type { Sql } from "../db/sql.server";

export async function markMetafieldsDirty(sql: Sql, shop: string, customerId: string, now: Date): Promise<void> {
  await sql.run(
    `INSERT INTO "MetafieldOutbox" (shop, "customerId", "changedAt", attempts, "nextAttemptAt") VALUES (?, ?, ?, 0, ?)
     ON CONFLICT (shop, "customerId") DO UPDATE SET "changedAt" = excluded."changedAt", "nextAttemptAt" = excluded."nextAttemptAt", attempts = 0, "lastError" = NULL`,
    [shop, customerId, now, now],
  );
}

/** markMetafieldsDirty for a page of customers in one statement (the periodic jobs' bulk writes). */
export async function markManyMetafieldsDirty(sql: Sql, shop: string, customerIds: readonly string[], now: Date): Promise<void> {
  if (!customerIds.length) return;
  await sql.run(
    `INSERT INTO "MetafieldOutbox" (shop, "customerId", "changedAt", attempts, "nextAttemptAt") VALUES ${customerIds.map(() => "(?, ?, ?, 0, ?)").join(", ")}
     ON CONFLICT (shop, "customerId") DO UPDATE SET "changedAt" = excluded."changedAt", "nextAttemptAt" = excluded."nextAttemptAt", attempts = 0, "lastError" = NULL`,
    customerIds.flatMap((customerId) => [shop, customerId, now, now]),
  );
}
