// zod schemas for the parts of Shopify's webhook payloads Tally reads. Unknown fields are ignored;
// a missing or mistyped field Tally needs makes the delivery fail validation with a clear message.
import { z } from "zod";
import { currencyExponent } from "../../loyalty/currency";
import { parseDecimalToMinor } from "../../loyalty/money";

// Shopify sends ids as JSON numbers. The webhook body is parsed with parseLosslessJson
// (./lossless-json.ts, docs/decisions/028): every integer that could pass 2^53 arrives as its exact
// decimal text, shorter ones as numbers, which are exact. Either way the id leaves here as text.
const numericId = z
  .union([z.number().int().nonnegative(), z.string().regex(/^\d{1,20}$/, "a numeric id")])
  .transform(String);
const gid = z.string().regex(/^gid:\/\/shopify\/\w+\/\d+$/);
// PostgreSQL text cannot hold NUL characters, and a lone UTF-16 surrogate is no character at all (it
// cannot be stored as UTF-8, and Prisma's query protocol refused it: a 500). Shopify sends neither.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((value) => !value.includes("\u0000"), "must not contain NUL characters")
    .refine((value) => !LONE_SURROGATE.test(value), "must be valid Unicode (a lone surrogate)");
const decimal = z.string().regex(/^-?\d+(\.\d+)?$/, 'a decimal amount such as "12.50"');
// Years 1970–9999: PostgreSQL has no year 0 (it refused "0000-01-01": a 500), and no Shopify order or
// refund predates the Unix epoch.
const timestamp = z.iso.datetime({ offset: true }).refine((value) => {
  const year = new Date(value).getUTCFullYear();
  return year >= 1970 && year <= 9999;
}, "must be a date between 1970 and 9999");

/**
 * The largest amount, in minor units, Tally accepts: 10^15, below 2^53 so every sum of amounts Tally
 * makes stays an exact JS number, and stored in 64-bit columns (decision 024). That is 10 trillion
 * units of a two-decimal currency, so no real order in any currency comes near it. The former 32-bit
 * limit refused a 21,474,836.48 UZS order, about 1,700 USD. Larger values are refused with a 422
 * instead of failing in the database.
 */
export const MAX_STORED_MINOR = 1_000_000_000_000_000;

/** Minor units of a valid amount, or the reason it is not one (too many decimals, unknown currency). */
function minorOf(amount: string, currencyCode: string): number | string {
  try {
    return parseDecimalToMinor(amount, currencyExponent(currencyCode));
  } catch (error) {
    return (error as Error).message;
  }
}

// Every amount Tally reads from Shopify is non-negative (prices, discounts, refunded subtotals).
const shopMoney = z.object({
  shop_money: z
    .object({
      amount: decimal,
      currency_code: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code such as "USD"'),
    })
    .superRefine((money, ctx) => {
      const minor = minorOf(money.amount, money.currency_code);
      if (typeof minor === "string")
        ctx.addIssue({ code: "custom", path: ["amount"], message: minor });
      else if (minor < 0)
        ctx.addIssue({ code: "custom", path: ["amount"], message: "must not be negative" });
      else if (minor > MAX_STORED_MINOR)
        ctx.addIssue({
          code: "custom",
          path: ["amount"],
          message: `is larger than Tally can store (${MAX_STORED_MINOR} minor units)`,
        });
    }),
});

/** The numeric id of a gid when given, else the JSON id: the same id either way. */
export function idOf(value: { id: string; admin_graphql_api_id?: string | null }): string {
  return value.admin_graphql_api_id?.split("/").pop() ?? value.id;
}

const customerRef = z.object({
  id: numericId,
  admin_graphql_api_id: gid.nullish(),
  email: text(320).nullish(),
  first_name: text(255).nullish(),
  last_name: text(255).nullish(),
  // When Shopify created the customer: what analytics counts "new members" by.
  created_at: timestamp.nullish(),
});

const lineItem = z.object({
  id: numericId,
  admin_graphql_api_id: gid.nullish(),
  product_id: numericId.nullish(),
  variant_id: numericId.nullish(),
  quantity: z.number().int().nonnegative().max(1_000_000),
  // Shopify sends null for lines it cannot count (e.g. removed by an edit before the order was paid).
  current_quantity: z.number().int().nonnegative().max(1_000_000).nullish(),
  gift_card: z.boolean().default(false),
  price_set: shopMoney,
  discount_allocations: z
    .array(z.object({ amount_set: shopMoney }))
    .max(1000)
    .default([]),
});

