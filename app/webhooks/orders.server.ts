// Order and refund topics: each merges its facts and lets the order's points follow (design §2).
import { getDb, getSql } from "../db.server";
import { storeCoded } from "../i18n/coded-text";
import {
  applyOrderDelivery,
  applyRefundDelivery,
  type OrderPointsOutcome,
} from "../services/order-points.server";
import { ensureShopContext } from "../services/shop-context.server";
import { orderDeliveryFromPayload, refundFromPayload } from "../shopify/webhooks/order-delivery";
import {
  orderPayload,
  refundPayload,
  type OrderPayload,
  type RefundPayload,
} from "../shopify/webhooks/payloads";
import { UnappliableDelivery, type WebhookSpec } from "./receive.server";

/**
 * Shop money is always in the shop's currency. An amount labelled with another one is not credited
 * (its points would be off by the exchange rate, or by powers of ten): the delivery is kept for
 * attention, and the currency-check job asks Shopify whether the shop's currency changed.
 */
function requireShopCurrency(
  received: string,
  shopCurrency: string,
  what: "order" | "refund",
): void {
  if (received !== shopCurrency)
    throw new UnappliableDelivery(
      "CURRENCY_MISMATCH",
      storeCoded({ code: "currencyMismatch", values: { what, received, shopCurrency } }),
    );
}

const describe = (outcome: OrderPointsOutcome) =>
  outcome.customerId === null
    ? "guest order: kept for analytics, no points"
    : `order worth ${outcome.points} points (${outcome.delta >= 0 ? "+" : ""}${outcome.delta})`;

// orders/create and orders/updated credit nothing for an unpaid order (its financial status says
// whether it is paid), but they record its customer and its discount codes: a reward code is used
// from the moment an order carries it (design §7, decision 027).
function orderTopic(
  topic: "orders/create" | "orders/paid" | "orders/updated" | "orders/cancelled",
): WebhookSpec<OrderPayload> {
  return {
    topic,
    schema: orderPayload,
    async handle(payload, { shop, now, shopContext, inTransaction }) {
      const delivery = orderDeliveryFromPayload(payload);
      if (topic === "orders/paid") delivery.paid = true;
      if (topic === "orders/cancelled") delivery.cancelled = true;
      const context = await ensureShopContext(
        getDb(),
        getSql(),
        shop,
        delivery.currencyCode,
        shopContext,
      );
      requireShopCurrency(delivery.currencyCode, context.currencyCode, "order");
      return inTransaction(async (sql) =>
        describe(await applyOrderDelivery(sql, context, delivery, topic, now)),
      );
    },
  };
}

export const ordersCreate = orderTopic("orders/create");
export const ordersPaid = orderTopic("orders/paid");
export const ordersUpdated = orderTopic("orders/updated");
export const ordersCancelled = orderTopic("orders/cancelled");

export const refundsCreate: WebhookSpec<RefundPayload> = {
  topic: "refunds/create",
  schema: refundPayload,
  async handle(payload, { shop, now, shopContext, inTransaction }) {
    const context = await ensureShopContext(getDb(), getSql(), shop, undefined, shopContext);
    for (const line of payload.refund_line_items)
      requireShopCurrency(
        line.subtotal_set.shop_money.currency_code,
        context.currencyCode,
        "refund",
      );
    const refund = refundFromPayload(payload, context.currencyExponent);
    return inTransaction(async (sql) =>
      describe(await applyRefundDelivery(sql, context, payload.order_id, refund, now)),
    );
  },
};
