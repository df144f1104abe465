// Shopify-shaped webhook payloads (orders, refunds, customers) with consistent numbers, shared by
// the tests, the demo seed and the benchmarks. Shapes follow Shopify's published examples; the
// extra fields make a delivery as large as a real one (5–10 KB for a few lines).
import { currencyExponent } from "../../app/loyalty/currency";
export interface LineSpec {
  /** Unit price in minor units of the shop currency. */
  price: number;
  quantity?: number;
  /** Total discount allocated to the line, minor units. */
  discount?: number;
  giftCard?: boolean;
  productId?: number;
  lineId?: number;
}

export interface OrderSpec {
  id: number;
  customer?: { id: number; email?: string; firstName?: string; lastName?: string } | null;
  lines: LineSpec[];
  currency?: string;
  /** Presentment currency and rate (presentment = shop × rate), to test multi-currency orders. */
  presentment?: { currency: string; rate: number };
  createdAt?: string;
  updatedAt?: string;
  financialStatus?: string;
  cancelledAt?: string | null;
  refunds?: RefundSpec[];
  shippingPrice?: number;
  /** Codes the order used (`discount_codes`); none by default. */
  discountCodes?: string[];
  /** The street of the shipping address (the default is Shopify's example address). */
  shippingStreet?: string;
}

export interface RefundSpec {
  id: number;
  orderId: number;
  lines: { lineId: number; quantity: number; subtotal: number }[];
  createdAt?: string;
}

