// Order and refund topics: each merges its facts and lets the order's points follow (design §2).
import { currencyExponent } from "../loyalty/currency";
import { upsertShop } from "../models/shop.server";
import { applyOrderDelivery, applyRefundDelivery, type OrderPointsOutcome } from "../services/order-points.server";
import { orderDeliveryFromPayload, refundFromPayload } from "../shopify/webhooks/order-delivery";
import { orderPayload, refundPayload, type OrderPayload } from "../shopify/webhooks/payloads";
import type { WebhookSpec } from "./receive.server";

const describe = (outcome: OrderPointsOutcome) =>
  outcome.customerId === null ? "guest order: kept for analytics, no points" : `order worth ${outcome.points} points (${outcome.delta >= 0 ? "+" : ""}${outcome.delta})`;

function orderTopic(topic: "orders/paid" | "orders/updated" | "orders/cancelled"): WebhookSpec<OrderPayload> {
  return {
    topic,
    schema: orderPayload,
    async handle(tx, payload, { shop, now }) {
      const delivery = orderDeliveryFromPayload(payload);
      // A shop whose install hook has not run yet still gets its webhooks counted, in the order's currency.
      await upsertShop(tx, shop, undefined, delivery.currencyCode);
      if (topic === "orders/paid") delivery.paid = true;
      if (topic === "orders/cancelled") delivery.cancelled = true;
      return describe(await applyOrderDelivery(tx, shop, delivery, topic, now));
    },
  };
}

export const ordersPaid = orderTopic("orders/paid");
export const ordersUpdated = orderTopic("orders/updated");
export const ordersCancelled = orderTopic("orders/cancelled");

export const refundsCreate: WebhookSpec<typeof refundPayload._output> = {
  topic: "refunds/create",
  schema: refundPayload,
  async handle(tx, payload, { shop, now }) {
    const shopRow = await tx.shop.findUnique({ where: { shop } });
    const exponent = shopRow?.currencyExponent ?? currencyExponent("USD");
    const outcome = await applyRefundDelivery(tx, shop, payload.order_id, refundFromPayload(payload, exponent), now);
    return describe(outcome);
  },
};
