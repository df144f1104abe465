// Handled topic: orders/create (declared in shopify.app.toml). The shared path is app/webhooks/receive.server.ts.
import { webhookAction } from "~/webhooks/receive.server";
import { ordersCreate } from "~/webhooks/orders.server";
import { postOnly } from "~/http/problem";

export const action = webhookAction(ordersCreate);

/** GET and HEAD: 405 (deliveries are POSTs). */
export const loader = postOnly;
