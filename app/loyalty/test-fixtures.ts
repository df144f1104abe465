// Test-only builders for the domain's inputs; imported by *.test.ts, never by app code.
import { DEFAULT_PROGRAM } from "./program";
import type {
  EarnContext,
  LedgerMovement,
  OrderFacts,
  OrderLine,
  OrderRefund,
  Program,
} from "./types";

export function aLine(overrides: Partial<OrderLine> = {}): OrderLine {
  return {
    lineId: "line-1",
    productId: "product-1",
    variantId: "variant-1",
    collectionIds: [],
    quantity: 1,
    originalQuantity: overrides.quantity ?? 1,
    unitPrice: 1000,
    discount: 0,
    isGiftCard: false,
    ...overrides,
  };
}

export function anOrder(overrides: Partial<OrderFacts> = {}): OrderFacts {
  return {
    orderId: "order-1",
    customerId: "customer-1",
    placedAt: new Date("2025-06-15T12:00:00Z"),
    lines: [aLine()],
    refunds: [],
    cancelled: false,
    paid: true,
    ...overrides,
  };
}

export function aRefund(refundId: string, lines: OrderRefund["lines"]): OrderRefund {
  return { refundId, lines };
}

/** An editable copy of the default program with a few top-level fields replaced. */
export function aProgram(overrides: Partial<Program> = {}): Program {
  return { ...structuredClone(DEFAULT_PROGRAM), ...overrides };
}

export const MEMBER = DEFAULT_PROGRAM.tiers[0];
export const SILVER = DEFAULT_PROGRAM.tiers[1];
export const GOLD = DEFAULT_PROGRAM.tiers[2];

export function aContext(overrides: Partial<EarnContext> = {}): EarnContext {
  return { tier: MEMBER, orderOrdinal: 3, lifetimeSpendBefore: 0, ...overrides };
}

export function at(iso: string): Date {
  return new Date(iso);
}

export function movement(
  kind: LedgerMovement["kind"],
  points: number,
  createdAt: string,
  availableAt: string | null = null,
): LedgerMovement {
  return {
    kind,
    points,
    createdAt: new Date(createdAt),
    availableAt: availableAt === null ? null : new Date(availableAt),
  };
}
