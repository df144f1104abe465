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
  let due = 0;
  for (const lot of lotsLeft(movements))
    if (lot.createdAt + days * DAY_MS <= at.getTime()) due += lot.left;
  return due;
}

/** The lots oldest first, with what the pooled outflow (dueAfterEarning) left of each. */
function lotsLeft(
  movements: LedgerMovement[],
): { createdAt: number; left: Points; surplus: boolean }[] {
  const lots = movements
    .filter(isLot)
    .map((m) => ({ points: m.points, createdAt: m.createdAt.getTime(), surplus: false }));
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
    // More given back than ever taken: only a malformed or partially imported history does this.
    // The surplus is still in the balance, so it ages as a lot from the last give-back.
    // (Expiries stay out of this netting, so that they always eat the lots that fell due.)
    lots.push({ points: -spent, createdAt: lastGiveBack, surplus: true });
    spent = 0;
  }
  let unconsumed = Math.max(0, spent + expired);
  // Stable sort: lots created at the same instant keep ledger order.
  lots.sort((a, b) => a.createdAt - b.createdAt);
  return lots.map((lot) => {
    const eaten = Math.min(unconsumed, lot.points);
    unconsumed -= eaten;
    return { createdAt: lot.createdAt, left: lot.points - eaten, surplus: lot.surplus };
  });
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
  return Math.max(
    0,
    movements.reduce((sum, m) => sum + m.points, 0),
  );
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

/** Instants at which more points can fall due: each lot's due time, or the inactivity deadline. */
function dueInstants(movements: LedgerMovement[], policy: ExpiryPolicy): number[] {
  if (policy.mode === "after_earning") {
    return movements.filter(isLot).map((m) => m.createdAt.getTime() + policy.days * DAY_MS);
  }
  if (policy.mode === "after_inactivity") {
    let lastActivity = -Infinity;
    for (const m of movements)
      if (m.kind !== "expire") lastActivity = Math.max(lastActivity, m.createdAt.getTime());
    return lastActivity === -Infinity ? [] : [lastActivity + policy.days * DAY_MS];
  }
  return [];
}

/**
 * The "points expiring soon" signal: how many points fall due within `noticeDays` after `now`
 * and when the first of them do (null when none). Points already overdue at `now` belong to the
 * expiry job, not to the notice.
 */
export function expiringSoon(
  movements: LedgerMovement[],
  policy: ExpiryPolicy,
  now: Date,
  noticeDays: number,
): { points: Points; at: Date | null } {
  if (policy.mode === "none" || noticeDays <= 0) return { points: 0, at: null };
  const until = new Date(now.getTime() + noticeDays * DAY_MS);
  const points = pointsExpiringBetween(movements, policy, now, until);
  if (points <= 0) return { points: 0, at: null };
  const overdue = expiringPoints(movements, policy, now);
  const candidates = [...new Set(dueInstants(movements, policy))]
    .filter((t) => t > now.getTime() && t <= until.getTime())
    .sort((a, b) => a - b);
  for (const t of candidates) {
    if (expiringPoints(movements, policy, new Date(t)) > overdue)
      return { points, at: new Date(t) };
  }
  return { points, at: until };
}

/**
 * What the expiry job appends now, with the part of its idempotency key that names what expired:
 * - after_earning: the FIFO position reached, i.e. the member's total expired points after this
 *   entry. Lots expire oldest first, so that total identifies which lots (and how much of them)
 *   are gone; a rerun finds nothing due, and two runners reading the same ledger write the same key.
 * - after_inactivity: the inactivity period, named by its last activity; a new activity opens a new
 *   period and so a new key.
 */
export function expiryToRecord(
  movements: LedgerMovement[],
  policy: ExpiryPolicy,
  now: Date,
): { points: Points; keySuffix: string } | null {
  const due = expiringPoints(movements, policy, now);
  if (due <= 0) return null;
  if (policy.mode === "after_inactivity") {
    const [deadline] = dueInstants(movements, policy);
    return {
      points: due,
      keySuffix: `inactive:${new Date(deadline - policy.days * DAY_MS).toISOString()}`,
    };
  }
  let expired = 0;
  for (const m of movements) if (m.kind === "expire") expired -= m.points;
  return { points: due, keySuffix: `fifo:${expired + due}` };
}

/**
 * The next instant at which, without new ledger activity, what is due or what is "expiring soon"
 * can change: a lot (or the inactivity deadline) entering the notice window or falling due. Null
 * when nothing will. The expiry job skips a member until then, unless their ledger changes.
 */
