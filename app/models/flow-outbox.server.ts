// Shopify Flow trigger events waiting to be sent (design §1: Flow triggers; §4: no Admin API call on
// the webhook path). A row is written in the transaction of the change it reports; the background
// push sends it with flowTriggerReceive and deletes it. (shop, eventKey) is unique: a replayed
// change enqueues nothing new.
import { randomUUID } from "node:crypto";
import { decode, type Sql } from "../db/sql.server";

export interface FlowEventRow {
  id: string;
  shop: string;
  customerId: string | null;
  handle: string;
  eventKey: string;
  payload: Record<string, unknown>;
  attempts: number;
}

type NewFlowEvent = {
  shop: string;
  customerId: string | null;
  handle: string;
  eventKey: string;
  payload: Record<string, unknown>;
};

export async function insertFlowEvent(sql: Sql, event: NewFlowEvent, now: Date): Promise<boolean> {
  const inserted = await sql.rows(
    `INSERT INTO "FlowTriggerOutbox" (id, shop, "customerId", handle, "eventKey", payload, "createdAt", attempts, "nextAttemptAt") VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)
     ON CONFLICT (shop, "eventKey") DO NOTHING RETURNING id`,
    [
      randomUUID(),
      event.shop,
      event.customerId,
      event.handle,
      event.eventKey,
      event.payload,
      now,
      now,
    ],
  );
  return inserted.length > 0;
}

/** insertFlowEvent for many events (a job's page), in statements of at most 500 rows; returns how many were new. */
export async function insertFlowEvents(
  sql: Sql,
  events: readonly NewFlowEvent[],
  now: Date,
): Promise<number> {
  let inserted = 0;
  for (let start = 0; start < events.length; start += 500) {
    const chunk = events.slice(start, start + 500);
    const rows = await sql.rows(
      `INSERT INTO "FlowTriggerOutbox" (id, shop, "customerId", handle, "eventKey", payload, "createdAt", attempts, "nextAttemptAt")
       VALUES ${chunk.map(() => "(?, ?, ?, ?, ?, ?, ?, 0, ?)").join(", ")}
       ON CONFLICT (shop, "eventKey") DO NOTHING RETURNING id`,
      chunk.flatMap((event) => [
        randomUUID(),
        event.shop,
        event.customerId,
        event.handle,
        event.eventKey,
        event.payload,
        now,
        now,
      ]),
    );
    inserted += rows.length;
  }
  return inserted;
}

export async function dueFlowEvents(sql: Sql, now: Date, limit: number): Promise<FlowEventRow[]> {
  const rows = await sql.rows(
    `SELECT id, shop, "customerId", handle, "eventKey", payload, attempts FROM "FlowTriggerOutbox" WHERE "nextAttemptAt" <= ? ORDER BY "nextAttemptAt", id LIMIT ${Math.trunc(limit)}`,
    [now],
  );
  return rows.map((row) => ({
    id: String(row.id),
    shop: String(row.shop),
    customerId: (row.customerId as string | null) ?? null,
    handle: String(row.handle),
    eventKey: String(row.eventKey),
    payload: decode.json<Record<string, unknown>>(row.payload),
    attempts: decode.int(row.attempts),
  }));
}

export async function deleteFlowEvent(sql: Sql, id: string): Promise<void> {
  await sql.run(`DELETE FROM "FlowTriggerOutbox" WHERE id = ?`, [id]);
}

export async function deleteShopFlowEvents(sql: Sql, shop: string): Promise<number> {
  return sql.run(`DELETE FROM "FlowTriggerOutbox" WHERE shop = ?`, [shop]);
}

export async function deferFlowEvent(
  sql: Sql,
  id: string,
  nextAttemptAt: Date,
  error: string,
): Promise<void> {
  await sql.run(
    `UPDATE "FlowTriggerOutbox" SET attempts = attempts + 1, "nextAttemptAt" = ?, "lastError" = ? WHERE id = ?`,
    [nextAttemptAt, error.slice(0, 500), id],
  );
}

/**
 * Leases a due event to this instance for `leaseMs`: of several instances reading the same row,
 * only the one whose conditional update matched sends it. A crash after sending means the event is
 * sent again when the lease ends (at least once).
 */
export async function claimFlowEvent(
  sql: Sql,
  id: string,
  now: Date,
  leaseMs: number,
): Promise<boolean> {
  return (
    (await sql.run(
      `UPDATE "FlowTriggerOutbox" SET "nextAttemptAt" = ? WHERE id = ? AND "nextAttemptAt" <= ?`,
      [new Date(now.getTime() + leaseMs), id, now],
    )) === 1
  );
}
