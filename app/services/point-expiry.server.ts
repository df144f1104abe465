// Point expiry for one shop (design §1): expired points become `expire` ledger entries, never
// silent deletions, and every member's "points expiring soon" figures are refreshed
// (Customer.expiringPoints / expiringAt; docs/decisions/009), and a notice that became non-zero or
// moved to a new date enqueues the "points expiring soon" Flow trigger (enqueueExpiringSoonTriggers).
//
// Members due a visit are read a keyset page of ids at a time; each page is then one transaction
// that locks them, reads them and their ledgers (one ordered query) and writes the page in a fixed
// number of set-based statements, while the next page is read (docs/decisions/019). The entry's
// idempotency key names what expired (expiryToRecord), so neither a rerun nor a second runner
// expires anything twice.
import type { DatabaseKind } from "../db/database-url";
import { decode, type Sql, type SqlDatabase } from "../db/sql.server";
import { timeOrderedId } from "../db/time-ordered-id";
import { inList, typed, valuesCte } from "../db/values-list";
import { expiringSoon, expiryToRecord, nextExpiryCheck } from "../loyalty/expiry";
import type { LedgerKind, LedgerMovement, Program } from "../loyalty/types";
import { lockClause } from "../models/member-lock.server";
import { markManyMetafieldsDirty } from "../models/outbox.server";
import { programOfVersion, shopContext } from "../models/program.server";
import { enqueueExpiringSoonTriggers } from "./flow-triggers.server";
import { forEachPage, PAGES_IN_FLIGHT } from "./paged.server";

export interface ExpiryCounts {
  checked: number;
  membersExpired: number;
  pointsExpired: number;
  /** Members whose "expiring soon" figures changed. */
  noticesChanged: number;
}

/**
 * Members per page, i.e. per transaction. SQLite: a page's commit rewrites every index page it
 * touched (the balance indexes' pages are spread over the whole index), so fewer, bigger
 * transactions cost much less — 10,000 members took 2/3 of the CPU of 2,000 (docs/decisions/019);
 * the write lock is held for one page (under a second). PostgreSQL locks only the page's rows.
 */
const PAGE: Record<DatabaseKind, number> = { sqlite: 10_000, postgresql: 2_000 };

function movementOf(row: Record<string, unknown>): LedgerMovement {
  return {
    kind: row.kind as LedgerKind,
    points: decode.int(row.points),
    createdAt: decode.date(row.createdAt),
    availableAt: decode.optionalDate(row.availableAt),
  };
}

