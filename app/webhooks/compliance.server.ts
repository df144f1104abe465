import { z } from "zod";
import { getDb } from "../db.server";
import { log } from "../logger.server";
import { eraseShop, exportCustomerData, redactCustomer } from "../services/privacy.server";
import {
  customersDataRequestPayload,
  customersRedactPayload,
  shopRedactPayload,
} from "../shopify/webhooks/payloads";
import type { WebhookContext, WebhookSpec } from "./receive.server";

/**
 * A compliance delivery acts on the shop its signed header names, and only when its payload names the
 * same shop (design §7): a payload about shop A delivered with shop B's header erases nothing. Shopify
 * is answered 200 (retrying a mismatch changes nothing) and the refusal is logged for the operator.
 * The payload's `shop_id` cannot be compared: Tally does not store the shops' numeric ids.
 */
function namesAnotherShop(payload: { shop_domain: string }, context: WebhookContext): boolean {
  if (payload.shop_domain.trim().toLowerCase() === context.shop) return false;
  log.warn("compliance webhook ignored: payload names another shop than its header", {
    shop: context.shop,
    topic: context.topic,
    webhookId: context.webhookId,
    payloadShop: payload.shop_domain.slice(0, 255),
  });
  return true;
}

const MISMATCH = "ignored: payload shop_domain differs from X-Shopify-Shop-Domain";

export const customersDataRequest: WebhookSpec<z.infer<typeof customersDataRequestPayload>> = {
  topic: "customers/data_request",
  schema: customersDataRequestPayload,
  handle: async (payload, context) =>
    namesAnotherShop(payload, context)
      ? MISMATCH
      : getDb().$transaction((tx) =>
          exportCustomerData(
            tx,
            context.shop,
            payload.customer.id,
            context.now,
            payload.customer,
            payload.orders_requested,
          ),
        ),
};

export const customersRedact: WebhookSpec<z.infer<typeof customersRedactPayload>> = {
  topic: "customers/redact",
  schema: customersRedactPayload,
  handle: async (payload, context) =>
    namesAnotherShop(payload, context)
      ? MISMATCH
      : getDb().$transaction((tx) =>
          redactCustomer(
            tx,
            context.shop,
            payload.customer.id,
            context.now,
            payload.customer,
            payload.orders_to_redact,
          ),
        ),
};

export const shopRedact: WebhookSpec<z.infer<typeof shopRedactPayload>> = {
  topic: "shop/redact",
  schema: shopRedactPayload,
  remember: false,
  handle: async (payload, context) =>
    namesAnotherShop(payload, context)
      ? MISMATCH
      : getDb().$transaction((tx) => eraseShop(tx, context.shop), { timeout: 120_000 }),
};
