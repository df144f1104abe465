// Reads the order backfill's JSONL (documents/bulk-orders.ts) one order at a time: with
// groupObjects, an order's line items and refund lines follow it directly, so an order is complete
// when the next order (a line without __parentId) starts. Memory holds one order.
import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import { currencyExponent } from "../loyalty/currency";
import { parseDecimalToMinor } from "../loyalty/money";
import type { OrderLine, OrderRefund } from "../loyalty/types";
import type { OrderDelivery } from "./webhooks/order-delivery";

interface Money {
  shopMoney: { amount: string };
}
interface BulkOrder {
  id: string;
  name: string | null;
  createdAt: string;
  updatedAt: string;
  cancelledAt: string | null;
  displayFinancialStatus: string | null;
  discountCodes: string[];
  totalPriceSet: { shopMoney: { currencyCode: string } };
  customer: {
    id: string;
    /** Absent in files written before the query selected it. */
    createdAt?: string | null;
    firstName: string | null;
    lastName: string | null;
    defaultEmailAddress: { emailAddress: string | null } | null;
  } | null;
  refunds: { id: string }[];
}
interface BulkLineItem {
  id: string;
  quantity: number;
  currentQuantity: number;
  isGiftCard: boolean;
  product: { id: string } | null;
  variant: { id: string } | null;
  originalUnitPriceSet: Money;
  discountAllocations: { allocatedAmountSet: Money }[];
  __parentId: string;
}
interface BulkRefundLine {
  lineItem: { id: string };
  quantity: number;
  subtotalSet: Money;
  __parentId: string;
}

const PAID = new Set(["PAID", "PARTIALLY_REFUNDED", "REFUNDED"]);
const legacyId = (gid: string) => gid.split("/").pop()!;

class Pending {
  lineItems: BulkLineItem[] = [];
  refundLines = new Map<string, BulkRefundLine[]>();
  constructor(readonly order: BulkOrder) {}

  add(child: BulkLineItem | BulkRefundLine): void {
    if (child.__parentId === this.order.id) this.lineItems.push(child as BulkLineItem);
    else if (this.order.refunds.some((refund) => refund.id === child.__parentId)) {
      const lines = this.refundLines.get(child.__parentId) ?? [];
      lines.push(child as BulkRefundLine);
      this.refundLines.set(child.__parentId, lines);
    } else
      throw new Error(
        `line of ${child.__parentId} is not part of order ${this.order.id} (was the file requested with groupObjects?)`,
      );
  }

  delivery(): OrderDelivery {
    const { order } = this;
    const currencyCode = order.totalPriceSet.shopMoney.currencyCode;
    const exponent = currencyExponent(currencyCode);
    const minor = (money: Money) => parseDecimalToMinor(money.shopMoney.amount, exponent);
    const refunds: OrderRefund[] = order.refunds.map((refund) => ({
      refundId: legacyId(refund.id),
      lines: (this.refundLines.get(refund.id) ?? []).map((line) => ({
        lineId: legacyId(line.lineItem.id),
        quantity: line.quantity,
        subtotal: minor(line.subtotalSet),
      })),
    }));
    const refunded = new Map<string, number>();
    for (const refund of refunds)
      for (const line of refund.lines)
        refunded.set(line.lineId, (refunded.get(line.lineId) ?? 0) + line.quantity);
    const lines: OrderLine[] = this.lineItems.map((item) => {
      const lineId = legacyId(item.id);
      return {
        lineId,
        productId: item.product ? legacyId(item.product.id) : null,
        variantId: item.variant ? legacyId(item.variant.id) : null,
        collectionIds: [],
        // As for webhooks: quantity after edits, refunds counted separately.
        quantity: Math.min(item.quantity, item.currentQuantity + (refunded.get(lineId) ?? 0)),
        originalQuantity: item.quantity,
        unitPrice: minor(item.originalUnitPriceSet),
        discount: item.discountAllocations.reduce(
          (sum, allocation) => sum + minor(allocation.allocatedAmountSet),
          0,
        ),
        isGiftCard: item.isGiftCard,
      };
    });
    return {
      shopifyOrderId: legacyId(order.id),
      name: order.name,
      currencyCode,
      placedAt: new Date(order.createdAt),
      updatedAt: new Date(order.updatedAt),
      customer: order.customer
        ? {
            shopifyCustomerId: legacyId(order.customer.id),
            email: order.customer.defaultEmailAddress?.emailAddress ?? null,
            firstName: order.customer.firstName,
            lastName: order.customer.lastName,
            createdAt: order.customer.createdAt ? new Date(order.customer.createdAt) : null,
          }
        : null,
      lines,
      refunds,
      paid: PAID.has(order.displayFinancialStatus ?? ""),
      cancelled: order.cancelledAt !== null,
      discountCodes: order.discountCodes,
      // Past orders are not referral candidates (decision 036); the address is not read here.
      shippingKey: null,
    };
  }
}

/** An order as a paged `orders` query reads it (documents/reconcile-orders.ts): children nested. */
export interface PagedOrder extends Omit<BulkOrder, "refunds"> {
  lineItems: { pageInfo: { hasNextPage: boolean }; nodes: Omit<BulkLineItem, "__parentId">[] };
  refunds: {
    id: string;
    refundLineItems: {
      pageInfo: { hasNextPage: boolean };
      nodes: Omit<BulkRefundLine, "__parentId">[];
    };
  }[];
}

/**
 * The delivery of an order read by a paged query, through the same conversion as the bulk file's.
 * `complete` is false when the page held only part of its line items or refund lines.
 */
export function orderFromPage(node: PagedOrder): { delivery: OrderDelivery; complete: boolean } {
  const { lineItems, refunds, ...order } = node;
  const pending = new Pending({ ...order, refunds: refunds.map((refund) => ({ id: refund.id })) });
  for (const item of lineItems.nodes) pending.add({ ...item, __parentId: node.id });
  for (const refund of refunds)
    for (const line of refund.refundLineItems.nodes)
      pending.add({ ...line, __parentId: refund.id });
  const complete =
    !lineItems.pageInfo.hasNextPage &&
    refunds.every((refund) => !refund.refundLineItems.pageInfo.hasNextPage);
  return { delivery: pending.delivery(), complete };
}

/** Yields each order of the file as the delivery the webhook path applies. */
export async function* ordersFromJsonl(
  body: ReadableStream<Uint8Array> | Readable,
): AsyncGenerator<OrderDelivery> {
  const input =
    body instanceof Readable
      ? body
      : Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>);
  let pending: Pending | null = null;
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    if (!text.trim()) continue;
    const line = JSON.parse(text) as (BulkOrder | BulkLineItem | BulkRefundLine) & {
      __parentId?: string;
    };
    if (line.__parentId === undefined) {
      if (pending) yield pending.delivery();
      pending = new Pending(line as BulkOrder);
    } else {
      if (!pending) throw new Error("the file starts with a child line");
      pending.add(line as BulkLineItem | BulkRefundLine);
    }
  }
  if (pending) yield pending.delivery();
}
