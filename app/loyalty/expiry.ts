// Point expiry from the ledger alone (design §1: "N days after earning, FIFO lots, or after
// N days without activity"). The result is what an expiry job should append as one "expire"
// entry now; recorded expiries are part of the input, so running the job twice is harmless.
import type { ExpiryPolicy, LedgerMovement, Points } from "./types";

const DAY_MS = 86_400_000;

/** Points that came in and can age: positive earn, import and staff adjustments. */
function isLot(m: LedgerMovement): boolean {
  return m.points > 0 && (m.kind === "earn" || m.kind === "import" || m.kind === "adjust");
}

/**
 * after_earning, FIFO: every outflow (redeem, reverse, negative adjust, recorded expire) eats
 * the oldest lots first, releases give back, and whatever is left of each lot is due
 * `days` × 24 h after it was created (due at exactly that instant). A release gives back to
 * the pool, so returned points keep their original age rather than starting a new clock.
 *
 * Outflows are pooled rather than replayed in time order on purpose:
 * - a debt (a reversal that pushed the balance below 0) also eats lots earned later, so those
 *   points are not expired a second time;
 * - points spent after their due date but before the job ran were legitimately spendable
 *   (they were in the balance), so they are not expired again.
 */
function dueAfterEarning(movements: LedgerMovement[], days: number, at: Date): Points {
  const lots = movements.filter(isLot).map((m) => ({ points: m.points, createdAt: m.createdAt.getTime() }));
  let spent = 0;
  let expired = 0;
  let lastGiveBack = -Infinity;
  for (const m of movements) {
    if (isLot(m)) continue;
    if (m.kind === "expire") expired -= m.points;
    else spent -= m.points;
    if (m.points > 0) lastGiveBack = Math.max(lastGiveBack, m.createdAt.getTime());
  }
  if (spent < 0) {
    // More given back than ever taken: only a malformed or partially imported history does
    // this. The surplus is still in the balance, so it ages as a lot from the last give-back.
    // (Expiries stay out of this netting, so that they always eat the lots that fell due.)
    lots.push({ points: -spent, createdAt: lastGiveBack });
    spent = 0;
  }
  const outflow = Math.max(0, spent + expired);
  // Stable sort: lots created at the same instant keep ledger order.
  lots.sort((a, b) => a.createdAt - b.createdAt);
  let unconsumed = outflow;
  let due = 0;
  for (const lot of lots) {
    const eaten = Math.min(unconsumed, lot.points);
    unconsumed -= eaten;
    if (lot.createdAt + days * DAY_MS <= at.getTime()) due += lot.points - eaten;
  }
  return due;
}

/**
 * after_inactivity: once `days` × 24 h have passed since the last movement that was not an
 * expiry, the whole positive balance (pending included) is due. Recorded expiries are in the
 * sum, so after the job has run nothing more is due until the member is active again.
 */
function dueAfterInactivity(movements: LedgerMovement[], days: number, at: Date): Points {
  // A loop, not Math.max(...), so a long history cannot overflow the call stack.
  let lastActivity = -Infinity;
  for (const m of movements) {
    if (m.kind !== "expire") lastActivity = Math.max(lastActivity, m.createdAt.getTime());
  }
  if (lastActivity === -Infinity) return 0;
  if (lastActivity + days * DAY_MS > at.getTime()) return 0;
  return Math.max(0, movements.reduce((sum, m) => sum + m.points, 0));
}

/** Points that should expire at `now` and have not been expired yet. */
export function expiringPoints(
  movements: LedgerMovement[],
  policy: ExpiryPolicy,
  now: Date,
): Points {
  switch (policy.mode) {
    case "none":
      return 0;
    case "after_earning":
      return dueAfterEarning(movements, policy.days, now);
    case "after_inactivity":
      return dueAfterInactivity(movements, policy.days, now);
  }
}

/**
 * Points that will fall due in the window (from, to] if nothing else happens: the
 * "points expiring soon" signal. Points already overdue at `from` are not counted again.
 */
export function pointsExpiringBetween(
  movements: LedgerMovement[],
  policy: ExpiryPolicy,
  from: Date,
  to: Date,
): Points {
  if (to.getTime() <= from.getTime()) return 0;
  return expiringPoints(movements, policy, to) - expiringPoints(movements, policy, from);
}