const refundLineItem = z.object({
  line_item_id: numericId,
  quantity: z.number().int().nonnegative().max(1_000_000),
  subtotal_set: shopMoney,
  line_item: z.object({ id: numericId, admin_graphql_api_id: gid.nullish() }).nullish(),
});

export const refundPayload = z.object({
  id: numericId,
  admin_graphql_api_id: gid.nullish(),
  order_id: numericId,
  refund_line_items: z.array(refundLineItem).max(5000).default([]),
});

const orderFields = z.object({
  id: numericId,
  admin_graphql_api_id: gid.nullish(),
  name: text(255).nullish(),
  created_at: timestamp,
  updated_at: timestamp.nullish(),
  cancelled_at: timestamp.nullish(),
  financial_status: text(64).nullish(),
  total_price_set: shopMoney,
  customer: customerRef.nullish(),
  line_items: z.array(lineItem).max(5000),
  // Only for the referral self-referral check (decision 036): a malformed address reads as none,
  // never refusing the order.
  shipping_address: z
    .object({
      address1: z.string().max(1000).nullish(),
      address2: z.string().max(1000).nullish(),
      zip: z.string().max(100).nullish(),
      country_code: z.string().max(10).nullish(),
    })
    .nullish()
    .catch(null),
  discount_codes: z
    .array(z.object({ code: text(255) }))
    .max(250)
    .default([]),
  refunds: z
    .array(refundPayload.omit({ order_id: true }).extend({ order_id: numericId.optional() }))
    .max(1000)
    .default([]),
});

/** Lines priced in the order's currency, and a gross total Tally can store. */
export const orderPayload = orderFields.superRefine((order, ctx) => {
  const currency = order.total_price_set.shop_money.currency_code;
  let gross = 0;
  order.line_items.forEach((line, index) => {
    const money = [
      line.price_set,
      ...line.discount_allocations.map((allocation) => allocation.amount_set),
    ];
    if (money.some((set) => set.shop_money.currency_code !== currency)) {
      ctx.addIssue({
        code: "custom",
        path: ["line_items", index],
        message: `amounts must be in the order's shop currency (${currency})`,
      });
    }
    const price = minorOf(line.price_set.shop_money.amount, currency);
    if (typeof price === "number") gross += price * line.quantity;
  });
  order.refunds.forEach((refund, index) => {
    if (
      refund.refund_line_items.some(
        (line) => line.subtotal_set.shop_money.currency_code !== currency,
      )
    )
      ctx.addIssue({
        code: "custom",
        path: ["refunds", index],
        message: `refunded amounts must be in the order's shop currency (${currency})`,
      });
  });
  if (gross > MAX_STORED_MINOR)
    ctx.addIssue({
      code: "custom",
      path: ["line_items"],
      message: `the order's gross amount is larger than Tally can store (${MAX_STORED_MINOR} minor units)`,
    });
});

export const customerPayload = customerRef;

const complianceCustomer = z.object({
  id: numericId,
  email: text(320).nullish(),
  phone: text(64).nullish(),
});

// The order lists find the dead letters that concern a customer (decision 029); a malformed list is
// read as empty rather than refusing an erasure. data_request is not read, so it is not validated.
const orderIdList = z.array(numericId).max(100_000).catch([]).default([]);

export const customersRedactPayload = z.object({
  shop_domain: text(255),
  customer: complianceCustomer,
  orders_to_redact: orderIdList,
});

export const customersDataRequestPayload = z.object({
  shop_domain: text(255),
  customer: complianceCustomer,
  orders_requested: orderIdList,
});

export const shopRedactPayload = z.object({ shop_domain: text(255) });

export type OrderPayload = z.infer<typeof orderPayload>;
export type RefundPayload = z.infer<typeof refundPayload>;
export type CustomerPayload = z.infer<typeof customerPayload>;

/**
 * A product or collection of the products/* and collections/* topics: only its id (decision 059).
 * Their payloads do not list membership; products/delete carries nothing but the id.
 */
export const catalogueObjectPayload = z.object({
  id: numericId,
  admin_graphql_api_id: gid.nullish(),
});
export type CatalogueObjectPayload = z.infer<typeof catalogueObjectPayload>;
