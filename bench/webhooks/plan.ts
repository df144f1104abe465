// The benchmark's orders, their deliveries and the reference every balance is checked against.
// Orders are compact here (the load process turns them into Shopify-shaped payloads with the shared
// factories), and deterministic: a seed and a phase give the same orders on every run.
import { computeOrderEarning } from "../../app/loyalty/earn";
import { DEFAULT_PROGRAM } from "../../app/loyalty/program";
import type { OrderFacts } from "../../app/loyalty/types";
import { seededRandom, type Random } from "../../tests/factories/random";
import {
  lineIdFor,
  orderPayload,
  refundPayload,
  type OrderSpec,
} from "../../tests/factories/webhook-payloads";

export interface BenchLine {
  /** Unit price, minor units. */
  price: number;
  quantity: number;
  /** Discount allocated to the whole line, minor units. */
  discount: number;
}

export interface BenchOrder {
  id: number;
  customer: number;
  createdAt: string;
  lines: BenchLine[];
  /** A refund of one unit of the first line. */
  refund?: { id: number; subtotal: number; createdAt: string };
  cancelledAt?: string;
}

export type DeliveryKind = "paid" | "refund" | "cancel";

export const TOPIC: Record<DeliveryKind, string> = {
  paid: "orders/paid",
  refund: "refunds/create",
  cancel: "orders/cancelled",
};

/** One HTTP delivery: which order, which topic, and its X-Shopify-Webhook-Id. */
export interface Delivery {
  order: number; // index into the phase's orders
  kind: DeliveryKind;
  webhookId: string;
}

/**
 * Tier multipliers make points depend on arrival order, so the verified phases keep every customer
 * in "Member": a customer gets a new order only while the points of all their orders, counted
 * before refunds and cancellations, stay below the first tier threshold (Silver, 1000).
 */
export const MEMBER_BUDGET =
  Math.min(
    ...DEFAULT_PROGRAM.tiers.filter((tier) => tier.threshold > 0).map((tier) => tier.threshold),
  ) - 1;

export interface PhaseOrderOptions {
  seed: number;
  /** First Shopify order id of the phase (phases never share ids). */
  firstOrderId: number;
  /** Customers of the phase are firstCustomerId … firstCustomerId + customers − 1 (plus overflow ids). */
  firstCustomerId: number;
  customers: number;
  count: number;
  refundRate: number;
  cancelRate: number;
  now: Date;
}

const DAY_MS = 86_400_000;

function randomLines(random: Random): BenchLine[] {
  // 2–4 lines: Shopify-sized bodies of about 5.5–9 KB.
  return Array.from({ length: random.int(2, 4) }, () => {
    const quantity = random.int(1, 2);
    const price = random.int(3, 25) * 100 - random.pick([0, 1, 5, 51]);
    // A 5.00 discount on a fifth of the lines worth at least 10.00.
    return { price, quantity, discount: random.chance(0.2) && price * quantity >= 1000 ? 500 : 0 };
  });
}

/** Gross points of an order (before refunds and cancellation): what counts against the Member budget. */
const grossPoints = (order: BenchOrder) =>
  Math.floor(
    order.lines.reduce(
      (sum, line) => sum + Math.max(0, line.price * line.quantity - line.discount),
      0,
    ) / 100,
  );

export function generateOrders(options: PhaseOrderOptions): BenchOrder[] {
  const random = seededRandom(options.seed);
  const budget = new Map<number, number>();
  let overflowCustomer = options.firstCustomerId + options.customers;
  const orders: BenchOrder[] = [];
  for (let index = 0; index < options.count; index++) {
    const placedAt = options.now.getTime() - random.int(1, 30 * 24) * 3_600_000;
    const order: BenchOrder = {
      id: options.firstOrderId + index,
      customer: 0,
      createdAt: new Date(placedAt).toISOString(),
      lines: randomLines(random),
    };
    const points = grossPoints(order);
    let customer = 0;
    for (let attempt = 0; attempt < 20 && customer === 0; attempt++) {
      const candidate = options.firstCustomerId + random.int(0, options.customers - 1);
      if ((budget.get(candidate) ?? 0) + points <= MEMBER_BUDGET) customer = candidate;
    }
    if (customer === 0) customer = overflowCustomer++;
    budget.set(customer, (budget.get(customer) ?? 0) + points);
    order.customer = customer;
    if (random.chance(options.refundRate)) {
      const line = order.lines[0];
      order.refund = {
        id: order.id * 10 + 1,
        subtotal: line.price - Math.floor(line.discount / line.quantity),
        createdAt: new Date(placedAt + 3 * DAY_MS).toISOString(),
      };
    }
    if (random.chance(options.cancelRate))
      order.cancelledAt = new Date(placedAt + DAY_MS).toISOString();
    orders.push(order);
  }
  return orders;
}

