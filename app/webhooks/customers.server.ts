import { enrolCustomer } from "../services/enrolment.server";
import { upsertShop } from "../models/shop.server";
import { idOf, customerPayload, type CustomerPayload } from "../shopify/webhooks/payloads";
import type { WebhookSpec } from "./receive.server";

export const customersCreate: WebhookSpec<CustomerPayload> = {
  topic: "customers/create",
  schema: customerPayload,
  async handle(tx, payload, { shop, now }) {
    await upsertShop(tx, shop);
    const identity = { shopifyCustomerId: idOf(payload), email: payload.email ?? null, firstName: payload.first_name ?? null, lastName: payload.last_name ?? null };
    const { bonus } = await enrolCustomer(tx, shop, identity, now);
    return bonus > 0 ? `enrolled with ${bonus} signup points` : "enrolled";
  },
};