export function nextExpiryCheck(
  movements: LedgerMovement[],
  policy: ExpiryPolicy,
  now: Date,
  noticeDays: number,
): Date | null {
  if (policy.mode === "none") return null;
  let next = Infinity;
  for (const due of dueInstants(movements, policy)) {
    for (const t of [due - Math.max(0, noticeDays) * DAY_MS, due])
      if (t > now.getTime() && t < next) next = t;
  }
  return next === Infinity ? null : new Date(next);
}

/**
 * What a member sees as "N points expire on D" (the account page, POS): the points of the next
 * instant at which more fall due, if nothing else happens. Points already overdue (the expiry job
 * has not run yet) come first, due now. Null when nothing will expire.
 */
export function nextExpiry(
  movements: LedgerMovement[],
  policy: ExpiryPolicy,
  now: Date,
): { points: Points; at: Date } | null {
  if (policy.mode === "none") return null;
  if (policy.mode === "after_earning") return nextAfterEarning(movements, policy.days, now);
  const overdue = expiringPoints(movements, policy, now);
  if (overdue > 0) return { points: overdue, at: now };
  const instants = [...new Set(dueInstants(movements, policy))]
    .filter((t) => t > now.getTime())
    .sort((a, b) => a - b);
  for (const t of instants) {
    const points = expiringPoints(movements, policy, new Date(t)) - overdue;
    if (points > 0) return { points, at: new Date(t) };
  }
  return null;
}

/**
 * nextExpiry for after_earning in one FIFO pass (asking expiringPoints at every lot's due instant
 * cost n² — 8 s of CPU for a 10,000-entry ledger): the overdue remainder is due now; otherwise the
 * first lot's due instant by which anything left falls due, with all that falls due by then.
 */
function nextAfterEarning(
  movements: LedgerMovement[],
  days: number,
  now: Date,
): { points: Points; at: Date } | null {
  const lots = lotsLeft(movements);
  let overdue = 0;
  for (const lot of lots) if (lot.createdAt + days * DAY_MS <= now.getTime()) overdue += lot.left;
  if (overdue > 0) return { points: overdue, at: now };
  let due = 0;
  // Only real lots' due instants count (dueInstants), not the surplus of a malformed history.
  let realLotAtInstant = false;
  for (let index = 0; index < lots.length; index++) {
    const lot = lots[index];
    due += lot.left;
    realLotAtInstant ||= !lot.surplus;
    if (lots[index + 1]?.createdAt === lot.createdAt) continue;
    if (due > 0 && realLotAtInstant)
      return { points: due, at: new Date(lot.createdAt + days * DAY_MS) };
    realLotAtInstant = false;
  }
  return null;
}

/** A lot as the newest-first read of a member's lots gives it (isLot: positive earn, import, adjust). */
export interface Lot {
  points: Points;
  createdAt: Date;
}

/**
 * nextExpiry for after_earning without the whole ledger, for a member whose ledger sums to `total`
 * (their cached balance + pending): FIFO leaves exactly the newest lots that make up `total`, so
 * only those are needed, newest first (ties in any order). That holds when no more is ever given
 * back than was taken (a release returns a redemption's points), as in every ledger Tally writes;
 * a history without it is nextExpiry's "surplus" case and needs the whole ledger.
 * "incomplete": the lots given do not reach `total` — read more of them, or the whole ledger.
 */
export function nextExpiryFromNewestLots(
  newestLots: readonly Lot[],
  total: Points,
  days: number,
  now: Date,
): { points: Points; at: Date } | null | "incomplete" {
  if (total <= 0) return null;
  let newer = 0;
  let overdue = 0;
  let oldest: { points: Points; createdAt: number } | null = null;
  for (const lot of newestLots) {
    const alive = Math.min(lot.points, total - newer);
    const createdAt = lot.createdAt.getTime();
    if (createdAt + days * DAY_MS <= now.getTime()) overdue += alive;
    oldest =
      oldest && oldest.createdAt === createdAt
        ? { points: oldest.points + alive, createdAt }
        : { points: alive, createdAt };
    newer += lot.points;
    if (newer >= total) break;
  }
  if (newer < total || !oldest) return "incomplete";
  if (overdue > 0) return { points: overdue, at: now };
  return { points: oldest.points, at: new Date(oldest.createdAt + days * DAY_MS) };
}

/**
 * nextExpiry for after_inactivity from two figures: the member's last movement that was not an
 * expiry (null: none) and what their ledger sums to (balance + pending).
 */
export function nextInactivityExpiry(
  lastActivity: Date | null,
  total: Points,
  days: number,
  now: Date,
): { points: Points; at: Date } | null {
  if (lastActivity === null || total <= 0) return null;
  const deadline = lastActivity.getTime() + days * DAY_MS;
  return { points: total, at: deadline <= now.getTime() ? now : new Date(deadline) };
}
