// Turns order and refund payloads into the domain's facts, in shop money (design §1: earn on shop
// money, so an order paid in another presentment currency earns the same as in the shop's own).
import { parseDecimalToMinor } from "../../loyalty/money";
import { currencyExponent } from "../../loyalty/currency";
import { shippingAddressKey } from "../../loyalty/referrals";
import type { OrderLine, OrderRefund } from "../../loyalty/types";
import { idOf, type OrderPayload, type RefundPayload } from "./payloads";

export interface CustomerIdentity {
  shopifyCustomerId: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  /** When Shopify created the customer (`created_at`), when the source says. */
  createdAt?: Date | null;
}

export interface OrderDelivery {
  shopifyOrderId: string;
  name: string | null;
  currencyCode: string;
  placedAt: Date;
  /** The order's own updated_at: later facts replace earlier ones whatever the arrival order. */
  updatedAt: Date;
  customer: CustomerIdentity | null;
  lines: OrderLine[];
  refunds: OrderRefund[];
  paid: boolean;
  cancelled: boolean;
  /** Discount codes the order used (reward codes among them are marked used). */
  discountCodes: string[];
  /** The normalised shipping address (referral self-referral check), null when none. */
  shippingKey: string | null;
}

const PAID_STATUSES = new Set(["paid", "partially_refunded", "refunded"]);

export function refundFromPayload(
  payload: Omit<RefundPayload, "order_id">,
  exponent: number,
): OrderRefund {
  return {
    refundId: idOf(payload),
    lines: payload.refund_line_items.map((line) => ({
      lineId: line.line_item ? idOf(line.line_item) : line.line_item_id,
      quantity: line.quantity,
      subtotal: parseDecimalToMinor(line.subtotal_set.shop_money.amount, exponent),
    })),
  };
}

export function orderDeliveryFromPayload(payload: OrderPayload): OrderDelivery {
  const currencyCode = payload.total_price_set.shop_money.currency_code;
  const exponent = currencyExponent(currencyCode);
  const refunds = payload.refunds.map((refund) => refundFromPayload(refund, exponent));
  const refundedQuantity = new Map<string, number>();
  for (const refund of refunds) {
    for (const line of refund.lines)
      refundedQuantity.set(line.lineId, (refundedQuantity.get(line.lineId) ?? 0) + line.quantity);
  }
  const lines: OrderLine[] = payload.line_items.map((item) => {
    const lineId = idOf(item);
    // current_quantity is net of edits and refunds; refunds are counted separately, so add them back.
    const afterEdits =
      item.current_quantity == null
        ? item.quantity
        : Math.min(item.quantity, item.current_quantity + (refundedQuantity.get(lineId) ?? 0));
    return {
      lineId,
      productId: item.product_id ?? null,
      variantId: item.variant_id ?? null,
      collectionIds: [],
      quantity: afterEdits,
      originalQuantity: item.quantity,
      unitPrice: parseDecimalToMinor(item.price_set.shop_money.amount, exponent),
      discount: item.discount_allocations.reduce(
        (sum, allocation) =>
          sum + parseDecimalToMinor(allocation.amount_set.shop_money.amount, exponent),
        0,
      ),
      isGiftCard: item.gift_card,
    };
  });
  const customer = payload.customer
    ? {
        shopifyCustomerId: idOf(payload.customer),
        email: payload.customer.email ?? null,
        firstName: payload.customer.first_name ?? null,
        lastName: payload.customer.last_name ?? null,
        createdAt: payload.customer.created_at ? new Date(payload.customer.created_at) : null,
      }
    : null;
  return {
    shopifyOrderId: idOf(payload),
    name: payload.name ?? null,
    currencyCode,
    placedAt: new Date(payload.created_at),
    updatedAt: new Date(payload.updated_at ?? payload.created_at),
    customer,
    lines,
    refunds,
    paid: PAID_STATUSES.has(payload.financial_status ?? ""),
    cancelled: payload.cancelled_at != null,
    discountCodes: payload.discount_codes.map((discount) => discount.code),
    shippingKey: shippingAddressKey(
      payload.shipping_address
        ? { ...payload.shipping_address, countryCode: payload.shipping_address.country_code }
        : null,
    ),
  };
}
