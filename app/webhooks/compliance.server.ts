import { z } from "zod";
import { getDb } from "../db.server";
import { eraseShop, exportCustomerData, redactCustomer } from "../services/privacy.server";
import {
  customersDataRequestPayload,
  customersRedactPayload,
  shopRedactPayload,
} from "../shopify/webhooks/payloads";
import type { WebhookSpec } from "./receive.server";

export const customersDataRequest: WebhookSpec<z.infer<typeof customersDataRequestPayload>> = {
  topic: "customers/data_request",
  schema: customersDataRequestPayload,
  handle: (payload, { shop, now }) =>
    getDb().$transaction((tx) =>
      exportCustomerData(
        tx,
        shop,
        payload.customer.id,
        now,
        payload.customer,
        payload.orders_requested,
      ),
    ),
};

export const customersRedact: WebhookSpec<z.infer<typeof customersRedactPayload>> = {
  topic: "customers/redact",
  schema: customersRedactPayload,
  handle: (payload, { shop, now }) =>
    getDb().$transaction((tx) =>
      redactCustomer(
        tx,
        shop,
        payload.customer.id,
        now,
        payload.customer,
        payload.orders_to_redact,
      ),
    ),
};

export const shopRedact: WebhookSpec<z.infer<typeof shopRedactPayload>> = {
  topic: "shop/redact",
  schema: shopRedactPayload,
  remember: false,
  handle: (_payload, { shop }) =>
    getDb().$transaction((tx) => eraseShop(tx, shop), { timeout: 120_000 }),
};