/** Every delivery of the orders, each sent `copies` times with distinct webhook ids, shuffled with the seed. */
export function deliveriesFor(
  orders: BenchOrder[],
  options: { tag: string; copies: number; seed: number; shuffle: boolean },
): Delivery[] {
  const deliveries: Delivery[] = [];
  orders.forEach((order, index) => {
    const kinds: DeliveryKind[] = ["paid"];
    if (order.refund) kinds.push("refund");
    if (order.cancelledAt) kinds.push("cancel");
    for (const kind of kinds) {
      for (let copy = 0; copy < options.copies; copy++)
        deliveries.push({
          order: index,
          kind,
          webhookId: `${options.tag}-${order.id}-${kind}-${copy}`,
        });
    }
  });
  if (options.shuffle) {
    const random = seededRandom(options.seed);
    for (let i = deliveries.length - 1; i > 0; i--) {
      const j = Math.floor(random.next() * (i + 1));
      [deliveries[i], deliveries[j]] = [deliveries[j], deliveries[i]];
    }
  }
  return deliveries;
}

export function orderSpec(order: BenchOrder): OrderSpec {
  return {
    id: order.id,
    customer: { id: order.customer },
    createdAt: order.createdAt,
    lines: order.lines,
  };
}

/** The Shopify-shaped payload of one delivery (the load process signs and sends it). */
export function deliveryPayload(order: BenchOrder, kind: DeliveryKind): unknown {
  const spec = orderSpec(order);
  if (kind === "paid") return orderPayload(spec);
  if (kind === "cancel")
    return orderPayload({
      ...spec,
      cancelledAt: order.cancelledAt,
      updatedAt: order.cancelledAt,
      financialStatus: "refunded",
    });
  const refund = order.refund!;
  return refundPayload({
    id: refund.id,
    orderId: order.id,
    createdAt: refund.createdAt,
    lines: [{ lineId: lineIdFor(spec, 0), quantity: 1, subtotal: refund.subtotal }],
  });
}

/**
 * The reference: what the order is worth once every one of its deliveries has been applied, from the
 * rules as the brief states them (Member tier, default program): floor(net earn base / 1.00) where
 * the base is Σ(price × quantity − discount) minus the refunded subtotal (capped per line), and a
 * cancelled order is worth 0.
 */
export function referencePoints(order: BenchOrder): number {
  if (order.cancelledAt) return 0;
  const base = order.lines.reduce((sum, line, index) => {
    const net = Math.max(0, line.price * line.quantity - line.discount);
    const refunded = index === 0 && order.refund ? Math.min(net, order.refund.subtotal) : 0;
    return sum + net - refunded;
  }, 0);
  return Math.floor(base / 100);
}

/** The same figure from the app's own pure rules (app/loyalty), to catch a reference that drifted from them. */
export function domainPoints(order: BenchOrder): number {
  const spec = orderSpec(order);
  const facts: OrderFacts = {
    orderId: String(order.id),
    customerId: String(order.customer),
    placedAt: new Date(order.createdAt),
    paid: true,
    cancelled: Boolean(order.cancelledAt),
    lines: order.lines.map((line, index) => ({
      lineId: String(lineIdFor(spec, index)),
      productId: null,
      variantId: null,
      collectionIds: [],
      quantity: line.quantity,
      originalQuantity: line.quantity,
      unitPrice: line.price,
      discount: line.discount,
      isGiftCard: false,
    })),
    refunds: order.refund
      ? [
          {
            refundId: String(order.refund.id),
            lines: [
              { lineId: String(lineIdFor(spec, 0)), quantity: 1, subtotal: order.refund.subtotal },
            ],
          },
        ]
      : [],
  };
  return computeOrderEarning(facts, DEFAULT_PROGRAM, {
    tier: DEFAULT_PROGRAM.tiers[0],
    orderOrdinal: 1,
    lifetimeSpendBefore: 0,
  }).points;
}
