// Handled topic: customers/redact (declared in shopify.app.toml). The shared path is app/webhooks/receive.server.ts.
import { webhookAction } from "~/webhooks/receive.server";
import { customersRedact } from "~/webhooks/compliance.server";
import { postOnly } from "~/http/problem";

export const action = webhookAction(customersRedact);

/** GET and HEAD: 405 (deliveries are POSTs). */
export const loader = postOnly;
