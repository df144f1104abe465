// Order facts merged from every delivery. Deliveries can come twice, late or out of order, so each
// field is merged monotonically: paid and cancelled only ever become true, refunds are a set keyed
// by refund id, and line items are replaced only by a newer version of the order.
import type { Prisma } from "@prisma/client";
import type { Tx } from "../db.server";
import type { OrderFacts, OrderLine, OrderRefund } from "../loyalty/types";

export type OrderRow = Prisma.OrderGetPayload<object>;

export interface OrderFactsUpdate {
  shopifyOrderId: string;
  /** Absent when the delivery (a refund) does not describe the order itself. */
  order?: {
    name: string | null;
    currencyCode: string;
    placedAt: Date;
    updatedAt: Date;
    customerId: string | null;
    lines: OrderLine[];
    paid: boolean;
    cancelled: boolean;
  };
  refunds: OrderRefund[];
}

const NEVER = new Date(0);

/**
 * Merges the update into the stored order and returns the row as it was before and after.
 * The first write is the ledgerSeq increment: on PostgreSQL it locks the order's row, so two
 * deliveries of one order are processed one after the other; on SQLite writers are serialised.
 */
export async function mergeOrderFacts(tx: Tx, shop: string, update: OrderFactsUpdate): Promise<{ before: OrderRow | null; after: OrderRow }> {
  const key = { shop_shopifyOrderId: { shop, shopifyOrderId: update.shopifyOrderId } };
  const locked = await tx.order.updateMany({ where: { shop, shopifyOrderId: update.shopifyOrderId }, data: { ledgerSeq: { increment: 1 } } });
  const before = locked.count ? await tx.order.findUniqueOrThrow({ where: key }) : null;
  const incoming = update.order;
  let after: OrderRow;
  if (!before) {
    after = await tx.order.create({
      data: {
        shop,
        shopifyOrderId: update.shopifyOrderId,
        name: incoming?.name ?? null,
        currencyCode: incoming?.currencyCode ?? "XXX",
        placedAt: incoming?.placedAt ?? new Date(),
        factsUpdatedAt: incoming?.updatedAt ?? NEVER,
        lines: (incoming?.lines ?? []) as unknown as Prisma.InputJsonValue,
        paid: incoming?.paid ?? false,
        cancelled: incoming?.cancelled ?? false,
        customerId: incoming?.customerId ?? null,
        ledgerSeq: 1,
      },
    });
  } else if (incoming) {
    const newer = incoming.updatedAt >= before.factsUpdatedAt;
    after = await tx.order.update({
      where: { id: before.id },
      data: {
        paid: before.paid || incoming.paid,
        cancelled: before.cancelled || incoming.cancelled,
        ...(newer
          ? {
              name: incoming.name,
              currencyCode: incoming.currencyCode,
              placedAt: incoming.placedAt,
              factsUpdatedAt: incoming.updatedAt,
              lines: incoming.lines as unknown as Prisma.InputJsonValue,
              customerId: incoming.customerId ?? before.customerId,
            }
          : { customerId: before.customerId ?? incoming.customerId }),
      },
    });
  } else {
    after = before;
  }
  for (const refund of update.refunds) {
    await tx.orderRefund.upsert({
      where: { shop_shopifyRefundId: { shop, shopifyRefundId: refund.refundId } },
      create: { shop, orderId: after.id, shopifyRefundId: refund.refundId, lines: refund.lines as unknown as Prisma.InputJsonValue },
      update: {},
    });
  }
  return { before, after };
}

export async function orderFacts(tx: Tx, order: OrderRow, shopifyCustomerId: string | null): Promise<OrderFacts> {
  const refunds = await tx.orderRefund.findMany({ where: { orderId: order.id }, orderBy: { shopifyRefundId: "asc" } });
  return {
    orderId: order.shopifyOrderId,
    customerId: shopifyCustomerId,
    placedAt: order.placedAt,
    lines: order.lines as unknown as OrderLine[],
    refunds: refunds.map((refund) => ({ refundId: refund.shopifyRefundId, lines: refund.lines as unknown as OrderRefund["lines"] })),
    cancelled: order.cancelled,
    paid: order.paid,
  };
}
