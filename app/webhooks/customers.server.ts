import { getDb, getSql } from "../db.server";
import { enrolCustomer } from "../services/enrolment.server";
import { ensureShopContext } from "../services/shop-context.server";
import { idOf, customerPayload, type CustomerPayload } from "../shopify/webhooks/payloads";
import type { WebhookSpec } from "./receive.server";

export const customersCreate: WebhookSpec<CustomerPayload> = {
  topic: "customers/create",
  schema: customerPayload,
  async handle(payload, { shop, now, shopContext, inTransaction }) {
    const context = await ensureShopContext(getDb(), getSql(), shop, undefined, shopContext);
    const identity = {
      shopifyCustomerId: idOf(payload),
      email: payload.email ?? null,
      firstName: payload.first_name ?? null,
      lastName: payload.last_name ?? null,
      createdAt: payload.created_at ? new Date(payload.created_at) : null,
    };
    return inTransaction(async (sql) => {
      const { bonus } = await enrolCustomer(sql, context, identity, now);
      return bonus > 0 ? `enrolled with ${bonus} signup points` : "enrolled";
    });
  },
};
