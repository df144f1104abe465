// Order facts merged from every delivery. Deliveries can come twice, late or out of order, so each
// field is merged monotonically: paid and cancelled only ever become true, refunds are a set keyed
// by refund id, and line items and the customer (or none, for a guest order) are replaced only by a
// newer version of the order.
import { randomUUID } from "node:crypto";
import { decode, planStable, type Sql } from "../db/sql.server";
import { inList } from "../db/values-list";
import type { KnownOrderState } from "../loyalty/order-difference";
import type { OrderFacts, OrderLine, OrderRefund } from "../loyalty/types";

export interface OrderRecord {
  id: string;
  shopifyOrderId: string;
  customerId: string | null;
  placedAt: Date;
  lines: OrderLine[];
  paid: boolean;
  cancelled: boolean;
  subtotal: number;
  pointsCredited: number;
  countedSpend: number;
  earnContext: unknown;
  programVersionId: string | null;
  ledgerSeq: number;
  /** False for a past order the backfill brought in without points (tiers and analytics only). */
  earnsPoints: boolean;
  /** The member holding pointsCredited, countedSpend and the order count (decision 027). */
  creditedCustomerId: string | null;
  /** Every refund stored for the order, by refund id, this delivery's included. */
  refunds: OrderRefund[];
}

export interface OrderFactsUpdate {
  shopifyOrderId: string;
  /** Absent when the delivery (a refund) does not describe the order itself. */
  order?: {
    name: string | null;
    currencyCode: string;
    placedAt: Date;
    updatedAt: Date;
    /** The order's customer (already upserted in this transaction), or null for a guest order. */
    customer: { shopifyCustomerId: string } | null;
    lines: OrderLine[];
    paid: boolean;
    cancelled: boolean;
    /** Normalised shipping address (decision 036); absent keeps what is stored. */
    shippingKey?: string | null;
  };
  refunds: OrderRefund[];
}

const ORDER_COLUMNS = `id, "shopifyOrderId", "customerId", "placedAt", lines, paid, cancelled, subtotal, "pointsCredited", "countedSpend", "earnContext", "programVersionId", "ledgerSeq", "earnsPoints", "creditedCustomerId"`;
const NEVER = new Date(0);

function record(row: Record<string, unknown>, refunds: OrderRefund[]): OrderRecord {
  return {
    id: String(row.id),
    shopifyOrderId: String(row.shopifyOrderId),
    customerId: (row.customerId as string | null) ?? null,
    placedAt: decode.date(row.placedAt),
    lines: decode.json<OrderLine[]>(row.lines),
    paid: decode.bool(row.paid),
    cancelled: decode.bool(row.cancelled),
    subtotal: decode.int(row.subtotal),
    pointsCredited: decode.int(row.pointsCredited),
    countedSpend: decode.int(row.countedSpend),
    earnContext: row.earnContext == null ? null : decode.json(row.earnContext),
    programVersionId: (row.programVersionId as string | null) ?? null,
    ledgerSeq: decode.int(row.ledgerSeq),
    earnsPoints: decode.bool(row.earnsPoints),
    creditedCustomerId: (row.creditedCustomerId as string | null) ?? null,
    refunds,
  };
}

const refundOf = (row: { shopifyRefundId: unknown; lines: unknown }): OrderRefund => ({
  refundId: String(row.shopifyRefundId),
  lines: decode.json<OrderRefund["lines"]>(row.lines),
});

// "newer" = this delivery describes a later version of the order than the one stored.
const NEWER = `excluded."factsUpdatedAt" >= "Order"."factsUpdatedAt"`;

/**
 * Merges the update into the stored order and returns it. Every merge bumps ledgerSeq, so the
 * upsert row-locks the order on PostgreSQL: two deliveries of one order are applied one after the
 * other (SQLite serialises writers anyway). The merge, the refunds and the read of the order's
 * refunds are sent together: one round trip (decision 044). The order's customer is looked up by
 * its Shopify id in the merge itself, so the customer's upsert can travel in the same round trip.
 */
