// Pending points become spendable when their availableAt passes (design §1 "pending period").
// appendLedgerEntry puts an entry whose availableAt is still ahead into the cached `pending` figure;
// this job moves it into `balance` once. The PendingMaturation row (one per entry) is what makes the
// move happen exactly once, whichever runner gets there first.
import type { SqlDatabase } from "../db/sql.server";
import { decode } from "../db/sql.server";
import { markMetafieldsDirty } from "../models/outbox.server";

export interface MaturationCounts {
  entries: number;
  points: number;
}

const PAGE = 500;

/** Entries that went to pending when written and are now due, not yet matured. */
const DUE_SQL = `SELECT e.id, e."customerId", e.points FROM "LedgerEntry" e
  WHERE e.shop = ? AND e."availableAt" IS NOT NULL AND e."availableAt" <= ? AND e."availableAt" > e."createdAt"
    AND NOT EXISTS (SELECT 1 FROM "PendingMaturation" m WHERE m."entryId" = e.id)
  ORDER BY e.id LIMIT ?`;

export async function maturePendingPoints(
  db: SqlDatabase,
  shop: string,
  now: Date,
): Promise<MaturationCounts> {
  const counts: MaturationCounts = { entries: 0, points: 0 };
  for (;;) {
    const due = await db.rows(DUE_SQL, [shop, now, PAGE]);
    if (!due.length) break;
    await db.transaction(async (tx) => {
      for (const entry of due) {
        const points = decode.int(entry.points);
        const customerId = String(entry.customerId);
        const claimed = await tx.rows(
          `INSERT INTO "PendingMaturation" ("entryId", shop, "customerId", points, "maturedAt") VALUES (?, ?, ?, ?, ?) ON CONFLICT ("entryId") DO NOTHING RETURNING "entryId"`,
          [entry.id, shop, customerId, points, now],
        );
        if (!claimed.length) continue; // another runner matured it
        await tx.run(
          `UPDATE "Customer" SET balance = balance + ?, pending = pending - ?, "updatedAt" = ? WHERE id = ?`,
          [points, points, now, customerId],
        );
        await markMetafieldsDirty(tx, shop, customerId, now);
        counts.entries++;
        counts.points += points;
      }
    });
  }
  return counts;
}
