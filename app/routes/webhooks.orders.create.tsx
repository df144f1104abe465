// Handled topic: orders/create (declared in shopify.app.toml). The shared path is app/webhooks/receive.server.ts.
import { webhookAction } from "~/webhooks/receive.server";
import { ordersCreate } from "~/webhooks/orders.server";

export const action = webhookAction(ordersCreate);