export async function mergeOrderFacts(
  sql: Sql,
  shop: string,
  update: OrderFactsUpdate,
  now: Date,
): Promise<OrderRecord> {
  const incoming = update.order;
  const merged = incoming
    ? sql.rows(
        `INSERT INTO "Order" (id, shop, "shopifyOrderId", name, "currencyCode", "placedAt", "factsUpdatedAt", lines, paid, cancelled, "customerId", "shippingKey", "ledgerSeq", "createdAt", "updatedAt")
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT id FROM "Customer" WHERE shop = ? AND "shopifyCustomerId" = ?), ?, 1, ?, ?)
         ON CONFLICT (shop, "shopifyOrderId") DO UPDATE SET
           "ledgerSeq" = "Order"."ledgerSeq" + 1,
           paid = ("Order".paid OR excluded.paid),
           cancelled = ("Order".cancelled OR excluded.cancelled),
           name = CASE WHEN ${NEWER} THEN excluded.name ELSE "Order".name END,
           "currencyCode" = CASE WHEN ${NEWER} THEN excluded."currencyCode" ELSE "Order"."currencyCode" END,
           "placedAt" = CASE WHEN ${NEWER} THEN excluded."placedAt" ELSE "Order"."placedAt" END,
           lines = CASE WHEN ${NEWER} THEN excluded.lines ELSE "Order".lines END,
           "customerId" = CASE WHEN ${NEWER} THEN excluded."customerId" ELSE "Order"."customerId" END,
           "shippingKey" = COALESCE(excluded."shippingKey", "Order"."shippingKey"),
           "factsUpdatedAt" = CASE WHEN ${NEWER} THEN excluded."factsUpdatedAt" ELSE "Order"."factsUpdatedAt" END,
           "updatedAt" = excluded."updatedAt"
         RETURNING ${ORDER_COLUMNS}`,
        [
          randomUUID(),
          shop,
          update.shopifyOrderId,
          incoming.name,
          incoming.currencyCode,
          incoming.placedAt,
          incoming.updatedAt,
          incoming.lines,
          incoming.paid,
          incoming.cancelled,
          shop,
          // No customer has an empty id: a guest order's subquery finds none.
          incoming.customer?.shopifyCustomerId ?? "",
          incoming.shippingKey ?? null,
          now,
          now,
        ],
      )
    : sql.rows(
        // A refund of an order not seen yet: a placeholder that any real version of the order replaces.
        `INSERT INTO "Order" (id, shop, "shopifyOrderId", "currencyCode", "placedAt", "factsUpdatedAt", lines, paid, cancelled, "ledgerSeq", "createdAt", "updatedAt")
         VALUES (?, ?, ?, 'XXX', ?, ?, '[]', FALSE, FALSE, 1, ?, ?)
         ON CONFLICT (shop, "shopifyOrderId") DO UPDATE SET "ledgerSeq" = "Order"."ledgerSeq" + 1, "updatedAt" = excluded."updatedAt"
         RETURNING ${ORDER_COLUMNS}`,
        [randomUUID(), shop, update.shopifyOrderId, now, NEVER, now, now],
      );
  for (const refund of update.refunds)
    sql.enqueue(
      `INSERT INTO "OrderRefund" (id, shop, "orderId", "shopifyRefundId", lines, "createdAt")
       SELECT ?, ?, o.id, ?, ?, ? FROM "Order" o WHERE o.shop = ? AND o."shopifyOrderId" = ?
       ON CONFLICT (shop, "shopifyRefundId") DO NOTHING`,
      [randomUUID(), shop, refund.refundId, refund.lines, now, shop, update.shopifyOrderId],
    );
  const refunds = sql.rows<{ shopifyRefundId: string; lines: unknown }>(
    `SELECT r."shopifyRefundId", r.lines FROM "OrderRefund" r JOIN "Order" o ON o.id = r."orderId"
     WHERE o.shop = ? AND o."shopifyOrderId" = ? ORDER BY r."shopifyRefundId"`,
    [shop, update.shopifyOrderId],
  );
  const [[row], refundRows] = await Promise.all([merged, refunds]);
  return record(row, refundRows.map(refundOf));
}

export interface OrderSettlement {
  subtotal: number;
  pointsCredited: number;
  countedSpend: number;
  /** Set once, the first time the order earns (again after a change of customer). */
  earnContext?: unknown;
  programVersionId?: string;
  /** Who holds pointsCredited and countedSpend from now on. */
  creditedCustomerId: string | null;
}

