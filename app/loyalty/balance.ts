// The "verify" computation (design §2): balance figures recomputed from ledger movements
// alone, to compare with the cached figures the storage layer keeps.
import type { BalanceFigures, LedgerMovement } from "./types";

/** A member's balance, pending and lifetime points are stored as 32-bit integers (docs/decisions/022). */
export const MAX_MEMBER_POINTS = 2_147_483_647;

/**
 * Signs are the movements' own: redeem and expire are negative, release (a reservation
 * undone) positive, reverse negative.
 *
 * Any movement whose availableAt is still ahead counts towards pending instead of the
 * balance. That is how an earn waits out the pending period, and it lets the storage layer
 * give the reversal of a still-pending earn the same availableAt, so a refund inside the
 * pending period takes the points off pending rather than driving the balance negative.
 *
 * lifetimeEarned counts earned points whether or not they are spendable yet.
 */
export function balanceFigures(movements: LedgerMovement[], now: Date): BalanceFigures {
  let balance = 0;
  let pending = 0;
  let lifetimeEarned = 0;
  for (const m of movements) {
    const waiting = m.availableAt !== null && m.availableAt.getTime() > now.getTime();
    if (waiting) pending += m.points;
    else balance += m.points;

    if (m.kind === "earn" || m.kind === "import" || m.kind === "reverse")
      lifetimeEarned += m.points;
    else if (m.kind === "adjust" && m.points > 0) lifetimeEarned += m.points;
  }
  return { balance, pending, lifetimeEarned };
}
