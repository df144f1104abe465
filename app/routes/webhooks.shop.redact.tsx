// Handled topic: shop/redact (declared in shopify.app.toml). The shared path is app/webhooks/receive.server.ts.
import { webhookAction } from "~/webhooks/receive.server";
import { shopRedact } from "~/webhooks/compliance.server";
import { postOnly } from "~/http/problem";

export const action = webhookAction(shopRedact);

/** GET and HEAD: 405 (deliveries are POSTs). */
export const loader = postOnly;
