// The points an order will earn, estimated in the browser for the checkout block and the thank-you page. The ledger credits
// the exact figure when the order is paid; this is "about" because it cannot see product, collection
// or campaign multipliers and the app earns on shop money.
import type { LoyaltyStatus } from "./status";

interface Money {
  amount: number;
  currencyCode: string;
}

export interface OrderCost {
  subtotal: Money;
  total: Money;
  shipping?: Money;
  tax?: Money;
}

/**
 * The earn base (merchandise after discounts, without shipping, taxes or tips) times the customer's
 * earn rate from the metafield, rounded down like the ledger. Null when no rate is published or the
 * order is in another currency than the rate.
 */
export function estimateOrderPoints(cost: OrderCost, earn: LoyaltyStatus["earn"]): number | null {
  if (
    !earn ||
    earn.currency !== cost.subtotal.currencyCode ||
    cost.total.currencyCode !== earn.currency
  )
    return null;
  // Total minus shipping and tax drops order-level discounts too; the subtotal caps it (tips raise totals).
  const afterDiscounts = cost.total.amount - (cost.shipping?.amount ?? 0) - (cost.tax?.amount ?? 0);
  const base = Math.max(0, Math.min(cost.subtotal.amount, afterDiscounts));
  // Round to cents first so 19.99 × 3 does not become 59.969999… points.
  return Math.floor(Math.round(base * earn.perUnit * 100) / 100);
}
