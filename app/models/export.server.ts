// Members and the ledger read in keyset batches for CSV export: memory stays at one batch whatever
// the shop's size, and each batch is its own short statement, so webhooks interleave between them.
import { decode, type Row, type Sql } from "../db/sql.server";

export const EXPORT_BATCH = 1000;

export async function* memberBatches(
  sql: Sql,
  shop: string,
  batch = EXPORT_BATCH,
): AsyncGenerator<Row[]> {
  let after = "";
  for (;;) {
    const rows = await sql.rows(
      `SELECT "shopifyCustomerId", email, "firstName", "lastName", balance, pending, "lifetimeEarned", "orderCount", "lifetimeSpend", "tierName", "enrolledAt"
       FROM "Customer" WHERE shop = ? AND "shopifyCustomerId" > ? ORDER BY "shopifyCustomerId" LIMIT ${batch}`,
      [shop, after],
    );
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < batch) return;
    after = String(rows[rows.length - 1].shopifyCustomerId);
  }
}

export async function* ledgerBatches(
  sql: Sql,
  shop: string,
  batch = EXPORT_BATCH,
): AsyncGenerator<Row[]> {
  let after: { createdAt: Date; id: string } | null = null;
  for (;;) {
    const rows: Row[] = await sql.rows(
      `SELECT e.id, e."createdAt", c."shopifyCustomerId", c.email, e.kind, e.points, e."idempotencyKey", o."shopifyOrderId", e.reason, e."staffId", e."correctsId", e."availableAt"
       FROM "LedgerEntry" e JOIN "Customer" c ON c.id = e."customerId" LEFT JOIN "Order" o ON o.id = e."orderId"
       WHERE e.shop = ? AND (e."createdAt" > ? OR (e."createdAt" = ? AND e.id > ?))
       ORDER BY e."createdAt", e.id LIMIT ${batch}`,
      [shop, after?.createdAt ?? new Date(0), after?.createdAt ?? new Date(0), after?.id ?? ""],
    );
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < batch) return;
    const last = rows[rows.length - 1];
    after = { createdAt: decode.date(last.createdAt), id: String(last.id) };
  }
}
