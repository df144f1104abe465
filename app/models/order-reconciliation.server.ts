// The reconciliation of missed order webhooks, per shop (docs/decisions/030): its watermark, the
// pass in progress (window, cursor or bulk operation) and the pass's counts and failures.
import { decode, type Sql } from "../db/sql.server";

export interface ReconciliationFailure {
  orderId: string;
  reason: string;
}

export interface ReconciliationState {
  shop: string;
  watermark: Date | null;
  passFrom: Date | null;
  passUntil: Date | null;
  mode: "paged" | "bulk" | null;
  cursor: string | null;
  bulkOperationId: string | null;
  bulkOrdersDone: number;
  checked: number;
  applied: number;
  failed: number;
  failures: ReconciliationFailure[];
  passStartedAt: Date | null;
  passFinishedAt: Date | null;
}

export const MAX_RECORDED_FAILURES = 20;

function state(row: Record<string, unknown>): ReconciliationState {
  return {
    shop: String(row.shop),
    watermark: decode.optionalDate(row.watermark),
    passFrom: decode.optionalDate(row.passFrom),
    passUntil: decode.optionalDate(row.passUntil),
    mode: (row.mode as "paged" | "bulk" | null) ?? null,
    cursor: (row.cursor as string | null) ?? null,
    bulkOperationId: (row.bulkOperationId as string | null) ?? null,
    bulkOrdersDone: decode.int(row.bulkOrdersDone),
    checked: decode.int(row.checked),
    applied: decode.int(row.applied),
    failed: decode.int(row.failed),
    failures: row.failures == null ? [] : decode.json<ReconciliationFailure[]>(row.failures),
    passStartedAt: decode.optionalDate(row.passStartedAt),
    passFinishedAt: decode.optionalDate(row.passFinishedAt),
  };
}

export async function reconciliationOf(
  sql: Sql,
  shop: string,
): Promise<ReconciliationState | null> {
  const [row] = await sql.rows(`SELECT * FROM "OrderReconciliation" WHERE shop = ?`, [shop]);
  return row ? state(row) : null;
}

/** Starts a pass over [from, until): counts reset, the watermark kept until the pass finishes. */
export async function startReconciliationPass(
  sql: Sql,
  shop: string,
  pass: { from: Date; until: Date; mode: "paged" | "bulk" },
  now: Date,
): Promise<void> {
  await sql.run(
    `INSERT INTO "OrderReconciliation" (shop, "passFrom", "passUntil", mode, cursor, "bulkOperationId", "bulkOrdersDone", checked, applied, failed, failures, "passStartedAt", "updatedAt")
     VALUES (?, ?, ?, ?, NULL, NULL, 0, 0, 0, 0, NULL, ?, ?)
     ON CONFLICT (shop) DO UPDATE SET "passFrom" = excluded."passFrom", "passUntil" = excluded."passUntil",
       mode = excluded.mode, cursor = NULL, "bulkOperationId" = NULL, "bulkOrdersDone" = 0, checked = 0,
       applied = 0, failed = 0, failures = NULL, "passStartedAt" = excluded."passStartedAt", "updatedAt" = excluded."updatedAt"`,
    [shop, pass.from, pass.until, pass.mode, now, now],
  );
}

/** The pass goes on in bulk from `from` (a paged pass that met an order too large for its pages). */
export async function switchPassToBulk(
  sql: Sql,
  shop: string,
  from: Date,
  now: Date,
): Promise<void> {
  await sql.run(
    `UPDATE "OrderReconciliation" SET mode = 'bulk', "passFrom" = ?, cursor = NULL, "bulkOperationId" = NULL, "bulkOrdersDone" = 0, "updatedAt" = ? WHERE shop = ?`,
    [from, now, shop],
  );
}

export async function setPassBulkOperation(
  sql: Sql,
  shop: string,
  bulkOperationId: string | null,
  now: Date,
): Promise<void> {
  await sql.run(
    `UPDATE "OrderReconciliation" SET "bulkOperationId" = ?, "bulkOrdersDone" = 0, "updatedAt" = ? WHERE shop = ?`,
    [bulkOperationId, now, shop],
  );
}

/** Adds a checked page (or batch) to the pass and moves its resume point past it. */
export async function recordPassProgress(
  sql: Sql,
  shop: string,
  progress: {
    checked: number;
    applied: number;
    failures: ReconciliationFailure[];
    cursor?: string | null;
    bulkOrdersDone?: number;
  },
  now: Date,
): Promise<void> {
  const current = await reconciliationOf(sql, shop);
  const failures = [...(current?.failures ?? []), ...progress.failures].slice(
    0,
    MAX_RECORDED_FAILURES,
  );
  await sql.run(
    `UPDATE "OrderReconciliation" SET checked = checked + ?, applied = applied + ?, failed = failed + ?, failures = ?,
       cursor = COALESCE(?, cursor), "bulkOrdersDone" = COALESCE(?, "bulkOrdersDone"), "updatedAt" = ? WHERE shop = ?`,
    [
      progress.checked,
      progress.applied,
      progress.failures.length,
      failures.length ? failures : null,
      progress.cursor ?? null,
      progress.bulkOrdersDone ?? null,
      now,
      shop,
    ],
  );
}

/** The pass is done: everything updated before its upper bound was compared. */
export async function finishReconciliationPass(sql: Sql, shop: string, now: Date): Promise<void> {
  await sql.run(
    `UPDATE "OrderReconciliation" SET watermark = "passUntil", "passFrom" = NULL, "passUntil" = NULL, mode = NULL,
       cursor = NULL, "bulkOperationId" = NULL, "bulkOrdersDone" = 0, "passFinishedAt" = ?, "updatedAt" = ? WHERE shop = ?`,
    [now, now, shop],
  );
}

/** When the shop installed Tally: the first pass starts there (earlier orders are the backfill's). */
export async function shopInstalledAt(sql: Sql, shop: string): Promise<Date | null> {
  const [row] = await sql.rows(`SELECT "installedAt" FROM "Shop" WHERE shop = ?`, [shop]);
  return row ? decode.date(row.installedAt) : null;
}
