// Orders as the Admin GraphQL API holds them, for the stand-in's order queries (order backfill,
// reconciliation). `sameOrderTwice` gives one order both as the stand-in holds it and as its webhook
// payload, so a test can deliver, delay or withhold the webhook of an order Shopify has.
import { connection } from "../../admin-api-standin/resolver-kit";
import { decimal, orderPayload } from "./webhook-payloads";

export interface BulkOrderSpec {
  id: number;
  createdAt: string;
  /** Defaults to createdAt. */
  updatedAt?: string;
  /** createdAt: when Shopify created the customer (default: the order's createdAt). */
  customer?: { id: number; email?: string; createdAt?: string } | null;
  lines: {
    id: number;
    price: number;
    quantity?: number;
    productId?: number;
    variantId?: number;
    discount?: number;
  }[];
  paid?: boolean;
  cancelledAt?: string | null;
  refunds?: { id: number; lines: { lineId: number; quantity: number; subtotal: number }[] }[];
  currency?: string;
}

export function bulkOrder(spec: BulkOrderSpec): Record<string, unknown> {
  const currency = spec.currency ?? "USD";
  const money = (minor: number) => ({
    shopMoney: { amount: decimal(minor, currency), currencyCode: currency },
  });
  const refunded = spec.refunds?.length ? "PARTIALLY_REFUNDED" : "PAID";
  return {
    id: `gid://shopify/Order/${spec.id}`,
    name: `#${spec.id}`,
    createdAt: spec.createdAt,
    updatedAt: spec.updatedAt ?? spec.createdAt,
    cancelledAt: spec.cancelledAt ?? null,
    displayFinancialStatus: spec.paid === false ? "PENDING" : refunded,
    discountCodes: [],
    totalPriceSet: money(0),
    customer: spec.customer
      ? {
          id: `gid://shopify/Customer/${spec.customer.id}`,
          firstName: "Past",
          lastName: "Buyer",
          createdAt: spec.customer.createdAt ?? spec.createdAt,
          defaultEmailAddress: {
            emailAddress: spec.customer.email ?? `customer${spec.customer.id}@example.com`,
          },
        }
      : null,
    lineItems: connection(
      spec.lines.map((line) => ({
        id: `gid://shopify/LineItem/${line.id}`,
        quantity: line.quantity ?? 1,
        currentQuantity:
          (line.quantity ?? 1) -
          (spec.refunds ?? [])
            .flatMap((refund) => refund.lines)
            .filter((refund) => refund.lineId === line.id)
            .reduce((sum, refund) => sum + refund.quantity, 0),
        isGiftCard: false,
        product: { id: `gid://shopify/Product/${line.productId ?? 1}` },
        variant: line.variantId ? { id: `gid://shopify/ProductVariant/${line.variantId}` } : null,
        originalUnitPriceSet: money(line.price),
        discountAllocations: line.discount ? [{ allocatedAmountSet: money(line.discount) }] : [],
      })),
    ),
    refunds: () =>
      (spec.refunds ?? []).map((refund) => ({
        id: `gid://shopify/Refund/${refund.id}`,
        refundLineItems: connection(
          refund.lines.map((line) => ({
            lineItem: { id: `gid://shopify/LineItem/${line.lineId}` },
            quantity: line.quantity,
            subtotalSet: money(line.subtotal),
          })),
        ),
      })),
  };
}

/** One order as Shopify holds it (`admin`) and as its orders/* webhook carries it (`payload`). */
export function sameOrderTwice(spec: BulkOrderSpec) {
  const productOf = (line: BulkOrderSpec["lines"][number]) => line.productId ?? 1;
  const lines = spec.lines.map((line) => ({
    ...line,
    productId: productOf(line),
    variantId: productOf(line) * 10,
  }));
  return {
    admin: bulkOrder({ ...spec, lines }),
    payload: orderPayload({
      id: spec.id,
      customer: spec.customer ?? null,
      createdAt: spec.createdAt,
      updatedAt: spec.updatedAt ?? spec.createdAt,
      financialStatus:
        spec.paid === false ? "pending" : spec.refunds?.length ? "partially_refunded" : "paid",
      cancelledAt: spec.cancelledAt ?? null,
      currency: spec.currency,
      lines: lines.map((line) => ({
        lineId: line.id,
        price: line.price,
        quantity: line.quantity,
        productId: line.productId,
        discount: line.discount,
      })),
      refunds: spec.refunds?.map((refund) => ({ ...refund, orderId: spec.id })),
    }),
  };
}
