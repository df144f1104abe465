// Referrals (decision 036): the advocate's code on the member, one Referral row per friend's code.
// Status changes are compare-and-set updates guarded by the statuses the domain allows before them,
// so two deliveries, two job runners or two staff clicks never both move a referral.
import { randomUUID } from "node:crypto";
import { decode, type Sql } from "../db/sql.server";
import type { ReferralWindow } from "../loyalty/analytics";
import { statusesBefore, type ReferralStatus } from "../loyalty/referrals";

export interface ReferralRecord {
  id: string;
  advocateId: string;
  friendCode: string;
  friendDiscountId: string | null;
  ipHash: string;
  status: ReferralStatus;
  reason: string | null;
  friendCustomerId: string | null;
  shopifyOrderId: string | null;
  orderSubtotal: number | null;
  orderPlacedAt: Date | null;
  completesAt: Date | null;
  completedAt: Date | null;
  advocatePoints: number;
  decidedBy: string | null;
  createdAt: Date;
}

const COLUMNS = `id, "advocateId", "friendCode", "friendDiscountId", "ipHash", status, reason, "friendCustomerId", "shopifyOrderId", "orderSubtotal", "orderPlacedAt", "completesAt", "completedAt", "advocatePoints", "decidedBy", "createdAt"`;

function record(row: Record<string, unknown>): ReferralRecord {
  return {
    id: String(row.id),
    advocateId: String(row.advocateId),
    friendCode: String(row.friendCode),
    friendDiscountId: (row.friendDiscountId as string | null) ?? null,
    ipHash: String(row.ipHash),
    status: String(row.status) as ReferralStatus,
    reason: (row.reason as string | null) ?? null,
    friendCustomerId: (row.friendCustomerId as string | null) ?? null,
    shopifyOrderId: (row.shopifyOrderId as string | null) ?? null,
    orderSubtotal: row.orderSubtotal == null ? null : decode.int(row.orderSubtotal),
    orderPlacedAt: decode.optionalDate(row.orderPlacedAt),
    completesAt: decode.optionalDate(row.completesAt),
    completedAt: decode.optionalDate(row.completedAt),
    advocatePoints: decode.int(row.advocatePoints),
    decidedBy: (row.decidedBy as string | null) ?? null,
    createdAt: decode.date(row.createdAt),
  };
}

const placeholders = (values: readonly unknown[]) => values.map(() => "?").join(", ");

// ── The advocate's code ──────────────────────────────────────────────────────────────────────────

export interface Advocate {
  id: string;
  email: string | null;
  referralCode: string | null;
}

export async function memberForReferralCode(
  sql: Sql,
  shop: string,
  code: string,
): Promise<Advocate | null> {
  const [row] = await sql.rows(
    `SELECT id, email, "referralCode" FROM "Customer" WHERE shop = ? AND "referralCode" = ? AND "redactedAt" IS NULL`,
    [shop, code],
  );
  return row
    ? { id: String(row.id), email: (row.email as string | null) ?? null, referralCode: code }
    : null;
}

export async function advocateById(sql: Sql, id: string): Promise<Advocate | null> {
  const [row] = await sql.rows(`SELECT id, email, "referralCode" FROM "Customer" WHERE id = ?`, [
    id,
  ]);
  return row
    ? {
        id: String(row.id),
        email: (row.email as string | null) ?? null,
        referralCode: (row.referralCode as string | null) ?? null,
      }
    : null;
}

/** Gives the member `code` unless they have one; false when they have one or `code` is taken. */
export async function claimReferralCode(sql: Sql, customerId: string, code: string) {
  const taken = await sql.rows(
    `SELECT 1 FROM "Customer" c WHERE c."referralCode" = ? AND c.shop = (SELECT shop FROM "Customer" WHERE id = ?)`,
    [code, customerId],
  );
  if (taken.length) return false;
  return (
    (await sql.run(
      `UPDATE "Customer" SET "referralCode" = ? WHERE id = ? AND "referralCode" IS NULL`,
      [code, customerId],
    )) > 0
  );
}

