// Settles a redemption whose outcome in Shopify is unknown: the answer to the create call was lost, or
// the process died between reserving the points and recording the code. The code was stored with the
// reservation, so Shopify can be asked whether it exists; if it does, it is deactivated first and only
// then do the points come back, so a shopper can never hold both the code and the points (and never
// for a code Shopify counts as used: it becomes `used`).
// Store credit leaves nothing we can look up, so those points stay held and staff are told.
import type { SqlDatabase } from "../db/sql.server";
import { log } from "../logger.server";
import { staleReservations, transition, type RedemptionRecord } from "../models/redemption.server";
import type { AdminGraphqlClient } from "../shopify/admin-client.server";
import { findRewardCodeDiscount } from "../shopify/reward-codes.server";
import { releaseIfUnused } from "./redemption-release.server";

/** Longer than any create call can take, so a live request is never mistaken for a dead one. */
export const STALE_RESERVATION_MS = 10 * 60_000;

export type VoidOutcome = "released" | "used" | "unresolved" | "already_settled";

export async function voidRedemption(
  db: SqlDatabase,
  admin: AdminGraphqlClient,
  redemption: RedemptionRecord,
  now: Date,
): Promise<VoidOutcome> {
  if (!redemption.code) {
    const flagged = await transition(
      db,
      redemption.id,
      ["reserved", "voiding"],
      "unresolved",
      now,
      {
        failure:
          "Shopify did not confirm the store credit; check the customer's store credit account before returning the points",
      },
    );
    if (flagged)
      log.warn("store credit redemption needs review", {
        shop: redemption.shop,
        redemptionId: redemption.id,
      });
    return flagged ? "unresolved" : "already_settled";
  }
  // The claim stops the original request from recording the code as issued from here on.
  if (
    redemption.status === "reserved" &&
    !(await transition(db, redemption.id, ["reserved"], "voiding", now))
  )
    return "already_settled";
  const discountId = await findRewardCodeDiscount(admin, redemption.code);
  const outcome = await releaseIfUnused(
    db,
    admin,
    redemption,
    discountId,
    ["voiding"],
    "failed",
    now,
    "Shopify's answer was lost; the code was voided",
  );
  return outcome;
}

export interface StaleSweepResult {
  released: number;
  /** Codes Shopify counts as used: their points stay spent. */
  used: number;
  unresolved: number;
  /** Left for the next sweep: Shopify unreachable, or the shop has no session. */
  deferred: number;
}

/** Safe on every instance at once: each step is a conditional status change or an idempotent Shopify call. */
export async function sweepStaleReservations(
  db: SqlDatabase,
  adminFor: (shop: string) => Promise<AdminGraphqlClient | null>,
  now: Date,
  limit = 100,
): Promise<StaleSweepResult> {
  const result: StaleSweepResult = { released: 0, used: 0, unresolved: 0, deferred: 0 };
  for (const redemption of await staleReservations(
    db,
    new Date(now.getTime() - STALE_RESERVATION_MS),
    limit,
  )) {
    try {
      const admin = await adminFor(redemption.shop);
      if (!admin) {
        result.deferred++;
        continue;
      }
      const outcome = await voidRedemption(db, admin, redemption, now);
      if (outcome === "released") result.released++;
      if (outcome === "used") result.used++;
      if (outcome === "unresolved") result.unresolved++;
    } catch (error) {
      result.deferred++;
      log.warn("stale reservation not settled yet", {
        shop: redemption.shop,
        redemptionId: redemption.id,
        error: String(error),
      });
    }
  }
  return result;
}