/** Each member's ledger movements, oldest first (what the expiry rules read). */
export async function movementsOf(
  sql: Sql,
  customerIds: string[],
): Promise<Map<string, LedgerMovement[]>> {
  const ids = inList(sql.dialect, customerIds);
  const rows = await sql.rows(
    `SELECT "customerId", kind, points, "createdAt", "availableAt" FROM "LedgerEntry" WHERE "customerId" ${ids.sql} ORDER BY "customerId", "createdAt"`,
    ids.params,
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

function sameNotice(
  a: { points: number; at: Date | null },
  stored: { points: number; at: Date | null },
): boolean {
  return a.points === stored.points && (a.at?.getTime() ?? null) === (stored.at?.getTime() ?? null);
}

export async function expireShopPoints(
  db: SqlDatabase,
  shop: string,
  now: Date,
  pageSize = PAGE[db.dialect],
): Promise<ExpiryCounts> {
  const counts: ExpiryCounts = {
    checked: 0,
    membersExpired: 0,
    pointsExpired: 0,
    noticesChanged: 0,
  };
  const context = await shopContext(db, shop);
  if (!context) return counts;
  const program = await programOfVersion(db, context.programVersionId);
  if (program.expiry.mode === "none") {
    // Expiry switched off: nothing is expiring any more.
    counts.noticesChanged = await db.run(
      `UPDATE "Customer" SET "expiringPoints" = 0, "expiringAt" = NULL WHERE shop = ? AND ("expiringPoints" <> 0 OR "expiringAt" IS NOT NULL)`,
      [shop],
    );
    return counts;
  }

  // Members are visited when their ledger changed since the last visit (appends move updatedAt),
  // when the program changed since, or when nextExpiryCheck said something would change by now.
  const [version] = await db.rows(`SELECT "createdAt" FROM "ProgramVersion" WHERE id = ?`, [
    context.programVersionId,
  ]);
  const programSince = decode.date(version.createdAt);
  const due = `("expiryCheckedAt" IS NULL OR "updatedAt" > "expiryCheckedAt" OR "expiryCheckedAt" < ? OR "expiryNextCheckAt" <= ?)`;
  let cursor = "";
  const nextPage = async (): Promise<string[] | null> => {
    const page = await db.rows(
      `SELECT id FROM "Customer" WHERE shop = ? AND id > ? AND ${due} ORDER BY id LIMIT ?`,
      [shop, cursor, programSince, now, pageSize],
    );
    if (!page.length) return null;
    cursor = String(page[page.length - 1].id);
    return page.map((row) => String(row.id));
  };
  const expirePage = async (ids: string[]) => {
    const done = await db.transaction(async (tx) => {
      const page = await expirePageOfMembers(
        tx,
        program,
        shop,
        ids,
        { due, params: [programSince, now] },
        now,
      );
      // "Points expiring soon" (if switched on): from the figures just written, once per notice, in
      // the same transaction: a member this page marks as checked is not visited again until due.
      await enqueueExpiringSoonTriggers(tx, context, ids, now);
      return page;
    });
    counts.checked += done.checked;
    counts.membersExpired += done.membersExpired;
    counts.pointsExpired += done.pointsExpired;
    counts.noticesChanged += done.noticesChanged;
  };
  await forEachPage(nextPage, expirePage, PAGES_IN_FLIGHT[db.dialect]);
  return counts;
}

/**
 * One page, in the caller's transaction: the members still due a visit are locked and read with
 * their ledgers, so a concurrent runner or webhook cannot make us act on stale data (a member
 * another runner visited meanwhile no longer matches `due` and is left to it). Then the expire
 * entries (ON CONFLICT DO NOTHING on their keys), one update of every member's balance, notice and
 * next check, and the outbox rows: three set-based statements whatever the page's size.
 */
async function expirePageOfMembers(
  tx: Sql,
  program: Program,
  shop: string,
  candidates: string[],
  visit: { due: string; params: unknown[] },
  now: Date,
): Promise<ExpiryCounts> {
  const result: ExpiryCounts = {
    checked: 0,
    membersExpired: 0,
    pointsExpired: 0,
    noticesChanged: 0,
  };
  const policy = program.expiry;
  if (policy.mode === "none") return result;
  const ids = inList(tx.dialect, candidates);
  const members = await tx.rows(
    `SELECT id, "expiringPoints", "expiringAt" FROM "Customer" WHERE id ${ids.sql} AND ${visit.due} ORDER BY id ${lockClause(tx)}`,
    [...ids.params, ...visit.params],
  );
  if (!members.length) return result;
  result.checked = members.length;
  const memberIds = members.map((row) => String(row.id));
  const ledgers = await movementsOf(tx, memberIds);
  const reason =
    policy.mode === "after_earning"
      ? `points older than ${policy.days} days`
      : `no activity for ${policy.days} days`;
  const records = memberIds.flatMap((customerId) => {
    const record = expiryToRecord(ledgers.get(customerId) ?? [], policy, now);
    return record
      ? [{ customerId, ...record, key: `expire:${customerId}:${record.keySuffix}` }]
      : [];
  });
  const byCustomer = new Map(records.map((record) => [record.customerId, record]));
  const applied = new Set<string>();
  if (records.length) {
    const entries = valuesCte(
      tx.dialect,
      "e",
      { id: "text", customerId: "text", points: "int", key: "text", snapshot: "json" },
      records.map((record) => [
        timeOrderedId(),
        record.customerId,
        -record.points,
        record.key,
        { policy, keySuffix: record.keySuffix },
      ]),
    );
    // `WHERE true`: SQLite would otherwise read ON CONFLICT as part of the SELECT's join.
    const inserted = await tx.rows<{ customerId: string }>(
      `WITH ${entries.cte} INSERT INTO "LedgerEntry" (id, shop, "customerId", kind, points, "idempotencyKey", reason, snapshot, "createdAt")
       SELECT e.id, ?, e."customerId", 'expire', e.points, e.key, ?, e.snapshot, ${typed(tx.dialect, "timestamp")} FROM e WHERE true
       ON CONFLICT (shop, "idempotencyKey") DO NOTHING RETURNING "customerId"`,
      [...entries.params, shop, reason, now],
    );
    for (const row of inserted) applied.add(String(row.customerId));
  }
  const rows = members.map((row) => {
    const customerId = String(row.id);
    const record = byCustomer.get(customerId);
    const expired = record && applied.has(customerId) ? record.points : 0;
    const ledger = ledgers.get(customerId) ?? [];
    if (expired) {
      ledger.push({ kind: "expire", points: -expired, createdAt: now, availableAt: null });
      result.membersExpired++;
      result.pointsExpired += expired;
    }
    const notice = expiringSoon(ledger, policy, now, program.expiryNoticeDays);
    // Notices counted for members with nothing due (a member who expired gets a new notice anyway).
    if (
      !record &&
      !sameNotice(notice, {
        points: decode.int(row.expiringPoints),
        at: decode.optionalDate(row.expiringAt),
      })
    )
      result.noticesChanged++;
    return [
      customerId,
      -expired,
      notice.points,
      notice.at,
      nextExpiryCheck(ledger, policy, now, program.expiryNoticeDays),
    ];
  });
  // Expiries do not count towards lifetime earned points (ledger.server countsTowardsLifetime).
  // updatedAt moves with the balance only, as a ledger append moves it.
  const { cte, params } = valuesCte(
    tx.dialect,
    "v",
    {
      id: "text",
      change: "int",
      expiringPoints: "int",
      expiringAt: "timestamp",
      nextCheck: "timestamp",
    },
    rows,
  );
  await tx.run(
    `WITH ${cte} UPDATE "Customer" SET balance = balance + v.change, "expiringPoints" = v."expiringPoints", "expiringAt" = v."expiringAt",
       "updatedAt" = CASE WHEN v.change <> 0 THEN ? ELSE "Customer"."updatedAt" END, "expiryCheckedAt" = ?, "expiryNextCheckAt" = v."nextCheck"
     FROM v WHERE "Customer".id = v.id`,
    [...params, now, now],
  );
  await markManyMetafieldsDirty(tx, shop, [...applied], now);
  return result;
}
