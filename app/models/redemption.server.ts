// Redemptions and their state machine (design §3). Every transition is a conditional update on the
// current status, so two instances (or a retry and a sweep) can never both apply it.
import { decode, planStable, type Sql } from "../db/sql.server";
import type { Reward } from "../loyalty/rewards";
import {
  OFFLINE_ACCESS_SUBQUERY,
  offlineAccessOf,
  offlineSessionId,
  type OfflineAccess,
} from "./offline-session.server";
import { SHOP_CONTEXT_COLUMNS, shopContextOf, type ShopContext } from "./program.server";
import { REWARD_COLUMNS, rewardOf } from "./reward.server";

// reserved → issued → used | expired | released | refunded; reserved → failed when Shopify refused.
// When Shopify's answer was lost, the outcome is unknown: reserved → voiding (its code is being looked up
// and deactivated) → failed; store credit cannot be looked up, so it goes to `unresolved` for staff.
// A code is worth its points once (design §7): a code seen on any order, or counted as used by
// Shopify, goes to `used` from any earlier status; from released, expired or failed its points are
// taken back again (decision 027). used → refunded when the order that used it is cancelled.
export type RedemptionStatus =
  | "reserved"
  | "voiding"
  | "unresolved"
  | "issued"
  | "used"
  | "released"
  | "failed"
  | "expired"
  | "refunded";

export interface RedemptionRecord {
  id: string;
  shop: string;
  customerId: string;
  rewardId: string;
  points: number;
  status: RedemptionStatus;
  code: string | null;
  discountId: string | null;
  expiresAt: Date | null;
  requestHash: string;
  usedByOrderId: string | null;
  /** The balance the first answer reported; null before it is issued (and for older rows). */
  balanceAfter: number | null;
}

const COLUMNS = `id, shop, "customerId", "rewardId", points, status, code, "discountId", "expiresAt", "requestHash", "usedByOrderId", "balanceAfter"`;

function record(row: Record<string, unknown>): RedemptionRecord {
  return {
    id: String(row.id),
    shop: String(row.shop),
    customerId: String(row.customerId),
    rewardId: String(row.rewardId),
    points: decode.int(row.points),
    status: row.status as RedemptionStatus,
    code: (row.code as string | null) ?? null,
    discountId: (row.discountId as string | null) ?? null,
    expiresAt: decode.optionalDate(row.expiresAt),
    requestHash: String(row.requestHash),
    usedByOrderId: (row.usedByOrderId as string | null) ?? null,
    balanceAfter:
      row.balanceAfter === null || row.balanceAfter === undefined
        ? null
        : decode.int(row.balanceAfter),
  };
}

export async function redemptionByKey(
  sql: Sql,
  shop: string,
  customerId: string,
  idempotencyKey: string,
): Promise<RedemptionRecord | null> {
  const [row] = await sql.rows(
    `SELECT ${COLUMNS} FROM "Redemption" WHERE shop = ? AND "customerId" = ? AND "idempotencyKey" = ?`,
    [shop, customerId, idempotencyKey],
  );
  return row ? record(row) : null;
}

export async function redemptionById(
  sql: Sql,
  shop: string,
  id: string,
): Promise<RedemptionRecord | null> {
  const [row] = await sql.rows(`SELECT ${COLUMNS} FROM "Redemption" WHERE shop = ? AND id = ?`, [
    shop,
    id,
  ]);
  return row ? record(row) : null;
}

/** What a shopper's redemption reads before it writes. */
export interface RedemptionRequestContext {
  /** null: the shop runs no Tally program. */
  shop: ShopContext | null;
  /** The shopper's member id; null: not a member yet. */
  memberId: string | null;
  /** null: no such reward in this shop. */
  reward: Reward | null;
  /** The shop's offline Admin API access; null: no session (the shop uninstalled). */
  offlineAccess: OfflineAccess | null;
}

/** The shop's context, the member, the reward and the shop's offline access, in one statement. */
export async function redemptionRequestContext(
  sql: Sql,
  shop: string,
  shopifyCustomerId: string,
  rewardId: string,
): Promise<RedemptionRequestContext> {
  const [row] = await sql.rows(
    `SELECT ctx.*, r.*, o.*,
       (SELECT c.id FROM "Customer" c WHERE c.shop = ? AND c."shopifyCustomerId" = ?) AS "memberId"
     FROM (SELECT 1 AS one) one
     LEFT JOIN (SELECT ${SHOP_CONTEXT_COLUMNS} FROM "Shop" s WHERE s.shop = ?) ctx ON TRUE
     LEFT JOIN (SELECT ${REWARD_COLUMNS} FROM "Reward" WHERE shop = ? AND id = ?) r ON TRUE
     LEFT JOIN (${OFFLINE_ACCESS_SUBQUERY}) o ON TRUE`,
    [shop, shopifyCustomerId, shop, shop, rewardId, offlineSessionId(shop)],
  );
  return {
    shop: shopContextOf(shop, row),
    memberId: row.memberId == null ? null : String(row.memberId),
    reward: row.id == null ? null : rewardOf(row),
    offlineAccess: offlineAccessOf(row),
  };
}

