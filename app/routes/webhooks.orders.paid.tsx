// Handled topic: orders/paid (declared in shopify.app.toml). The shared path is app/webhooks/receive.server.ts.
import { webhookAction } from "~/webhooks/receive.server";
import { ordersPaid } from "~/webhooks/orders.server";
import { postOnly } from "~/http/problem";

export const action = webhookAction(ordersPaid);

/** GET and HEAD: 405 (deliveries are POSTs). */
export const loader = postOnly;
