// Handled topic: products/delete (declared in shopify.app.toml). The shared path is app/webhooks/receive.server.ts.
import { webhookAction } from "~/webhooks/receive.server";
import { productsDelete } from "~/webhooks/catalogue.server";
import { postOnly } from "~/http/problem";

export const action = webhookAction(productsDelete);

/** GET and HEAD: 405 (deliveries are POSTs). */
export const loader = postOnly;