/**
 * Inserts a reservation; false when the same idempotency key won a concurrent race. The code is stored
 * before Shopify is asked to create it, so a reservation whose request died can still be settled.
 */
export async function insertReservation(
  sql: Sql,
  r: {
    id: string;
    shop: string;
    customerId: string;
    rewardId: string;
    points: number;
    idempotencyKey: string;
    requestHash: string;
    code: string | null;
    expiresAt: Date | null;
  },
  now: Date,
): Promise<boolean> {
  const inserted = await sql.rows(
    planStable(`INSERT INTO "Redemption" (id, shop, "customerId", "rewardId", points, status, code, "expiresAt", "idempotencyKey", "requestHash", "createdAt", "updatedAt")
     VALUES (?, ?, ?, ?, ?, 'reserved', ?, ?, ?, ?, ?, ?) ON CONFLICT (shop, "customerId", "idempotencyKey") DO NOTHING RETURNING id`),
    [
      r.id,
      r.shop,
      r.customerId,
      r.rewardId,
      r.points,
      r.code,
      r.expiresAt,
      r.idempotencyKey,
      r.requestHash,
      now,
      now,
    ],
  );
  return inserted.length > 0;
}

/** Moves a redemption from one status to another; false when it was no longer in `from`. */
export async function transition(
  sql: Sql,
  id: string,
  from: RedemptionStatus[],
  to: RedemptionStatus,
  now: Date,
  fields: {
    code?: string;
    discountId?: string | null;
    expiresAt?: Date;
    usedByOrderId?: string;
    failure?: string;
    balanceAfter?: number;
  } = {},
): Promise<boolean> {
  const sets = Object.keys(fields).map((name) => `"${name}" = ?`);
  const changed = await sql.run(
    `UPDATE "Redemption" SET status = ?, ${[...sets, `"updatedAt" = ?`].join(", ")} WHERE id = ? AND status IN (${from.map(() => "?").join(", ")})`,
    [to, ...Object.values(fields), now, id, ...from],
  );
  return changed === 1;
}

export interface CustomerRedemptionRow {
  id: string;
  rewardTitle: string;
  points: number;
  status: RedemptionStatus;
  code: string | null;
  expiresAt: Date | null;
  createdAt: Date;
}

/** A customer's redemptions in `statuses`, newest first, with the reward's title. */
export async function customerRedemptions(
  sql: Sql,
  shop: string,
  customerId: string,
  statuses: readonly RedemptionStatus[],
  limit: number,
): Promise<CustomerRedemptionRow[]> {
  const rows = await sql.rows(
    `SELECT r.id, w.title, r.points, r.status, r.code, r."expiresAt", r."createdAt"
     FROM "Redemption" r JOIN "Reward" w ON w.id = r."rewardId"
     WHERE r.shop = ? AND r."customerId" = ? AND r.status IN (${statuses.map(() => "?").join(", ")})
     ORDER BY r."createdAt" DESC, r.id DESC
     LIMIT ?`,
    [shop, customerId, ...statuses, limit],
  );
  return rows.map((row) => ({
    id: String(row.id),
    rewardTitle: String(row.title),
    points: decode.int(row.points),
    status: row.status as RedemptionStatus,
    code: (row.code as string | null) ?? null,
    expiresAt: decode.optionalDate(row.expiresAt),
    createdAt: decode.date(row.createdAt),
  }));
}

/** Redemptions whose code is one of `codes`, whatever their status (codes are unique per shop). */
export async function redemptionsWithCodes(
  sql: Sql,
  shop: string,
  codes: string[],
): Promise<RedemptionRecord[]> {
  if (!codes.length) return [];
  const rows = await sql.rows(
    `SELECT ${COLUMNS} FROM "Redemption" WHERE shop = ? AND code IN (${codes.map(() => "?").join(", ")})`,
    [shop, ...codes],
  );
  return rows.map(record);
}

export async function usedByOrder(
  sql: Sql,
  shop: string,
  shopifyOrderId: string,
): Promise<RedemptionRecord[]> {
  const rows = await sql.rows(
    `SELECT ${COLUMNS} FROM "Redemption" WHERE shop = ? AND status = 'used' AND "usedByOrderId" = ?`,
    [shop, shopifyOrderId],
  );
  return rows.map(record);
}

export async function expiredIssued(
  sql: Sql,
  now: Date,
  limit: number,
): Promise<RedemptionRecord[]> {
  const rows = await sql.rows(
    `SELECT ${COLUMNS} FROM "Redemption" WHERE status = 'issued' AND "expiresAt" <= ? ORDER BY "expiresAt" LIMIT ?`,
    [now, limit],
  );
  return rows.map(record);
}

/** Reservations whose request stopped before settling them (a crash, a lost answer), oldest first. */
export async function staleReservations(
  sql: Sql,
  untouchedSince: Date,
  limit: number,
): Promise<RedemptionRecord[]> {
  const rows = await sql.rows(
    `SELECT ${COLUMNS} FROM "Redemption" WHERE status IN ('reserved', 'voiding') AND "updatedAt" < ? ORDER BY "updatedAt" LIMIT ?`,
    [untouchedSince, limit],
  );
  return rows.map(record);
}
