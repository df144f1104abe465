// Point expiry for one shop (design §1): expired points become `expire` ledger entries, never
// silent deletions, and every member's "points expiring soon" figures are refreshed
// (Customer.expiringPoints / expiringAt; docs/decisions/009), and a notice that became non-zero or
// moved to a new date enqueues the "points expiring soon" Flow trigger (enqueueExpiringSoonTriggers).
//
// Members are read a keyset page at a time with their ledger movements. A member with points due
// is re-read inside a transaction that holds their row lock, and the entry's idempotency key names
// what expired (expiryToRecord), so neither a rerun nor a second runner expires anything twice.
import { randomUUID } from "node:crypto";
import { decode, type Sql, type SqlDatabase } from "../db/sql.server";
import { valuesCte } from "../db/values-list";
import { expiringSoon, expiryToRecord, nextExpiryCheck } from "../loyalty/expiry";
import type { LedgerKind, LedgerMovement, Program } from "../loyalty/types";
import { markManyMetafieldsDirty } from "../models/outbox.server";
import { programOfVersion, shopContext } from "../models/program.server";
import { enqueueExpiringSoonTriggers } from "./flow-triggers.server";

export interface ExpiryCounts {
  checked: number;
  membersExpired: number;
  pointsExpired: number;
  /** Members whose "expiring soon" figures changed. */
  noticesChanged: number;
}

const PAGE = 1000;

function movementOf(row: Record<string, unknown>): LedgerMovement {
  return { kind: row.kind as LedgerKind, points: decode.int(row.points), createdAt: decode.date(row.createdAt), availableAt: decode.optionalDate(row.availableAt) };
}

async function movementsOf(sql: Sql, customerIds: string[]): Promise<Map<string, LedgerMovement[]>> {
  const rows = await sql.rows(
    `SELECT "customerId", kind, points, "createdAt", "availableAt" FROM "LedgerEntry" WHERE "customerId" IN (${customerIds.map(() => "?").join(", ")}) ORDER BY "customerId", "createdAt"`,
    customerIds,
  );
  const byCustomer = new Map<string, LedgerMovement[]>();
  for (const row of rows) {
    const id = String(row.customerId);
    let list = byCustomer.get(id);
    if (!list) byCustomer.set(id, (list = []));
    list.push(movementOf(row));
  }
  return byCustomer;
}

function sameNotice(a: { points: number; at: Date | null }, stored: { points: number; at: Date | null }): boolean {
  return a.points === stored.points && (a.at?.getTime() ?? null) === (stored.at?.getTime() ?? null);
}

export async function expireShopPoints(db: SqlDatabase, shop: string, now: Date, pageSize = PAGE): Promise<ExpiryCounts> {
  const counts: ExpiryCounts = { checked: 0, membersExpired: 0, pointsExpired: 0, noticesChanged: 0 };
  const context = await shopContext(db, shop);
  if (!context) return counts;
  const program = await programOfVersion(db, context.programVersionId);
  if (program.expiry.mode === "none") {
    // Expiry switched off: nothing is expiring any more.
    counts.noticesChanged = await db.run(`UPDATE "Customer" SET "expiringPoints" = 0, "expiringAt" = NULL WHERE shop = ? AND ("expiringPoints" <> 0 OR "expiringAt" IS NOT NULL)`, [shop]);
    return counts;
  }

  // Members are visited when their ledger changed since the last visit (appends move updatedAt),
  // when the program changed since, or when nextExpiryCheck said something would change by now.
  const [version] = await db.rows(`SELECT "createdAt" FROM "ProgramVersion" WHERE id = ?`, [context.programVersionId]);
  const programSince = decode.date(version.createdAt);
  let cursor = "";
  for (;;) {
    const page = await db.rows(
      `SELECT id, "expiringPoints", "expiringAt" FROM "Customer" WHERE shop = ? AND id > ?
         AND ("expiryCheckedAt" IS NULL OR "updatedAt" > "expiryCheckedAt" OR "expiryCheckedAt" < ? OR "expiryNextCheckAt" <= ?)
       ORDER BY id LIMIT ?`,
      [shop, cursor, programSince, now, pageSize],
    );
    if (!page.length) break;
    cursor = String(page[page.length - 1].id);
    counts.checked += page.length;
    const movements = await movementsOf(db, page.map((row) => String(row.id)));
    const checked: unknown[][] = [];
    const due: string[] = [];
    const noticed: string[] = []; // members whose notice changed and is non-zero, for the Flow trigger
    for (const row of page) {
      const id = String(row.id);
      const ledger = movements.get(id) ?? [];
      if (expiryToRecord(ledger, program.expiry, now)) {
        due.push(id); // expired below, which also refreshes the notice and the next check
        continue;
      }
      const notice = expiringSoon(ledger, program.expiry, now, program.expiryNoticeDays);
      if (!sameNotice(notice, { points: decode.int(row.expiringPoints), at: decode.optionalDate(row.expiringAt) })) {
        counts.noticesChanged++;
        if (notice.points > 0) noticed.push(id);
      }
      checked.push([id, notice.points, notice.at, nextExpiryCheck(ledger, program.expiry, now, program.expiryNoticeDays)]);
    }
    if (due.length) {
      const expired = await db.transaction((tx) => expireMembers(tx, program, shop, due, now));
      counts.membersExpired += expired.members;
      counts.pointsExpired += expired.points;
    }
    if (checked.length) {
      const { cte, params } = valuesCte(db.dialect, "v", { id: "text", expiringPoints: "int", expiringAt: "timestamp", nextCheck: "timestamp" }, checked);
      await db.run(
        `WITH ${cte} UPDATE "Customer" SET "expiringPoints" = v."expiringPoints", "expiringAt" = v."expiringAt", "expiryCheckedAt" = ?, "expiryNextCheckAt" = v."nextCheck"
         FROM v WHERE "Customer".id = v.id`,
        [...params, now],
      );
    }
    // "Points expiring soon" (if switched on): from the figures just stored, once per notice.
    await enqueueExpiringSoonTriggers(db, context, [...due, ...noticed], now);
  }
  return counts;
}