/** Normalised shipping addresses of the advocate's orders (the self-referral check). */
export async function shippingKeysOfMember(sql: Sql, customerId: string): Promise<string[]> {
  const rows = await sql.rows(
    `SELECT DISTINCT "shippingKey" FROM "Order" WHERE "customerId" = ? AND "shippingKey" IS NOT NULL LIMIT 100`,
    [customerId],
  );
  return rows.map((row) => String(row.shippingKey));
}

/** Paid orders of the customer other than `orderId`, plus referrals they already qualified for. */
export async function earlierOrdersOfFriend(
  sql: Sql,
  shop: string,
  customerId: string,
  orderId: string,
): Promise<number> {
  const [row] = await sql.rows(
    `SELECT (SELECT COUNT(*) FROM "Order" WHERE "customerId" = ? AND paid AND id <> ?)
          + (SELECT COUNT(*) FROM "Referral" WHERE shop = ? AND "friendCustomerId" = ? AND status IN ('qualified', 'held', 'completed')) AS n`,
    [customerId, orderId, shop, customerId],
  );
  return decode.int(row?.n);
}

// ── Referral rows ────────────────────────────────────────────────────────────────────────────────

export async function insertReferral(
  sql: Sql,
  shop: string,
  input: { advocateId: string; friendCode: string; ipHash: string },
  now: Date,
): Promise<ReferralRecord> {
  const [row] = await sql.rows(
    `INSERT INTO "Referral" (id, shop, "advocateId", "friendCode", "ipHash", status, "advocatePoints", "createdAt", "updatedAt")
     VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?) RETURNING ${COLUMNS}`,
    [randomUUID(), shop, input.advocateId, input.friendCode, input.ipHash, now, now],
  );
  return record(row);
}

export async function setFriendDiscountId(sql: Sql, id: string, discountId: string, now: Date) {
  await sql.run(`UPDATE "Referral" SET "friendDiscountId" = ?, "updatedAt" = ? WHERE id = ?`, [
    discountId,
    now,
    id,
  ]);
}

/** A referral whose Shopify code could not be made: never shown to anyone, so it goes. */
export async function dropPendingReferral(sql: Sql, id: string): Promise<void> {
  await sql.run(`DELETE FROM "Referral" WHERE id = ? AND status = 'pending'`, [id]);
}

/** The friend's pending code from this IP for this advocate, still valid: a reopened link. */
export async function openReferralFromIp(
  sql: Sql,
  shop: string,
  advocateId: string,
  ipHash: string,
  since: Date,
): Promise<ReferralRecord | null> {
  const [row] = await sql.rows(
    `SELECT ${COLUMNS} FROM "Referral" WHERE shop = ? AND "ipHash" = ? AND "createdAt" > ? AND "advocateId" = ? AND status = 'pending'
     ORDER BY "createdAt" DESC LIMIT 1`,
    [shop, ipHash, since, advocateId],
  );
  return row ? record(row) : null;
}

/** Referral links opened from one IP in [since, before). */
export async function linksFromIp(
  sql: Sql,
  shop: string,
  ipHash: string,
  since: Date,
  before: Date,
): Promise<number> {
  const [row] = await sql.rows(
    `SELECT COUNT(*) AS n FROM "Referral" WHERE shop = ? AND "ipHash" = ? AND "createdAt" >= ? AND "createdAt" < ?`,
    [shop, ipHash, since, before],
  );
  return decode.int(row?.n);
}

/** The advocate's referrals whose friend ordered since `since` and that were not turned down. */
export async function advocateReferralsSince(
  sql: Sql,
  advocateId: string,
  since: Date,
): Promise<number> {
  const [row] = await sql.rows(
    `SELECT COUNT(*) AS n FROM "Referral" WHERE "advocateId" = ? AND "orderPlacedAt" >= ? AND status IN ('qualified', 'held', 'completed')`,
    [advocateId, since],
  );
  return decode.int(row?.n);
}

