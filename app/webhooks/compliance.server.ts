import { z } from "zod";
import { eraseShop, exportCustomerData, redactCustomer } from "../services/privacy.server";
import { customersDataRequestPayload, customersRedactPayload, shopRedactPayload } from "../shopify/webhooks/payloads";
import type { WebhookSpec } from "./receive.server";

export const customersDataRequest: WebhookSpec<z.infer<typeof customersDataRequestPayload>> = {
  topic: "customers/data_request",
  schema: customersDataRequestPayload,
  handle: (tx, payload, { shop, now }) => exportCustomerData(tx, shop, payload.customer.id, now),
};

export const customersRedact: WebhookSpec<z.infer<typeof customersRedactPayload>> = {
  topic: "customers/redact",
  schema: customersRedactPayload,
  handle: (tx, payload, { shop, now }) => redactCustomer(tx, shop, payload.customer.id, now),
};

export const shopRedact: WebhookSpec<z.infer<typeof shopRedactPayload>> = {
  topic: "shop/redact",
  schema: shopRedactPayload,
  handle: (tx, _payload, { shop }) => eraseShop(tx, shop),
};
