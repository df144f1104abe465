// Customers whose app-owned metafields must be pushed to Shopify. Written in the ledger's
// transaction; one row per customer, so a burst of changes becomes one push (design §4).
import type { Db, Tx } from "../db.server";
import { planStable, type Sql } from "../db/sql.server";
import { typed, valuesCte } from "../db/values-list";

/** Travels with the transaction's next statement on PostgreSQL (decision 044). */
export async function markMetafieldsDirty(
  sql: Sql,
  shop: string,
  customerId: string,
  now: Date,
): Promise<void> {
  sql.enqueue(
    planStable(`INSERT INTO "MetafieldOutbox" (shop, "customerId", "changedAt", attempts, "nextAttemptAt") VALUES (?, ?, ?, 0, ?)
     ON CONFLICT (shop, "customerId") DO UPDATE SET "changedAt" = excluded."changedAt", "nextAttemptAt" = excluded."nextAttemptAt", attempts = 0, "lastError" = NULL`),
    [shop, customerId, now, now],
  );
}

/** markMetafieldsDirty for a page of customers in one statement (the periodic jobs' bulk writes). */
export async function markManyMetafieldsDirty(
  sql: Sql,
  shop: string,
  customerIds: readonly string[],
  now: Date,
): Promise<void> {
  if (!customerIds.length) return;
  const { cte, params } = valuesCte(
    sql.dialect,
    "v",
    { customerId: "text" },
    customerIds.map((customerId) => [customerId]),
  );
  const at = typed(sql.dialect, "timestamp");
  // `WHERE true`: SQLite would otherwise read ON CONFLICT as part of the SELECT's join.
  await sql.run(
    `WITH ${cte} INSERT INTO "MetafieldOutbox" (shop, "customerId", "changedAt", attempts, "nextAttemptAt") SELECT ?, v."customerId", ${at}, 0, ${at} FROM v WHERE true
     ON CONFLICT (shop, "customerId") DO UPDATE SET "changedAt" = excluded."changedAt", "nextAttemptAt" = excluded."nextAttemptAt", attempts = 0, "lastError" = NULL`,
    [...params, shop, now, now],
  );
}

/**
 * The outbox row that stands for the shop itself (the program's `$app:loyalty.program` metafield)
 * rather than a customer: customer ids are cuids, never this (decision 037).
 */
export const SHOP_OUTBOX_ROW = "$shop";

/** The program changed (in the caller's transaction): push the shop-level metafield again. */
export async function markShopMetafieldDirty(db: Db | Tx, shop: string, now: Date): Promise<void> {
  const row = { changedAt: now, nextAttemptAt: now, attempts: 0, lastError: null };
  await db.metafieldOutbox.upsert({
    where: { shop_customerId: { shop, customerId: SHOP_OUTBOX_ROW } },
    create: { shop, customerId: SHOP_OUTBOX_ROW, ...row },
    update: row,
  });
}