export async function pendingReferralForCodes(
  sql: Sql,
  shop: string,
  codes: readonly string[],
): Promise<ReferralRecord | null> {
  if (!codes.length) return null;
  const [row] = await sql.rows(
    `SELECT ${COLUMNS} FROM "Referral" WHERE shop = ? AND "friendCode" IN (${placeholders(codes)}) AND status = 'pending' LIMIT 1`,
    [shop, ...codes],
  );
  return row ? record(row) : null;
}

export async function referralOfOrder(
  sql: Sql,
  shop: string,
  shopifyOrderId: string,
): Promise<ReferralRecord | null> {
  const [row] = await sql.rows(
    `SELECT ${COLUMNS} FROM "Referral" WHERE shop = ? AND "shopifyOrderId" = ?`,
    [shop, shopifyOrderId],
  );
  return row ? record(row) : null;
}

export async function referralById(
  sql: Sql,
  shop: string,
  id: string,
): Promise<ReferralRecord | null> {
  const [row] = await sql.rows(`SELECT ${COLUMNS} FROM "Referral" WHERE shop = ? AND id = ?`, [
    shop,
    id,
  ]);
  return row ? record(row) : null;
}

export interface ReferralChange {
  status: ReferralStatus;
  reason?: string | null;
  friendCustomerId?: string | null;
  shopifyOrderId?: string;
  orderSubtotal?: number;
  orderPlacedAt?: Date;
  completesAt?: Date;
  completedAt?: Date;
  advocatePoints?: number;
  decidedBy?: string;
}

const CHANGE_COLUMNS: Record<Exclude<keyof ReferralChange, "status">, string> = {
  reason: "reason",
  friendCustomerId: '"friendCustomerId"',
  shopifyOrderId: '"shopifyOrderId"',
  orderSubtotal: '"orderSubtotal"',
  orderPlacedAt: '"orderPlacedAt"',
  completesAt: '"completesAt"',
  completedAt: '"completedAt"',
  advocatePoints: '"advocatePoints"',
  decidedBy: '"decidedBy"',
};

/** Moves the referral to `change.status` if its status allows it now; false when it did not. */
export async function moveReferral(
  sql: Sql,
  id: string,
  change: ReferralChange,
  now: Date,
): Promise<boolean> {
  const from = statusesBefore(change.status);
  const sets = ["status = ?", '"updatedAt" = ?'];
  const values: unknown[] = [change.status, now];
  for (const [key, column] of Object.entries(CHANGE_COLUMNS)) {
    const value = change[key as keyof typeof CHANGE_COLUMNS];
    if (value === undefined) continue;
    sets.push(`${column} = ?`);
    values.push(value);
  }
  return (
    (await sql.run(
      `UPDATE "Referral" SET ${sets.join(", ")} WHERE id = ? AND status IN (${placeholders(from)})`,
      [...values, id, ...from],
    )) > 0
  );
}

/** Keeps the referred revenue equal to the friend's order's current earn base. */
export async function setReferredSubtotal(sql: Sql, id: string, subtotal: number, now: Date) {
  await sql.run(`UPDATE "Referral" SET "orderSubtotal" = ?, "updatedAt" = ? WHERE id = ?`, [
    subtotal,
    now,
    id,
  ]);
}

export async function dueReferrals(
  sql: Sql,
  shop: string,
  now: Date,
  limit: number,
): Promise<ReferralRecord[]> {
  const rows = await sql.rows(
    `SELECT ${COLUMNS} FROM "Referral" WHERE shop = ? AND status = 'qualified' AND "completesAt" <= ? ORDER BY "completesAt", id LIMIT ?`,
    [shop, now, limit],
  );
  return rows.map(record);
}

