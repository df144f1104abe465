// The earn base: what an order is worth for points right now (design §1, purchase rule).
// Computed per line so that refunds hit the line they belong to and multipliers stay exact.
import type { Minor, OrderFacts, OrderLine } from "./types";

export interface LineEarnValue {
  line: OrderLine;
  /** Line value after its discount share, before refunds. */
  net: Minor;
  /** Refunded subtotal attributed to this line, capped at `net`. */
  refunded: Minor;
  /** net − refunded: what this line contributes to the earn base now. */
  value: Minor;
}

const ZERO = BigInt(0);

/** Integers only (a fraction here is an adapter bug worth surfacing); negatives count as 0. */
function nonNegative(n: number): bigint {
  if (!Number.isSafeInteger(n)) {
    throw new RangeError(`Order amounts and quantities must be safe integers, got ${String(n)}`);
  }
  return n > 0 ? BigInt(n) : ZERO;
}

function toSafeNumber(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`${what} exceeds the largest exactly representable integer`);
  }
  return Number(value);
}

/**
 * unitPrice × quantity − the discount share of the units still on the order.
 * The discount covers `originalQuantity` units; after an edit removed some, the remaining
 * units keep discount × quantity / originalQuantity, rounded DOWN (at most one minor unit in
 * the shopper's favour, exact whenever nothing was removed). The share never exceeds the line
 * value, so a line is never worth less than 0.
 */
export function lineNetValue(line: OrderLine): Minor {
  const quantity = nonNegative(line.quantity);
  const gross = nonNegative(line.unitPrice) * quantity;
  const discount = nonNegative(line.discount);
  const original = nonNegative(line.originalQuantity);
  // Units beyond the original (or an unknown original) carry the whole discount, no more.
  const share =
    original === ZERO || quantity >= original ? discount : (discount * quantity) / original;
  const net = gross > share ? gross - share : ZERO;
  return toSafeNumber(net, `Value of line ${line.lineId}`);
}

/** Refunded subtotal per line id; a refund delivered twice (same refundId) counts once. */
export function refundedByLine(facts: OrderFacts): Map<string, bigint> {
  const seen = new Set<string>();
  const byLine = new Map<string, bigint>();
  for (const refund of facts.refunds) {
    if (seen.has(refund.refundId)) continue;
    seen.add(refund.refundId);
    for (const refunded of refund.lines) {
      // A negative refund subtotal is malformed; it must never raise the base.
      byLine.set(
        refunded.lineId,
        (byLine.get(refunded.lineId) ?? ZERO) + nonNegative(refunded.subtotal),
      );
    }
  }
  return byLine;
}

/**
 * Earn values of the lines that can earn (gift cards never do).
 * Refunds for line ids we do not know are ignored: they cannot be classified (gift card or
 * not) and must not eat into other lines. A refund larger than its line stops at 0, so one
 * over-refunded line cannot take points from the others.
 */
export function lineEarnValues(facts: OrderFacts): LineEarnValue[] {
  const refunds = refundedByLine(facts);
  return facts.lines
    .filter((line) => !line.isGiftCard)
    .map((line) => {
      const net = lineNetValue(line);
      const asked = refunds.get(line.lineId) ?? ZERO;
      const refunded = asked > BigInt(net) ? net : Number(asked);
      return { line, net, refunded, value: net - refunded };
    });
}

/** The order's net earn base in shop minor units: never negative, gift cards excluded. */
export function earnBase(facts: OrderFacts): Minor {
  const total = lineEarnValues(facts).reduce((sum, l) => sum + BigInt(l.value), ZERO);
  return toSafeNumber(total, `Earn base of order ${facts.orderId}`);
}

/** The earn base before any refund, to tell "fully refunded" from "never had value". */
export function earnBaseBeforeRefunds(facts: OrderFacts): Minor {
  const total = lineEarnValues(facts).reduce((sum, l) => sum + BigInt(l.net), ZERO);
  return toSafeNumber(total, `Earn base of order ${facts.orderId}`);
}
