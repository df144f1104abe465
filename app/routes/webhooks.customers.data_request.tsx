// Handled topic: customers/data_request (declared in shopify.app.toml). The shared path is app/webhooks/receive.server.ts.
import { webhookAction } from "~/webhooks/receive.server";
import { customersDataRequest } from "~/webhooks/compliance.server";
import { postOnly } from "~/http/problem";

export const action = webhookAction(customersDataRequest);

/** GET and HEAD: 405 (deliveries are POSTs). */
export const loader = postOnly;
