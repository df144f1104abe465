// Handled topic: orders/updated (declared in shopify.app.toml). The shared path is app/webhooks/receive.server.ts.
import { webhookAction } from "~/webhooks/receive.server";
import { ordersUpdated } from "~/webhooks/orders.server";

export const action = webhookAction(ordersUpdated);