export function settleOrder(
  sql: Sql,
  orderId: string,
  settlement: OrderSettlement,
  now: Date,
): void {
  sql.enqueue(
    planStable(
      `UPDATE "Order" SET subtotal = ?, "pointsCredited" = ?, "countedSpend" = ?, "earnContext" = COALESCE("earnContext", ?), "programVersionId" = COALESCE("programVersionId", ?), "creditedCustomerId" = ?, "updatedAt" = ? WHERE id = ?`,
    ),
    [
      settlement.subtotal,
      settlement.pointsCredited,
      settlement.countedSpend,
      settlement.earnContext ?? null,
      settlement.programVersionId ?? null,
      settlement.creditedCustomerId,
      now,
      orderId,
    ],
  );
}

/**
 * The order left its holder (another customer, or a guest order): what the holder was credited and
 * counted is taken back by the caller, and the order earns afresh for its current customer.
 */
export function clearOrderHolding(sql: Sql, orderId: string): void {
  sql.enqueue(
    `UPDATE "Order" SET "pointsCredited" = 0, "countedSpend" = 0, "earnContext" = NULL, "creditedCustomerId" = NULL WHERE id = ?`,
    [orderId],
  );
}

/** Everything known about the order, as the domain sees it. */
export function factsOfOrder(
  order: Pick<
    OrderRecord,
    "shopifyOrderId" | "placedAt" | "lines" | "cancelled" | "paid" | "refunds"
  >,
  shopifyCustomerId: string | null,
): OrderFacts {
  return {
    orderId: order.shopifyOrderId,
    customerId: shopifyCustomerId,
    placedAt: order.placedAt,
    lines: order.lines,
    refunds: order.refunds,
    cancelled: order.cancelled,
    paid: order.paid,
  };
}

/** factsOfOrder for an order whose refunds are read here. */
export async function orderFacts(
  sql: Sql,
  order: Pick<OrderRecord, "id" | "shopifyOrderId" | "placedAt" | "lines" | "cancelled" | "paid">,
  shopifyCustomerId: string | null,
): Promise<OrderFacts> {
  const refunds = await sql.rows<{ shopifyRefundId: string; lines: unknown }>(
    `SELECT "shopifyRefundId", lines FROM "OrderRefund" WHERE "orderId" = ? ORDER BY "shopifyRefundId"`,
    [order.id],
  );
  return factsOfOrder({ ...order, refunds: refunds.map(refundOf) }, shopifyCustomerId);
}

/** Marks an order that must never earn points (a past order backfilled without points). */
export function markOrderWithoutPoints(sql: Sql, orderId: string): void {
  sql.enqueue(`UPDATE "Order" SET "earnsPoints" = FALSE WHERE id = ?`, [orderId]);
}

/** What Tally knows of each of these orders (absent: never seen), to compare with Shopify's version. */
export async function knownOrders(
  sql: Sql,
  shop: string,
  shopifyOrderIds: readonly string[],
): Promise<Map<string, KnownOrderState>> {
  const known = new Map<string, KnownOrderState>();
  if (!shopifyOrderIds.length) return known;
  const list = inList(sql.dialect, shopifyOrderIds);
  const rows = await sql.rows(
    `SELECT o.id, o."shopifyOrderId", o.paid, o.cancelled, o."factsUpdatedAt", o.lines, c."shopifyCustomerId", c."redactedAt"
     FROM "Order" o LEFT JOIN "Customer" c ON c.id = o."customerId"
     WHERE o.shop = ? AND o."shopifyOrderId" ${list.sql}`,
    [shop, ...list.params],
  );
  if (!rows.length) return known;
  const byId = new Map<string, KnownOrderState>();
  for (const row of rows) {
    const state: KnownOrderState = {
      paid: decode.bool(row.paid),
      cancelled: decode.bool(row.cancelled),
      factsUpdatedAt: decode.date(row.factsUpdatedAt),
      shopifyCustomerId: (row.shopifyCustomerId as string | null) ?? null,
      customerRedacted: row.redactedAt != null,
      lines: decode.json<OrderLine[]>(row.lines),
      refundIds: [],
    };
    known.set(String(row.shopifyOrderId), state);
    byId.set(String(row.id), state);
  }
  const orders = inList(sql.dialect, [...byId.keys()]);
  const refunds = await sql.rows(
    `SELECT "orderId", "shopifyRefundId" FROM "OrderRefund" WHERE "orderId" ${orders.sql}`,
    orders.params,
  );
  for (const refund of refunds)
    byId.get(String(refund.orderId))?.refundIds.push(String(refund.shopifyRefundId));
  return known;
}