export interface ReferralListRow extends ReferralRecord {
  advocateEmail: string | null;
  advocateShopifyId: string;
}

/** Newest first; one advocate's when `advocateId` is given. */
export async function listReferrals(
  sql: Sql,
  shop: string,
  filter: { status?: ReferralStatus; advocateId?: string; limit: number },
): Promise<ReferralListRow[]> {
  const where = ["r.shop = ?"];
  const values: unknown[] = [shop];
  if (filter.status) {
    where.push("r.status = ?");
    values.push(filter.status);
  }
  if (filter.advocateId) {
    where.push('r."advocateId" = ?');
    values.push(filter.advocateId);
  }
  const rows = await sql.rows(
    `SELECT ${COLUMNS.split(", ")
      .map((column) => `r.${column}`)
      .join(", ")}, c.email AS "advocateEmail", c."shopifyCustomerId" AS "advocateShopifyId"
     FROM "Referral" r JOIN "Customer" c ON c.id = r."advocateId"
     WHERE ${where.join(" AND ")} ORDER BY r."createdAt" DESC, r.id DESC LIMIT ?`,
    [...values, filter.limit],
  );
  return rows.map((row) => ({
    ...record(row),
    advocateEmail: (row.advocateEmail as string | null) ?? null,
    advocateShopifyId: String(row.advocateShopifyId),
  }));
}

export interface ReferralFigures {
  links: number;
  converted: number;
  completed: number;
  held: number;
  /** Earn base of the friends' orders that were not reversed or rejected (shop minor units). */
  referredRevenue: number;
}

/**
 * The Analytics page's referral figures of one window starting at `since` (docs/analytics.md):
 * friend codes issued in it, and of them those completed by now; referrals completed in it and
 * their friends' orders' earn base. A reversed or rejected referral is never completed.
 */
export async function referralWindowFigures(
  sql: Sql,
  shop: string,
  since: Date,
): Promise<ReferralWindow> {
  const [row] = await sql.rows(
    `SELECT SUM(CASE WHEN "createdAt" >= ? THEN 1 ELSE 0 END) AS issued,
       SUM(CASE WHEN "createdAt" >= ? AND status = 'completed' THEN 1 ELSE 0 END) AS converted,
       SUM(CASE WHEN status = 'completed' AND "completedAt" >= ? THEN 1 ELSE 0 END) AS completed,
       SUM(CASE WHEN status = 'completed' AND "completedAt" >= ? THEN "orderSubtotal" ELSE 0 END) AS revenue
     FROM "Referral" WHERE shop = ? AND ("createdAt" >= ? OR "completedAt" >= ?)`,
    [since, since, since, since, shop, since, since],
  );
  return {
    issued: decode.int(row?.issued),
    issuedAndCompleted: decode.int(row?.converted),
    completed: decode.int(row?.completed),
    referredRevenue: decode.int(row?.revenue),
  };
}

export async function referralFigures(
  sql: Sql,
  shop: string,
  since: Date,
): Promise<ReferralFigures> {
  const [row] = await sql.rows(
    `SELECT COUNT(*) AS links,
       SUM(CASE WHEN status IN ('qualified', 'held', 'completed') THEN 1 ELSE 0 END) AS converted,
       SUM(CASE WHEN status = 'completed' THEN 1 ELSE 0 END) AS completed,
       SUM(CASE WHEN status = 'held' THEN 1 ELSE 0 END) AS held,
       SUM(CASE WHEN status IN ('qualified', 'held', 'completed') THEN "orderSubtotal" ELSE 0 END) AS revenue
     FROM "Referral" WHERE shop = ? AND "createdAt" >= ?`,
    [shop, since],
  );
  return {
    links: decode.int(row?.links),
    converted: decode.int(row?.converted),
    completed: decode.int(row?.completed),
    held: decode.int(row?.held),
    referredRevenue: decode.int(row?.revenue),
  };
}
