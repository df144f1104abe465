// Handled topic: collections/create (declared in shopify.app.toml). The shared path is app/webhooks/receive.server.ts.
import { webhookAction } from "~/webhooks/receive.server";
import { collectionsCreate } from "~/webhooks/catalogue.server";
import { postOnly } from "~/http/problem";

export const action = webhookAction(collectionsCreate);

/** GET and HEAD: 405 (deliveries are POSTs). */
export const loader = postOnly;
