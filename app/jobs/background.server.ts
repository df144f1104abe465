// Work that runs beside the web server in every instance: the metafield outbox push and the redemption
// sweeps (codes that expired unused, reservations whose request died).
// Tests drive the services directly, so nothing starts under NODE_ENV=test.
import { SessionNotFoundError } from "@shopify/shopify-app-remix/server";
import { env } from "../config/env.server";
import { getDb, getSql } from "../db.server";
import { log } from "../logger.server";
import { pushDueMetafields } from "../services/metafield-sync.server";
import { sweepExpiredRedemptions } from "../services/redemption-release.server";
import { sweepStaleReservations } from "../services/redemption-void.server";
import { unauthenticated } from "../shopify.server";
import type { AdminGraphqlClient } from "../shopify/admin-client.server";

const METAFIELD_PUSH_INTERVAL_MS = 1000;
// TALLY_REDEMPTION_SWEEP_INTERVAL_MS: bench/cluster runs the sweeps every few hundred ms on every
// instance at once to prove they never release a redemption twice.
const REDEMPTION_SWEEP_INTERVAL_MS = Number(process.env.TALLY_REDEMPTION_SWEEP_INTERVAL_MS) || 60_000;
let started = false;

async function adminFor(shop: string): Promise<AdminGraphqlClient | null> {
  try {
    return (await unauthenticated.admin(shop)).admin;
  } catch (error) {
    if (error instanceof SessionNotFoundError) return null;
    throw error;
  }
}

export function startBackgroundJobs(): void {
  if (started || env.NODE_ENV === "test" || process.env.TALLY_BACKGROUND_JOBS === "0") return;
  started = true;
  const tick = async () => {
    try {
      const result = await pushDueMetafields(getDb(), getSql(), adminFor, new Date());
      if (result.pushed || result.deferred) log.info("metafields pushed", { ...result });
    } catch (error) {
      log.error("metafield push failed", { error: String(error) });
    } finally {
      setTimeout(tick, METAFIELD_PUSH_INTERVAL_MS).unref();
    }
  };
  setTimeout(tick, METAFIELD_PUSH_INTERVAL_MS).unref();

  // Safe on every instance at once: each release is a conditional status change.
  const sweep = async () => {
    try {
      const released = await sweepExpiredRedemptions(getSql(), new Date());
      if (released) log.info("expired reward codes released", { released });
      const stale = await sweepStaleReservations(getSql(), adminFor, new Date());
      if (stale.released || stale.unresolved || stale.deferred) log.info("stale reservations settled", { ...stale });
    } catch (error) {
      log.error("redemption sweep failed", { error: String(error) });
    } finally {
      setTimeout(sweep, REDEMPTION_SWEEP_INTERVAL_MS).unref();
    }
  };
  setTimeout(sweep, REDEMPTION_SWEEP_INTERVAL_MS).unref();
}