/**
 * Expires what is due for these members, one transaction for the page: their rows are locked and
 * their ledgers read again first, so a concurrent runner or webhook cannot make us act on stale
 * data; then the expire entries, the balances and notices, and the outbox rows are written as three
 * set-based statements. An entry whose key already exists is skipped (ON CONFLICT DO NOTHING).
 */
async function expireMembers(tx: Sql, program: Program, shop: string, customerIds: string[], now: Date): Promise<{ members: number; points: number }> {
  const result = { members: 0, points: 0 };
  const policy = program.expiry;
  if (policy.mode === "none") return result;
  await tx.run(`UPDATE "Customer" SET "updatedAt" = "updatedAt" WHERE id IN (${customerIds.map(() => "?").join(", ")})`, customerIds);
  const ledgers = await movementsOf(tx, customerIds);
  const reason = policy.mode === "after_earning" ? `points older than ${policy.days} days` : `no activity for ${policy.days} days`;
  const records = customerIds.flatMap((customerId) => {
    const record = expiryToRecord(ledgers.get(customerId) ?? [], policy, now);
    return record ? [{ customerId, ...record, key: `expire:${customerId}:${record.keySuffix}` }] : [];
  });
  const byCustomer = new Map(records.map((record) => [record.customerId, record]));
  const applied = new Set<string>();
  if (records.length) {
    const inserted = await tx.rows<{ customerId: string }>(
      `INSERT INTO "LedgerEntry" (id, shop, "customerId", kind, points, "idempotencyKey", reason, snapshot, "createdAt")
       VALUES ${records.map(() => "(?, ?, ?, 'expire', ?, ?, ?, ?, ?)").join(", ")}
       ON CONFLICT (shop, "idempotencyKey") DO NOTHING RETURNING "customerId"`,
      records.flatMap((record) => [randomUUID(), shop, record.customerId, -record.points, record.key, reason, { policy, keySuffix: record.keySuffix }, now]),
    );
    for (const row of inserted) applied.add(String(row.customerId));
  }
  const rows = customerIds.map((customerId) => {
    const record = byCustomer.get(customerId);
    const expired = record && applied.has(customerId) ? record.points : 0;
    const ledger = ledgers.get(customerId) ?? [];
    if (expired) {
      ledger.push({ kind: "expire", points: -expired, createdAt: now, availableAt: null });
      result.members++;
      result.points += expired;
    }
    const notice = expiringSoon(ledger, policy, now, program.expiryNoticeDays);
    return [customerId, -expired, notice.points, notice.at, nextExpiryCheck(ledger, policy, now, program.expiryNoticeDays)];
  });
  // Expiries do not count towards lifetime earned points (ledger.server countsTowardsLifetime).
  const { cte, params } = valuesCte(tx.dialect, "v", { id: "text", change: "int", expiringPoints: "int", expiringAt: "timestamp", nextCheck: "timestamp" }, rows);
  await tx.run(
    `WITH ${cte} UPDATE "Customer" SET balance = balance + v.change, "expiringPoints" = v."expiringPoints", "expiringAt" = v."expiringAt",
       "updatedAt" = ?, "expiryCheckedAt" = ?, "expiryNextCheckAt" = v."nextCheck"
     FROM v WHERE "Customer".id = v.id`,
    [...params, now, now],
  );
  await markManyMetafieldsDirty(tx, shop, [...applied], now);
  return result;
}