export function decimal(minor: number, currency = "USD"): string {
  const exponent = currencyExponent(currency);
  if (exponent === 0) return String(minor);
  const sign = minor < 0 ? "-" : "";
  const digits = String(Math.abs(minor)).padStart(exponent + 1, "0");
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

function moneySet(
  minor: number,
  currency: string,
  presentment?: { currency: string; rate: number },
) {
  const presented = presentment ? Math.round(minor * presentment.rate) : minor;
  return {
    shop_money: { amount: decimal(minor, currency), currency_code: currency },
    presentment_money: {
      amount: decimal(presented, presentment?.currency ?? currency),
      currency_code: presentment?.currency ?? currency,
    },
  };
}

const lineIdOf = (order: OrderSpec, index: number) =>
  order.lines[index].lineId ?? order.id * 100 + index + 1;

function address(name: string) {
  return {
    first_name: name,
    last_name: "Example",
    address1: "150 Elgin Street",
    address2: "Suite 800",
    city: "Ottawa",
    province: "Ontario",
    country: "Canada",
    zip: "K2P 1L4",
    phone: "+1 613-555-0100",
    name: `${name} Example`,
    province_code: "ON",
    country_code: "CA",
    latitude: 45.4215,
    longitude: -75.6972,
  };
}

export function refundPayload(refund: RefundSpec, currency = "USD") {
  return {
    id: refund.id,
    admin_graphql_api_id: `gid://shopify/Refund/${refund.id}`,
    order_id: refund.orderId,
    created_at: refund.createdAt ?? "2026-06-02T10:00:00-04:00",
    processed_at: refund.createdAt ?? "2026-06-02T10:00:00-04:00",
    note: null,
    restock: true,
    user_id: null,
    duties: [],
    order_adjustments: [],
    transactions: [],
    refund_shipping_lines: [],
    refund_line_items: refund.lines.map((line, index) => ({
      id: refund.id * 10 + index,
      line_item_id: line.lineId,
      quantity: line.quantity,
      restock_type: "return",
      location_id: null,
      subtotal: Number(decimal(line.subtotal, currency)),
      subtotal_set: moneySet(line.subtotal, currency),
      total_tax: 0,
      total_tax_set: moneySet(0, currency),
    })),
  };
}

export function orderPayload(order: OrderSpec) {
  const currency = order.currency ?? "USD";
  const createdAt = order.createdAt ?? "2026-06-01T12:00:00-04:00";
  const lineTotal = order.lines.reduce((sum, line) => sum + line.price * (line.quantity ?? 1), 0);
  const discounts = order.lines.reduce((sum, line) => sum + (line.discount ?? 0), 0);
  const shipping = order.shippingPrice ?? 499;
  const tax = Math.floor((lineTotal - discounts) * 0.13);
  const total = lineTotal - discounts + shipping + tax;
  const customer = order.customer
    ? {
        id: order.customer.id,
        admin_graphql_api_id: `gid://shopify/Customer/${order.customer.id}`,
        email: order.customer.email ?? `customer${order.customer.id}@example.com`,
        first_name: order.customer.firstName ?? "Avery",
        last_name: order.customer.lastName ?? "Example",
        state: "enabled",
        verified_email: true,
        tax_exempt: false,
        currency,
        created_at: "2025-01-01T00:00:00-05:00",
        updated_at: createdAt,
        default_address: address(order.customer.firstName ?? "Avery"),
      }
    : null;
  return {
    id: order.id,
    admin_graphql_api_id: `gid://shopify/Order/${order.id}`,
    name: `#${order.id % 100000}`,
    order_number: order.id % 100000,
    number: order.id % 100000,
    email: customer?.email ?? "guest@example.com",
    contact_email: customer?.email ?? "guest@example.com",
    created_at: createdAt,
    processed_at: createdAt,
    updated_at: order.updatedAt ?? createdAt,
    cancelled_at: order.cancelledAt ?? null,
    cancel_reason: order.cancelledAt ? "customer" : null,
    closed_at: null,
    confirmed: true,
    test: false,
    currency,
    presentment_currency: order.presentment?.currency ?? currency,
    financial_status: order.financialStatus ?? "paid",
    fulfillment_status: null,
    source_name: "web",
    taxes_included: false,
    tags: "",
    note: null,
    note_attributes: [],
    customer_locale: "en",
    browser_ip: "203.0.113.7",
    landing_site: "/",
    referring_site: "https://www.example.com/",
    order_status_url: `https://tally-demo.myshopify.com/orders/${order.id}/authenticate?key=abc`,
    client_details: {
      accept_language: "en-US,en;q=0.9",
      browser_height: 900,
      browser_ip: "203.0.113.7",
      browser_width: 1440,
      session_hash: null,
      user_agent:
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36",
    },
    subtotal_price: decimal(lineTotal - discounts, currency),
    subtotal_price_set: moneySet(lineTotal - discounts, currency, order.presentment),
    current_subtotal_price_set: moneySet(lineTotal - discounts, currency, order.presentment),
    total_line_items_price_set: moneySet(lineTotal, currency, order.presentment),
    total_discounts_set: moneySet(discounts, currency, order.presentment),
    total_shipping_price_set: moneySet(shipping, currency, order.presentment),
    total_tax_set: moneySet(tax, currency, order.presentment),
    total_price_set: moneySet(total, currency, order.presentment),
    current_total_price_set: moneySet(total, currency, order.presentment),
    total_price: decimal(total, currency),
    total_tip_received: "0.00",
    payment_gateway_names: ["shopify_payments"],
    discount_codes: (order.discountCodes ?? []).map((code) => ({
      code,
      amount: "10.00",
      type: "fixed_amount",
    })),
    discount_applications: [],
    tax_lines: [
      {
        price: decimal(tax, currency),
        rate: 0.13,
        title: "HST",
        price_set: moneySet(tax, currency, order.presentment),
      },
    ],
    billing_address: address(customer?.first_name ?? "Guest"),
    shipping_address: {
      ...address(customer?.first_name ?? "Guest"),
      ...(order.shippingStreet ? { address1: order.shippingStreet } : {}),
    },
    customer,
    shipping_lines: [
      {
        id: order.id * 7,
        code: "Standard",
        title: "Standard shipping",
        price: decimal(shipping, currency),
        price_set: moneySet(shipping, currency, order.presentment),
        discount_allocations: [],
        tax_lines: [],
      },
    ],
    fulfillments: [],
    line_items: order.lines.map((line, index) => {
      const id = lineIdOf(order, index);
      return {
        id,
        admin_graphql_api_id: `gid://shopify/LineItem/${id}`,
        product_id: line.productId ?? 7000 + index,
        variant_id: (line.productId ?? 7000 + index) * 10,
        title: line.giftCard ? "Gift card" : `Product ${index + 1}`,
        name: line.giftCard ? "Gift card" : `Product ${index + 1} - Default`,
        sku: `SKU-${index + 1}`,
        vendor: "Tally Demo Goods",
        quantity: line.quantity ?? 1,
        current_quantity: line.quantity ?? 1,
        fulfillable_quantity: line.quantity ?? 1,
        fulfillment_service: "manual",
        fulfillment_status: null,
        gift_card: line.giftCard ?? false,
        grams: 250,
        requires_shipping: !line.giftCard,
        taxable: !line.giftCard,
        product_exists: true,
        properties: [],
        price: decimal(line.price, currency),
        price_set: moneySet(line.price, currency, order.presentment),
        total_discount: decimal(line.discount ?? 0, currency),
        total_discount_set: moneySet(line.discount ?? 0, currency, order.presentment),
        discount_allocations: line.discount
          ? [
              {
                amount: decimal(line.discount, currency),
                amount_set: moneySet(line.discount, currency, order.presentment),
                discount_application_index: 0,
              },
            ]
          : [],
        tax_lines: [],
        duties: [],
      };
    }),
    refunds: (order.refunds ?? []).map((refund) => refundPayload(refund, currency)),
  };
}

export function customerPayload(customer: {
  id: number;
  email?: string;
  firstName?: string;
  lastName?: string;
  createdAt?: string;
}) {
  return {
    id: customer.id,
    admin_graphql_api_id: `gid://shopify/Customer/${customer.id}`,
    email: customer.email ?? `customer${customer.id}@example.com`,
    first_name: customer.firstName ?? "Avery",
    last_name: customer.lastName ?? "Example",
    created_at: customer.createdAt ?? "2026-01-01T00:00:00-05:00",
    updated_at: customer.createdAt ?? "2026-01-01T00:00:00-05:00",
    state: "disabled",
    verified_email: true,
    tax_exempt: false,
    currency: "USD",
    addresses: [],
    tax_exemptions: [],
  };
}

/** The id of the index-th line of an order built by orderPayload. */
export function lineIdFor(order: OrderSpec, index: number): number {
  return lineIdOf(order, index);
}
