// Handled topic: customers/create (declared in shopify.app.toml). The shared path is app/webhooks/receive.server.ts.
import { webhookAction } from "~/webhooks/receive.server";
import { customersCreate } from "~/webhooks/customers.server";

export const action = webhookAction(customersCreate);
