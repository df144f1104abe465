// Where an order's points sit (design §2, §7: points follow the order's current customer; decision
// 027). An order's credited points are held by one member at a time. When the order's customer
// changes (or it becomes a guest order), the holder's points are reversed in full and the order
// earns again for its current customer; the new customer's share is then reconciled to the target
// like any other delivery. Pure: the service applies the movements to the ledger.
import { reconcileDelta } from "./earn";

export interface OrderHolding {
  /** The member holding the order's credited points; null when nobody does. */
  holder: string | null;
  /** Points the holder has been credited for the order. */
  credited: number;
}

export interface HoldingMovement {
  customerId: string;
  points: number;
  /** `moved`: the holder's share taken back because the order left them; `reconcile`: the usual delta. */
  cause: "moved" | "reconcile";
}

/** True when the holder is no longer the order's customer and must give its share up. */
export function holderChanged(holding: OrderHolding, currentCustomer: string | null): boolean {
  return holding.holder !== null && holding.holder !== currentCustomer;
}

/**
 * The movements that leave `target` points with `currentCustomer` (nothing for a guest order),
 * and the holding after them.
 */
export function orderPointMovements(
  holding: OrderHolding,
  currentCustomer: string | null,
  target: number,
): { movements: HoldingMovement[]; holding: OrderHolding } {
  const movements: HoldingMovement[] = [];
  let credited = holding.credited;
  if (holderChanged(holding, currentCustomer)) {
    if (credited !== 0)
      movements.push({ customerId: holding.holder!, points: -credited, cause: "moved" });
    credited = 0;
  }
  if (currentCustomer === null) return { movements, holding: { holder: null, credited: 0 } };
  const delta = reconcileDelta(target, credited);
  if (delta !== 0)
    movements.push({ customerId: currentCustomer, points: delta, cause: "reconcile" });
  return { movements, holding: { holder: currentCustomer, credited: credited + delta } };
}
