// Reconciliation of missed webhooks (docs/decisions/030): does Shopify's current version of an order
// say something Tally does not know yet? Only what the shared order path would change counts: paid
// and cancelled only ever become true, refunds are a set, and the customer and line items are taken
// only from a version at least as new as the one stored. So an order reported here is exactly one
// whose application changes Tally's facts, and re-checking a reconciled order reports nothing.
import type { OrderLine } from "./types";

/** What Tally knows of an order (its merged facts). */
export interface KnownOrderState {
  paid: boolean;
  cancelled: boolean;
  /** The version of the order its customer and lines come from (Shopify's updated_at). */
  factsUpdatedAt: Date;
  shopifyCustomerId: string | null;
  /**
   * The order's member was erased (customers/redact): Shopify may still name the customer on the
   * order, but Tally must not link it again (nor re-create the member from the order).
   */
  customerRedacted: boolean;
  lines: OrderLine[];
  refundIds: string[];
}

/** Shopify's current version of the order. */
export interface CurrentOrderState {
  paid: boolean;
  cancelled: boolean;
  updatedAt: Date;
  shopifyCustomerId: string | null;
  lines: OrderLine[];
  refundIds: string[];
}

export type OrderDifference = "unknown" | "paid" | "cancelled" | "refunds" | "customer" | "lines";

/** The values a line earns on, in a comparable form (ids as text, amounts as integers). */
function lineKey(line: OrderLine): string {
  return JSON.stringify([
    String(line.lineId),
    line.productId === null ? null : String(line.productId),
    line.variantId === null ? null : String(line.variantId),
    line.quantity,
    line.originalQuantity,
    String(line.unitPrice),
    String(line.discount),
    line.isGiftCard,
  ]);
}

const sameLines = (a: OrderLine[], b: OrderLine[]) => {
  if (a.length !== b.length) return false;
  const left = a.map(lineKey).sort();
  const right = b.map(lineKey).sort();
  return left.every((key, index) => key === right[index]);
};

/** The first thing Tally does not know of the order yet, or null when it knows everything. */
export function orderDifference(
  known: KnownOrderState | null,
  current: CurrentOrderState,
): OrderDifference | null {
  if (!known) return "unknown";
  if (current.paid && !known.paid) return "paid";
  if (current.cancelled && !known.cancelled) return "cancelled";
  const refunds = new Set(known.refundIds);
  if (current.refundIds.some((id) => !refunds.has(id))) return "refunds";
  // An older version than the stored one is not applied to customer and lines by the order path.
  if (current.updatedAt.getTime() < known.factsUpdatedAt.getTime()) return null;
  if (
    current.shopifyCustomerId !== null &&
    current.shopifyCustomerId !== known.shopifyCustomerId &&
    !known.customerRedacted
  )
    return "customer";
  if (!sameLines(known.lines, current.lines)) return "lines";
  return null;
}
