// zod schemas for the parts of Shopify's webhook payloads Tally reads. Unknown fields are ignored;
// a missing or mistyped field Tally needs makes the delivery fail validation with a clear message.
import { z } from "zod";

// Shopify sends ids as JSON numbers; gids (strings) are exact, numbers are exact below 2^53.
const numericId = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]).transform(String);
const gid = z.string().regex(/^gid:\/\/shopify\/\w+\/\d+$/);
const decimal = z.string().regex(/^-?\d+(\.\d+)?$/, "a decimal amount such as \"12.50\"");
const timestamp = z.iso.datetime({ offset: true });

const shopMoney = z.object({ shop_money: z.object({ amount: decimal, currency_code: z.string().length(3) }) });

/** The numeric id of a gid when given, else the JSON id: the same id either way. */
export function idOf(value: { id: string; admin_graphql_api_id?: string | null }): string {
  return value.admin_graphql_api_id?.split("/").pop() ?? value.id;
}

const customerRef = z.object({
  id: numericId,
  admin_graphql_api_id: gid.optional(),
  email: z.string().max(320).nullish(),
  first_name: z.string().max(255).nullish(),
  last_name: z.string().max(255).nullish(),
});

const lineItem = z.object({
  id: numericId,
  admin_graphql_api_id: gid.optional(),
  product_id: numericId.nullish(),
  variant_id: numericId.nullish(),
  quantity: z.number().int().nonnegative().max(1_000_000),
  current_quantity: z.number().int().nonnegative().max(1_000_000).optional(),
  gift_card: z.boolean().default(false),
  price_set: shopMoney,
  discount_allocations: z.array(z.object({ amount_set: shopMoney })).max(1000).default([]),
});

const refundLineItem = z.object({
  line_item_id: numericId,
  quantity: z.number().int().nonnegative().max(1_000_000),
  subtotal_set: shopMoney,
  line_item: z.object({ id: numericId, admin_graphql_api_id: gid.optional() }).optional(),
});

export const refundPayload = z.object({
  id: numericId,
  admin_graphql_api_id: gid.optional(),
  order_id: numericId,
  created_at: timestamp.nullish(),
  refund_line_items: z.array(refundLineItem).max(5000).default([]),
});

export const orderPayload = z.object({
  id: numericId,
  admin_graphql_api_id: gid.optional(),
  name: z.string().max(255).nullish(),
  created_at: timestamp,
  updated_at: timestamp.nullish(),
  cancelled_at: timestamp.nullish(),
  financial_status: z.string().max(64).nullish(),
  total_price_set: shopMoney,
  customer: customerRef.nullish(),
  line_items: z.array(lineItem).max(5000),
  discount_codes: z.array(z.object({ code: z.string().max(255) })).max(250).default([]),
  refunds: z.array(refundPayload.omit({ order_id: true }).extend({ order_id: numericId.optional() })).max(1000).default([]),
});

export const customerPayload = customerRef.extend({
  created_at: timestamp.nullish(),
});

const complianceCustomer = z.object({ id: numericId, email: z.string().nullish(), phone: z.string().nullish() });

export const customersRedactPayload = z.object({
  shop_domain: z.string(),
  customer: complianceCustomer,
  orders_to_redact: z.array(numericId).max(100_000).default([]),
});

export const customersDataRequestPayload = z.object({
  shop_domain: z.string(),
  customer: complianceCustomer,
  orders_requested: z.array(numericId).max(100_000).default([]),
  data_request: z.object({ id: numericId }).optional(),
});

export const shopRedactPayload = z.object({ shop_domain: z.string() });

export type OrderPayload = z.infer<typeof orderPayload>;
export type RefundPayload = z.infer<typeof refundPayload>;
export type CustomerPayload = z.infer<typeof customerPayload>;
