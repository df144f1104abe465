// Handled topic: app/uninstalled (declared in shopify.app.toml). The shared path is app/webhooks/receive.server.ts.
import { webhookAction } from "~/webhooks/receive.server";
import { appUninstalled } from "~/webhooks/app.server";
import { postOnly } from "~/http/problem";

export const action = webhookAction(appUninstalled);

/** GET and HEAD: 405 (deliveries are POSTs). */
export const loader = postOnly;
